"""Added latency of instant linking (keys and near keys) per stored report.

    .venv/bin/python benchmarks/entities/linking.py
    .venv/bin/python scripts/throwaway_postgres.py -- \
        .venv/bin/python benchmarks/entities/linking.py

Generates the demo world, loads its vehicle register, and stores each of
its reports through `report_submit` three times in a fresh database: as
is; under another external id with the near-key and company-name steps
replaced by no-ops; and under a third with all linking replaced by no-ops,
alternating report by report so the runs see the same load. Prints
p50/p95 per report of each and the latency linking and near keys add.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
    if "SAMVERKAN_DATABASE_URL" not in os.environ:
        os.environ["SAMVERKAN_DATA_DIR"] = tempfile.mkdtemp(prefix="samverkan-bench-link-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from samverkan.access.models import Compartment, Organisation
    from samverkan.access.services import organisation_register
    from samverkan.intake.loading import _organisations
    from samverkan.intake.schemas import Submission
    from samverkan.intake.services import report_submit
    from samverkan.registers.services import vehicle_register_load
    from samverkan.scenario import generate_world

    call_command("migrate", verbosity=0)
    world = Path(tempfile.mkdtemp(prefix="samverkan-bench-world-"))
    generate_world(size="demo", seed=1, noise=0.2, out=world)
    vehicle_register_load(path=world / "vehicle_register.csv")
    for described in _organisations(world / "organisations.jsonl"):
        organisation_register(data=described)
    by_code = {o.code: o for o in Organisation.objects.all()}
    linked: list[float] = []
    keys_only: list[float] = []
    bare: list[float] = []
    lines = (world / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    for line in lines:
        submission = Submission.model_validate_json(line)
        organisation = by_code[submission.organisation]
        for code in submission.report.handling.compartments:
            Compartment.objects.get_or_create(
                code=code, defaults={"name": code, "owner": organisation}
            )
        started = time.perf_counter()
        report_submit(organisation=organisation, data=submission.report, by=None, via="bench")
        linked.append(time.perf_counter() - started)
        other = submission.report.model_copy(
            update={"external_id": submission.report.external_id + "-keys"}
        )
        with (
            mock.patch("samverkan.intake.services.near_link"),
            mock.patch("samverkan.intake.services.company_names_link"),
        ):
            started = time.perf_counter()
            report_submit(organisation=organisation, data=other, by=None, via="bench")
            keys_only.append(time.perf_counter() - started)
        other = submission.report.model_copy(
            update={"external_id": submission.report.external_id + "-bare"}
        )
        with (
            mock.patch("samverkan.intake.services.mentions_link", return_value=[]),
            mock.patch("samverkan.intake.services.near_link"),
            mock.patch("samverkan.intake.services.company_names_link"),
        ):
            started = time.perf_counter()
            report_submit(organisation=organisation, data=other, by=None, via="bench")
            bare.append(time.perf_counter() - started)

    def p(values: list[float], q: float) -> float:
        return sorted(values)[int(len(values) * q)] * 1000

    def show(label: str, values: list[float]) -> None:
        median = statistics.median(values) * 1000
        print(f"{label:<22} p50 {median:6.2f} ms, p95 {p(values, 0.95):6.2f} ms")

    def added(label: str, more: list[float], less: list[float]) -> None:
        median = (statistics.median(more) - statistics.median(less)) * 1000
        print(f"{label:<22} p50 {median:6.2f} ms, p95 {p(more, 0.95) - p(less, 0.95):6.2f} ms")

    print(f"database: {connection.vendor}; {len(lines)} reports")
    show("with all linking:", linked)
    show("keys only:", keys_only)
    show("without linking:", bare)
    added("added by linking:", linked, bare)
    added("of which near keys:", linked, keys_only)  # and company names


if __name__ == "__main__":
    main()
