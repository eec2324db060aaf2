"""One stored call record.

Invariant: both numbers are kept as written (``*_raw``) and, when they
normalise, as E.164 keys (``*_key``); each key is indexed after the
organisation (and before the time) because the questions asked of call
records start from a number, and every reader reads one organisation's rows
(``access.policy.imported_rows_visible_to``): with the key alone, SQLite
preferred the identity index and read all of an organisation's rows.
"""

from __future__ import annotations

from django.db import models

from samverkan.imports.storage import (
    ImportedRow,
    error_column,
    key_column,
    raw_column,
    text_column,
)


class CallRecord(ImportedRow):
    a_number_raw = raw_column()
    a_number_key = key_column()
    a_number_error = error_column()
    b_number_raw = raw_column()
    b_number_key = key_column()
    b_number_error = error_column()
    started_at = models.DateTimeField()
    duration_seconds = models.IntegerField()
    cell = text_column()

    class Meta(ImportedRow.Meta):
        indexes = [
            *ImportedRow.Meta.indexes,
            models.Index(
                fields=["organisation", "a_number_key", "started_at"], name="imports_call_org_a"
            ),
            models.Index(
                fields=["organisation", "b_number_key", "started_at"], name="imports_call_org_b"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.a_number_raw} → {self.b_number_raw} {self.started_at:%Y-%m-%d %H:%M}"
