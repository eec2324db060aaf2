from django.urls import path

from samverkan.entities import review_views, views

urlpatterns = [
    path("entities/", views.entities_named, name="entities_named"),
    path("entities/<int:entity_id>/", views.entity_detail, name="entity_detail"),
    path("entities/<int:entity_id>/judgement/", views.entity_judgement, name="entity_judgement"),
    path("judgements/<int:judgement_id>/split/", views.entity_split_view, name="entity_split"),
    path("review/", review_views.review_queue, name="review_queue"),
    path("review/near/", review_views.near_pairs, name="near_pairs"),
    path("review/<int:pair_id>/", review_views.review_pair, name="review_pair"),
    path(
        "review/<int:pair_id>/decision/",
        review_views.review_pair_decision,
        name="review_pair_decision",
    ),
]
