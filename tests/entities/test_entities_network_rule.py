"""A surveillance officer slips on a network car's plate; a report one step away says whose car."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from samverkan.access.models import User
from samverkan.audit.models import AuditEvent
from samverkan.entities.linking import entity_current
from samverkan.entities.models import Entity, EntityJudgement
from samverkan.entities.sweep import near_sweep
from samverkan.registers.services import vehicle_register_load
from tests.conftest import login_verified
from tests.entities.reports import intelligence

pytestmark = pytest.mark.django_db

BACKER = ("person_name", "Harald Myhre")
HIS_ADDRESS = ("address", "Fjordsvingen 38, 0650 Oslo")


def _register(tmp_path: Path, *more: str) -> None:
    """The network car ORH 937 is a front company's; its keeper is named in no report."""
    extract = tmp_path / "register.csv"
    lines = ["plate,keeper_kind,keeper", "ORH 937,se_org_number,556677-8899", *more]
    extract.write_text("\n".join(lines) + "\n", encoding="utf-8")
    vehicle_register_load(path=extract)


def _couriers_and_car(by: User) -> None:
    intelligence(by, "statement-1", ("person_name", "Morten Engen"), ("plate", "ORH 937"), BACKER)
    intelligence(by, "statement-2", ("person_name", "Fabian Czuj"), ("plate", "ORH 937"))


def _surveillance(by: User) -> None:
    """Seen outside the backer's address: a man nobody named before, and a car (9 and 3 swapped)."""
    intelligence(
        by, "surveillance-1", HIS_ADDRESS, ("person_name", "Ola Bøe"), ("plate", "ORH 397")
    )


def _merged_on_arrival(by: User, tmp_path: Path) -> None:
    """The source report is in before the surveillance: the slip joins the car as it arrives."""
    _register(tmp_path)
    _couriers_and_car(by)
    intelligence(by, "source-1", BACKER, HIS_ADDRESS)
    _surveillance(by)
    assert entity_current(Entity.objects.get(key="SE:ORH397")).key == "SE:ORH937"


def test_the_slip_joins_the_car_once_a_report_gives_the_address_as_the_backers(
    client: Client, kripos_analyst: User, tmp_path: Path
) -> None:
    _register(tmp_path)
    _couriers_and_car(kripos_analyst)
    _surveillance(kripos_analyst)
    slipped = Entity.objects.get(key="SE:ORH397")
    assert entity_current(slipped) == slipped  # nothing ties them yet
    assert not EntityJudgement.objects.exists()
    intelligence(kripos_analyst, "source-1", BACKER, HIS_ADDRESS)

    swept = near_sweep()

    car = Entity.objects.get(key="SE:ORH937")
    assert swept.merged == 1
    assert entity_current(Entity.objects.get(key="SE:ORH397")) == car
    judgement = EntityJudgement.objects.get()
    assert (judgement.rule, judgement.by) == ("network", None)
    event = AuditEvent.objects.get(action="combine")
    assert (event.actor, event.details["registered"], event.details["shared"]) == (
        None,
        "SE:ORH937",
        ["person_name"],
    )
    login_verified(client, kripos_analyst)
    client.post("/purpose/", {"reference": "op-vinterljus"})
    page = client.get(f"/entities/{car.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "ORH 397" in page
    assert "this plate&#x27;s report shares one with that plate&#x27;s reports" in page


def test_when_the_tie_is_known_already_the_slip_joins_in_the_same_request(
    kripos_analyst: User, tmp_path: Path
) -> None:
    _merged_on_arrival(kripos_analyst, tmp_path)
    assert EntityJudgement.objects.get().rule == "network"


def test_a_plate_the_register_knows_stays_a_car_of_its_own(
    kripos_analyst: User, tmp_path: Path
) -> None:
    _register(tmp_path, "ORH 397,se_personal_number,19730424-7765")
    _couriers_and_car(kripos_analyst)
    intelligence(kripos_analyst, "source-1", BACKER, HIS_ADDRESS)
    _surveillance(kripos_analyst)
    near_sweep()
    assert not EntityJudgement.objects.exists()


def test_with_two_registered_cars_a_keystroke_away_the_slip_stays_apart(
    kripos_analyst: User, tmp_path: Path
) -> None:
    _register(tmp_path, "ORH 398,se_personal_number,19730424-7765")
    _couriers_and_car(kripos_analyst)
    # The backer lends a second car, whose plate is a keystroke from the slip too.
    intelligence(kripos_analyst, "statement-3", ("plate", "ORH 398"), BACKER)
    intelligence(kripos_analyst, "source-1", BACKER, HIS_ADDRESS)
    _surveillance(kripos_analyst)
    near_sweep()
    slipped = Entity.objects.get(key="SE:ORH397")
    assert entity_current(slipped) == slipped
    assert not EntityJudgement.objects.exists()


def test_without_a_register_the_rule_never_fires(kripos_analyst: User) -> None:
    _couriers_and_car(kripos_analyst)
    intelligence(kripos_analyst, "source-1", BACKER, HIS_ADDRESS)
    _surveillance(kripos_analyst)
    near_sweep()
    assert not EntityJudgement.objects.exists()


def test_a_plate_written_again_is_split_back_nightly(kripos_analyst: User, tmp_path: Path) -> None:
    _merged_on_arrival(kripos_analyst, tmp_path)
    # Seen again, by another hand: no slip, a car of its own (a foreign car).
    intelligence(kripos_analyst, "surveillance-2", ("plate", "ORH 397"))

    swept = near_sweep()

    assert swept.seen_once_split == 1
    slipped = Entity.objects.get(key="SE:ORH397")
    assert entity_current(slipped) == slipped
    assert EntityJudgement.objects.get(rule="network").undone_at is not None


def test_a_plate_registered_since_is_split_back_nightly(
    kripos_analyst: User, tmp_path: Path
) -> None:
    _merged_on_arrival(kripos_analyst, tmp_path)
    _register(tmp_path, "ORH 397,se_personal_number,19730424-7765")  # a newer extract

    swept = near_sweep()

    assert swept.register_merges_split == 1
    slipped = Entity.objects.get(key="SE:ORH397")
    assert entity_current(slipped) == slipped
