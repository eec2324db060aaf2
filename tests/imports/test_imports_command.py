"""``samverkan import``: progress on stderr, summary on stdout, plain words for every mistake."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from samverkan.access.models import User
from samverkan.imports.connectors.call_records.models import CallRecord
from samverkan.imports.files import kept_path
from samverkan.imports.models import ImportJob, ImportStatus
from tests.imports.conftest import write_csv

pytestmark = pytest.mark.django_db


def _run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_imports_with_a_progress_bar_and_prints_the_summary(
    police_analyst: User, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "export.csv",
        ["caller", "B", "start", "seconds"],
        [
            ["070-123 45 67", "+4791234567", "2024-03-01T10:00:00+01:00", "60"],
            ["070-123 45 67", "+4791234567", "not a time", "60"],
        ],
    )
    out, err = _run(
        "call_records", str(path), "--organisation", "se-noa", "--user", "police_analyst",
        "--map", "a_number=caller", "--map", "b_number=B",
    )  # fmt: skip
    job = ImportJob.objects.get()
    assert (job.status, job.user, job.rows_imported, job.rows_invalid) == (
        ImportStatus.DONE,
        police_analyst,
        1,
        1,
    )
    assert "rows/s" in err
    assert "ETA" in err
    assert "100.0%" in err
    assert f"Import job {job.pk} (call_records, export.csv): done" in out
    assert "start: format × 1" in out
    assert "line 3, start: 'not a time' is not a time" in out
    assert "(row refused)" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["mobile_dumps", "x.csv"], "no connector 'mobile_dumps'; the connectors are call_rec"),
        (
            ["call_records", "{missing}", "--organisation", "se-noa"],
            "cannot be read: No such file or directory",
        ),
        (["call_records", "{calls}"], "Give the organisation the data is from"),
        (["call_records", "{calls}", "--organisation", "nowhere"], "no organisation 'nowhere'"),
        (["call_records", "{calls}", "--organisation", "se-postnord"], "does not import"),
        (
            ["call_records", "{calls}", "--organisation", "se-noa", "--user", "postnord_reporter"],
            "postnord_reporter may not import call_records for se-noa",
        ),
        (
            ["call_records", "{calls}", "--organisation", "se-noa", "--map", "a_number"],
            "FIELD=COLUMN",
        ),
        (
            ["call_records", "{calls}", "--organisation", "se-noa", "--map", "a_number=A-nr"],
            "Missing from the file: 'A-nr' (for a_number), 'b_number' (for b_number), "
            "'start' (for started_at), 'duration_seconds' (for duration_seconds). "
            "Its columns are: 'x', 'y'.",
        ),
        ([], "Give a connector and a file, or --resume JOB"),
        (["--resume", "99"], "There is no import job 99"),
    ],
)
def test_mistakes_are_told_plainly(
    police_analyst: User,
    postnord_reporter: User,
    tmp_path: Path,
    args: list[str],
    message: str,
) -> None:
    calls = write_csv(tmp_path / "calls.csv", ["x", "y"], [["1", "2"]])
    filled = [a.format(missing=tmp_path / "nope.csv", calls=calls) for a in args]
    with pytest.raises(CommandError) as caught:
        _run(*filled)
    assert message in str(caught.value)
    assert not ImportJob.objects.exists()
    assert not list((tmp_path / "data" / "imports").glob("*.csv"))


def test_resume_takes_up_a_job_and_refuses_a_finished_one(
    police_analyst: User, world_calls: Path
) -> None:
    _run("call_records", str(world_calls), "--organisation", "se-noa", "--batch-rows", "700")
    job = ImportJob.objects.get()
    with pytest.raises(CommandError, match="already done"):
        _run("--resume", str(job.pk))
    # Back to the moment after its first batch: rows, counts, and the file the
    # job kept until it was done.
    assert not kept_path(job.file_path).exists()
    shutil.copyfile(world_calls, kept_path(job.file_path))
    CallRecord.objects.filter(line__gt=701).delete()
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.RUNNING,
        committed_offset=700,
        rows_done=700,
        rows_imported=700,
    )
    _run("--resume", str(job.pk), "--no-progress")
    job.refresh_from_db()
    assert (job.status, job.rows_imported, job.rows_duplicate) == (
        ImportStatus.DONE,
        job.rows_total,
        0,
    )
    assert CallRecord.objects.count() == job.rows_total
