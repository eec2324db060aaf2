"""The generator's call records go in whole and once, every number keyed, every batch logged."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from samverkan.access.models import User
from samverkan.audit.models import AuditEvent
from samverkan.audit.verification import audit_verify
from samverkan.identifiers import normalise
from samverkan.imports.connectors.call_records.models import CallRecord
from samverkan.imports.models import ImportStatus
from tests.imports.conftest import import_file

pytestmark = pytest.mark.django_db


def _calls(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_call_of_the_file_is_stored_with_its_keys(
    police_analyst: User, world_calls: Path
) -> None:
    calls = _calls(world_calls)
    job = import_file(police_analyst, "call_records", world_calls, batch_rows=500)
    assert job.status == ImportStatus.DONE
    assert (job.rows_total, job.rows_done, job.rows_imported) == (len(calls),) * 3
    assert (job.rows_duplicate, job.rows_invalid, job.identifiers_invalid) == (0, 0, 0)
    assert CallRecord.objects.filter(job=job).count() == len(calls)
    first = CallRecord.objects.get(job=job, line=2)
    assert first.a_number_raw == calls[0]["a_number"]
    assert first.a_number_key == normalise("phone", calls[0]["a_number"]).key
    assert first.started_at.isoformat().startswith(calls[0]["start"][:10])
    assert first.duration_seconds == int(calls[0]["duration_seconds"])
    assert first.organisation == police_analyst.organisation


def test_importing_the_same_file_again_adds_nothing(
    police_analyst: User, world_calls: Path
) -> None:
    first = import_file(police_analyst, "call_records", world_calls)
    again = import_file(police_analyst, "call_records", world_calls)
    assert again.status == ImportStatus.DONE
    assert (again.rows_imported, again.rows_duplicate) == (0, first.rows_imported)
    assert CallRecord.objects.count() == first.rows_imported
    assert not CallRecord.objects.filter(job=again).exists()


def test_each_committed_batch_is_one_collection_event(
    police_analyst: User, world_calls: Path
) -> None:
    job = import_file(police_analyst, "call_records", world_calls, batch_rows=1000)
    events = AuditEvent.objects.filter(object_type="import_job", object_id=str(job.pk))
    # Collections, then the erasure of the file once the rows are stored.
    assert [e.action for e in events.order_by("sequence")] == [
        *["collect"] * (1 + job.batches),
        "erase",
    ]
    events = events.filter(action="collect")
    received = [e for e in events if e.details["stage"] == "received"]
    batches = [e for e in events if e.details["stage"] == "batch"]
    assert len(received) == 1
    assert received[0].details["rows"] == job.rows_total
    assert len(batches) == job.batches == -(-job.rows_done // 1000)
    assert sum(e.details["imported"] for e in batches) == job.rows_imported
    assert [e.details["batch"] for e in batches] == list(range(1, job.batches + 1))
    assert all(e.actor == police_analyst for e in batches)
    assert audit_verify().ok


def test_rows_differing_only_in_how_numbers_are_written_are_one_row(
    police_analyst: User, tmp_path: Path
) -> None:
    from tests.imports.conftest import write_csv

    path = write_csv(
        tmp_path / "calls.csv",
        ["a_number", "b_number", "start", "duration_seconds", "cell"],
        [
            ["070-123 45 67", "+47 912 34 567", "2024-03-01T10:00:00+01:00", "60", "c1"],
            ["+46701234567", "004791234567", "2024-03-01T09:00:00Z", "60", "c1"],
        ],
    )
    job = import_file(police_analyst, "call_records", path)
    assert (job.rows_imported, job.rows_duplicate) == (1, 1)
    row = CallRecord.objects.get()
    assert (row.a_number_raw, row.a_number_key) == ("070-123 45 67", "+46701234567")
