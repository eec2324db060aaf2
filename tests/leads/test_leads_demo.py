"""In the demo world, backers named by several couriers become leads, routed, offered, escalated."""

from __future__ import annotations

from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from samverkan.access.models import Organisation
from samverkan.intake.models import Mention
from samverkan.leads.capacity import week_of
from samverkan.leads.demo import demo_leads_prepare
from samverkan.leads.evidence import shared_reports
from samverkan.leads.models import Capacity, Lead, LeadEventKind, LeadStatus, Notification, Offer
from samverkan.scenario import generate_world
from samverkan.web.demo import demo_logins_ensure

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("world")
    generate_world(size="demo", seed=1, noise=0.2, out=folder)
    return folder


def test_the_demo_tells_the_story_of_a_lead(world: Path) -> None:
    call_command("load", str(world), stdout=StringIO())
    demo_logins_ensure()
    summary = demo_leads_prepare()
    assert summary.leads == Lead.objects.count() > 20
    assert summary.offered > 0
    assert summary.waiting > 0  # more leads than capacity: they wait, visibly

    # The backer phone most couriers named in shared statements is a lead,
    # routed to the district of the destination its couriers named most.
    named = Counter[str]()
    destinations: dict[str, Counter[str]] = {}
    for report in shared_reports().filter(kind="courier_statement"):
        for subject in report.payload["subjects"]:
            if subject["role"] != "backer":
                continue
            for mention in subject["mentions"]:
                if mention["kind"] == "phone":
                    # From the report's own mention (its index), not a join from all entities:
                    # PostgreSQL planned that join badly on the freshly loaded database.
                    stored = Mention.objects.select_related("entity_link__entity").filter(
                        report=report, kind="phone", raw=mention["value"]
                    )[0]
                    key = stored.entity_link.entity.key
                    named[key] += 1
                    destination = report.payload["route"]["destination"]
                    destinations.setdefault(key, Counter())[destination["municipality_code"]] += 1
    phone, _ = named.most_common(1)[0]
    lead = Lead.objects.get(entities__key=phone)
    municipality = destinations[phone].most_common(1)[0][0]
    assert municipality in lead.routed_to.municipality_codes

    # Offers stay within what each district declared for the week.
    week = week_of(timezone.localdate())
    for capacity in Capacity.objects.filter(week=week):
        offered = Offer.objects.filter(
            organisation=capacity.organisation, week=week, state__in=["open", "accepted"]
        ).count()
        assert offered <= capacity.leads, capacity.organisation.name

    # Stockholm declined one: it moved on at once, and its originator was told.
    declined = Lead.objects.get(events__kind=LeadEventKind.DECLINED)
    kinds = list(declined.events.values_list("kind", flat=True))
    assert kinds[kinds.index(LeadEventKind.DECLINED) + 1] == LeadEventKind.ESCALATED
    assert declined.owner != Organisation.objects.get(code="se-region-stockholm")
    assert declined.status == LeadStatus.OFFERED  # still open where it went
    assert (
        Notification.objects.filter(
            event__kind=LeadEventKind.DECLINED, user__organisation=declined.originator
        ).exists()
        or not declined.originator.users.exists()
    )

    # NOA closed one with a seizure: the outcome is there for its originator.
    closed = Lead.objects.get(status=LeadStatus.CLOSED)
    assert closed.outcome == "seizure"
    assert demo_leads_prepare() == summary  # a second start changes nothing
