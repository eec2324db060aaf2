"""A partner system's view of the API: every answer checked against ``/api/openapi.json``.

``ApiClient`` sends requests as a partner system would (a bearer token, a JSON
body) and, for each answer, finds the operation and status in the OpenAPI
document and validates the JSON body against the documented schema. An
undocumented status, a body that does not match, or an answer without
``Cache-Control: no-store`` fails the test there and then.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from django.test import Client
from jsonschema import Draft202012Validator

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as HttpResponse

OPENAPI_URL = "/api/openapi.json"


@cache
def openapi_document() -> dict[str, Any]:
    response = Client().get(OPENAPI_URL)
    assert response.status_code == 200
    document: dict[str, Any] = response.json()
    return document


def _operation(method: str, path: str) -> dict[str, Any]:
    bare = path.split("?", 1)[0]
    for template, operations in openapi_document()["paths"].items():
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
        if re.match(pattern, bare) and method.lower() in operations:
            operation: dict[str, Any] = operations[method.lower()]
            return operation
    raise AssertionError(f"{method} {path} is not in the OpenAPI document")


def assert_documented(method: str, path: str, response: HttpResponse) -> Any:
    """The answer's JSON, after checking it against the operation's documented schema."""
    documented = _operation(method, path)["responses"]
    status = str(response.status_code)
    assert status in documented, f"{method} {path} answered {status}, documented: {documented}"
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    assert "no-store" in response.get("Cache-Control", ""), "API answers must not be cached"
    body = json.loads(response.content)
    schema = documented[status]["content"]["application/json"]["schema"]
    validator = Draft202012Validator(
        {**schema, "components": openapi_document()["components"]},
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
    problems = sorted(validator.iter_errors(body), key=lambda error: list(error.path))
    assert not problems, f"{method} {path} {status}: " + "; ".join(
        f"{list(p.path)}: {p.message}" for p in problems
    )
    return body


@dataclass
class Answer:
    status: int
    json: Any
    response: HttpResponse

    def __getitem__(self, header: str) -> str:
        return str(self.response[header])

    def has_header(self, header: str) -> bool:
        return self.response.has_header(header)


class ApiClient:
    """Talks to ``/api/v1/`` with a bearer token (or none) and checks every answer."""

    def __init__(self, token: str | None = None) -> None:
        self.token = token
        self.client = Client()

    def _headers(self, token: str | None, headers: dict[str, str]) -> dict[str, str]:
        chosen = self.token if token is None else token
        sent = dict(headers)
        if chosen:
            sent["Authorization"] = f"Bearer {chosen}"
        return sent

    def get(self, path: str, *, token: str | None = None, **headers: str) -> Answer:
        response = self.client.get(path, headers=self._headers(token, headers))
        return Answer(response.status_code, assert_documented("GET", path, response), response)

    def post(self, path: str, body: Any, *, token: str | None = None, **headers: str) -> Answer:
        """POST ``body``: bytes as they are (to send broken JSON), anything else as JSON."""
        data = body if isinstance(body, bytes) else json.dumps(body)
        response = self.client.post(
            path, data=data, content_type="application/json", headers=self._headers(token, headers)
        )
        return Answer(response.status_code, assert_documented("POST", path, response), response)

    def put(
        self,
        path: str,
        body: bytes,
        *,
        content_type: str,
        token: str | None = None,
        **headers: str,
    ) -> Answer:
        """PUT ``body`` as it is, declared as ``content_type`` (a photo, say)."""
        response = self.client.put(
            path, data=body, content_type=content_type, headers=self._headers(token, headers)
        )
        return Answer(response.status_code, assert_documented("PUT", path, response), response)
