"""Benchmark what imported call records add to an entity page, with a million of them loaded.

    .venv/bin/python benchmarks/imports/entity_page.py --world /tmp/wc
    .venv/bin/python scripts/throwaway_postgres.py -- \
        .venv/bin/python benchmarks/imports/entity_page.py --world /tmp/wc

Uses a fresh database (a temporary SQLite file unless SAMVERKAN_DATABASE_URL
is set). Imports ``--rows`` call records (the world's, repeated a year later
each round, as ``run.py`` does), then a report names three phones: the
busiest number, a number of median traffic, and one seen in a single call.
For each: the median over ``--repeat`` reads of ``imports.about.imported_about``
(what the entity page adds: counts, first and last, counterparts, latest
calls, linking counterparts to entities) and of the whole ``entity_read``,
with the number of queries each makes, and the query plans of the two
aggregates.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from benchmarks.imports.run import _setup, _world_calls  # noqa: E402 - after the path is set
from tests.imports.kill_harness import call_file  # noqa: E402


def _load(path: Path, rows: int) -> tuple[Any, float]:
    from samverkan.access.models import Organisation, User
    from samverkan.imports.files import file_keep_copy
    from samverkan.imports.running import import_job_run
    from samverkan.imports.services import import_job_create

    organisation, _ = Organisation.objects.get_or_create(
        code="se-noa-bench",
        defaults={"kind": "national_police", "country": "SE", "name": "NOA (benchmark)"},
    )
    analyst = User.objects.create_user(
        username="bench-analyst", organisation=organisation, roles=["analyst"]
    )
    job = import_job_create(
        organisation=organisation,
        connector="call_records",
        file=file_keep_copy(source=path),
        file_name=path.name,
        by=None,
    )
    started = time.perf_counter()
    job = import_job_run(job_id=job.pk)
    assert job.status == "done", job.error
    assert job.rows_imported == rows, job.rows_imported
    return analyst, time.perf_counter() - started


def _phones() -> dict[str, tuple[str, int]]:
    """The busiest number, one of median traffic, and one in a single call (as caller)."""
    from django.db.models import Count

    from samverkan.imports.connectors.call_records.models import CallRecord

    traffic = list(
        CallRecord.objects.exclude(a_number_key=None)
        .values_list("a_number_key")
        .annotate(n=Count("pk"))
        .order_by("-n", "a_number_key")
    )
    single = next(row for row in reversed(traffic) if row[1] == 1)
    return {"busiest": traffic[0], "median": traffic[len(traffic) // 2], "single": single}


def _entities(analyst: Any, phones: dict[str, tuple[str, int]]) -> dict[str, int]:
    from samverkan.entities.models import Entity
    from samverkan.intake.schemas import ReportIn
    from samverkan.intake.services import report_submit

    mentions = [{"kind": "phone", "value": key} for key, _ in phones.values()]
    data = ReportIn.model_validate(
        {
            "kind": "intelligence",
            "external_id": "bench-1",
            "occurred_at": "2026-05-02T06:40:00+02:00",
            "handling": {"tlp": "AMBER"},
            "subjects": [{"ref": "s", "role": "suspect", "mentions": mentions}],
        }
    )
    report_submit(organisation=analyst.organisation, data=data, by=analyst, via="bench")
    return {
        label: Entity.objects.get(kind="phone", key=key).pk for label, (key, _) in phones.items()
    }


def _timed(call: Any, repeat: int) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call()  # warm
    times = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            call()
            times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, len(queries)


def _plans(key: str) -> dict[str, str]:
    from django.db import connection

    from samverkan.imports.connectors.call_records.models import CallRecord

    made = CallRecord.objects.filter(organisation_id=1, a_number_key=key)
    received = CallRecord.objects.filter(organisation_id=1, b_number_key=key)
    plans = {}
    for label, rows in (("made", made), ("received", received)):
        sql, params = rows.values("started_at").query.sql_with_params()
        with connection.cursor() as cursor:
            prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
            cursor.execute(prefix + sql, params)
            plans[label] = " | ".join(str(row[-1]) for row in cursor.fetchall())
    return plans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--world", type=Path, help="a folder made by 'samverkan generate'")
    args = parser.parse_args()
    _setup()
    from django.db import connection, transaction

    from samverkan.access.purpose import Purpose
    from samverkan.entities.models import Entity
    from samverkan.entities.selectors import entity_read
    from samverkan.imports.about import imported_about

    folder = Path(tempfile.mkdtemp(prefix="samverkan-bench-entity-page-"))
    path = folder / "calls.csv"
    call_file(_world_calls(args.world, folder), path, args.rows)
    analyst, load_seconds = _load(path, args.rows)
    phones = _phones()
    entities = _entities(analyst, phones)
    purpose = Purpose("bench-1")
    figures: dict[str, Any] = {
        "database": connection.vendor,
        "rows": args.rows,
        "load_seconds": round(load_seconds, 1),
    }
    for label, entity_id in entities.items():
        entity = Entity.objects.get(pk=entity_id)
        about = imported_about(reader=analyst, entity=entity)
        assert about.calls is not None
        added_ms, added_queries = _timed(
            lambda e=entity: imported_about(reader=analyst, entity=e), args.repeat
        )

        def page(e: int = entity_id) -> None:
            with transaction.atomic():
                entity_read(reader=analyst, entity_id=e, purpose=purpose)

        page_ms, page_queries = _timed(page, args.repeat)
        figures[label] = {
            "calls_as_caller": phones[label][1],
            "calls_in_all": about.calls.count,
            "counterparts_shown": len(about.calls.counterparts),
            "imported_ms": round(added_ms, 2),
            "imported_queries": added_queries,
            "entity_read_ms": round(page_ms, 2),
            "entity_read_queries": page_queries,
        }
    figures["plans"] = _plans(phones["busiest"][0])
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
