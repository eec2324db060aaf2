"""Only a live token with the right scope gets in; nothing else does, on any route."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from samverkan.access.models import User
from samverkan.api.services import api_token_revoke
from samverkan.audit.models import AuditEvent
from samverkan.intake.models import Report
from tests.api.conftest import Issued, postal_item
from tests.api.openapi_client import ApiClient, openapi_document
from tests.conftest import login_verified
from tests.intake.photo_files import plain_jpeg

pytestmark = pytest.mark.django_db

ROUTES = [
    ("POST", "/api/v1/reports"),
    ("GET", "/api/v1/reports"),
    ("GET", "/api/v1/reports/1"),
    ("PUT", "/api/v1/reports/1/photo"),
]


def _call(client: ApiClient, method: str, path: str, token: str) -> tuple[int, Any]:
    if method == "POST":
        answer = client.post(path, postal_item("AUTH-1"), token=token)
    elif method == "PUT":
        answer = client.put(path, plain_jpeg(), content_type="image/jpeg", token=token)
    else:
        answer = client.get(path, token=token)
    return answer.status, answer.json


def test_routes_listed_here_are_every_route_of_the_document() -> None:
    documented = {
        (method.upper(), path)
        for path, operations in openapi_document()["paths"].items()
        for method in operations
    }
    assert documented == {
        ("POST", "/api/v1/reports"),
        ("GET", "/api/v1/reports"),
        ("GET", "/api/v1/reports/{report_id}"),
        ("PUT", "/api/v1/reports/{report_id}/photo"),
    }


@pytest.mark.parametrize(("method", "path"), ROUTES)
@pytest.mark.parametrize(
    "token",
    [
        "",
        "svk_00000000_" + "A" * 43,
        "not-a-token",
        "svk_zzzzzzzz_short",
    ],
    ids=["none", "unknown", "malformed", "bad-shape"],
)
def test_without_a_valid_token_every_route_answers_401(
    method: str, path: str, token: str, postnord_token: Issued
) -> None:
    client = ApiClient()
    client.token = ""
    status, body = _call(client, method, path, token or "")
    assert status == 401
    assert body["errors"][0]["code"] in {"unauthenticated", "invalid_token"}
    assert Report.objects.count() == 0


def test_401_asks_for_a_bearer_token() -> None:
    answer = ApiClient().get("/api/v1/reports")
    assert answer.status == 401
    assert answer["WWW-Authenticate"].startswith("Bearer")
    wrong = ApiClient("svk_00000000_" + "A" * 43).get("/api/v1/reports")
    assert wrong["WWW-Authenticate"].startswith("Bearer")
    assert 'error="invalid_token"' in wrong["WWW-Authenticate"]


def test_a_right_prefix_with_a_wrong_secret_is_refused(postnord_token: Issued) -> None:
    forged = f"svk_{postnord_token.token.prefix}_" + "B" * 43
    assert ApiClient(forged).get("/api/v1/reports").status == 401


def test_other_authorization_schemes_are_refused(postnord_token: Issued) -> None:
    client = Client()
    response = client.get(
        "/api/v1/reports", headers={"Authorization": f"Basic {postnord_token.secret}"}
    )
    assert response.status_code == 401


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_a_revoked_token_is_refused_at_once(
    method: str, path: str, postnord_admin: User, postnord_token: Issued
) -> None:
    client = ApiClient(postnord_token.secret)
    assert client.get("/api/v1/reports").status == 200
    api_token_revoke(by=postnord_admin, token_id=postnord_token.token.pk)
    status, _body = _call(client, method, path, postnord_token.secret)
    assert status == 401


@pytest.mark.parametrize(("method", "path"), [r for r in ROUTES if r[0] == "GET"])
def test_a_token_without_the_scope_is_forbidden_and_the_attempt_audited(
    method: str, path: str, submit_only_token: Issued
) -> None:
    client = ApiClient(submit_only_token.secret)
    status, body = _call(client, method, path, submit_only_token.secret)
    assert status == 403
    assert body["errors"][0]["code"] == "missing_scope"
    refused = AuditEvent.objects.get(object_type="api_request")
    assert refused.outcome == "forbidden"
    assert refused.actor_label == f"token:{submit_only_token.token.prefix}"


def test_a_read_only_token_may_not_submit(postnord_admin: User) -> None:
    from samverkan.api.services import api_token_create

    _token, secret = api_token_create(by=postnord_admin, name="Dashboard", scopes=["reports:read"])
    answer = ApiClient(secret).post("/api/v1/reports", postal_item("RO-1"))
    assert answer.status == 403
    assert Report.objects.count() == 0


def test_a_logged_in_browser_session_is_not_an_api_credential(
    client: Client, postnord_admin: User
) -> None:
    login_verified(client, postnord_admin)
    assert client.get("/api/v1/reports").status_code == 401
    response = client.post(
        "/api/v1/reports", data=postal_item("S-1"), content_type="application/json"
    )
    assert response.status_code == 401
    assert Report.objects.count() == 0


def test_the_api_needs_no_csrf_token_and_takes_no_cookie(postnord_token: Issued) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/api/v1/reports",
        data=postal_item("CSRF-1"),
        content_type="application/json",
        headers={"Authorization": f"Bearer {postnord_token.secret}"},
    )
    assert response.status_code == 201
    assert not response.cookies


def test_using_a_token_marks_it_used(postnord: ApiClient, postnord_token: Issued) -> None:
    assert postnord_token.token.last_used_at is None
    postnord.get("/api/v1/reports")
    postnord_token.token.refresh_from_db()
    assert postnord_token.token.last_used_at is not None
