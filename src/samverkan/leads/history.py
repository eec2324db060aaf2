"""What every change of a lead leaves behind: its history event and its audit event.

Shared by ``detection`` (making and scoring leads) and ``services`` (offers
and decisions). ``LeadError`` is a refusal the user can act on; its message
is marked for translation where it is raised.
"""

from __future__ import annotations

import datetime

from samverkan.access.models import User
from samverkan.audit.models import AuditAction
from samverkan.audit.services import audit_record
from samverkan.leads.models import Lead, LeadEvent, LeadEventKind


class LeadError(ValueError):
    """A change the lead's state does not allow; the message says why, for the user."""


def lead_locked(lead: Lead) -> Lead:
    return Lead.objects.select_for_update().get(pk=lead.pk)


def lead_event(
    lead: Lead,
    kind: LeadEventKind,
    *,
    at: datetime.datetime,
    by: User | None = None,
    organisation_id: int | None = None,
    details: dict[str, object] | None = None,
) -> LeadEvent:
    return LeadEvent.objects.create(
        lead=lead,
        at=at,
        kind=kind,
        by=by,
        organisation_id=organisation_id,
        details=details or {},
    )


def lead_audit(
    lead: Lead, action: AuditAction, *, by: User | None, details: dict[str, object]
) -> None:
    audit_record(
        actor=by,
        action=action,
        object_type="lead",
        object_id=str(lead.pk),
        details={**details, "status": lead.status, "owner": lead.owner_id},
    )
