"""Running an import job: read the file from the last committed record, store batch by batch.

Invariants (what makes ``kill -9`` at any moment harmless):

- A batch is one durable transaction holding its rows, the job's new offset
  and counts, its problems and its COLLECT audit event. A killed run leaves
  the job exactly at the end of its last committed batch.
- A run starts by *claiming* the job (a fresh random ``claim``). Each batch
  checks, under the job's row lock, that the claim is still its own and the
  offset still where it started; otherwise another run has taken over and
  this one stops without writing. Re-running a job therefore resumes it,
  whether it failed, was killed, or is still running somewhere.
- What a batch stored is counted with ``(job, line)`` over the batch's own
  lines, after the insert and in the same transaction; rows the unique
  identity turned away are the batch's duplicates. The counts are exact on
  both databases without relying on what ``bulk_create`` reports.
- The job's copy of the file stays while the job can go on (queued,
  running, killed, failed) and is removed once the job is done; the
  retention sweep (``services.import_files_sweep``) removes what is left.
- A source whose later import replaces the earlier (``replaced_on_key``)
  moves its duplicates to the job that repeated them, after counting and in
  the batch's transaction: its rows always belong to the newest file that
  held them.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from samverkan.audit.models import AuditAction
from samverkan.audit.services import audit_record
from samverkan.imports.connectors import Connector, connector_named
from samverkan.imports.connectors.base import Problem, RowError
from samverkan.imports.files import FileRecord, ImportFileError, file_discard, kept_path, records
from samverkan.imports.models import ImportJob, ImportStatus
from samverkan.imports.storage import ImportedRow

BATCH_ROWS = 5000
# Problems kept with the job to show; beyond these only their counts are kept.
PROBLEMS_KEPT = 500
# Rows per INSERT statement. Measured on 300,000 call records: 50 is twice as
# fast as 1,000 on PostgreSQL (psycopg splits and the server parses each long
# statement, at a cost that grows faster than its length) and 10 % faster on
# SQLite (where Django caps it at 76 anyway).
INSERT_ROWS = 50

Progress = Callable[[ImportJob], None]
logger = logging.getLogger(__name__)


class ImportJobLostError(RuntimeError):
    """Another run claimed the job: this one stops without writing."""


@dataclass
class _Batch:
    """Records read since the last commit, parsed and ready to store."""

    start: int  # offset before the batch
    end: int = 0
    rows: list[ImportedRow] = field(default_factory=list)
    first_line: int = 0
    last_line: int = 0
    seen: int = 0
    invalid: int = 0
    identifiers_invalid: int = 0
    problems: list[dict[str, Any]] = field(default_factory=list)


class _Reader:
    """Turns a job's file records into stored rows with their identity."""

    def __init__(self, job: ImportJob) -> None:
        self.job = job
        self.connector: Connector = connector_named(job.connector)(country=job.organisation.country)
        self.salt = f"{job.organisation.code}\x1f{job.connector}\x1f"

    def add(self, batch: _Batch, record: FileRecord) -> None:
        batch.end = record.position
        if record.cells is None:  # a blank line
            return
        batch.seen += 1
        batch.first_line = batch.first_line or record.line
        batch.last_line = record.line
        parsed = (
            RowError((Problem("", "row", record.problem),))
            if record.problem
            else self.connector.parse_row(record.cells)
        )
        if isinstance(parsed, RowError):
            batch.invalid += 1
            self._note(batch, record.line, parsed.problems, refused=True)
            return
        if parsed.problems:
            batch.identifiers_invalid += len(parsed.problems)
            self._note(batch, record.line, parsed.problems, refused=False)
        identity = self.salt + "\x1f".join(parsed.identity)
        row = self.connector.stored_row(
            parsed,
            job_id=self.job.pk,
            organisation_id=self.job.organisation_id,
            line=record.line,
            row_hash=hashlib.sha256(identity.encode("utf-8")).digest(),
        )
        batch.rows.append(row)

    def _note(
        self, batch: _Batch, line: int, problems: tuple[Problem, ...], *, refused: bool
    ) -> None:
        for problem in problems:
            batch.problems.append(
                {
                    "line": line,
                    "field": problem.field,
                    "column": self.job.mapping.get(problem.field, ""),
                    "code": problem.code,
                    "reason": problem.reason,
                    "refused": refused,
                }
            )


def import_job_run(
    *, job_id: int, batch_rows: int = BATCH_ROWS, progress: Progress | None = None
) -> ImportJob:
    """Run (or resume) the job to its end; returns it as stored afterwards.

    A job already done is left alone. A problem with the file marks the job
    failed with a message for people; any other error marks it failed and is
    raised for the worker's log.
    """
    claim = _claim(job_id)
    if claim is not None:
        try:
            _run(job_id, claim, batch_rows, progress)
        except ImportJobLostError:
            logger.info("import job %s was claimed by another run; this one stops", job_id)
        except (ImportFileError, OSError, UnicodeDecodeError) as exc:
            _fail(job_id, claim, str(exc))
        except Exception as exc:
            _fail(job_id, claim, f"{type(exc).__name__}: {exc}")
            raise
    return ImportJob.objects.select_related("organisation", "user").get(pk=job_id)


@transaction.atomic(durable=True)
def _claim(job_id: int) -> str | None:
    job = ImportJob.objects.select_for_update().get(pk=job_id)
    if job.status == ImportStatus.DONE:
        return None
    job.claim = uuid.uuid4().hex
    job.status = ImportStatus.RUNNING
    job.started_at = job.started_at or timezone.now()
    job.heartbeat_at = timezone.now()
    job.finished_at = None
    job.error = ""
    job.save(
        update_fields=["claim", "status", "started_at", "heartbeat_at", "finished_at", "error"]
    )
    return job.claim


def _run(job_id: int, claim: str, batch_rows: int, progress: Progress | None) -> None:
    job = ImportJob.objects.select_related("organisation", "user__organisation").get(pk=job_id)
    reader = _Reader(job)
    batch = _Batch(start=job.committed_offset)
    for record in records(
        kept_path(job.file_path),
        encoding=job.encoding,
        delimiter=job.delimiter,
        mapping=job.mapping,
        offset=job.committed_offset,
    ):
        reader.add(batch, record)
        if batch.seen >= batch_rows:
            job = _commit(job, claim, batch, reader.connector)
            if progress is not None:
                progress(job)
            batch = _Batch(start=batch.end)
    if batch.end:
        job = _commit(job, claim, batch, reader.connector)
    job = _finish(job_id, claim)
    # Its rows are stored: the copy of the file goes (the retention sweep
    # removes it if this process dies first).
    file_discard(job.file_path)
    if progress is not None:
        progress(job)


@transaction.atomic(durable=True)
def _commit(job: ImportJob, claim: str, batch: _Batch, connector: Connector) -> ImportJob:
    """Store the batch, move the job past it and log the collection: all or nothing."""
    locked = ImportJob.objects.select_for_update().get(pk=job.pk)
    if locked.claim != claim or locked.committed_offset != batch.start:
        raise ImportJobLostError(job.pk)
    imported = 0
    if batch.rows:
        connector.model._default_manager.bulk_create(
            batch.rows, batch_size=INSERT_ROWS, ignore_conflicts=True
        )
        imported = connector.model._default_manager.filter(
            job_id=job.pk, line__gte=batch.first_line, line__lte=batch.last_line
        ).count()
    duplicate = len(batch.rows) - imported
    if duplicate and connector.replaced_on_key:
        _renew(job, connector, batch)
    locked.committed_offset = batch.end
    locked.batches += bool(batch.seen)
    locked.rows_done += batch.seen
    locked.rows_imported += imported
    locked.rows_duplicate += duplicate
    locked.rows_invalid += batch.invalid
    locked.identifiers_invalid += batch.identifiers_invalid
    room = max(0, PROBLEMS_KEPT - len(locked.problems))
    locked.problems = [*locked.problems, *batch.problems[:room]]
    counts = Counter(locked.problem_counts)
    counts.update(f"{p['column']}:{p['code']}" for p in batch.problems)
    locked.problem_counts = dict(counts)
    locked.heartbeat_at = timezone.now()
    locked.save(update_fields=_PROGRESS_FIELDS)
    if batch.seen:
        _batch_audit(job, locked.batches, batch, imported, duplicate)
    locked.organisation, locked.user = job.organisation, job.user
    return locked


def _renew(job: ImportJob, connector: Connector, batch: _Batch) -> None:
    """Move the batch's repeated rows to this job, at their line in this file.

    For a source whose later import replaces the earlier one (a register
    extract, ``Connector.replaced_on_key``): a line that did not change is
    part of the newer extract, so retention must not take it for a replaced
    one. Runs after the batch's rows are counted, in its transaction.
    """
    rows = connector.model._default_manager.filter(organisation_id=job.organisation_id)
    for row in batch.rows:
        rows.filter(row_hash=row.row_hash).exclude(job_id=job.pk).update(
            job_id=job.pk, line=row.line
        )


_PROGRESS_FIELDS = [
    "committed_offset",
    "batches",
    "rows_done",
    "rows_imported",
    "rows_duplicate",
    "rows_invalid",
    "identifiers_invalid",
    "problems",
    "problem_counts",
    "heartbeat_at",
]


def _batch_audit(job: ImportJob, number: int, batch: _Batch, imported: int, duplicate: int) -> None:
    audit_record(
        actor=job.user,
        actor_label="" if job.user else f"import:{job.organisation.code}",
        organisation=job.organisation,
        action=AuditAction.COLLECT,
        object_type="import_job",
        object_id=str(job.pk),
        details={
            "stage": "batch",
            "connector": job.connector,
            "batch": number,
            "records": [batch.start + 1, batch.end],
            "rows": batch.seen,
            "imported": imported,
            "duplicate": duplicate,
            "invalid": batch.invalid,
            "identifiers_invalid": batch.identifiers_invalid,
        },
    )


@transaction.atomic(durable=True)
def _finish(job_id: int, claim: str) -> ImportJob:
    locked = ImportJob.objects.select_for_update().get(pk=job_id)
    if locked.claim != claim:
        raise ImportJobLostError(job_id)
    locked.status = ImportStatus.DONE
    locked.rows_total = locked.rows_done
    locked.finished_at = locked.heartbeat_at = timezone.now()
    locked.save(update_fields=["status", "rows_total", "finished_at", "heartbeat_at"])
    job = ImportJob.objects.select_related("organisation", "user").get(pk=job_id)
    audit_record(
        actor=job.user,
        actor_label="" if job.user else f"import:{job.organisation.code}",
        organisation=job.organisation,
        action=AuditAction.ERASE,
        object_type="import_job",
        object_id=str(job_id),
        purpose="import done: the uploaded file is no longer needed",
        details={"stage": "file removed", "sha256": job.file_sha256},
    )
    return locked


@transaction.atomic(durable=True)
def _fail(job_id: int, claim: str, error: str) -> None:
    locked = ImportJob.objects.select_for_update().get(pk=job_id)
    if locked.claim != claim:
        return
    locked.status = ImportStatus.FAILED
    locked.error = error[:2000]
    locked.finished_at = locked.heartbeat_at = timezone.now()
    locked.save(update_fields=["status", "error", "finished_at", "heartbeat_at"])
