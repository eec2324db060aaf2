"""Writing audit events. Call inside the transaction of the read or write being recorded."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.utils import timezone

from samverkan.access.models import Organisation, User
from samverkan.audit.chain import GENESIS_HASH, canonical_time, entry_hash, personal_data_hash
from samverkan.audit.models import AuditAction, AuditEvent, AuditHead


class AuditOutsideTransactionError(RuntimeError):
    """An event was recorded outside the transaction of what it records."""


def _head_locked() -> AuditHead:
    """The head row, locked until the transaction ends; created on an empty database."""
    head = AuditHead.objects.select_for_update().filter(id=1).first()
    if head is None:
        head = AuditHead.objects.create(id=1, sequence=0, entry_hash=GENESIS_HASH)
    return head


def audit_record(
    *,
    actor: User | None,
    action: AuditAction,
    organisation: Organisation | None = None,
    object_type: str,
    object_id: str = "",
    purpose: str = "",
    actor_label: str = "",
    roles: Sequence[str] | None = None,
    recipients: Sequence[str] = (),
    request_id: str = "",
    outcome: str = "ok",
    details: dict[str, Any] | None = None,
    personal_data: Any = None,
) -> AuditEvent:
    """Append one event to the chain, in the caller's transaction.

    If the event cannot be written, the caller's transaction fails with it:
    nothing is done that is not logged. The actor's roles are recorded unless
    ``roles`` says otherwise. ``personal_data`` is hashed, never
    stored, so retention can erase the data and the chain still verifies.
    """
    if not connection.in_atomic_block:
        raise AuditOutsideTransactionError(
            "audit_record must run inside the transaction of the action it records"
        )
    head = _head_locked()
    now = timezone.now()
    fields: dict[str, Any] = {
        "sequence": head.sequence + 1,
        "occurred_at": canonical_time(now),
        "actor_id": actor.pk if actor is not None else None,
        "actor_label": actor_label or (actor.get_username() if actor else "system"),
        "organisation_code": _organisation_code(actor, organisation),
        "roles": sorted(roles if roles is not None else (actor.roles if actor else [])),
        "action": action.value,
        "object_type": object_type,
        "object_id": object_id,
        "purpose": purpose,
        "recipients": list(recipients),
        "request_id": request_id,
        "outcome": outcome,
        # As stored and read back: JSON has string keys only ({2: 1} is {"2": 1}),
        # and the hash must be of what verification will read.
        "details": json.loads(json.dumps(details or {})),
        "personal_data_hash": (
            personal_data_hash(personal_data) if personal_data is not None else ""
        ),
    }
    digest = entry_hash(head.entry_hash, fields)
    event = AuditEvent.objects.create(
        **{**fields, "occurred_at": now},
        prev_hash=head.entry_hash,
        entry_hash=digest,
    )
    head.sequence, head.entry_hash = event.sequence, digest
    head.save(update_fields=["sequence", "entry_hash"])
    return event


def _organisation_code(actor: User | None, organisation: Organisation | None) -> str:
    """The acting person's organisation; for a system (no person), the one it acts for."""
    if actor is not None:
        return actor.organisation.code if actor.organisation else ""
    return organisation.code if organisation is not None else ""
