from django.urls import path

from samverkan.leads import views

urlpatterns = [
    path("leads/", views.lead_board, name="lead_board"),
    path("leads/passed-on/", views.leads_passed_on, name="leads_passed_on"),
    path("leads/<int:lead_id>/", views.lead_detail, name="lead_detail"),
    path("notifications/", views.notifications, name="notifications"),
    path("entities/<int:entity_id>/lead/", views.lead_make_view, name="lead_make"),
]
