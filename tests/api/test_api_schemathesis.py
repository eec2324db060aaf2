"""Schemathesis sends what it generates from the OpenAPI document to the running server.

The server is waitress serving the application on 127.0.0.1, as ``samverkan
serve`` does; requests go over TCP. Valid and invalid input alike: no answer
may be a server error, every answer must match the document (status, content
type, schema), invalid input must be refused, and a request without a valid
token must not get in. A bounded run (at most 25 examples per operation and
phase) keeps it quick.

The tests are made when the module is collected, before any server runs, so
they are generated from the document the application builds; each test first
checks that the running server publishes exactly that document.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from samverkan.api.endpoints import api
from tests.api.conftest import Issued
from tests.api.served import Served, waitress_serving

DOCUMENT_PATH = "/api/openapi.json"
DOCUMENT = api.get_openapi_schema(path_prefix="/api/")

schema = schemathesis.openapi.from_dict(dict(DOCUMENT))

# positive_data_acceptance is left out: it expects every request the document
# allows to be accepted, but two refusals are rules JSON Schema here does not
# carry: the details block must match the kind (no "observation" in a
# postal_item report), and an Idempotency-Key used before with another body is
# refused (422, as the IETF Idempotency-Key draft says), which depends on the
# requests sent before. Both are tested case by case: tests/api/test_api_reports.py
# and tests/intake/test_intake_schemas.py.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
    ignored_auth,
]


@pytest.fixture
def served(transactional_db: None, settings: Any) -> Iterator[Served]:
    settings.API_RATE_PER_MINUTE = 1_000_000
    with waitress_serving() as server:
        published = requests.get(server.url + DOCUMENT_PATH, timeout=10)
        assert published.headers["Server"] == "samverkan"  # waitress answered
        assert published.json() == DOCUMENT, "the tests were made from another document"
        yield server


def _token_for(case: schemathesis.Case[Any], token: Issued) -> dict[str, str]:
    """PostNord's token, unless schemathesis left the credentials out or spoilt them on purpose.

    Such a case tests that the server refuses it (``negative_data_rejection``
    expects a 4xx); putting the token back would make a correct answer look
    like invalid input accepted. The token goes in as a header of the call,
    which schemathesis records as explicitly given: ``ignored_auth`` then
    sends the request again without it and with a wrong one, and expects 401.
    """
    if case.operation.schema.is_security_param_negated(case):
        return {}
    return {"Authorization": f"Bearer {token.secret}"}


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_generated_requests_get_no_server_error_and_match_the_document(
    case: schemathesis.Case[Any], served: Served, postnord_token: Issued
) -> None:
    case.call_and_validate(
        base_url=served.url, headers=_token_for(case, postnord_token), checks=CHECKS
    )
