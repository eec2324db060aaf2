"""Schemathesis generates requests from ``/api/openapi.json`` and runs them in-process.

Valid and invalid input alike, with a valid token: no answer may be a server
error, and every answer must match the document (status, content type,
schema). A bounded run (at most 50 examples per operation) keeps it quick.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    response_schema_conformance,
    status_code_conformance,
)

from samverkan.wsgi import application
from tests.api.conftest import Issued

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)

# negative_data_rejection is left out: schemathesis counts a request whose
# Authorization header it removed as invalid, but the test puts the token back,
# so a correct 200 is reported as "invalid data accepted". Refusal of invalid
# input is tested case by case in test_api_bad_input.py.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    ignored_auth,
]


@pytest.fixture
def _generous_rate(settings: pytest.FixtureRequest) -> None:
    settings.API_RATE_PER_MINUTE = 1_000_000  # type: ignore[attr-defined]


@pytest.fixture
def _connection_kept() -> Iterator[None]:
    """Keep the test's database connection across requests, as Django's test client does.

    Django closes a connection at the end of each request when it is not in
    autocommit mode; inside the test's transaction it never is, and PostgreSQL
    would lose the test's data with it.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@pytest.mark.usefixtures("_generous_rate", "_connection_kept")
@schema.parametrize()
@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_generated_requests_get_no_server_error_and_match_the_document(
    case: schemathesis.Case[Any], postnord_token: Issued
) -> None:
    case.call_and_validate(
        headers={"Authorization": f"Bearer {postnord_token.secret}"}, checks=CHECKS
    )
