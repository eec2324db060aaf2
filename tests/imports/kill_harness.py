"""Kill ``samverkan import`` with SIGKILL mid-run, resume it, and count what is stored.

Shared by ``test_imports_kill.py`` (a few kills, ~200k rows) and
``benchmarks/imports/run.py`` (a hundred kills, a million rows). Everything
runs in child processes against a database of its own: a SQLite file, or a
fresh database in the PostgreSQL server that ``SAMVERKAN_DATABASE_URL`` names.
The harness reads the database directly (sqlite3 / psycopg), never through the
Django of the process it runs in.
"""

from __future__ import annotations

import csv
import json
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ORGANISATION = "se-noa-kill"
SAMVERKAN = [sys.executable, "-m", "samverkan.cli"]


@dataclass
class Database:
    """A database of its own for the child processes."""

    env: dict[str, str]
    url: str  # "" for SQLite
    sqlite_path: Path | None

    def query(self, sql: str, *params: object) -> list[tuple[Any, ...]]:
        """Rows of ``sql``, whose parameters are written ``?``."""
        if self.sqlite_path is not None:
            import sqlite3

            with sqlite3.connect(self.sqlite_path, timeout=30) as connection:
                return list(connection.execute(sql, params).fetchall())
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as connection:
            return list(connection.execute(sql.replace("?", "%s").encode(), params).fetchall())


def _server_url(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{database}"))


@contextmanager
def database(folder: Path) -> Iterator[Database]:
    """Migrate a fresh database (PostgreSQL if configured, else SQLite in ``folder``)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAMVERKAN_")}
    env.update(
        {
            "SAMVERKAN_DATA_DIR": str(folder / "data"),
            "SAMVERKAN_SECOND_FACTOR": "off",
            "SAMVERKAN_LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "samverkan.settings",
        }
    )
    server = os.environ.get("SAMVERKAN_DATABASE_URL", "")
    name = f"kill_{uuid.uuid4().hex[:12]}"
    if server.startswith(("postgres://", "postgresql://")):
        import psycopg

        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"'.encode())
        env["SAMVERKAN_DATABASE_URL"] = url = _server_url(server, name)
        db = Database(env, url, None)
    else:
        db = Database(env, "", folder / "data" / "samverkan.sqlite3")
    try:
        subprocess.run([*SAMVERKAN, "migrate", "-v0"], env=env, check=True)
        script = (
            "from samverkan.access.models import Organisation;"
            f"Organisation.objects.create(code={ORGANISATION!r}, kind='national_police',"
            " country='SE', name='Nationella operativa avdelningen')"
        )
        subprocess.run([*SAMVERKAN, "shell", "-v0", "-c", script], env=env, check=True)
        yield db
    finally:
        if db.sqlite_path is None:
            import psycopg

            with psycopg.connect(server, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)'.encode())


def call_file(source: Path, target: Path, rows: int) -> int:
    """``rows`` call records from ``source``, repeated with the start a year later each round.

    Each round is a new year, so every row is distinct; returns the number written.
    """
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        calls = list(reader)
    start = header.index("start")
    written = 0
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        year = 0
        while written < rows:
            for call in calls[: rows - written]:
                moment = datetime.fromisoformat(call[start]) + timedelta(days=366 * year)
                writer.writerow([*call[:start], moment.isoformat(), *call[start + 1 :]])
                written += 1
            year += 1
    return written


@dataclass
class KillRun:
    """What a kill campaign did and found."""

    kills: int = 0
    runs: int = 0
    kill_offsets: list[int] = field(default_factory=list)
    seconds: float = 0.0
    job: dict[str, Any] = field(default_factory=dict)
    stored: int = 0
    distinct_lines: int = 0
    batch_events: int = 0
    imported_in_events: int = 0


def _job(db: Database) -> tuple[int, int, str] | None:
    rows = db.query(
        "SELECT id, committed_offset, status FROM imports_importjob ORDER BY id DESC LIMIT 1"
    )
    return (int(rows[0][0]), int(rows[0][1]), str(rows[0][2])) if rows else None


def _start(db: Database, arguments: list[str], batch_rows: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*SAMVERKAN, "import", *arguments, "--no-progress", "--batch-rows", str(batch_rows)],
        env=db.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _kill_soon(
    process: subprocess.Popen[bytes], db: Database, rng: random.Random, after: int, window: float
) -> int | None:
    """SIGKILL the process at a random moment once the job's offset passed ``after``.

    Returns the committed offset seen just before the kill, or None if the
    process ended by itself first.
    """
    while process.poll() is None:
        seen = _job(db)
        if seen is not None and seen[1] > after:
            break
        time.sleep(0.02)
    else:
        return None
    time.sleep(rng.uniform(0.0, window))
    if process.poll() is not None:
        return None
    process.send_signal(signal.SIGKILL)
    process.wait()
    seen = _job(db)
    return seen[1] if seen else 0


def kill_campaign(
    db: Database, file: Path, *, kills: int, batch_rows: int, window: float, seed: int
) -> KillRun:
    """Import ``file``, killing the importer ``kills`` times, then resume to the end."""
    rng = random.Random(seed)  # noqa: S311 - reproducible kill moments, nothing secret
    run = KillRun()
    started = time.monotonic()
    process = _start(db, ["call_records", str(file), "--organisation", ORGANISATION], batch_rows)
    run.runs += 1
    while True:
        seen = _job(db)
        after = seen[1] if seen else 0
        offset = _kill_soon(process, db, rng, after, window) if run.kills < kills else None
        if offset is None:
            _, errors = process.communicate()
            if process.returncode != 0:
                raise RuntimeError(f"import ended with {process.returncode}: {errors.decode()}")
            break
        run.kills += 1
        run.kill_offsets.append(offset)
        job = _job(db)
        assert job is not None
        process = _start(db, ["--resume", str(job[0])], batch_rows)
        run.runs += 1
    run.seconds = time.monotonic() - started
    last = _job(db)
    assert last is not None
    [values] = db.query(
        "SELECT status, rows_done, rows_imported, rows_duplicate, rows_invalid, batches"
        " FROM imports_importjob WHERE id = ?",
        last[0],
    )
    run.job = dict(zip(_JOB_COLUMNS, values, strict=True))
    [(run.stored, run.distinct_lines)] = db.query(
        "SELECT COUNT(*), COUNT(DISTINCT line) FROM imports_callrecord WHERE job_id = ?", last[0]
    )
    details = db.query(
        "SELECT details FROM audit_auditevent WHERE action = 'collect'"
        " AND object_type = 'import_job' AND object_id = ?",
        str(last[0]),
    )
    batches = [d for (raw,) in details if (d := _json(raw)).get("stage") == "batch"]
    run.batch_events = len(batches)
    run.imported_in_events = sum(int(d["imported"]) for d in batches)
    return run


_JOB_COLUMNS = ("status", "rows_done", "rows_imported", "rows_duplicate", "rows_invalid", "batches")


def _json(raw: Any) -> dict[str, Any]:
    value = json.loads(raw) if isinstance(raw, str | bytes) else raw
    assert isinstance(value, dict)
    return value


def audit_verifies(db: Database) -> bool:
    result = subprocess.run(
        [*SAMVERKAN, "audit", "verify"], env=db.env, capture_output=True, check=False
    )
    return result.returncode == 0
