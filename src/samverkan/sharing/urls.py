from django.urls import path

from samverkan.sharing import views

urlpatterns = [
    path("entities/<int:entity_id>/ask/", views.request_ask, name="request_ask"),
    path("requests/", views.request_list, name="request_list"),
    path("requests/<int:request_id>/answer/", views.request_answer, name="request_answer"),
]
