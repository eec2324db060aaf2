"""The API under ``/api/`` and the administrators' token pages under ``/settings/api-tokens/``."""

from django.urls import path

from samverkan.api import views
from samverkan.api.endpoints import api

urlpatterns = [
    path("api/", api.urls),
    path("settings/api-tokens/", views.api_tokens, name="api_tokens"),
    path(
        "settings/api-tokens/<int:token_id>/revoke/",
        views.api_token_revoke,
        name="api_token_revoke",
    ),
]
