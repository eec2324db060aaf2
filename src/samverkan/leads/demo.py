"""The demo's leads: backers named by several couriers become leads, offered within capacity.

Run once after the demo world is loaded (``samverkan demo``): every entity is
scored, every police district and region declares a small capacity for this
week and the next, the optimiser offers what fits, one region declines an
offer so that the escalation shows on the boards and to the originator, the
national units declare their capacity and are offered what fits there, and
one national unit takes a lead and closes it with a seizure, so that an
originator sees an outcome.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from samverkan.access.models import Organisation, OrganisationKind, User
from samverkan.leads.capacity import week_of
from samverkan.leads.detection import leads_detect
from samverkan.leads.models import Capacity, DeclineReason, Lead, LeadStatus, Outcome
from samverkan.leads.services import lead_accept, lead_close, lead_decline, leads_allocate

DISTRICT_CAPACITY = 3
NATIONAL_CAPACITY = 5


@dataclass(frozen=True, slots=True)
class DemoLeads:
    leads: int
    offered: int
    waiting: int


def demo_leads_prepare(
    *, decliner: str = "stockholm_coordinator", closer: str = "noa_coordinator"
) -> DemoLeads:
    """Make the demo's leads once; a second demo start finds them and does nothing."""
    if not Lead.objects.exists():
        now = timezone.now()
        leads_detect(now=now)
        _capacity_declared(national=False, now=now)
        leads_allocate(now=now)
        _one_declined(decliner, now=now)
        # The national units declare theirs after the districts, so the
        # declined lead above found room there and the rest is filled now.
        _capacity_declared(national=True, now=now)
        leads_allocate(now=now)
        _one_closed(closer, now=now)
    return DemoLeads(
        leads=Lead.objects.count(),
        offered=Lead.objects.filter(status=LeadStatus.OFFERED).count(),
        waiting=Lead.objects.filter(status=LeadStatus.QUEUED).count(),
    )


def _capacity_declared(*, national: bool, now: datetime.datetime) -> None:
    kinds = (
        [OrganisationKind.NATIONAL_POLICE]
        if national
        else [OrganisationKind.POLICE_DISTRICT, OrganisationKind.POLICE_REGION]
    )
    this_week = week_of(timezone.localdate(now))
    for organisation in Organisation.objects.filter(kind__in=kinds):
        for week in (this_week, this_week + datetime.timedelta(days=7)):
            Capacity.objects.get_or_create(
                organisation=organisation,
                week=week,
                defaults={
                    "leads": NATIONAL_CAPACITY if national else DISTRICT_CAPACITY,
                    "declared_at": now,
                },
            )


def _one_declined(username: str, *, now: datetime.datetime) -> None:
    coordinator = User.objects.filter(username=username).first()
    if coordinator is None or coordinator.organisation_id is None:
        return
    lead = (
        Lead.objects.filter(status=LeadStatus.OFFERED, owner_id=coordinator.organisation_id)
        .order_by("-score")
        .first()
    )
    if lead is not None:
        lead_decline(
            lead=lead,
            by=coordinator,
            reason=DeclineReason.NO_CAPACITY,
            text="Operation Vinterljus takes everyone this month.",
            now=now,
        )


def _one_closed(username: str, *, now: datetime.datetime) -> None:
    coordinator = User.objects.filter(username=username).first()
    if coordinator is None or coordinator.organisation_id is None:
        return
    lead = (
        Lead.objects.filter(status=LeadStatus.OFFERED, owner_id=coordinator.organisation_id)
        .filter(escalations=0)  # the escalated one stays open, for all to see where it went
        .order_by("-score")
        .first()
    )
    if lead is None:
        return
    lead = lead_accept(lead=lead, by=coordinator, assignee=coordinator, now=now)
    lead_close(
        lead=lead,
        by=coordinator,
        outcome=Outcome.SEIZURE,
        text="2.1 kg amphetamine seized at the drop address; two arrested.",
        now=now,
    )
