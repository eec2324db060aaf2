"""Benchmark bulk imports: rows/s of a million call records, and the kill test at scale.

    .venv/bin/python benchmarks/imports/run.py --rows 1000000 --kills 100
    .venv/bin/python scripts/throwaway_postgres.py -- .venv/bin/python benchmarks/imports/run.py

Uses a fresh database (a temporary SQLite file unless SAMVERKAN_DATABASE_URL
is set). The call records come from a generated world (``--world``, default:
a small world generated here), repeated a year later each round until there
are ``--rows`` distinct rows. Figures:

- import: ``import_job_run`` in this process, exactly as the worker runs it
  (parse, normalise, hash, ``bulk_create(ignore_conflicts=True)`` in batches,
  progress and audit event per batch), rows/s;
- again: the same file imported a second time (every row a duplicate), rows/s;
- parse: the import's work without the database (read, parse, normalise with a
  cold cache, hash, build the unsaved rows), rows/s: what the database adds
  is the rest;
- baseline: the same file's rows read with ``csv`` and written raw into a
  bare table without indexes, ``executemany`` in one transaction (SQLite) or
  ``COPY`` (PostgreSQL); the import's cost is given as a ratio to it;
- kills: ``samverkan import`` in a child process on a database of its own,
  SIGKILLed ``--kills`` times at random moments after a batch commits and
  resumed each time; rows lost and rows stored twice at the end.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))  # the kill harness lives with the tests

from tests.imports.kill_harness import (  # noqa: E402 - after the path is set
    audit_verifies,
    call_file,
    database,
    kill_campaign,
)


def _setup() -> None:
    if "SAMVERKAN_DATABASE_URL" not in os.environ:
        os.environ["SAMVERKAN_DATA_DIR"] = tempfile.mkdtemp(prefix="samverkan-bench-imports-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings")
    os.environ.setdefault("SAMVERKAN_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _world_calls(world: Path | None, folder: Path) -> Path:
    if world is not None:
        return world / "call_records.csv"
    from samverkan.scenario import generate_world

    generate_world(size="small", seed=1, noise=0.2, out=folder / "world")
    return folder / "world" / "call_records.csv"


def bench_import(path: Path, rows: int) -> dict[str, float]:
    from samverkan.access.models import Organisation
    from samverkan.imports.files import file_keep_copy
    from samverkan.imports.running import import_job_run
    from samverkan.imports.services import import_job_create

    organisation, _ = Organisation.objects.get_or_create(
        code="se-noa-bench",
        defaults={"kind": "national_police", "country": "SE", "name": "NOA (benchmark)"},
    )
    figures: dict[str, float] = {}
    for label in ("import", "again"):
        job = import_job_create(
            organisation=organisation,
            connector="call_records",
            file=file_keep_copy(source=path),
            file_name=path.name,
            by=None,
        )
        started = time.perf_counter()
        job = import_job_run(job_id=job.pk)
        elapsed = time.perf_counter() - started
        assert job.status == "done", job.error
        assert job.rows_done == rows
        assert (job.rows_imported if label == "import" else job.rows_duplicate) == rows
        figures[f"{label}_seconds"] = elapsed
        figures[f"{label}_rows_per_s"] = rows / elapsed
    return figures


def bench_parse(path: Path, rows: int) -> dict[str, float]:
    """Everything ``import_job_run`` does to a row before the database sees it."""
    import hashlib

    from samverkan.imports.connectors import connector_named
    from samverkan.imports.connectors.base import Record
    from samverkan.imports.connectors.values import identifier
    from samverkan.imports.files import file_shape, mapping_resolve, records

    identifier.cache_clear()
    connector = connector_named("call_records")
    shape = file_shape(path)
    mapping = mapping_resolve(connector, shape.header, {})
    reader = connector(country="SE")
    started = time.perf_counter()
    built = 0
    for record in records(path, encoding=shape.encoding, delimiter=",", mapping=mapping):
        assert record.cells is not None
        parsed = reader.parse_row(record.cells)
        assert isinstance(parsed, Record)
        digest = hashlib.sha256("\x1f".join(parsed.identity).encode()).digest()
        reader.stored_row(parsed, job_id=1, organisation_id=1, line=record.line, row_hash=digest)
        built += 1
    elapsed = time.perf_counter() - started
    assert built == rows
    return {"parse_seconds": elapsed, "parse_rows_per_s": rows / elapsed}


def bench_baseline(path: Path, rows: int) -> dict[str, float]:
    """The file's rows written raw into a bare table, in one go."""
    from django.db import connection, transaction

    columns = "a_number text, b_number text, start text, duration_seconds integer, cell text"
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_bare_calls")
        cursor.execute(f"CREATE TABLE bench_bare_calls ({columns})")
    started = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy("COPY bench_bare_calls FROM STDIN") as copy:
                    for row in reader:
                        copy.write_row(row)
            else:
                raw = connection.connection
                assert raw is not None
                raw.executemany("INSERT INTO bench_bare_calls VALUES (?, ?, ?, ?, ?)", reader)
    elapsed = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM bench_bare_calls")
        assert cursor.fetchone() == (rows,)
    return {"baseline_seconds": elapsed, "baseline_rows_per_s": rows / elapsed}


def bench_kills(path: Path, kills: int, window: float, folder: Path) -> dict[str, Any]:
    with database(folder) as db:
        run = kill_campaign(db, path, kills=kills, batch_rows=5000, window=window, seed=kills)
        verified = audit_verifies(db)
    rows = int(run.job["rows_done"])
    return {
        "kills": run.kills,
        "runs": run.runs,
        "kill_seconds": run.seconds,
        "rows": rows,
        "stored": run.stored,
        "lost": rows - run.distinct_lines,
        "stored_twice": run.stored - run.distinct_lines,
        "job_counts_exact": run.job["rows_imported"] == run.stored == rows,
        "batch_events_match": run.batch_events == run.job["batches"]
        and run.imported_in_events == run.stored,
        "audit_verifies": verified,
        "kill_offsets_min_max": [min(run.kill_offsets), max(run.kill_offsets)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--kill-window", type=float, default=1.0, help="seconds, at most")
    parser.add_argument("--world", type=Path, help="a folder made by 'samverkan generate'")
    parser.add_argument("--skip-kills", action="store_true")
    args = parser.parse_args()
    _setup()
    from django.db import connection

    folder = Path(tempfile.mkdtemp(prefix="samverkan-bench-imports-files-"))
    path = folder / "calls.csv"
    call_file(_world_calls(args.world, folder), path, args.rows)
    figures: dict[str, Any] = {"database": connection.vendor, "rows": args.rows}
    figures.update(bench_parse(path, args.rows))
    figures.update(bench_import(path, args.rows))
    figures.update(bench_baseline(path, args.rows))
    figures["import_cost_ratio"] = figures["import_seconds"] / figures["baseline_seconds"]
    figures["again_cost_ratio"] = figures["again_seconds"] / figures["baseline_seconds"]
    if not args.skip_kills:
        figures.update(bench_kills(path, args.kills, args.kill_window, folder))
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
