"""A postal operator's system submits reports and follows them, as its developers would."""

from __future__ import annotations

import pytest
from django.test import override_settings

from samverkan.api import rate_limit
from samverkan.api.models import IdempotencyKey
from samverkan.audit.models import AuditEvent
from samverkan.intake.models import Report
from tests.api.conftest import Issued, postal_item
from tests.api.openapi_client import ApiClient

pytestmark = pytest.mark.django_db

REPORTS = "/api/v1/reports"


def test_a_report_is_stored_and_its_collection_audited(
    postnord: ApiClient, postnord_token: Issued
) -> None:
    answer = postnord.post(REPORTS, postal_item("PN-2026-0001"))
    assert answer.status == 201
    assert answer.json["external_id"] == "PN-2026-0001"
    assert answer.json["status"] == "received"
    report = Report.objects.get(pk=answer.json["id"])
    assert report.organisation == postnord_token.token.organisation
    assert report.submitted_by is None
    assert report.kind == "postal_item"
    assert report.payload["subjects"][1]["mentions"][0]["value"] == "Kalle Svensson"
    prefix = postnord_token.token.prefix
    collected = AuditEvent.objects.get(action="collect", object_type="report")
    assert collected.object_id == str(report.pk)
    assert collected.actor is None
    assert collected.details["via"] == f"api:{prefix}"
    submission = AuditEvent.objects.get(object_type="report_submission")
    assert submission.actor_label == f"token:{prefix}"
    assert submission.details["created"] == [report.pk]
    # A partner system acts for its organisation: its own auditor finds the events.
    organisation = postnord_token.token.organisation.code
    assert (collected.organisation_code, submission.organisation_code) == (organisation,) * 2


def test_the_same_report_again_answers_200_with_the_stored_ids(postnord: ApiClient) -> None:
    first = postnord.post(REPORTS, postal_item("PN-2026-0002"))
    again = postnord.post(REPORTS, postal_item("PN-2026-0002", summary="typed again"))
    assert (first.status, again.status) == (201, 200)
    assert again.json == first.json
    assert Report.objects.count() == 1
    assert Report.objects.get().payload["summary"].startswith("Letter smells")


def test_a_batch_is_stored_whole_and_answered_item_by_item(postnord: ApiClient) -> None:
    batch = {"reports": [postal_item(f"PN-B-{n}") for n in range(3)]}
    answer = postnord.post(REPORTS, batch)
    assert answer.status == 201
    assert [receipt["external_id"] for receipt in answer.json] == ["PN-B-0", "PN-B-1", "PN-B-2"]
    assert Report.objects.count() == 3
    assert AuditEvent.objects.filter(action="collect", object_type="report").count() == 3


def test_one_bad_report_rejects_the_whole_batch_naming_each_fault(postnord: ApiClient) -> None:
    good = postal_item("PN-B-good")
    wrong_kind = postal_item("PN-B-bad")
    wrong_kind["subjects"][0]["mentions"][0]["kind"] = "shoe_size"
    no_item = postal_item("PN-B-noitem")
    del no_item["item"]
    answer = postnord.post(REPORTS, {"reports": [good, wrong_kind, no_item]})
    assert answer.status == 422
    fields = {error["field"]: error["code"] for error in answer.json["errors"]}
    assert fields == {"reports.1.subjects.0.mentions.0.kind": "enum", "reports.2": "value_error"}
    assert Report.objects.count() == 0


def test_an_unknown_compartment_rejects_the_batch_after_validation(postnord: ApiClient) -> None:
    secret = postal_item("PN-B-2", handling={"tlp": "AMBER", "compartments": ["op-unknown"]})
    answer = postnord.post(REPORTS, {"reports": [postal_item("PN-B-1"), secret]})
    assert answer.status == 422
    assert answer.json["errors"] == [
        {"field": "reports.1", "code": "rejected", "message": "unknown compartments: op-unknown"}
    ]
    assert Report.objects.count() == 0
    assert not AuditEvent.objects.filter(action="collect", object_type="report").exists()
    refused = AuditEvent.objects.get(object_type="api_request")
    assert (refused.outcome, refused.details["status"]) == ("rejected", 422)


def test_a_batch_holds_at_most_500_reports(postnord: ApiClient) -> None:
    answer = postnord.post(REPORTS, {"reports": [postal_item(f"PN-{n}") for n in range(501)]})
    assert answer.status == 422
    assert answer.json["errors"][0]["field"] == "reports"
    assert answer.json["errors"][0]["code"] == "too_long"
    assert Report.objects.count() == 0


def test_an_idempotency_key_replays_the_first_answer_exactly(
    postnord: ApiClient, postnord_token: Issued
) -> None:
    body = {"reports": [postal_item("PN-I-1"), postal_item("PN-I-2")]}
    first = postnord.post(REPORTS, body, **{"Idempotency-Key": "batch-2026-03-02-0800"})
    replay = postnord.post(REPORTS, body, **{"Idempotency-Key": "batch-2026-03-02-0800"})
    assert first.status == replay.status == 201
    assert replay.response.content == first.response.content
    assert replay["Idempotent-Replayed"] == "true"
    assert not first.has_header("Idempotent-Replayed")
    assert Report.objects.count() == 2
    remembered = IdempotencyKey.objects.get()
    assert remembered.token == postnord_token.token
    replayed = AuditEvent.objects.filter(object_type="report_submission").last()
    assert replayed is not None
    assert replayed.details["replayed"] is True


def test_an_idempotency_key_with_another_body_is_refused(postnord: ApiClient) -> None:
    postnord.post(REPORTS, postal_item("PN-I-3"), **{"Idempotency-Key": "k-1"})
    other = postnord.post(REPORTS, postal_item("PN-I-4"), **{"Idempotency-Key": "k-1"})
    assert other.status == 422
    assert other.json["errors"][0]["field"] == "Idempotency-Key"
    assert other.json["errors"][0]["code"] == "idempotency_key_reused"
    assert list(Report.objects.values_list("external_id", flat=True)) == ["PN-I-3"]


def test_idempotency_keys_belong_to_one_token(postnord: ApiClient, bring: ApiClient) -> None:
    mine = postnord.post(REPORTS, postal_item("X-1"), **{"Idempotency-Key": "shared"})
    theirs = bring.post(REPORTS, postal_item("X-2"), **{"Idempotency-Key": "shared"})
    assert mine.status == theirs.status == 201
    assert Report.objects.count() == 2


def test_a_rejected_submission_is_not_remembered_under_its_key(postnord: ApiClient) -> None:
    broken = postal_item("PN-I-5", kind="seizure")
    assert postnord.post(REPORTS, broken, **{"Idempotency-Key": "k-2"}).status == 422
    fixed = postnord.post(REPORTS, postal_item("PN-I-5"), **{"Idempotency-Key": "k-2"})
    assert fixed.status == 201


def test_a_token_reads_its_own_report_and_the_reading_is_audited(
    postnord: ApiClient, postnord_token: Issued
) -> None:
    stored = postnord.post(REPORTS, postal_item("PN-R-1")).json
    answer = postnord.get(f"{REPORTS}/{stored['id']}")
    assert answer.status == 200
    assert answer.json["report"]["external_id"] == "PN-R-1"
    assert answer.json["report"]["item"]["suspicion"] == ["smell", "vacuum_packed"]
    consulted = AuditEvent.objects.get(action="consult", object_type="report")
    assert consulted.object_id == str(stored["id"])
    assert consulted.actor_label == f"token:{postnord_token.token.prefix}"
    assert consulted.purpose


def test_another_organisations_report_is_missing_exactly_like_a_missing_one(
    postnord: ApiClient, bring: ApiClient
) -> None:
    theirs = bring.post(REPORTS, postal_item("BR-1")).json
    hidden = postnord.get(f"{REPORTS}/{theirs['id']}")
    missing = postnord.get(f"{REPORTS}/{theirs['id'] + 1000}")
    assert hidden.status == missing.status == 404
    assert hidden.response.content == missing.response.content
    assert not AuditEvent.objects.filter(action="consult", object_type="report").exists()
    refusals = AuditEvent.objects.filter(object_type="api_request", outcome="not_found")
    assert refusals.count() == 2


def test_the_status_list_shows_only_own_reports_and_counts_only_them(
    postnord: ApiClient, bring: ApiClient
) -> None:
    bring.post(REPORTS, {"reports": [postal_item(f"BR-{n}") for n in range(4)]})
    postnord.post(REPORTS, {"reports": [postal_item(f"PN-{n}") for n in range(5)]})
    page = postnord.get(f"{REPORTS}?limit=2")
    assert page.json["count"] == 5
    seen = [row["external_id"] for row in page.json["reports"]]
    while page.json["next"]:
        page = postnord.get(page.json["next"])
        seen += [row["external_id"] for row in page.json["reports"]]
    assert seen == [f"PN-{n}" for n in range(5)]
    listed = AuditEvent.objects.filter(object_type="report_list", action="consult")
    assert listed.count() == 3


def test_the_status_list_filters_by_time_received(postnord: ApiClient) -> None:
    postnord.post(REPORTS, postal_item("PN-T-1"))
    assert postnord.get(f"{REPORTS}?since=2000-01-01T00:00:00Z").json["count"] == 1
    assert postnord.get(f"{REPORTS}?since=2999-01-01T00:00:00%2B01:00").json["count"] == 0


def test_answers_with_personal_data_are_never_cached(postnord: ApiClient) -> None:
    stored = postnord.post(REPORTS, postal_item("PN-C-1"))
    detail = postnord.get(f"{REPORTS}/{stored.json['id']}")
    for answer in (stored, detail, postnord.get(REPORTS)):
        assert "no-store" in answer["Cache-Control"]


@override_settings(API_RATE_PER_MINUTE=3)
def test_a_token_over_its_rate_is_told_when_to_come_back(
    postnord: ApiClient, bring: ApiClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rate_limit, "clock", lambda: 1_800_000_015.0)
    statuses = [postnord.get(REPORTS).status for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = postnord.get(REPORTS)
    assert refused.json["errors"][0]["code"] == "rate_limited"
    assert refused["Retry-After"] == "45"
    assert bring.get(REPORTS).status == 200, "another token has its own count"
    monkeypatch.setattr(rate_limit, "clock", lambda: 1_800_000_061.0)
    assert postnord.get(REPORTS).status == 200, "a new minute, a new count"
