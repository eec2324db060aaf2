"""Logging in: second factor for privileged roles, lockout, session ends, disabled accounts."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from samverkan.access.middleware import LOGIN_AT
from samverkan.access.models import User
from tests.conftest import PASSWORD, login_verified

pytestmark = pytest.mark.django_db


def _code(device: TOTPDevice, offset: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, drift=offset):06d}"


def _password_login(client: Client, username: str) -> None:
    response = client.post("/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302


def test_officer_enrols_an_authenticator_app_then_gets_in(
    client: Client, customs_officer: User
) -> None:
    _password_login(client, "customs_officer")
    held = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert held.status_code == 302
    assert held["Location"].startswith("/login/second-factor/")
    page = client.get("/login/second-factor/?next=/", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert "Scan this code" in html
    assert 'src="data:image/svg+xml' in html
    device = TOTPDevice.objects.get(user=customs_officer)
    assert not device.confirmed
    wrong = client.post("/login/second-factor/", {"code": "000000", "next": "/"})
    assert wrong.status_code == 200
    assert client.get("/").status_code == 302
    time.sleep(1.1)  # each wrong code doubles the wait before the next try, from one second
    right = client.post("/login/second-factor/", {"code": _code(device), "next": "/"})
    assert right.status_code == 302
    assert right["Location"] == "/"
    assert client.get("/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_enrolled_officer_is_asked_for_a_code_not_shown_the_key(
    client: Client, customs_officer: User
) -> None:
    TOTPDevice.objects.create(user=customs_officer, name="phone", confirmed=True)
    _password_login(client, "customs_officer")
    html = client.get("/login/second-factor/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Enter the six-digit code" in html
    assert "data:image/svg+xml" not in html


def test_a_code_cannot_be_used_twice(client: Client, customs_officer: User) -> None:
    device = TOTPDevice.objects.create(user=customs_officer, name="phone", confirmed=True)
    _password_login(client, "customs_officer")
    code = _code(device)
    assert client.post("/login/second-factor/", {"code": code}).status_code == 302
    other = Client()
    _password_login(other, "customs_officer")
    assert other.post("/login/second-factor/", {"code": code}).status_code == 200
    assert other.get("/").status_code == 302


def test_a_postal_agent_needs_no_second_factor(client: Client, postal_agent: User) -> None:
    _password_login(client, "postal_agent")
    assert client.get("/").status_code == 200


def test_five_failures_lock_the_account_even_for_the_right_password(
    client: Client, postal_agent: User
) -> None:
    for _ in range(5):
        client.post("/login/", {"username": "postal_agent", "password": "guess"})
    locked = client.post(
        "/login/", {"username": "postal_agent", "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert locked.status_code == 429
    assert "locked for 15 minutes" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_message_in_swedish(client: Client, postal_agent: User) -> None:
    for _ in range(6):
        response = client.post(
            "/login/", {"username": "postal_agent", "password": "x"}, HTTP_ACCEPT_LANGUAGE="sv"
        )
    assert "låst i 15 minuter" in response.content.decode()


def test_a_disabled_account_is_refused_on_its_next_request(
    client: Client, postal_agent: User
) -> None:
    _password_login(client, "postal_agent")
    assert client.get("/").status_code == 200
    User.objects.filter(pk=postal_agent.pk).update(is_active=False)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_login_issues_a_new_session_id(client: Client, postal_agent: User) -> None:
    client.get("/login/")
    client.cookies["sessionid"] = "attacker-chosen"
    _password_login(client, "postal_agent")
    assert client.cookies["sessionid"].value != "attacker-chosen"


def test_sessions_end_after_the_absolute_lifetime(
    client: Client, oslo_coordinator: User, settings: object
) -> None:
    login_verified(client, oslo_coordinator)
    assert client.get("/").status_code == 200
    session = client.session
    session[LOGIN_AT] = time.time() - 9 * 3600
    session.save()
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
    assert client.get("/").status_code == 302


def test_pages_carry_a_content_security_policy(client: Client) -> None:
    response = client.get("/login/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
