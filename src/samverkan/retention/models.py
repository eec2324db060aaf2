"""Retention rules and the anonymous tallies that outlive erased reports.

A rule's ``kind`` is a report kind, or ``import:<connector>`` for the rows of
one bulk source (``samverkan.retention.imported``).
"""

from __future__ import annotations

from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from samverkan.imports.connectors import CONNECTORS
from samverkan.intake.models import ReportKind

IMPORTED = "import:"
IMPORTED_KINDS = [
    (f"{IMPORTED}{name}", format_lazy("{}: {}", _("Imported"), connector.label))
    for name, connector in CONNECTORS.items()
]


class RetentionRule(models.Model):
    """Reports (or imported rows) of ``kind`` older than ``months`` are erased.

    A report's age is from when it happened; an imported row's from its
    connector's ``kept_from``.
    """

    kind = models.CharField(
        max_length=30, choices=[*ReportKind.choices, *IMPORTED_KINDS], unique=True
    )
    months = models.PositiveSmallIntegerField()

    def __str__(self) -> str:
        return f"{self.kind}: {self.months} months"


class ReportTally(models.Model):
    """How many reports of a kind one organisation made in one month: no personal data."""

    month = models.DateField()
    kind = models.CharField(max_length=30, choices=ReportKind.choices)
    organisation_code = models.CharField(max_length=80)
    erased = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "kind", "organisation_code"], name="tally_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.kind} {self.organisation_code}: {self.erased}"


class RetentionRunRecord(models.Model):
    """One run of retention, real or dry: what was due, what was erased, by whom."""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    as_of = models.DateTimeField()
    dry_run = models.BooleanField()
    due_by_kind = models.JSONField(default=dict)
    erased = models.PositiveIntegerField(default=0)
    # Imported rows erased, by rule kind, and import files removed (none in a dry run).
    rows_erased = models.JSONField(default=dict)
    files_removed = models.PositiveIntegerField(default=0)
    triggered_by = models.CharField(max_length=150)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{'dry run' if self.dry_run else 'run'} {self.started_at:%Y-%m-%d %H:%M}"
