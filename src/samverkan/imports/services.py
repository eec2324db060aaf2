"""Writes around import jobs: receive a file, create the job, queue it, resume it, revive it.

The rows themselves are written by ``running.import_job_run`` in the worker.
Invariants: a job is created only for a file whose header has every column
its mapping needs, by someone allowed to import that source for that
organisation (``policy``); receiving the file is logged as a collection in
the job's creating transaction; a job is queued only after that transaction
commits, so the worker always finds it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import IO

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from samverkan.access.models import Organisation, User
from samverkan.access.policy import may_import, organisation_may_import
from samverkan.audit.models import AuditAction
from samverkan.audit.services import audit_record
from samverkan.imports.connectors import Connector, connector_named
from samverkan.imports.files import (
    FileShape,
    KeptFile,
    file_adopt,
    file_discard,
    file_keep,
    file_shape,
    files_kept,
    files_pending,
    files_prune,
    kept_path,
    mapping_resolve,
)
from samverkan.imports.models import ImportJob, ImportStatus
from samverkan.imports.selectors import access_import_job
from samverkan.imports.tasks import import_job_task

# A queued or running job whose heartbeat is older than this is taken to be
# lost (its worker killed) and is queued again.
STALE_AFTER = timedelta(minutes=10)
PENDING_KEPT_SECONDS = 24 * 3600
# A failed job's file is kept this long, so that it can be resumed (after a
# database outage, say); then the file goes and the job can no longer go on.
FAILED_FILE_KEPT = timedelta(days=7)
# A kept file younger than this is never swept: its job may be being created.
SWEEP_GRACE_SECONDS = 3600


class ImportRefusedError(Exception):
    """This import may not be started (by this user, for this organisation, now)."""


@dataclass(frozen=True, slots=True)
class Upload:
    """A received file waiting for its column mapping to be confirmed."""

    connector: str
    file: KeptFile
    shape: FileShape


def _importer_check(
    connector: type[Connector], organisation: Organisation, by: User | None
) -> None:
    if not organisation_may_import(organisation, connector):
        raise ImportRefusedError(
            f"{organisation.code} is a {organisation.kind}; it does not import {connector.name}."
        )
    if by is not None and (by.organisation_id != organisation.pk or not may_import(by, connector)):
        raise ImportRefusedError(
            f"{by.get_username()} may not import {connector.name} for {organisation.code}."
        )


def import_upload_receive(*, by: User, connector: str, source: IO[bytes]) -> Upload:
    """Keep an uploaded file aside and read its header, before the mapping is chosen."""
    source_connector = connector_named(connector)
    if by.organisation is None:
        raise ImportRefusedError(f"{by.get_username()} belongs to no organisation.")
    _importer_check(source_connector, by.organisation, by)
    files_prune(older_than=PENDING_KEPT_SECONDS)
    kept = file_keep(source=source, pending=True)
    try:
        shape = file_shape(kept_path(kept.path))
    except BaseException:
        file_discard(kept.path)
        raise
    return Upload(connector, kept, shape)


def import_job_create(
    *,
    organisation: Organisation,
    connector: str,
    file: KeptFile,
    file_name: str,
    by: User | None,
    mapping: Mapping[str, str] | None = None,
) -> ImportJob:
    """A queued-to-be job for a kept file; ``mapping`` overrides the connector's defaults.

    Raises ``UnknownConnectorError``, ``ImportRefusedError`` or
    ``ImportFileError`` (``MissingColumnsError`` names the missing columns);
    the kept file is removed then.
    """
    try:
        source_connector = connector_named(connector)
        _importer_check(source_connector, organisation, by)
        shape = file_shape(kept_path(file.path))
        resolved = mapping_resolve(source_connector, shape.header, mapping or {})
        adopted = file_adopt(file.path)
    except BaseException:
        file_discard(file.path)
        raise
    with transaction.atomic(durable=True):
        job = ImportJob.objects.create(
            organisation=organisation,
            user=by,
            connector=connector,
            file_path=adopted,
            file_name=file_name[:200],
            file_sha256=file.sha256,
            file_bytes=file.size,
            encoding=shape.encoding,
            delimiter=shape.delimiter,
            mapping=resolved,
            rows_total=shape.rows,
        )
        audit_record(
            actor=by,
            actor_label="" if by else f"import:{organisation.code}",
            organisation=organisation,
            action=AuditAction.COLLECT,
            object_type="import_job",
            object_id=str(job.pk),
            details={
                "stage": "received",
                "connector": connector,
                "bytes": file.size,
                "sha256": file.sha256,
                "rows": shape.rows,
            },
        )
    return job


def import_job_enqueue(*, job: ImportJob) -> None:
    """Hand the job to the worker once the current transaction (if any) has committed."""
    transaction.on_commit(partial(import_job_task, job.pk))


def import_job_resume(*, by: User, job_id: int, now: datetime | None = None) -> ImportJob:
    """Queue a failed job, or one whose worker was lost, again; it goes on where it stopped."""
    job = access_import_job(by, job_id)
    if not resumable(job, now=now):
        raise ImportRefusedError(f"import job {job.pk} is {job.status} and cannot be resumed now.")
    ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=now or timezone.now())
    import_job_enqueue(job=job)
    return job


def resumable(job: ImportJob, *, now: datetime | None = None) -> bool:
    """Failed, or queued or running without a sign of life for ``STALE_AFTER``; file kept."""
    if not kept_path(job.file_path).is_file():
        return False
    if job.status == ImportStatus.FAILED:
        return True
    moment = now or timezone.now()
    return job.status != ImportStatus.DONE and job.heartbeat_at < moment - STALE_AFTER


@transaction.atomic
def import_jobs_revive(*, now: datetime | None = None) -> list[int]:
    """Queue again every queued or running job that stopped moving; returns their ids."""
    moment = now or timezone.now()
    stale = list(
        ImportJob.objects.select_for_update()
        .filter(
            status__in=[ImportStatus.QUEUED, ImportStatus.RUNNING],
            heartbeat_at__lt=moment - STALE_AFTER,
        )
        .values_list("pk", flat=True)
    )
    ImportJob.objects.filter(pk__in=stale).update(heartbeat_at=moment)
    for job_id in stale:
        transaction.on_commit(partial(import_job_task, job_id))
    return stale


def import_files_sweep(*, now: datetime | None = None, dry_run: bool) -> int:
    """Remove kept files no job can still use; returns how many (would) go.

    A job's file is kept while the job is queued or running (a killed run
    resumes from it) and for ``FAILED_FILE_KEPT`` after it failed; a done
    job's file is removed when it finishes, and anything else in the folder
    (a file whose job finished while its process died, an upload whose
    mapping was never confirmed) is an orphan. Files younger than
    ``SWEEP_GRACE_SECONDS`` are left alone. The removal is one ERASE event.
    """
    moment = now or timezone.now()
    clock = moment.timestamp()
    kept = files_kept(older_than=SWEEP_GRACE_SECONDS, now=clock)
    needed = set(
        ImportJob.objects.filter(
            Q(status__in=[ImportStatus.QUEUED, ImportStatus.RUNNING])
            | Q(status=ImportStatus.FAILED, finished_at__gte=moment - FAILED_FILE_KEPT),
            file_path__in=kept,
        ).values_list("file_path", flat=True)
    )
    going = [path for path in kept if path not in needed]
    going += files_pending(older_than=PENDING_KEPT_SECONDS, now=clock)
    if dry_run or not going:
        return len(going)
    with transaction.atomic():
        jobs = sorted(ImportJob.objects.filter(file_path__in=going).values_list("pk", flat=True))
        audit_record(
            actor=None,
            actor_label="retention",
            action=AuditAction.ERASE,
            object_type="import_files",
            purpose="import file no longer needed",
            details={"files": len(going), "jobs": jobs},
        )
    for path in going:
        file_discard(path)
    return len(going)
