"""``kill -9`` of the importer at random moments: resumed, nothing is lost and nothing is doubled.

The importer runs as a child process on a database of its own (a SQLite file,
or a fresh PostgreSQL database when the suite runs on PostgreSQL) and is
killed a few times at random moments after a batch has committed; each time
the job is resumed with ``samverkan import --resume``. The larger version
(a hundred kills, a million rows) is ``benchmarks/imports/run.py``.
"""

from __future__ import annotations

from pathlib import Path

from tests.imports.kill_harness import audit_verifies, call_file, database, kill_campaign

ROWS = 200_000
BATCH_ROWS = 5_000


def test_killed_imports_resume_without_loss_or_duplicates(
    world_calls: Path, tmp_path: Path
) -> None:
    calls = tmp_path / "calls.csv"
    assert call_file(world_calls, calls, ROWS) == ROWS
    with database(tmp_path) as db:
        run = kill_campaign(db, calls, kills=3, batch_rows=BATCH_ROWS, window=0.8, seed=ROWS)
        assert run.kills == 3, run
        assert run.job == {
            "status": "done",
            "rows_done": ROWS,
            "rows_imported": ROWS,
            "rows_duplicate": 0,
            "rows_invalid": 0,
            "batches": ROWS // BATCH_ROWS,
        }
        assert (run.stored, run.distinct_lines) == (ROWS, ROWS)  # none lost, none twice
        assert (run.batch_events, run.imported_in_events) == (ROWS // BATCH_ROWS, ROWS)
        assert audit_verifies(db)
