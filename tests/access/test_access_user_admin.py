"""Administrators manage their own organisation's users, and nobody else's."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from samverkan.access.models import User
from samverkan.audit.models import AuditEvent
from tests.conftest import PASSWORD, login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def customs_admin(customs_officer: User) -> User:
    """Administers Tullverket's users."""
    return User.objects.create_user(
        username="customs_admin", organisation=customs_officer.organisation, roles=["admin"]
    )


@pytest.fixture
def oslo_admin(oslo_coordinator: User) -> User:
    """Administers Oslo police district's users: a stranger to Tullverket."""
    return User.objects.create_user(
        username="oslo_admin", organisation=oslo_coordinator.organisation, roles=["admin"]
    )


def test_admin_adds_an_officer_who_can_then_log_in(client: Client, customs_admin: User) -> None:
    login_verified(client, customs_admin)
    response = client.post(
        "/settings/users/",
        {
            "username": "new_officer",
            "full_name": "Nils Nyberg",
            "roles": ["officer"],
            "password": "a long enough passphrase",
        },
    )
    assert response.status_code == 302
    created = User.objects.get(username="new_officer")
    assert created.organisation == customs_admin.organisation
    assert created.roles == ["officer"]
    event = AuditEvent.objects.get(object_type="user", object_id=str(created.pk))
    assert event.details["change"] == "created"
    fresh = Client()
    fresh.post("/login/", {"username": "new_officer", "password": "a long enough passphrase"})
    assert "_auth_user_id" in fresh.session


def test_roles_of_other_organisation_kinds_are_refused(client: Client, customs_admin: User) -> None:
    login_verified(client, customs_admin)
    client.post(
        "/settings/users/",
        {"username": "x", "full_name": "X Y", "roles": ["reporter"], "password": PASSWORD},
    )
    assert not User.objects.filter(username="x").exists()


def test_admin_disables_and_the_session_ends(
    client: Client, customs_admin: User, postal_agent: User, customs_officer: User
) -> None:
    officer = Client()
    login_verified(officer, customs_officer)
    assert officer.get("/").status_code == 200
    login_verified(client, customs_admin)
    client.post(f"/settings/users/{customs_officer.pk}/", {"action": "disable"})
    assert officer.get("/").status_code == 302


@pytest.mark.parametrize("action", ["disable", "enable", "reset_second_factor", "unlock", "roles"])
def test_admin_of_another_organisation_gets_not_found(
    client: Client, oslo_admin: User, customs_officer: User, action: str
) -> None:
    TOTPDevice.objects.create(user=customs_officer, name="phone", confirmed=True)
    login_verified(client, oslo_admin)
    response = client.post(
        f"/settings/users/{customs_officer.pk}/", {"action": action, "roles": ["admin"]}
    )
    missing = client.post("/settings/users/999999/", {"action": action, "roles": ["admin"]})
    assert response.status_code == missing.status_code == 404
    customs_officer.refresh_from_db()
    assert customs_officer.is_active
    assert customs_officer.roles == ["officer"]
    assert TOTPDevice.objects.filter(user=customs_officer).exists()


@pytest.mark.parametrize("persona", ["customs_officer", "postal_agent", "oslo_coordinator"])
def test_non_admins_cannot_reach_user_pages(
    client: Client, persona: str, request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(persona)
    login_verified(client, user)
    assert client.get("/settings/users/").status_code == 404
    assert client.post(f"/settings/users/{user.pk}/", {"action": "enable"}).status_code == 404


def test_an_officer_cannot_grant_themselves_admin(client: Client, customs_officer: User) -> None:
    login_verified(client, customs_officer)
    client.post(f"/settings/users/{customs_officer.pk}/", {"action": "roles", "roles": ["admin"]})
    customs_officer.refresh_from_db()
    assert customs_officer.roles == ["officer"]


def test_reset_second_factor_makes_the_user_enrol_again(
    client: Client, customs_admin: User, customs_officer: User
) -> None:
    TOTPDevice.objects.create(user=customs_officer, name="lost phone", confirmed=True)
    login_verified(client, customs_admin)
    client.post(f"/settings/users/{customs_officer.pk}/", {"action": "reset_second_factor"})
    assert not TOTPDevice.objects.filter(user=customs_officer).exists()
