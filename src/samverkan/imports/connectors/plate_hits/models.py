"""One stored plate hit.

Invariant: the plate is kept as read by the camera (``plate_raw``) and, when
it is a Swedish or Norwegian plate, as its key ("SE:ABC123"); the key is
indexed after the organisation (whose rows a reader reads) and before the
time, since questions start from a vehicle.
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


class PlateHit(ImportedRow):
    plate_raw = raw_column()
    plate_key = key_column()
    plate_error = error_column()
    camera = text_column()
    seen_at = models.DateTimeField()
    place = text_column()

    class Meta(ImportedRow.Meta):
        indexes = [
            *ImportedRow.Meta.indexes,
            models.Index(
                fields=["organisation", "plate_key", "seen_at"], name="imports_plate_org_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plate_raw} at {self.camera} {self.seen_at:%Y-%m-%d %H:%M}"
