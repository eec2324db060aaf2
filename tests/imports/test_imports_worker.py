"""The worker's side: a run that loses its claim stops, a failed or lost job resumes exactly."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from samverkan.access.models import User
from samverkan.imports import running
from samverkan.imports.connectors.call_records.models import CallRecord
from samverkan.imports.files import file_keep_copy
from samverkan.imports.models import ImportJob, ImportStatus
from samverkan.imports.running import import_job_run
from samverkan.imports.services import import_job_create, import_jobs_revive
from samverkan.imports.tasks import import_job_task, import_jobs_revive_task

pytestmark = pytest.mark.django_db

Capture = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]


def _job(by: User, path: Path) -> ImportJob:
    assert by.organisation is not None
    return import_job_create(
        organisation=by.organisation,
        connector="call_records",
        file=file_keep_copy(source=path),
        file_name=path.name,
        by=by,
    )


def _exact(job: ImportJob, rows: int) -> None:
    """Every row of the file stored once, and the job's counts say so."""
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert (job.rows_done, job.rows_imported, job.rows_duplicate) == (rows, rows, 0)
    lines = list(CallRecord.objects.filter(job=job).values_list("line", flat=True))
    assert sorted(lines) == list(range(2, rows + 2))


def test_a_run_that_loses_its_claim_stops_and_the_new_one_finishes(
    police_analyst: User, world_calls: Path
) -> None:
    job = _job(police_analyst, world_calls)
    taken: list[int] = []

    def take_over(seen: ImportJob) -> None:
        if not taken:  # after the first batch, another worker claims the job
            taken.append(seen.committed_offset)
            running._claim(job.pk)

    first = import_job_run(job_id=job.pk, batch_rows=500, progress=take_over)
    assert first.status == ImportStatus.RUNNING
    assert first.committed_offset == taken[0] == 500
    assert CallRecord.objects.count() == 500
    import_job_run(job_id=job.pk, batch_rows=500)
    _exact(job, job.rows_total or 0)


def test_a_crash_mid_import_keeps_whole_batches_and_resumes_after_them(
    police_analyst: User, world_calls: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    job = _job(police_analyst, world_calls)
    commit = running._commit
    calls: list[int] = []

    def crash_on_third(*args: Any, **kwargs: Any) -> ImportJob:
        calls.append(1)
        if len(calls) == 3:
            raise OSError("disk full")
        return commit(*args, **kwargs)

    monkeypatch.setattr(running, "_commit", crash_on_third)
    failed = import_job_run(job_id=job.pk, batch_rows=400)
    assert (failed.status, failed.error) == (ImportStatus.FAILED, "disk full")
    assert (failed.committed_offset, failed.rows_imported) == (800, 800)
    assert CallRecord.objects.count() == 800
    monkeypatch.setattr(running, "_commit", commit)
    assert import_job_task.call_local(job.pk) == "done"
    _exact(job, job.rows_total or 0)


def test_an_unexpected_error_fails_the_job_and_reaches_the_log(
    police_analyst: User, world_calls: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    job = _job(police_analyst, world_calls)

    def broken(*args: Any, **kwargs: Any) -> ImportJob:
        raise ZeroDivisionError("bug")

    monkeypatch.setattr(running, "_commit", broken)
    with pytest.raises(ZeroDivisionError):
        import_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.error) == (ImportStatus.FAILED, "ZeroDivisionError: bug")


def test_jobs_whose_worker_died_are_queued_again(
    police_analyst: User, world_calls: Path, django_capture_on_commit_callbacks: Capture
) -> None:
    lost = _job(police_analyst, world_calls)
    fresh = _job(police_analyst, world_calls)
    long_ago = timezone.now() - timedelta(minutes=11)
    ImportJob.objects.filter(pk=lost.pk).update(status=ImportStatus.RUNNING, heartbeat_at=long_ago)
    with django_capture_on_commit_callbacks(execute=True):
        assert import_jobs_revive_task.call_local() == 1
    _exact(lost, lost.rows_total or 0)
    fresh.refresh_from_db()
    assert fresh.status == ImportStatus.QUEUED
    assert import_jobs_revive() == []


def test_a_done_job_is_left_alone(police_analyst: User, world_calls: Path) -> None:
    job = _job(police_analyst, world_calls)
    done = import_job_run(job_id=job.pk)
    again = import_job_run(job_id=job.pk)
    assert (again.status, again.batches, again.finished_at) == (
        ImportStatus.DONE,
        done.batches,
        done.finished_at,
    )
