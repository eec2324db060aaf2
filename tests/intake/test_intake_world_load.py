"""The synthetic world goes in through the intake door once, and resumes after a bad line."""

from __future__ import annotations

import json
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from samverkan.access.models import Organisation
from samverkan.audit.models import AuditEvent
from samverkan.audit.verification import audit_verify
from samverkan.intake.models import Report
from samverkan.registers.models import RegisteredVehicle
from samverkan.scenario import generate_world

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("world")
    generate_world(size="demo", seed=7, noise=0.2, out=folder)
    return folder


def test_loading_stores_every_report_once_and_logs_each(world: Path) -> None:
    out = StringIO()
    call_command("load", str(world), stdout=out)
    lines = (world / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    assert Report.objects.count() == len(lines)
    by_kind = Counter(json.loads(line)["report"]["kind"] for line in lines)
    assert Counter(Report.objects.values_list("kind", flat=True)) == by_kind
    organisations = (world / "organisations.jsonl").read_text(encoding="utf-8").splitlines()
    assert Organisation.objects.count() == len(organisations)
    collected = AuditEvent.objects.filter(action="collect")
    assert collected.exclude(object_type="vehicle_register").count() == len(lines)
    assert audit_verify().ok
    vehicles = len((world / "vehicle_register.csv").read_text(encoding="utf-8").splitlines()) - 1
    assert RegisteredVehicle.objects.count() == vehicles
    assert f"and {vehicles:,} registered vehicles" in out.getvalue()
    call_command("load", str(world), stdout=out)
    assert Report.objects.count() == len(lines)
    assert f"0 new reports ({len(lines)} already stored)" in out.getvalue()
    assert RegisteredVehicle.objects.count() == vehicles  # replaced, not added to


def test_a_bad_line_stops_with_its_number_and_a_rerun_completes(
    world: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    for name in ("organisations.jsonl", "manifest.json"):
        (broken / name).write_bytes((world / name).read_bytes())
    lines = (world / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    damaged = [*lines[:9], '{"organisation": "se-customs", "report": {"kind": "seizure"}}']
    (broken / "reports.jsonl").write_text("\n".join(damaged + lines[9:]) + "\n", "utf-8")
    with pytest.raises(CommandError, match=r"reports\.jsonl line 10"):
        call_command("load", str(broken), stdout=StringIO())
    assert Report.objects.count() == 9
    (broken / "reports.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    call_command("load", str(broken), stdout=StringIO())
    assert Report.objects.count() == len(lines)


def test_a_folder_that_is_no_world_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"is missing: is this a folder made by"):
        call_command("load", str(tmp_path), stdout=StringIO())
