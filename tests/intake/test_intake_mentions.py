"""Every mention is kept as written and keyed where it is an identifier."""

from __future__ import annotations

import pytest

from samverkan.access.models import User
from samverkan.intake.models import Mention
from samverkan.intake.schemas import ReportIn
from samverkan.intake.services import report_submit

pytestmark = pytest.mark.django_db


def _statement(by: User, external_id: str, mentions: list[dict[str, str]]) -> int:
    assert by.organisation is not None
    data = ReportIn.model_validate(
        {
            "kind": "courier_statement",
            "external_id": external_id,
            "occurred_at": "2026-05-02T06:40:00+02:00",
            "route": {"crossing": "Svinesund"},
            "subjects": [{"ref": "b1", "role": "backer", "mentions": mentions}],
        }
    )
    report, _ = report_submit(organisation=by.organisation, data=data, by=by, via="test")
    return report.pk


def test_two_writings_of_one_phone_share_a_key(oslo_coordinator: User) -> None:
    first = _statement(oslo_coordinator, "s-1", [{"kind": "phone", "value": "0046 70-123 45 67"}])
    second = _statement(oslo_coordinator, "s-2", [{"kind": "phone", "value": "+46701234567"}])
    keys = set(Mention.objects.filter(report_id__in=[first, second]).values_list("key", flat=True))
    assert keys == {"+46701234567"}
    raws = set(Mention.objects.values_list("raw", flat=True))
    assert raws == {"0046 70-123 45 67", "+46701234567"}


def test_a_national_number_is_read_in_the_reporters_country(oslo_coordinator: User) -> None:
    _statement(oslo_coordinator, "s-1", [{"kind": "phone", "value": "912 34 567"}])
    assert Mention.objects.get().key == "+4791234567"


def test_a_swedish_plate_seen_in_norway_stays_swedish(oslo_coordinator: User) -> None:
    _statement(oslo_coordinator, "s-1", [{"kind": "plate", "value": "abc 123"}])
    assert Mention.objects.get().key == "SE:ABC123"


def test_invalid_identifiers_are_kept_with_their_problem(oslo_coordinator: User) -> None:
    _statement(
        oslo_coordinator,
        "s-1",
        [
            {"kind": "se_personal_number", "value": "19811218-9877"},
            {"kind": "nickname", "value": "Smurfen"},
        ],
    )
    number, nickname = Mention.objects.order_by("position")
    assert (number.raw, number.key, number.problem) == ("19811218-9877", "", "checksum")
    assert (nickname.raw, nickname.key, nickname.problem) == ("Smurfen", "", "")
