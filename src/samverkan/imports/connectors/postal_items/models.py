"""One stored event of a postal item feed.

Invariant: the item id is kept as written and as its S10 or barcode key
(indexed with the event time: questions start from an item); names and
addresses of sender and recipient are kept as written and as keys, the
recipient's address indexed since drop addresses are found through it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from samverkan.imports.storage import (
    ImportedRow,
    error_column,
    key_column,
    raw_column,
    text_column,
)


class ItemFormat(models.TextChoices):
    LETTER = "letter", _("Letter")
    LARGE_LETTER = "large_letter", _("Large letter")
    PARCEL = "parcel", _("Parcel")


class PostalItemEvent(ImportedRow):
    item_raw = raw_column()
    item_key = key_column()
    item_error = error_column()
    sender_name_raw = raw_column()
    sender_name_key = key_column()
    sender_name_error = error_column()
    sender_address_raw = raw_column()
    sender_address_key = key_column()
    sender_address_error = error_column()
    recipient_name_raw = raw_column()
    recipient_name_key = key_column()
    recipient_name_error = error_column()
    recipient_address_raw = raw_column()
    recipient_address_key = key_column()
    recipient_address_error = error_column()
    weight_grams = models.IntegerField(null=True, blank=True)
    format = models.CharField(max_length=20, choices=ItemFormat.choices)
    event = text_column()
    event_at = models.DateTimeField()

    class Meta(ImportedRow.Meta):
        indexes = [
            *ImportedRow.Meta.indexes,
            models.Index(fields=["item_key", "event_at"], name="imports_postal_item"),
            models.Index(fields=["recipient_address_key"], name="imports_postal_recipient"),
        ]

    def __str__(self) -> str:
        return f"{self.item_raw} {self.event} {self.event_at:%Y-%m-%d %H:%M}"
