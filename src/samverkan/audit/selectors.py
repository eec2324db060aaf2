"""Reads of the audit trail for auditors; reading it is itself logged."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import QuerySet

from samverkan.access.models import User
from samverkan.access.policy import audit_events_visible_to, audit_trail_whole
from samverkan.audit.models import AuditAction, AuditEvent
from samverkan.audit.services import audit_record

EXPORT_COLUMNS = (
    "sequence",
    "occurred_at",
    "actor_label",
    "organisation_code",
    "roles",
    "action",
    "object_type",
    "object_id",
    "purpose",
    "recipients",
    "outcome",
    "entry_hash",
)


def _filtered(reader: User, object_type: str, object_id: str, actor: str) -> QuerySet[AuditEvent]:
    events = audit_events_visible_to(reader=reader)
    if object_type:
        events = events.filter(object_type=object_type)
    if object_id:
        events = events.filter(object_id=object_id)
    if actor:
        events = events.filter(actor_label=actor)
    return events.order_by("-sequence")


@transaction.atomic
def audit_events_page(
    *, reader: User, object_type: str = "", object_id: str = "", actor: str = "", page: int = 1
) -> Page[AuditEvent]:
    """Who did what to which object, and why: newest first."""
    shown = Paginator(_filtered(reader, object_type, object_id, actor), 100).get_page(page)
    audit_record(
        actor=reader,
        action=AuditAction.CONSULT,
        object_type="audit_trail",
        purpose="audit",
        details={"object_type": object_type, "object_id": object_id, "actor": actor},
    )
    return shown


@transaction.atomic
def audit_events_export(
    *, reader: User, recipient: str, object_type: str = "", object_id: str = "", actor: str = ""
) -> Iterator[str]:
    """The filtered trail as CSV lines, for a data-protection officer; logged as a disclosure."""
    events = _filtered(reader, object_type, object_id, actor)
    audit_record(
        actor=reader,
        action=AuditAction.DISCLOSE,
        object_type="audit_trail",
        purpose="audit export",
        recipients=[recipient],
        details={"object_type": object_type, "object_id": object_id, "actor": actor},
    )
    columns = EXPORT_COLUMNS if audit_trail_whole(reader=reader) else EXPORT_COLUMNS[1:-1]
    return _csv_lines(events.values_list(*columns), columns)


class _Echo:
    """A file that hands back what is written, so csv.writer yields lines for streaming."""

    def write(self, value: str) -> str:
        return value


def _csv_lines(
    rows: QuerySet[AuditEvent, tuple[object, ...]], columns: tuple[str, ...]
) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(columns)
    for row in rows.iterator(chunk_size=5000):
        yield writer.writerow(row)
