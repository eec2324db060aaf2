"""An officer types a traveller's plate with a slip; the vehicle register says whose car."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from samverkan.access.models import User
from samverkan.entities.linking import entity_current
from samverkan.entities.models import Entity, EntityJudgement
from samverkan.entities.services import entity_merge
from samverkan.entities.sweep import near_sweep
from samverkan.registers.services import vehicle_register_load
from tests.conftest import login_verified
from tests.entities.reports import camera_reading, intelligence

pytestmark = pytest.mark.django_db

TRAVELLER = ("se_personal_number", "19800101-0019")


def _register(tmp_path: Path, *more: str) -> None:
    extract = tmp_path / "register.csv"
    lines = ["plate,keeper_kind,keeper", "ABC 123,se_personal_number,19800101-0019", *more]
    extract.write_text("\n".join(lines) + "\n", encoding="utf-8")
    vehicle_register_load(path=extract)


def test_a_slipped_plate_beside_its_registered_keeper_joins_the_car(
    client: Client, kripos_analyst: User, tmp_path: Path
) -> None:
    _register(tmp_path)
    intelligence(kripos_analyst, "r-1", ("plate", "ABC 123"))
    intelligence(kripos_analyst, "r-2", ("plate", "ABC 132"), TRAVELLER)  # 3 and 2 swapped

    car = Entity.objects.get(key="SE:ABC123")
    assert entity_current(Entity.objects.get(key="SE:ABC132")) == car
    judgement = EntityJudgement.objects.get()
    assert (judgement.rule, judgement.by) == ("keeper", None)
    login_verified(client, kripos_analyst)
    client.post("/purpose/", {"reference": "op-vinterljus"})
    page = client.get(f"/entities/{car.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "ABC 132" in page
    assert "the vehicle register gives as the other plate&#x27;s keeper" in page


def test_without_the_register_or_the_keeper_the_plates_stay_apart(
    kripos_analyst: User, tmp_path: Path
) -> None:
    intelligence(kripos_analyst, "r-1", ("plate", "ABC 123"))
    intelligence(kripos_analyst, "r-2", ("plate", "ABC 132"), TRAVELLER)
    _register(tmp_path)
    intelligence(kripos_analyst, "r-3", ("plate", "ABC 124"), ("person_name", "Eva Lund"))
    assert not EntityJudgement.objects.exists()
    assert Entity.objects.filter(kind="vehicle", merged_into=None).count() == 3


def test_a_registered_car_written_beside_another_cars_keeper_stays_a_car_of_its_own(
    kripos_analyst: User, tmp_path: Path
) -> None:
    _register(tmp_path, "ABC 132,se_personal_number,19730424-7765")
    intelligence(kripos_analyst, "r-1", ("plate", "ABC 123"))
    intelligence(kripos_analyst, "r-2", ("plate", "ABC 132"), TRAVELLER)  # a lent car
    assert not EntityJudgement.objects.exists()


def test_a_plate_registered_since_is_split_back_nightly(
    kripos_analyst: User, tmp_path: Path
) -> None:
    _register(tmp_path)
    intelligence(kripos_analyst, "r-1", ("plate", "ABC 123"))
    intelligence(kripos_analyst, "r-2", ("plate", "ABC 132"), TRAVELLER)
    assert EntityJudgement.objects.get().rule == "keeper"
    _register(tmp_path, "ABC 132,se_personal_number,19730424-7765")  # a newer extract

    assert near_sweep().register_merges_split == 1
    slipped = Entity.objects.get(key="SE:ABC132")
    assert entity_current(slipped) == slipped
    assert near_sweep().register_merges_split == 0  # the split is a judgement: not merged again
    assert entity_current(slipped) == slipped


def test_a_camera_misreading_a_registered_plate_again_and_again_joins_the_car(
    kripos_analyst: User, tmp_path: Path
) -> None:
    _register(tmp_path, "SJO 947,,")
    camera_reading(kripos_analyst, "a-1", "SJO 947", at=f"2026-05-{1:02d}T06:40:00+02:00")
    for day in (3, 5, 7):  # the O read as a D, night after night: no register has SJD 947
        camera_reading(
            kripos_analyst, f"a-{day}", "SJD 947", at=f"2026-05-{day:02d}T06:40:00+02:00"
        )
    assert near_sweep().lone_readings_split == 0

    car = Entity.objects.get(key="SE:SJO947")
    assert entity_current(Entity.objects.get(key="SE:SJD947")) == car
    judgement = EntityJudgement.objects.get(undone_at=None)
    assert (judgement.rule, judgement.by) == ("unlisted", None)


def test_a_cluster_an_analyst_made_is_not_moved_by_a_cameras_misreading(
    kripos_analyst: User, tmp_path: Path
) -> None:
    camera_reading(
        kripos_analyst, "a-1", "SJD 947", at=f"2026-05-{1:02d}T06:40:00+02:00"
    )  # no register yet: nothing to go by
    intelligence(kripos_analyst, "r-1", ("plate", "KLM 555"))
    misread, other = Entity.objects.get(key="SE:SJD947"), Entity.objects.get(key="SE:KLM555")
    entity_merge(by=kripos_analyst, a_id=misread.pk, b_id=other.pk, reason="one car")
    intelligence(kripos_analyst, "r-2", ("plate", "SJO 947"))
    _register(tmp_path, "SJO 947,,", "KLM 555,,")

    near_sweep()
    car = Entity.objects.get(key="SE:SJO947")
    assert entity_current(car) == car
    assert entity_current(Entity.objects.get(key="SE:KLM555")) != car
    assert not EntityJudgement.objects.filter(rule="unlisted").exists()
