"""The hash chain's arithmetic: canonical form and entry hashes. No database here."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

GENESIS_HASH = "0" * 64

# The fields an entry hash covers, in a fixed order. Adding a field is a new
# chain version: never change this list for existing events.
HASHED_FIELDS = (
    "sequence",
    "occurred_at",
    "actor_id",
    "actor_label",
    "organisation_code",
    "roles",
    "action",
    "object_type",
    "object_id",
    "purpose",
    "recipients",
    "request_id",
    "outcome",
    "details",
    "personal_data_hash",
)


def canonical_time(moment: datetime) -> str:
    """UTC, microseconds, always the same text for the same instant."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_json(fields: dict[str, Any]) -> str:
    """Sorted keys, no whitespace, UTF-8 kept: one text per content."""
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    payload = {name: fields[name] for name in HASHED_FIELDS}
    return hashlib.sha256((prev_hash + canonical_json(payload)).encode("utf-8")).hexdigest()


def personal_data_hash(value: Any) -> str:
    """A fingerprint of personal data an event concerns, so the event never holds the data."""
    return hashlib.sha256(canonical_json(value).encode("utf-8")).hexdigest()
