"""An operator scores what the database holds against the generated world it loaded."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Count

from samverkan.entities.models import Entity, NearRule
from samverkan.entities.services import entity_merge_by_rule
from samverkan.entities.stored_evaluation import stored_results
from samverkan.entities.sweep import near_sweep
from samverkan.registers.models import RegisteredVehicle
from samverkan.resolution.metrics import Agreement
from samverkan.scenario import generate_world

pytestmark = pytest.mark.django_db

REPORTS = 400


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first reports of a demo world, with their truth: quick to load."""
    whole = tmp_path_factory.mktemp("whole")
    generate_world(size="demo", seed=7, noise=0.2, out=whole)
    part = tmp_path_factory.mktemp("part")
    for name in ("organisations.jsonl", "manifest.json", "vehicle_register.csv"):
        (part / name).write_bytes((whole / name).read_bytes())
    (part / "truth").mkdir()
    for name in ("reports.jsonl", "truth/reports.jsonl"):
        lines = (whole / name).read_text(encoding="utf-8").splitlines(keepends=True)
        (part / name).write_text("".join(lines[:REPORTS]), encoding="utf-8")
    return part


def _scores(out: str) -> dict[str, list[str]]:
    """The table's rows by kind: items, pair P, pair R, pair F1, B3 P, B3 R, B3 F1."""
    rows = [line.split() for line in out.splitlines()[2:]]
    return {row[1]: row[3:] for row in rows if len(row) == 10}


def _plates(world: Path) -> list[str]:
    """The true vehicle of every plate the world's reports write, in order."""
    plates = []
    for line in (world / "truth" / "reports.jsonl").read_text(encoding="utf-8").splitlines():
        for subject in json.loads(line)["subjects"]:
            plates += [
                m["entity"] for m in subject["mentions"] if m["entity"].startswith("vehicle:")
            ]
    return plates


def test_before_loading_the_world_the_command_says_to_load_it(world: Path) -> None:
    with pytest.raises(CommandError, match="load the world with `samverkan load` first"):
        call_command("evaluate-stored", str(world))
    with pytest.raises(CommandError, match="is not a generated world"):
        call_command("evaluate-stored", str(world / "truth"))


def test_the_stored_entities_are_scored_and_a_wrong_merge_shows(world: Path) -> None:
    call_command("load", str(world), stdout=StringIO())
    out = StringIO()
    call_command("evaluate-stored", str(world), stdout=out)
    scores = _scores(out.getvalue())
    assert {"account", "address", "phone", "vehicle", "person"} <= set(scores)
    assert scores["vehicle"][0] == f"{len(_plates(world)):,}"
    assert scores["vehicle"][1] == "1.0000"  # keys never join two cars
    assert scores["person"][2] == "0.0000"  # no person batch has run yet

    # The nightly sweep brings slips back: recall rises, precision stays.
    before = _vehicles(world)
    near_sweep()
    swept = _vehicles(world)
    assert swept.pairwise.recall > before.pairwise.recall
    assert swept.pairwise.precision == 1.0

    # Three registered cars merged by mistake, one into the next: every pair counts.
    registered = RegisteredVehicle.objects.values_list("plate_key", flat=True)
    cars = list(
        Entity.objects.filter(kind="vehicle", key__in=list(registered), merged_into=None)
        .annotate(n=Count("links"))
        .order_by("pk")[:3]
    )
    with transaction.atomic():
        entity_merge_by_rule(a=cars[1], b=cars[2], rule=NearRule.SLIP, evidence={})
        entity_merge_by_rule(a=cars[0], b=cars[1], rule=NearRule.SLIP, evidence={})
    a, b, c = (car.n for car in cars)
    wrong = _vehicles(world)
    assert wrong.predicted_pairs == swept.predicted_pairs + a * b + a * c + b * c
    assert wrong.pairwise.precision < 1.0


def _vehicles(world: Path) -> Agreement:
    return next(r.agreement for r in stored_results(world) if r.kind == "vehicle")
