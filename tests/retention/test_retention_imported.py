"""With the clock moved on: imported rows go when their source's period is over, files when done.

Call records are kept 6 months after the call, plate hits 3 months after the
hit, postal feed events 6 months after the event, register lines 24 months
after their import unless a newer extract of the same company replaces them.
A job's copy of its file goes when the job is done; a failed job's a week
after it failed; orphans in the nightly run.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from samverkan.access.models import OrganisationKind, User
from samverkan.audit.models import AuditEvent
from samverkan.audit.verification import audit_verify
from samverkan.imports.connectors.call_records.models import CallRecord
from samverkan.imports.connectors.company_register.models import CompanyRegisterRow
from samverkan.imports.connectors.plate_hits.models import PlateHit
from samverkan.imports.connectors.postal_items.models import PostalItemEvent
from samverkan.imports.files import file_keep_copy, kept_path
from samverkan.imports.models import ImportJob, ImportStatus
from samverkan.imports.running import import_job_run
from samverkan.imports.services import import_job_create, resumable
from samverkan.retention import imported
from samverkan.retention.models import RetentionRule, RetentionRunRecord
from samverkan.retention.services import retention_run
from tests.imports.conftest import _member, import_file, write_csv

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 7, 20, 12, 0, tzinfo=UTC)
CALL_HEADER = ["a_number", "b_number", "start", "duration_seconds", "cell"]
REGISTER_HEADER = [
    "organisation_number",
    "name",
    "address",
    "board_member",
    "board_member_number",
    "role",
]


@pytest.fixture(autouse=True)
def _data_dir(settings: Any, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path / "data"


@pytest.fixture
def analyst(db: None) -> User:
    return _member(
        "noa_analyst", "se-noa", OrganisationKind.NATIONAL_POLICE, "SE", "NOA", "analyst"
    )


@pytest.fixture
def postnord(db: None) -> User:
    return _member(
        "postnord", "se-postnord", OrganisationKind.POSTAL_OPERATOR, "SE", "PostNord", "reporter"
    )


def _calls(analyst: User, tmp_path: Path) -> None:
    rows = [
        ["0701234567", "0709876543", "2026-01-10T10:00:00+01:00", "60", "c1"],  # due on NOW
        ["0701234567", "0709876543", "2026-01-11T10:00:00+01:00", "60", "c1"],  # due on NOW
        ["0701234567", "0709876543", "2026-04-10T10:00:00+02:00", "60", "c1"],  # kept
    ]
    import_file(analyst, "call_records", write_csv(tmp_path / "calls.csv", CALL_HEADER, rows))


def _plates(analyst: User, tmp_path: Path) -> None:
    rows = [
        ["ABC123", "E6", "2026-04-01 10:00:00", "Svinesund"],
        ["ABC123", "E6", "2026-04-25 10:00:00", "Svinesund"],
    ]
    path = write_csv(tmp_path / "plates.csv", ["plate", "camera", "time", "place"], rows)
    import_file(analyst, "plate_hits", path)


def _feed(postnord: User, tmp_path: Path) -> None:
    header = ["item_id", "sender", "recipient", "recipient_address", "format", "event", "time"]
    rows = [
        ["RR123456785SE", "Apotea AB", "Karl", "", "Brev", "posted", "2026-01-02T08:00:00+01:00"],
        [
            "RR123456785SE",
            "Apotea AB",
            "Karl",
            "",
            "Brev",
            "delivered",
            "2026-03-02T08:00:00+01:00",
        ],
    ]
    import_file(postnord, "postal_items", write_csv(tmp_path / "feed.csv", header, rows))


def test_a_dry_run_counts_each_source_and_changes_nothing(
    analyst: User, postnord: User, tmp_path: Path
) -> None:
    _calls(analyst, tmp_path)
    _plates(analyst, tmp_path)
    _feed(postnord, tmp_path)
    events = AuditEvent.objects.count()
    run = retention_run(now=NOW, dry_run=True)
    assert run.due_by_kind == {
        "import:call_records": 2,
        "import:plate_hits": 1,
        "import:postal_items": 1,
    }
    assert (CallRecord.objects.count(), PlateHit.objects.count()) == (3, 2)
    assert AuditEvent.objects.count() == events
    record = RetentionRunRecord.objects.get()
    assert (record.dry_run, record.rows_erased, record.files_removed) == (True, {}, 0)


def test_due_rows_go_in_audited_batches_and_the_run_records_the_counts(
    analyst: User, postnord: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imported, "BATCH_ROWS", 1)
    _calls(analyst, tmp_path)
    _plates(analyst, tmp_path)
    _feed(postnord, tmp_path)
    run = retention_run(now=NOW, dry_run=False)
    assert run.rows_erased == {
        "import:call_records": 2,
        "import:plate_hits": 1,
        "import:postal_items": 1,
    }
    assert [str(c.started_at.date()) for c in CallRecord.objects.all()] == ["2026-04-10"]
    assert [str(h.seen_at.date()) for h in PlateHit.objects.all()] == ["2026-04-25"]
    assert list(PostalItemEvent.objects.values_list("event", flat=True)) == ["delivered"]
    erasures = AuditEvent.objects.filter(action="erase", object_type="imported_rows")
    assert sorted(e.object_id for e in erasures) == [
        "call_records",
        "call_records",
        "plate_hits",
        "postal_items",
    ]
    assert all(e.details["rows"] == 1 and e.personal_data_hash for e in erasures)
    assert "0701234567" not in str([e.details for e in erasures])
    assert RetentionRunRecord.objects.get().rows_erased == run.rows_erased
    assert audit_verify().ok
    # Nothing is due twice.
    assert retention_run(now=NOW, dry_run=False).rows_erased == {}


def test_the_periods_are_rules_beside_the_report_rules(analyst: User, tmp_path: Path) -> None:
    rules = dict(RetentionRule.objects.values_list("kind", "months"))
    assert rules["import:call_records"] == 6
    assert rules["import:plate_hits"] == 3
    assert rules["import:postal_items"] == 6
    assert rules["import:company_register"] == 24
    assert rules["courier_statement"] == 36
    RetentionRule.objects.filter(kind="import:call_records").update(months=12)
    _calls(analyst, tmp_path)
    assert retention_run(now=NOW, dry_run=False).rows_erased == {}
    assert CallRecord.objects.count() == 3


def test_a_newer_register_extract_replaces_the_lines_it_changed(
    analyst: User, tmp_path: Path
) -> None:
    old = [
        [
            "556677-8899",
            "Bilfix AB",
            "Storgatan 1, 123 45 Stockholm",
            "Anna",
            "800101-0019",
            "ledamot",
        ],
        ["556677-8899", "Bilfix AB", "Storgatan 1, 123 45 Stockholm", "Bertil", "", "suppleant"],
        ["556036-0793", "Annat AB", "", "Cecilia", "", "ledamot"],
    ]
    new = [
        old[0],
        ["556677-8899", "Bilfix AB", "Storgatan 1, 123 45 Stockholm", "David", "", "suppleant"],
    ]
    first = import_file(
        analyst, "company_register", write_csv(tmp_path / "r1.csv", REGISTER_HEADER, old)
    )
    second = import_file(
        analyst, "company_register", write_csv(tmp_path / "r2.csv", REGISTER_HEADER, new)
    )
    assert (second.rows_imported, second.rows_duplicate) == (1, 1)
    # The unchanged line now belongs to the newer extract.
    by_member = dict(CompanyRegisterRow.objects.values_list("board_member_raw", "job_id"))
    assert by_member == {
        "Anna": second.pk,
        "Bertil": first.pk,
        "Cecilia": first.pk,
        "David": second.pk,
    }
    run = retention_run(dry_run=False)
    assert run.rows_erased == {"import:company_register": 1}
    members = set(CompanyRegisterRow.objects.values_list("board_member_raw", flat=True))
    assert members == {"Anna", "Cecilia", "David"}
    later = timezone.now() + timedelta(days=2 * 366)
    assert retention_run(now=later, dry_run=False).rows_erased == {"import:company_register": 3}


def test_a_done_jobs_file_goes_at_once_and_a_failed_ones_after_a_week(
    analyst: User, tmp_path: Path
) -> None:
    done = import_file(
        analyst,
        "call_records",
        write_csv(
            tmp_path / "c.csv",
            CALL_HEADER,
            [["0701234567", "0709876543", "2026-04-10 10:00", "1", "c"]],
        ),
    )
    assert not kept_path(done.file_path).exists()
    erased = AuditEvent.objects.get(
        action="erase", object_type="import_job", object_id=str(done.pk)
    )
    assert erased.details["stage"] == "file removed"
    assert analyst.organisation is not None
    failed = import_job_create(
        organisation=analyst.organisation,
        connector="call_records",
        file=file_keep_copy(source=write_csv(tmp_path / "f.csv", CALL_HEADER, [])),
        file_name="f.csv",
        by=analyst,
    )
    ImportJob.objects.filter(pk=failed.pk).update(
        status=ImportStatus.FAILED, finished_at=timezone.now()
    )
    queued = import_job_create(
        organisation=analyst.organisation,
        connector="call_records",
        file=file_keep_copy(source=write_csv(tmp_path / "q.csv", CALL_HEADER, [])),
        file_name="q.csv",
        by=analyst,
    )
    orphan = kept_path("imports/0123456789abcdef.csv")
    orphan.write_text("left behind\n")
    pending = kept_path("imports/pending/fedcba9876543210.csv")
    pending.parent.mkdir(parents=True, exist_ok=True)
    pending.write_text("never mapped\n")
    two_hours_ago = (timezone.now() - timedelta(hours=2)).timestamp()
    os.utime(orphan, (two_hours_ago, two_hours_ago))
    failed.refresh_from_db()
    assert resumable(failed)
    # Tonight: the orphan goes; the failed job's file and the queued one's stay.
    run = retention_run(dry_run=False)
    assert run.files_removed == 1
    assert not orphan.exists()
    assert pending.exists()
    assert kept_path(failed.file_path).exists()
    assert kept_path(queued.file_path).exists()
    # A week and a day later: the failed job's file and the old upload go; the queued job's stays.
    dry = retention_run(now=timezone.now() + timedelta(days=8), dry_run=True)
    assert dry.due_by_kind == {"import_files": 2}
    assert kept_path(failed.file_path).exists()
    run = retention_run(now=timezone.now() + timedelta(days=8), dry_run=False)
    assert run.files_removed == 2
    assert not kept_path(failed.file_path).exists()
    assert not pending.exists()
    assert kept_path(queued.file_path).exists()
    assert not resumable(failed)
    sweep = AuditEvent.objects.filter(action="erase", object_type="import_files").last()
    assert sweep is not None
    assert sweep.details == {"files": 2, "jobs": [failed.pk]}
    # The queued job still runs from its file.
    assert import_job_run(job_id=queued.pk).status == ImportStatus.DONE


def test_the_command_tells_rows_and_files(analyst: User, tmp_path: Path) -> None:

    _calls(analyst, tmp_path)
    out = StringIO()
    call_command("retention", "--dry-run", "--now", "2026-07-20", stdout=out)
    assert "2 imported rows" in out.getvalue()
    assert "due: 2 import:call_records" in out.getvalue()
    call_command("retention", "--now", "2026-07-20", stdout=out)
    assert "Erased 0 reports, 2 imported rows and 0 import files" in out.getvalue()
    assert CallRecord.objects.count() == 1
