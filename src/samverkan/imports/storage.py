"""The bookkeeping every imported row carries, and the columns an identifier is stored in.

Invariants:

- ``(organisation, row_hash)`` is unique in every connector's table: the same
  row from the same organisation is stored once, whichever job brings it.
- ``(job, line)`` is indexed: the engine counts what one batch stored with a
  range on it, which no other job or batch can touch.
- An identifier is three columns: ``<field>_raw`` exactly as written,
  ``<field>_key`` the canonical key of ``samverkan.identifiers`` (null when it
  does not normalise) and ``<field>_error`` the ``InvalidIdentifier.code``
  then (empty otherwise). Fields that accept several kinds (an organisation
  number may be Swedish or Norwegian) add ``<field>_kind``.
"""

from __future__ import annotations

from django.db import models

from samverkan.access.models import Organisation

# Longest cell accepted (longer rows are refused); identifiers.MAX_LENGTH is 400.
RAW_LENGTH = 500
KEY_LENGTH = 400
TEXT_LENGTH = 500


class ImportedRow(models.Model):
    """One row of an imported file, as the connector's table stores it."""

    job = models.ForeignKey(
        "imports.ImportJob", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    # Indexed as the head of the identity constraint below.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    # Physical line of the file where the row starts (the header is line 1).
    line = models.BigIntegerField()
    # SHA-256 of the organisation, the connector and the row's normalised values.
    row_hash = models.BinaryField(max_length=32)

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "row_hash"], name="imp_%(class)s_identity"
            )
        ]
        indexes = [models.Index(fields=["job", "line"], name="imp_%(class)s_line")]


def raw_column() -> models.CharField[str, str]:
    return models.CharField(max_length=RAW_LENGTH, blank=True)


def key_column() -> models.CharField[str | None, str | None]:
    return models.CharField(max_length=KEY_LENGTH, null=True, blank=True)


def error_column() -> models.CharField[str, str]:
    return models.CharField(max_length=20, blank=True)


def kind_column() -> models.CharField[str, str]:
    return models.CharField(max_length=30, blank=True)


def text_column() -> models.CharField[str, str]:
    return models.CharField(max_length=TEXT_LENGTH, blank=True)
