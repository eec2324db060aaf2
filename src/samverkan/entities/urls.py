from django.urls import path

from samverkan.entities import views

urlpatterns = [
    path("entities/", views.entities_named, name="entities_named"),
    path("entities/<int:entity_id>/", views.entity_detail, name="entity_detail"),
    path("entities/<int:entity_id>/judgement/", views.entity_judgement, name="entity_judgement"),
    path("judgements/<int:judgement_id>/split/", views.entity_split_view, name="entity_split"),
]
