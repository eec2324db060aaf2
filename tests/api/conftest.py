"""Personas of the API tests: two postal operators' administrators and their systems' tokens.

- ``postnord_admin`` administers PostNord Sverige; makes its tokens.
- ``bring_admin`` administers Posten Bring (Norway); must never see or touch
  PostNord's tokens or reports.
- ``postnord_token`` may submit and read; ``submit_only_token`` may only submit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from samverkan.access.models import Organisation, OrganisationKind, User
from samverkan.api.models import ApiScope, ApiToken
from samverkan.api.services import api_token_create
from tests.api.openapi_client import ApiClient

BOTH_SCOPES = [ApiScope.REPORTS_SUBMIT.value, ApiScope.REPORTS_READ.value]


@dataclass(frozen=True)
class Issued:
    token: ApiToken
    secret: str


def _admin(username: str, code: str, name: str, country: str) -> User:
    organisation = Organisation.objects.create(
        code=code, kind=OrganisationKind.POSTAL_OPERATOR, country=country, name=name
    )
    # No password: tests log in with login_verified, and hashing one costs a tenth of a second.
    return User.objects.create(
        username=username,
        organisation=organisation,
        first_name=username.split("_")[0].title(),
        roles=["admin"],
    )


@pytest.fixture
def postnord_admin(db: None) -> User:
    """Administers PostNord Sverige and its systems' tokens."""
    return _admin("postnord_admin", "se-postnord", "PostNord Sverige", "SE")


@pytest.fixture
def bring_admin(db: None) -> User:
    """Administers Posten Bring in Norway: a stranger to everything of PostNord's."""
    return _admin("bring_admin", "no-posten-bring", "Posten Bring", "NO")


@pytest.fixture
def postnord_token(postnord_admin: User) -> Issued:
    token, secret = api_token_create(by=postnord_admin, name="Sorting system", scopes=BOTH_SCOPES)
    return Issued(token, secret)


@pytest.fixture
def submit_only_token(postnord_admin: User) -> Issued:
    token, secret = api_token_create(
        by=postnord_admin, name="Counter app", scopes=[ApiScope.REPORTS_SUBMIT.value]
    )
    return Issued(token, secret)


@pytest.fixture
def bring_token(bring_admin: User) -> Issued:
    token, secret = api_token_create(by=bring_admin, name="Bring terminal", scopes=BOTH_SCOPES)
    return Issued(token, secret)


@pytest.fixture
def postnord(postnord_token: Issued) -> ApiClient:
    """PostNord's sorting system, talking to the API with its token."""
    return ApiClient(postnord_token.secret)


@pytest.fixture
def bring(bring_token: Issued) -> ApiClient:
    return ApiClient(bring_token.secret)


def postal_item(external_id: str, **changes: Any) -> dict[str, Any]:
    """A suspicious letter as a postal operator's system reports it."""
    report: dict[str, Any] = {
        "kind": "postal_item",
        "external_id": external_id,
        "occurred_at": "2026-03-02T08:15:00+01:00",
        "handling": {"tlp": "AMBER"},
        "place": {"country": "SE", "municipality_code": "0180", "postcode": "11122"},
        "summary": "Letter smells of cannabis; vacuum packed.",
        "subjects": [
            {
                "ref": "item",
                "role": "item",
                "mentions": [{"kind": "postal_item", "value": "RR123456785SE"}],
            },
            {
                "ref": "recipient",
                "role": "recipient",
                "mentions": [
                    {"kind": "person_name", "value": "Kalle Svensson"},
                    {"kind": "address", "value": "Storgatan 1, 111 22 Stockholm"},
                ],
            },
        ],
        "item": {"format": "letter", "weight_grams": 40, "suspicion": ["smell", "vacuum_packed"]},
    }
    report.update(changes)
    return report
