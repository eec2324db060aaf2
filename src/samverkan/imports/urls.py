"""Import pages under ``/imports/``."""

from django.urls import path

from samverkan.imports import views

urlpatterns = [
    path("imports/", views.import_list, name="import_list"),
    path("imports/new/<str:token>/", views.import_mapping, name="import_mapping"),
    path("imports/<int:job_id>/", views.import_detail, name="import_detail"),
    path("imports/<int:job_id>/resume/", views.import_resume, name="import_resume"),
]
