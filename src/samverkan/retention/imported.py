"""Retention of imported rows: each source's rows go when their rule's period is over.

A row's age is its connector's ``kept_from`` (when the call was made, the
plate seen, the item event happened; when a register extract was imported).
A source with ``replaced_on_key`` (the company register) also loses a row as
soon as a later job of the same organisation holds rows of the same key: the
newer extract is the entry now (repeated lines move to the newer job when
imported, see ``imports.running``, so only lines that changed go).

Invariants: rows are erased in batches of ``BATCH_ROWS``; each batch is one
transaction holding the delete and one ERASE audit event (the source, the
number of rows, the jobs they came from, a hash of the rows' identities,
never their values); a dry run counts and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet

from samverkan.audit.models import AuditAction
from samverkan.audit.services import audit_record
from samverkan.imports.connectors import CONNECTORS, Connector
from samverkan.imports.storage import ImportedRow
from samverkan.retention.models import IMPORTED, RetentionRule

BATCH_ROWS = 5000


def imported_rows_due(
    *, connector: type[Connector], months: int, now: datetime
) -> QuerySet[ImportedRow]:
    """The source's rows whose period is over, or that a newer import replaced."""
    rows: QuerySet[ImportedRow] = connector.model._default_manager.all()
    condition = Q(**{f"{connector.kept_from}__lt": now - relativedelta(months=months)})
    if connector.replaced_on_key:
        newer = connector.model._default_manager.filter(
            organisation_id=OuterRef("organisation_id"),
            job_id__gt=OuterRef("job_id"),
            **{connector.replaced_on_key: OuterRef(connector.replaced_on_key)},
        )
        condition |= Q(Exists(newer))
    return rows.filter(condition)


def imported_rules() -> dict[type[Connector], RetentionRule]:
    """Each source with a retention rule, and its rule."""
    rules = RetentionRule.objects.filter(kind__startswith=IMPORTED)
    return {
        CONNECTORS[rule.kind.removeprefix(IMPORTED)]: rule
        for rule in rules
        if rule.kind.removeprefix(IMPORTED) in CONNECTORS
    }


def imported_rows_erase(
    *,
    now: datetime,
    dry_run: bool,
    progress: Callable[[int], None] | None = None,
) -> tuple[dict[str, int], dict[str, int]]:
    """Count the rows due per rule kind and, unless ``dry_run``, erase them; (due, erased)."""
    due_by_kind: dict[str, int] = {}
    erased_by_kind: dict[str, int] = {}
    for connector, rule in imported_rules().items():
        due = imported_rows_due(connector=connector, months=rule.months, now=now)
        count = due.count()
        if not count:
            continue
        due_by_kind[rule.kind] = count
        if dry_run:
            continue
        erased, last = 0, 0
        while True:
            pending = due.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)
            batch = list(pending[:BATCH_ROWS])
            if not batch:
                break
            erased += _erase_batch(connector, rule, due, batch)
            last = batch[-1]
            if progress is not None:
                progress(erased)
        erased_by_kind[rule.kind] = erased
    return due_by_kind, erased_by_kind


@transaction.atomic
def _erase_batch(
    connector: type[Connector], rule: RetentionRule, due: QuerySet[ImportedRow], batch: list[int]
) -> int:
    """Delete one batch of rows still due and log it as one erasure; returns how many."""
    rows = due.filter(pk__in=batch)
    found = list(rows.order_by("pk").values_list("pk", "job_id", "row_hash"))
    if not found:
        return 0
    audit_record(
        actor=None,
        actor_label="retention",
        action=AuditAction.ERASE,
        object_type="imported_rows",
        object_id=connector.name,
        purpose="retention period over",
        details={
            "rule": rule.kind,
            "months": rule.months,
            "rows": len(found),
            "jobs": sorted({job_id for _pk, job_id, _hash in found}),
        },
        personal_data=[bytes(row_hash).hex() for _pk, _job, row_hash in found],
    )
    connector.model._default_manager.filter(pk__in=[pk for pk, _job, _hash in found]).delete()
    return len(found)
