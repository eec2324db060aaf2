"""Shared fixtures: named personas, as in the product's tour.

Each persona's comment says who they are and what they must (not) see.
"""

from __future__ import annotations

import pytest
from django.conf import settings

from samverkan.access.models import Organisation, OrganisationKind, User

PASSWORD = "correct horse battery staple"


def pytest_configure(config: pytest.Config) -> None:
    """Serve static files from the source tree: tests do not run collectstatic."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True


def _organisation(code: str, kind: OrganisationKind, country: str, name: str) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(
        code=code, defaults={"kind": kind, "country": country, "name": name}
    )
    return organisation


def _user(username: str, organisation: Organisation | None, first_name: str) -> User:
    return User.objects.create_user(
        username=username, password=PASSWORD, organisation=organisation, first_name=first_name
    )


@pytest.fixture
def postal_agent(db: None) -> User:
    """Works at a Swedish postal agent's shop; reports letters, sees only their own reports."""
    shop = _organisation(
        "se-agent-ica-tallbacken", OrganisationKind.POSTAL_AGENT, "SE", "ICA Nära Tallbacken"
    )
    return _user("postal_agent", shop, "Lena")


@pytest.fixture
def customs_officer(db: None) -> User:
    """A Swedish customs officer; registers seizures."""
    customs = _organisation("se-customs", OrganisationKind.CUSTOMS, "SE", "Tullverket")
    return _user("customs_officer", customs, "Jonas")


@pytest.fixture
def oslo_coordinator(db: None) -> User:
    """Coordinates follow-up in Oslo police district."""
    oslo = _organisation(
        "no-district-oslo", OrganisationKind.POLICE_DISTRICT, "NO", "Oslo politidistrikt"
    )
    return _user("oslo_coordinator", oslo, "Nina")


@pytest.fixture
def outsider(db: None) -> User:
    """Has an account but no organisation: must see nothing at all."""
    return _user("outsider", None, "Otto")
