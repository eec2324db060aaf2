"""A camera that reads an 8 as a 6 still lights up the courier's car.

Reports go in through the intake service as every door does; what is
checked is the entity the analyst then finds, the rule's judgement and the
audit trail, and that a lone reading's merge is undone when that plate is
read again (then it was a car of its own).
"""

from __future__ import annotations

import pytest
from django.test import Client

from samverkan.access.models import User
from samverkan.audit.models import AuditEvent
from samverkan.entities.linking import entity_current
from samverkan.entities.models import Entity, EntityJudgement
from samverkan.entities.sweep import near_sweep
from tests.conftest import login_verified
from tests.entities.reports import camera_reading

pytestmark = pytest.mark.django_db


def _top(key: str) -> Entity:
    return entity_current(Entity.objects.get(key=key))


def test_a_misreading_on_one_side_of_the_border_joins_the_other_sidescamera_reading(
    client: Client, kripos_analyst: User
) -> None:
    camera_reading(kripos_analyst, "r-1", "DXH 788", at="2026-05-01T10:00:00+02:00", place="Oslo")
    camera_reading(kripos_analyst, "r-2", "DXH 788", at="2026-05-02T03:36:00+02:00")
    camera_reading(kripos_analyst, "r-3", "DXH 768", at="2026-05-02T03:39:00+02:00")

    assert _top("SE:DXH768") == _top("SE:DXH788")
    judgement = EntityJudgement.objects.get()
    assert (judgement.rule, judgement.by) == ("misread", None)
    event = AuditEvent.objects.get(action="combine")
    assert event.details["shared"] == ["sighting"]

    login_verified(client, kripos_analyst)
    client.post("/purpose/", {"reference": "op-vinterljus"})
    page = client.get(f"/entities/{_top('SE:DXH788').pk}/", HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert '<span class="count">3</span>' in text
    assert "a camera&#x27;s misreading" in text


def test_plates_a_keystroke_apart_at_one_crossing_at_once_stay_two_cars(
    kripos_analyst: User,
) -> None:
    camera_reading(kripos_analyst, "r-1", "EV 71549", at="2026-05-02T03:36:00+02:00")
    camera_reading(kripos_analyst, "r-2", "EV 71549", at="2026-05-03T03:36:00+02:00")
    camera_reading(
        kripos_analyst, "r-3", "EV 71949", at="2026-05-02T03:41:00+02:00", source="surveillance"
    )
    assert _top("NO:EV71949").key == "NO:EV71949"
    assert not EntityJudgement.objects.exists()


def test_a_lone_reading_joins_the_plate_it_looks_like_until_read_again(
    kripos_analyst: User,
) -> None:
    camera_reading(kripos_analyst, "r-1", "DXH 788", at="2026-05-01T10:00:00+02:00", place="Oslo")
    camera_reading(kripos_analyst, "r-2", "DXH 788", at="2026-05-02T10:00:00+02:00", place="Oslo")
    camera_reading(kripos_analyst, "r-3", "DXH 768", at="2026-06-01T12:00:00+02:00", place="Hamar")

    assert _top("SE:DXH768") == _top("SE:DXH788")
    merge = EntityJudgement.objects.get()
    assert (merge.rule, merge.by) == ("lone", None)

    # Read again weeks later: a car of its own, which the night splits back for good.
    camera_reading(kripos_analyst, "r-4", "DXH 768", at="2026-06-20T12:00:00+02:00", place="Gjøvik")
    assert _top("SE:DXH768") == _top("SE:DXH788")
    swept = near_sweep()
    assert swept.lone_readings_split == 1
    assert _top("SE:DXH768").key == "SE:DXH768"
    assert Entity.objects.get(key="SE:DXH768").links.count() == 2
    assert Entity.objects.get(key="SE:DXH788").links.count() == 2
    merge.refresh_from_db()
    assert merge.undone_at is not None
    assert merge.undone_by is None
    split = AuditEvent.objects.filter(action="combine").order_by("pk").last()
    assert split is not None
    assert split.details["change"] == "split"
    assert near_sweep().merged == 0  # the judgement stands: no rule merges them again
    assert _top("SE:DXH768").key == "SE:DXH768"


def test_a_lone_reading_between_two_look_alikes_or_by_an_officer_stays_alone(
    kripos_analyst: User,
) -> None:
    for n, plate in enumerate(["PRS 107", "PRS 701", "KLM 138"] * 2):
        camera_reading(kripos_analyst, f"r-{n}", plate, place="Oslo")
    camera_reading(kripos_analyst, "r-6", "PRS 101", place="Hamar")  # 1 for 7, but which 1?
    camera_reading(kripos_analyst, "r-7", "KLM 130", place="Hamar", source="surveillance")
    near_sweep()
    assert _top("SE:PRS101").key == "SE:PRS101"
    assert _top("SE:KLM130").key == "SE:KLM130"
    assert not EntityJudgement.objects.exists()


def test_a_camera_reading_a_letter_as_a_digit_is_repaired(kripos_analyst: User) -> None:
    camera_reading(kripos_analyst, "r-1", "DBH 788", place="Oslo")
    report = camera_reading(kripos_analyst, "r-2", "D8H 788", place="Hamar")
    mention = report.mentions.get()
    assert mention.key == ""
    assert mention.entity_link.entity.key == "SE:DBH788"
    assert mention.entity_link.reason == "repair"
