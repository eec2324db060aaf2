"""Running retention: see what is due (dry run), then erase it.

One run covers reports (by kind), imported rows (per source, see
``retention.imported``) and kept import files no job can still use
(``imports.services.import_files_sweep``); its record holds the counts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from samverkan.audit.models import AuditAction
from samverkan.audit.services import audit_record
from samverkan.imports.services import import_files_sweep
from samverkan.intake.models import Report, ReportKind
from samverkan.retention.imported import imported_rows_erase
from samverkan.retention.models import IMPORTED, ReportTally, RetentionRule, RetentionRunRecord

BATCH = 500


@dataclass
class RetentionResult:
    now: datetime
    dry_run: bool
    due_by_kind: dict[str, int] = field(default_factory=dict)
    erased: int = 0
    rows_erased: dict[str, int] = field(default_factory=dict)
    files_removed: int = 0

    @property
    def due(self) -> int:
        """Reports due (imported rows and files are counted apart)."""
        return sum(n for kind, n in self.due_by_kind.items() if kind in ReportKind.values)

    @property
    def rows_due(self) -> int:
        return sum(n for kind, n in self.due_by_kind.items() if kind.startswith(IMPORTED))


def reports_due(*, now: datetime) -> QuerySet[Report]:
    """Reports whose rule's period is over and that nothing holds."""
    condition = Q(pk__in=[])
    for rule in RetentionRule.objects.exclude(kind__startswith=IMPORTED):
        cutoff = now - relativedelta(months=rule.months)
        condition |= Q(kind=rule.kind, occurred_at__lt=cutoff)
    return Report.objects.filter(condition, retention_hold=False)


def retention_run(
    *,
    now: datetime | None = None,
    dry_run: bool,
    triggered_by: str = "schedule",
    progress: Callable[[int], None] | None = None,
) -> RetentionResult:
    """Erase every report due; with ``dry_run`` only count them by kind. Both are recorded."""
    started = timezone.now()
    run = RetentionResult(now=now or started, dry_run=dry_run)
    due = reports_due(now=run.now)
    for kind in due.values_list("kind", flat=True).distinct():
        run.due_by_kind[kind] = due.filter(kind=kind).count()
    while not dry_run:
        batch = list(due.order_by("pk").values_list("pk", flat=True)[:BATCH])
        if not batch:
            break
        for report_id in batch:
            run.erased += _erase(report_id)
        if progress is not None:
            progress(run.erased)
    due_rows, run.rows_erased = imported_rows_erase(now=run.now, dry_run=dry_run)
    run.due_by_kind.update(due_rows)
    files_due = import_files_sweep(now=run.now, dry_run=True)
    if files_due:
        run.due_by_kind["import_files"] = files_due
    if not dry_run:
        run.files_removed = import_files_sweep(now=run.now, dry_run=False)
    RetentionRunRecord.objects.create(
        started_at=started,
        finished_at=timezone.now(),
        as_of=run.now,
        dry_run=dry_run,
        due_by_kind=run.due_by_kind,
        erased=run.erased,
        rows_erased=run.rows_erased,
        files_removed=run.files_removed,
        triggered_by=triggered_by,
    )
    return run


@transaction.atomic
def _erase(report_id: int) -> int:
    """Erase one report: tally it, log the erasure, delete it, all or nothing."""
    report = Report.objects.select_for_update().filter(pk=report_id, retention_hold=False).first()
    if report is None:
        return 0
    month = report.occurred_at.date().replace(day=1)
    tally, _ = ReportTally.objects.get_or_create(
        month=month, kind=report.kind, organisation_code=report.organisation.code
    )
    ReportTally.objects.filter(pk=tally.pk).update(erased=F("erased") + 1)
    audit_record(
        actor=None,
        actor_label="retention",
        action=AuditAction.ERASE,
        object_type="report",
        object_id=str(report.pk),
        purpose="retention period over",
        details={"kind": report.kind, "occurred_month": f"{month:%Y-%m}"},
        personal_data=report.payload,
    )
    report.delete()
    return 1
