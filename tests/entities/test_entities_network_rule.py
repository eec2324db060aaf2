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
from samverkan.imports.about import entity_keys
from samverkan.registers.services import vehicle_register_load
from tests.conftest import login_verified
from tests.entities.reports import camera_reading, intelligence

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
    assert "this plate&#x27;s reports shares one with that plate&#x27;s reports" in page


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


def test_the_same_slip_written_twice_is_joined_and_stays_joined(
    kripos_analyst: User, tmp_path: Path
) -> None:
    _merged_on_arrival(kripos_analyst, tmp_path)
    # A second hand makes the same slip ("937" as "397"), as hands do.
    intelligence(
        kripos_analyst, "surveillance-2", ("plate", "ORH 397"), ("person_name", "Eva Lund")
    )

    swept = near_sweep()

    assert (swept.lone_readings_split, swept.register_merges_split) == (0, 0)
    assert entity_current(Entity.objects.get(key="SE:ORH397")).key == "SE:ORH937"
    assert EntityJudgement.objects.get(rule="network").undone_at is None


def test_a_slip_written_twice_before_the_tie_joins_nightly(
    kripos_analyst: User, tmp_path: Path
) -> None:
    _register(tmp_path)
    _couriers_and_car(kripos_analyst)
    _surveillance(kripos_analyst)
    intelligence(
        kripos_analyst, "surveillance-2", ("plate", "ORH 397"), ("person_name", "Eva Lund")
    )
    intelligence(kripos_analyst, "source-1", BACKER, HIS_ADDRESS)
    assert not EntityJudgement.objects.exists()

    near_sweep()

    assert entity_current(Entity.objects.get(key="SE:ORH397")).key == "SE:ORH937"


def test_a_plate_registered_since_is_split_back_nightly(
    kripos_analyst: User, tmp_path: Path
) -> None:
    _merged_on_arrival(kripos_analyst, tmp_path)
    _register(tmp_path, "ORH 397,se_personal_number,19730424-7765")  # a newer extract

    swept = near_sweep()

    assert swept.register_merges_split == 1
    slipped = Entity.objects.get(key="SE:ORH397")
    assert entity_current(slipped) == slipped


def test_the_car_is_headed_by_its_most_written_plate_and_a_hidden_slip_never_shows(
    client: Client, kripos_analyst: User, customs_officer: User, tmp_path: Path
) -> None:
    _register(tmp_path)
    # The slip arrives first, in a RED report for Kripos alone: its entity holds the car's.
    intelligence(
        kripos_analyst,
        "surveillance-1",
        HIS_ADDRESS,
        ("person_name", "Ola Bøe"),
        ("plate", "ORH 397"),
        tlp="RED",
    )
    _couriers_and_car(customs_officer)
    intelligence(customs_officer, "source-1", BACKER, HIS_ADDRESS)
    near_sweep()
    car = entity_current(Entity.objects.get(key="SE:ORH937"))
    assert car.key == "SE:ORH397"
    # Imported rows and near keys are looked up by the keys the reader sees written.
    assert entity_keys(reader=customs_officer, entity=car) == ["SE:ORH937"]

    def page(reader: User) -> str:
        client.logout()
        login_verified(client, reader)
        client.post("/purpose/", {"reference": "op-vinterljus"})
        response = client.get(f"/entities/{car.pk}/", HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200
        return response.content.decode()

    rule = "only ever written by hand"
    seen_by_customs = page(customs_officer)
    assert "<h1>ORH 937</h1>" in seen_by_customs
    assert "397" not in seen_by_customs
    assert rule not in seen_by_customs  # the merge would hint at the hidden writing
    seen_by_kripos = page(kripos_analyst)
    assert "<h1>ORH 937</h1>" in seen_by_kripos  # two writings against one
    assert "ORH 397" in seen_by_kripos
    assert rule in seen_by_kripos  # Kripos may see a report writing each plate


def test_a_camera_reading_of_the_slipped_plate_splits_the_merge_back_nightly(
    kripos_analyst: User, tmp_path: Path
) -> None:
    _merged_on_arrival(kripos_analyst, tmp_path)
    camera_reading(kripos_analyst, "anpr-1", "ORH 397")  # cameras do not slip: a plate

    swept = near_sweep()

    assert swept.register_merges_split == 1
    slipped = Entity.objects.get(key="SE:ORH397")
    assert entity_current(slipped) == slipped


def test_a_plate_another_was_merged_into_is_left_to_the_analysts(
    kripos_analyst: User, tmp_path: Path
) -> None:
    _register(tmp_path)
    _couriers_and_car(kripos_analyst)
    _surveillance(kripos_analyst)
    # ORH 396 beside the same man: the slip rule makes it one with ORH 397, which is
    # then no plate alone (one of the two may be a car of its own).
    intelligence(kripos_analyst, "surveillance-2", ("plate", "ORH 396"), ("person_name", "Ola Bøe"))
    assert EntityJudgement.objects.get().rule == "slip"
    intelligence(kripos_analyst, "source-1", BACKER, HIS_ADDRESS)

    near_sweep()

    car = Entity.objects.get(key="SE:ORH937")
    assert entity_current(Entity.objects.get(key="SE:ORH397")) != entity_current(car)
    assert not EntityJudgement.objects.filter(rule="network").exists()
