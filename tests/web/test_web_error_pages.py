"""Error pages speak the reader's language and keep the page's frame."""

from __future__ import annotations

import pytest
from django.test import Client

from samverkan.access.models import User
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db


def test_a_missing_entity_is_a_plain_not_found_in_swedish(
    client: Client, customs_officer: User
) -> None:
    login_verified(client, customs_officer)
    client.post("/purpose/", {"reference": "op-vinterljus"})
    response = client.get("/entities/999999/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "<h1>Hittades inte</h1>" in page
    assert 'class="topbar"' in page
    english = client.get("/entities/999999/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "There is nothing here, or nothing you may see." in english
