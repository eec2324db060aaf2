"""Reads of import jobs and imported rows, filtered in the database by organisation.

Invariants: a reader sees the jobs and rows of their own organisation, of
the sources they may import (``policy``), and nothing else; ``access_import_job``
answers "missing" and "not yours" with the same ``NotFound``. Showing a
job's problems shows values from the file (personal data), so that read
writes one consultation event.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from samverkan.access.models import User
from samverkan.access.policy import NotFound, connectors_importable_by, may_import
from samverkan.audit.models import AuditAction
from samverkan.audit.services import audit_record
from samverkan.imports.connectors import UnknownConnectorError, connector_named
from samverkan.imports.models import ImportJob
from samverkan.imports.storage import ImportedRow

PROBLEMS_SHOWN = 50
VALIDATION_PURPOSE = "import validation report of own organisation"


def import_jobs_visible_to(*, reader: User) -> QuerySet[ImportJob]:
    names = [connector.name for connector in connectors_importable_by(reader)]
    if not names or reader.organisation_id is None:
        return ImportJob.objects.none()
    return ImportJob.objects.filter(organisation_id=reader.organisation_id, connector__in=names)


def access_import_job(reader: User, job_id: int) -> ImportJob:
    """The job, if the reader may see it; else ``NotFound``, as for a job that does not exist."""
    job = (
        import_jobs_visible_to(reader=reader)
        .select_related("organisation", "user")
        .filter(pk=job_id)
        .first()
    )
    if job is None:
        raise NotFound
    return job


def imported_rows_visible_to(*, reader: User, connector: str) -> QuerySet[ImportedRow]:
    """The rows of one source imported by the reader's organisation, if the reader may see them."""
    try:
        source = connector_named(connector)
    except UnknownConnectorError:
        raise NotFound from None
    rows: QuerySet[ImportedRow] = source.model._default_manager.all()
    if not may_import(reader, source) or reader.organisation_id is None:
        return rows.none()
    return rows.filter(organisation_id=reader.organisation_id)


@transaction.atomic
def import_job_problems_read(
    *, reader: User, job_id: int, limit: int = PROBLEMS_SHOWN
) -> tuple[ImportJob, list[dict[str, Any]]]:
    """The job and, once it has finished, its first problems; showing them is logged."""
    job = access_import_job(reader, job_id)
    shown = list(job.problems[:limit]) if job.finished else []
    if shown:
        audit_record(
            actor=reader,
            action=AuditAction.CONSULT,
            object_type="import_job",
            object_id=str(job.pk),
            purpose=VALIDATION_PURPOSE,
            details={"problems_shown": len(shown)},
        )
    return job, shown
