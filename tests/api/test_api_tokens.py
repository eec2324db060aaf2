"""Administrators make, list and revoke their organisation's API tokens; nobody else can."""

from __future__ import annotations

import re
import uuid

import pytest
from django.test import Client

from samverkan.access.models import User
from samverkan.access.policy import Forbidden, NotFound
from samverkan.api.credentials import secret_digest
from samverkan.api.models import ApiToken
from samverkan.api.services import ApiTokenRejectedError, api_token_create, api_token_revoke
from samverkan.audit.models import AuditEvent
from tests.api.conftest import Issued
from tests.api.openapi_client import ApiClient
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

PAGE = "/settings/api-tokens/"
TOKEN = re.compile(r"svk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}")


def _create(client: Client, name: str, scopes: list[str]) -> str:
    form = {"name": name, "scopes": scopes, "form_id": str(uuid.uuid4())}
    response = client.post(PAGE, form, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def test_admin_creates_a_token_shown_once_that_then_works(
    client: Client, postnord_admin: User
) -> None:
    login_verified(client, postnord_admin)
    html = _create(client, "Sorting centre Rosersberg", ["reports:submit", "reports:read"])
    shown = TOKEN.findall(html)
    assert len(shown) == 1
    assert "shown only this once" in html
    assert "no-store" in client.get(PAGE)["Cache-Control"]
    token = ApiToken.objects.get()
    assert token.organisation == postnord_admin.organisation
    assert token.created_by == postnord_admin
    assert token.scopes == ["reports:read", "reports:submit"]
    assert token.secret_sha256 == secret_digest(shown[0].split("_", 2)[2])
    assert shown[0] not in str(ApiToken.objects.values_list())
    assert ApiClient(shown[0]).get("/api/v1/reports").status == 200
    created = AuditEvent.objects.get(object_type="api_token")
    assert (created.action, created.actor) == ("change", postnord_admin)
    assert created.details["change"] == "created"
    assert shown[0] not in str(created.details)


def test_the_list_never_shows_a_secret(
    client: Client, postnord_admin: User, postnord_token: Issued
) -> None:
    login_verified(client, postnord_admin)
    html = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Sorting system" in html
    assert f"svk_{postnord_token.token.prefix}_" in html
    assert postnord_token.secret not in html
    assert not TOKEN.search(html)


def test_a_token_needs_a_name_and_a_scope(client: Client, postnord_admin: User) -> None:
    login_verified(client, postnord_admin)
    html = _create(client, "  ", [])
    assert not TOKEN.search(html)
    assert "Choose at least one" in html
    html = _create(client, "Unknown scope", ["reports:delete"])
    assert not TOKEN.search(html)
    assert not ApiToken.objects.exists()


def test_admin_revokes_a_token_and_the_system_is_refused(
    client: Client, postnord_admin: User, postnord_token: Issued
) -> None:
    login_verified(client, postnord_admin)
    assert client.get(f"{PAGE}{postnord_token.token.pk}/revoke/").status_code == 405
    response = client.post(f"{PAGE}{postnord_token.token.pk}/revoke/")
    assert response.status_code == 302
    postnord_token.token.refresh_from_db()
    assert postnord_token.token.revoked_at is not None
    assert postnord_token.token.revoked_by == postnord_admin
    assert ApiClient(postnord_token.secret).get("/api/v1/reports").status == 401
    revoked = AuditEvent.objects.filter(object_type="api_token").last()
    assert revoked is not None
    assert revoked.details["change"] == "revoked"
    html = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "revoked" in html


def test_another_organisations_admin_cannot_revoke_and_sees_404(
    client: Client, bring_admin: User, postnord_token: Issued
) -> None:
    login_verified(client, bring_admin)
    foreign = client.post(f"{PAGE}{postnord_token.token.pk}/revoke/")
    missing = client.post(f"{PAGE}{postnord_token.token.pk + 1000}/revoke/")
    assert foreign.status_code == missing.status_code == 404
    html = client.get(PAGE).content.decode()
    assert "Sorting system" not in html
    assert postnord_token.token.prefix not in html
    postnord_token.token.refresh_from_db()
    assert postnord_token.token.revoked_at is None
    with pytest.raises(NotFound):
        api_token_revoke(by=bring_admin, token_id=postnord_token.token.pk)


@pytest.mark.parametrize("persona", ["postal_agent", "customs_officer", "outsider"])
def test_non_admins_get_404(
    client: Client, persona: str, request: pytest.FixtureRequest, postnord_token: Issued
) -> None:
    user: User = request.getfixturevalue(persona)
    login_verified(client, user)
    assert client.get(PAGE).status_code == 404
    assert client.post(PAGE, {"name": "x", "scopes": ["reports:read"]}).status_code == 404
    assert client.post(f"{PAGE}{postnord_token.token.pk}/revoke/").status_code == 404
    assert ApiToken.objects.count() == 1
    with pytest.raises(Forbidden):
        api_token_create(by=user, name="x", scopes=["reports:read"])


def test_an_admin_who_lost_the_role_cannot_use_the_page(
    client: Client, postnord_admin: User
) -> None:
    login_verified(client, postnord_admin)
    assert client.get(PAGE).status_code == 200
    postnord_admin.roles = ["reporter"]
    postnord_admin.save(update_fields=["roles"])
    assert client.get(PAGE).status_code == 404


def test_a_municipalitys_admin_makes_no_tokens(client: Client) -> None:
    from samverkan.access.models import Organisation, OrganisationKind

    town = Organisation.objects.create(
        code="se-kommun-solna", kind=OrganisationKind.MUNICIPALITY, country="SE", name="Solna"
    )
    admin = User.objects.create(username="solna_admin", organisation=town, roles=["admin"])
    login_verified(client, admin)
    assert client.get(PAGE).status_code == 404


def test_anonymous_visitors_are_sent_to_login(client: Client) -> None:
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_the_service_refuses_bad_names_and_scopes(postnord_admin: User) -> None:
    for name, scopes in [("", ["reports:read"]), ("a\x00b", ["reports:read"]), ("ok", [])]:
        with pytest.raises(ApiTokenRejectedError):
            api_token_create(by=postnord_admin, name=name, scopes=scopes)
    with pytest.raises(ApiTokenRejectedError):
        api_token_create(by=postnord_admin, name="ok", scopes=["everything"])
    assert not ApiToken.objects.exists()


def test_revoking_twice_changes_nothing(postnord_admin: User, postnord_token: Issued) -> None:
    first = api_token_revoke(by=postnord_admin, token_id=postnord_token.token.pk)
    again = api_token_revoke(by=postnord_admin, token_id=postnord_token.token.pk)
    assert first.revoked_at == again.revoked_at
    assert AuditEvent.objects.filter(details__change="revoked").count() == 1
