"""How long scoring every entity into leads takes, against the query that finds candidates.

    .venv/bin/python benchmarks/leads/detect.py --size small
    .venv/bin/python scripts/throwaway_postgres.py -- \
        .venv/bin/python benchmarks/leads/detect.py --size small

Generates a world, loads it through the intake door into a fresh database,
then times: the bare aggregate query that lists entities named in two or
more shared reports (the floor: any scorer must at least find them), a full
``leads_detect`` (score all, make leads), a second full run (rescoring what
exists, as the nightly job does), and ``leads_refresh`` after one more
courier statement (what the five-minute job does for new evidence).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="small")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
    if "SAMVERKAN_DATABASE_URL" not in os.environ:
        os.environ["SAMVERKAN_DATA_DIR"] = tempfile.mkdtemp(prefix="samverkan-bench-leads-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count

    from samverkan.entities.models import Entity, EntityMention
    from samverkan.intake.models import Report
    from samverkan.leads.detection import leads_detect, leads_refresh
    from samverkan.leads.evidence import shared_reports
    from samverkan.leads.models import Lead
    from samverkan.scenario import generate_world

    call_command("migrate", verbosity=0)
    world = Path(tempfile.mkdtemp(prefix="samverkan-bench-world-"))
    generate_world(size=args.size, seed=args.seed, noise=0.2, out=world)
    started = time.perf_counter()
    call_command("load", str(world), verbosity=0)
    print(
        f"{connection.vendor}, size {args.size}: {Report.objects.count():,} reports, "
        f"{Entity.objects.count():,} entities, loaded in {time.perf_counter() - started:.0f} s"
    )

    started = time.perf_counter()
    candidates = list(
        EntityMention.objects.filter(mention__report__in=shared_reports())
        .values("entity_id")
        .annotate(reports=Count("mention__report", distinct=True))
        .filter(reports__gte=2)
        .values_list("entity_id", flat=True)
    )
    floor = time.perf_counter() - started
    print(f"candidate query (floor): {floor:.2f} s for {len(candidates):,} entities")

    started = time.perf_counter()
    first = leads_detect()
    full = time.perf_counter() - started
    print(
        f"first full scoring: {full:.1f} s, {first.created:,} leads made "
        f"({1000 * full / max(len(candidates), 1):.1f} ms per entity, "
        f"x{full / floor:.0f} the floor)"
    )

    started = time.perf_counter()
    again = leads_detect()
    nightly = time.perf_counter() - started
    print(f"nightly re-score: {nightly:.1f} s, {again.created} made, {again.rescored} changed")

    leads_refresh()  # move the mark past the load
    started = time.perf_counter()
    report = Report.objects.filter(kind="courier_statement").order_by("pk").first()
    assert report is not None
    from samverkan.intake.schemas import ReportIn
    from samverkan.intake.services import report_submit

    data = ReportIn.model_validate({**report.payload, "external_id": "bench-one-more"})
    report_submit(organisation=report.organisation, data=data, by=None, via="benchmark")
    submitted = time.perf_counter() - started
    started = time.perf_counter()
    changed = leads_refresh()
    refresh = time.perf_counter() - started
    print(
        f"one more courier statement: stored in {1000 * submitted:.0f} ms; "
        f"refresh {1000 * refresh:.0f} ms ({changed} lead(s) rescored or made); "
        f"{Lead.objects.count():,} leads in all"
    )


if __name__ == "__main__":
    main()
