"""Shared fixtures: named personas, as in the product's tour.

Each persona's comment says who they are and what they must (not) see.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import hypothesis
import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from huey.contrib.djhuey import HUEY

from samverkan.access.models import Organisation, OrganisationKind, User

PASSWORD = "correct horse battery staple"

# CI runs the same examples every time, so a red run is reproducible; locally
# hypothesis explores anew on each run.
hypothesis.settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis.settings.load_profile("ci")


def pytest_configure(config: pytest.Config) -> None:
    """Serve static files from the source tree: tests do not run collectstatic."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    # Jobs run at once, in the test's own thread and transaction.
    HUEY.immediate = True


def _organisation(code: str, kind: OrganisationKind, country: str, name: str) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(
        code=code, defaults={"kind": kind, "country": country, "name": name}
    )
    return organisation


def _user(
    username: str, organisation: Organisation | None, first_name: str, roles: list[str]
) -> User:
    return User.objects.create_user(
        username=username,
        password=PASSWORD,
        organisation=organisation,
        first_name=first_name,
        roles=roles,
    )


def login_verified(client: Client, user: User) -> TOTPDevice:
    """Log in as someone who has also given their second factor."""
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


@pytest.fixture(autouse=True)
def _audit_trail_emptied_before_flush(request: pytest.FixtureRequest) -> Iterator[None]:
    """Tests that commit leave audit events; the database refuses to delete them.

    Django flushes the tables after such a test. Lift the append-only guard
    for that moment only, the way a database administrator would.
    """
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )
    if not transactional:
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")
            cursor.execute("DELETE FROM audit_auditevent")
            cursor.execute("SET session_replication_role = origin")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS audit_event_no_delete")
            cursor.execute("DELETE FROM audit_auditevent")
            cursor.execute(
                "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_auditevent"
                " BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END"
            )


@pytest.fixture
def postal_agent(db: None) -> User:
    """Works at a Swedish postal agent's shop; reports letters, sees only their own reports."""
    shop = _organisation(
        "se-agent-ica-tallbacken", OrganisationKind.POSTAL_AGENT, "SE", "ICA Nära Tallbacken"
    )
    return _user("postal_agent", shop, "Lena", ["reporter"])


@pytest.fixture
def customs_officer(db: None) -> User:
    """A Swedish customs officer; registers seizures."""
    customs = _organisation("se-customs", OrganisationKind.CUSTOMS, "SE", "Tullverket")
    return _user("customs_officer", customs, "Jonas", ["officer"])


@pytest.fixture
def oslo_coordinator(db: None) -> User:
    """Coordinates follow-up in Oslo police district."""
    oslo = _organisation(
        "no-district-oslo", OrganisationKind.POLICE_DISTRICT, "NO", "Oslo politidistrikt"
    )
    return _user("oslo_coordinator", oslo, "Nina", ["coordinator"])


@pytest.fixture
def kripos_analyst(db: None) -> User:
    """An analyst at Kripos (Norway) who merges entities and decides on pairs to review."""
    kripos = _organisation("no-kripos", OrganisationKind.NATIONAL_POLICE, "NO", "Kripos")
    return _user("kripos_analyst", kripos, "Kari", ["analyst"])


@pytest.fixture
def outsider(db: None) -> User:
    """Has an account but no organisation: must see nothing at all."""
    return _user("outsider", None, "Otto", [])
