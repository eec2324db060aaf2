"""Bad input of every shape gets a structured 4xx naming the field, never a server error."""

from __future__ import annotations

from typing import Any

import pytest

from samverkan.intake.models import Report
from tests.api.conftest import postal_item
from tests.api.openapi_client import ApiClient

pytestmark = pytest.mark.django_db

REPORTS = "/api/v1/reports"


def _with(path: str, value: Any) -> dict[str, Any]:
    """A valid report with the value at the dotted ``path`` replaced (or removed, for ...)."""
    report = postal_item("BAD-1")
    *parents, last = path.split(".")
    target: Any = report
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    key: Any = int(last) if isinstance(target, list) else last
    if value is ...:
        del target[key]
    else:
        target[key] = value
    return report


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        (
            _with("subjects.0.mentions.0.kind", "shoe_size"),
            "report.subjects.0.mentions.0.kind",
            "enum",
        ),
        (_with("external_id", ...), "report.external_id", "missing"),
        (_with("external_id", ""), "report.external_id", "string_too_short"),
        (_with("occurred_at", "2026-03-02T08:15:00"), "report.occurred_at", "timezone_aware"),
        (_with("occurred_at", "yesterday"), "report.occurred_at", "datetime_parsing"),
        (_with("kind", "rumour"), "report.kind", "enum"),
        (_with("handling.tlp", "PURPLE"), "report.handling.tlp", "enum"),
        (
            _with("place.municipality_code", "12"),
            "report.place.municipality_code",
            "string_pattern_mismatch",
        ),
        (_with("item.weight_grams", -1), "report.item.weight_grams", "greater_than_equal"),
        (_with("item.weight_grams", "40"), "report.item.weight_grams", "int_type"),
        (_with("item.weight_grams", 40.5), "report.item.weight_grams", "int_type"),
        (_with("occurred_at", 1772435700), "report.occurred_at", "datetime_type"),
        (_with("kind", 1), "report.kind", "enum"),
        (_with("summary", 12), "report.summary", "string_type"),
        (_with("summary", "x" * 5001), "report.summary", "string_too_long"),
        (_with("subjects.0.mentions", []), "report.subjects.0.mentions", "too_short"),
        (_with("colour", "red"), "report.colour", "extra_forbidden"),
        (_with("item", ...), "report", "value_error"),
        (_with("subjects", "none"), "report.subjects", "list_type"),
        ([postal_item("L-1")], "report", "model_type"),
        ("a string", "report", "model_type"),
        (None, "report", "model_type"),
        ({"reports": []}, "reports", "too_short"),
        ({"reports": "all"}, "reports", "list_type"),
        ({"reports": [postal_item("B-1")], "extra": 1}, "extra", "extra_forbidden"),
        (
            _with("subjects.0.mentions.0.value", "A\x00B"),
            "report.subjects.0.mentions.0.value",
            "value_error",
        ),
        (
            _with("occurred_at", "0001-01-01T00:00:00+01:00"),
            "report.occurred_at",
            "value_error",
        ),
    ],
)
def test_invalid_reports_are_refused_with_the_field_named(
    postnord: ApiClient, body: Any, field: str, code: str
) -> None:
    answer = postnord.post(REPORTS, body)
    assert answer.status == 422, answer.json
    assert {"field": field, "code": code} in [
        {"field": e["field"], "code": e["code"]} for e in answer.json["errors"]
    ], answer.json
    assert all(error["message"] for error in answer.json["errors"])
    assert Report.objects.count() == 0


@pytest.mark.parametrize(
    "raw",
    [b"{", b"{'kind': 1}", b'{"kind": NaN}', b"[1, Infinity]", b"\xff\xfe", b"[" * 100_000],
    ids=["truncated", "single-quotes", "nan", "infinity", "not-utf8", "deep"],
)
def test_malformed_json_is_a_400(postnord: ApiClient, raw: bytes) -> None:
    answer = postnord.post(REPORTS, raw)
    assert answer.status == 400
    assert answer.json["errors"][0]["code"] == "malformed_json"


def test_an_empty_body_is_refused(postnord: ApiClient) -> None:
    answer = postnord.post(REPORTS, b"")
    assert answer.status == 422
    assert answer.json["errors"] == [
        {"field": None, "code": "missing", "message": "A JSON body is required."}
    ]


def test_a_body_too_large_is_a_413(postnord: ApiClient, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    answer = postnord.post(REPORTS, {"reports": [postal_item(f"L-{n}") for n in range(10)]})
    assert answer.status == 413
    assert answer.json["errors"][0]["code"] == "too_large"


@pytest.mark.parametrize(
    ("path", "field", "code"),
    [
        (f"{REPORTS}/abc", "report_id", "int_parsing"),
        (f"{REPORTS}/0", "report_id", "greater_than_equal"),
        (f"{REPORTS}/99999999999999999999", "report_id", "less_than_equal"),
        (f"{REPORTS}?limit=0", "limit", "greater_than_equal"),
        (f"{REPORTS}?limit=501", "limit", "less_than_equal"),
        (f"{REPORTS}?limit=many", "limit", "int_parsing"),
        (f"{REPORTS}?after=-1", "after", "greater_than_equal"),
        (f"{REPORTS}?since=yesterday", "since", "value_error"),
        (f"{REPORTS}?since=1772435700", "since", "value_error"),
        (f"{REPORTS}?since=2026-01-01T00:00:00", "since", "value_error"),
        (f"{REPORTS}?since=2026-01-01T00:00:00%2B24:00", "since", "datetime_from_date_parsing"),
        (f"{REPORTS}?since=0001-01-01T00:00:00%2B05:00", "since", "value_error"),
    ],
)
def test_bad_query_and_path_values_are_refused_with_the_parameter_named(
    postnord: ApiClient, path: str, field: str, code: str
) -> None:
    answer = postnord.get(path)
    assert answer.status == 422, answer.json
    assert answer.json["errors"][0]["field"] == field
    assert answer.json["errors"][0]["code"] == code


@pytest.mark.parametrize("key", ["", "with space", "å", "x" * 201])
def test_a_bad_idempotency_key_is_refused(postnord: ApiClient, key: str) -> None:
    answer = postnord.post(REPORTS, postal_item("K-1"), **{"Idempotency-Key": key})
    assert answer.status == 422
    assert answer.json["errors"][0]["field"] == "Idempotency-Key"
    assert Report.objects.count() == 0
