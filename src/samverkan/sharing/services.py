"""Asking another organisation for what it holds, and answering."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from samverkan.access.models import Organisation, User
from samverkan.access.policy import (
    Action,
    NotFound,
    access_entity,
    access_information_request,
    entity_hits_for,
)
from samverkan.audit.models import AuditAction
from samverkan.audit.services import audit_record
from samverkan.intake.models import Report
from samverkan.sharing.models import InformationRequest, ReportDisclosure, RequestStatus


class RequestError(ValueError):
    """The request or answer cannot be made as asked; the message says why."""


@transaction.atomic
def information_request_ask(
    *, by: User, entity_id: int, holder_id: int, reason: str
) -> InformationRequest:
    """Ask the holder of hidden reports on an entity to share them."""
    entity = access_entity(by, entity_id, Action.VIEW)
    if holder_id not in entity_hits_for(reader=by, entity=entity):
        raise NotFound
    assert by.organisation is not None  # access_entity needs one
    if not reason.strip():
        raise RequestError("say why you need the information")
    holder = Organisation.objects.get(pk=holder_id)
    request = InformationRequest.objects.create(
        entity=entity,
        holder=holder,
        requester=by.organisation,
        asked_by=by,
        reason=reason.strip()[:500],
        asked_at=timezone.now(),
    )
    audit_record(
        actor=by,
        action=AuditAction.DISCLOSE,
        object_type="information_request",
        object_id=str(request.pk),
        purpose=request.reason,
        recipients=[holder.code],
        details={"entity": entity.pk, "asked": True},
    )
    return request


@transaction.atomic
def information_request_answer(
    *, by: User, request_id: int, grant: bool, answer: str
) -> InformationRequest:
    """Grant (the hidden reports are opened to the asking organisation) or refuse."""
    request = access_information_request(by, request_id, Action.CHANGE)
    if request.status != RequestStatus.OPEN:
        raise RequestError("this request is already answered")
    if not grant and not answer.strip():
        raise RequestError("say why you refuse, so that the asking organisation can act on it")
    disclosed: list[int] = []
    if grant:
        now = timezone.now()
        reports = Report.objects.filter(
            mentions__entity_link__entity=request.entity,
            organisation=request.holder,
            tlp="AMBER+STRICT",
            compartments__isnull=True,
        ).distinct()
        for report in reports:
            ReportDisclosure.objects.get_or_create(
                report=report,
                organisation=request.requester,
                defaults={"request": request, "disclosed_at": now},
            )
            disclosed.append(report.pk)
    request.status = RequestStatus.GRANTED if grant else RequestStatus.REFUSED
    request.answer, request.answered_by, request.answered_at = (
        answer.strip()[:500],
        by,
        timezone.now(),
    )
    request.save(update_fields=["status", "answer", "answered_by", "answered_at"])
    audit_record(
        actor=by,
        action=AuditAction.DISCLOSE,
        object_type="information_request",
        object_id=str(request.pk),
        purpose=request.reason,
        recipients=[request.requester.code],
        outcome=request.status,
        details={"reports": disclosed},
    )
    return request
