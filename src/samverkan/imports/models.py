"""Import jobs, and (through ``connectors``) one table of imported rows per source.

Why one table per connector rather than one generic row table: the sources
share nothing but their bookkeeping (job, organisation, line, identity), and
what people ask of them is source-specific ("calls between these two numbers
in March", "hits of this plate near Svinesund"). Typed columns with their own
indexes answer that with plain queries; a generic table would need either a
JSON blob (no typed filters, no index on keys across both databases) or
numbered key columns whose meaning changes per row. The bookkeeping is one
abstract model, ``samverkan.imports.storage.ImportedRow``, so every table
carries the same identity constraint and the engine treats them alike.

``ImportJob`` invariant: ``committed_offset`` and every counter change only in
the transaction that stores the batch they count, so they always describe
exactly the rows in the database. ``claim`` names the run that owns the job;
a batch from any other run is refused, so two workers never interleave.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Each connector keeps its table beside its parser: importing the registry
# here registers those tables with Django, under this app.
from samverkan.access.models import Organisation, User
from samverkan.imports import connectors


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ImportJob(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="import_jobs"
    )
    # Who started it; empty for an operator's ``samverkan import`` without --user.
    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="import_jobs"
    )
    connector = models.CharField(max_length=40)
    # The file as kept, relative to DATA_DIR (always under "imports/").
    file_path = models.CharField(max_length=300)
    file_name = models.CharField(max_length=200)  # as uploaded, for people
    file_sha256 = models.CharField(max_length=64)
    file_bytes = models.BigIntegerField()
    encoding = models.CharField(max_length=20, default="utf-8-sig")
    delimiter = models.CharField(max_length=1, default=",")
    # Connector field name -> column of the file's header.
    mapping = models.JSONField(default=dict)
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    rows_total = models.BigIntegerField(null=True, blank=True)
    rows_done = models.BigIntegerField(default=0)
    rows_imported = models.BigIntegerField(default=0)
    rows_duplicate = models.BigIntegerField(default=0)
    rows_invalid = models.BigIntegerField(default=0)
    # Identifiers stored as written but without a key (they did not normalise).
    identifiers_invalid = models.BigIntegerField(default=0)
    # Records of the file consumed (blank lines included): where a resumed run starts.
    committed_offset = models.BigIntegerField(default=0)
    batches = models.IntegerField(default=0)
    # The first problems found (capped), and how many of each (column, code) in all.
    problems = models.JSONField(default=list)
    problem_counts = models.JSONField(default=dict)
    claim = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    # Moved at every claim and committed batch: a job that stops moving is revived.
    heartbeat_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "-created_at"], name="imports_job_newest")]

    def __str__(self) -> str:
        return f"import {self.pk} {self.connector} ({self.status})"

    @property
    def connector_label(self) -> str:
        found = connectors.CONNECTORS.get(self.connector)
        return str(found.label) if found else self.connector

    @property
    def finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)

    @property
    def share_done(self) -> float:
        """Share of the file's rows processed, 0 to 1 (0 while the total is unknown)."""
        if not self.rows_total:
            return 1.0 if self.status == ImportStatus.DONE else 0.0
        return min(1.0, self.rows_done / self.rows_total)
