"""Five couriers name one phone: a lead, routed, offered, declined, escalated, closed."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
from django.core import mail
from django.utils import timezone

from samverkan.access.policy import Forbidden
from samverkan.audit.models import AuditEvent
from samverkan.entities.models import Entity
from samverkan.intake.models import Report
from samverkan.leads.capacity import week_of
from samverkan.leads.detection import lead_entity_add, leads_detect, leads_refresh
from samverkan.leads.history import LeadError
from samverkan.leads.models import (
    DeclineReason,
    Lead,
    LeadEventKind,
    LeadStatus,
    Notification,
    Offer,
    OfferState,
    Outcome,
)
from samverkan.leads.services import (
    capacity_declare,
    lead_accept,
    lead_close,
    lead_decline,
    leads_allocate,
    leads_expire,
)
from tests.leads.world import LeadsWorld, leads_world

pytestmark = pytest.mark.django_db
BACKER = "+46701234567"
CaptureCallbacks = Callable[..., AbstractContextManager[list[Callable[[], object]]]]


@pytest.fixture
def world() -> LeadsWorld:
    return leads_world()


def _named_by_couriers(world: LeadsWorld, couriers: int, phone: str = BACKER) -> None:
    for _ in range(couriers):
        world.statement(phone=phone, destination="0180")


def test_five_couriers_naming_one_phone_make_a_lead_routed_to_the_destination(
    world: LeadsWorld,
) -> None:
    _named_by_couriers(world, 4)
    assert leads_detect().created == 0  # four statements: 40 + 8 points, under the threshold
    world.statement(phone="070-123 45 67", destination="0180")  # the fifth, written otherwise

    assert leads_detect().created == 1
    lead = Lead.objects.get()
    assert [e.key for e in lead.entities.all()] == [BACKER]
    assert lead.score == 60
    assert {(t["code"], t["count"], t["points"]) for t in lead.score_terms} == {
        ("courier_statement", 5, 50),
        ("reliable_source", 5, 10),
    }
    # Stockholm (0180) is Södermalm's: the most specific district answers.
    assert lead.routed_to == world.org("se-lpo-sodermalm")
    assert (lead.route_votes, lead.route_places) == (10, 10)
    assert lead.originator == world.org("no-district-ost")
    assert (lead.status, lead.owner) == (LeadStatus.QUEUED, world.org("se-lpo-sodermalm"))
    assert set(Report.objects.values_list("retention_hold", flat=True)) == {True}
    assert AuditEvent.objects.filter(object_type="lead", action="combine").count() == 1
    assert leads_detect().created == 0  # the same evidence makes no second lead


def test_a_strictly_held_statement_does_not_count_towards_the_shared_score(
    world: LeadsWorld,
) -> None:
    _named_by_couriers(world, 4)
    world.statement(phone=BACKER, tlp="AMBER+STRICT")
    assert leads_detect().created == 0


def test_new_links_are_scored_by_the_worker_once(world: LeadsWorld) -> None:
    _named_by_couriers(world, 5)
    assert leads_refresh() == 1
    assert leads_refresh() == 0  # nothing new since
    world.statement(phone=BACKER, destination="0180")
    assert leads_refresh() == 1
    lead = Lead.objects.get()
    assert lead.score == 72
    assert list(lead.events.values_list("kind", flat=True)) == ["created", "rescored"]


def test_offers_stay_within_declared_capacity(
    world: LeadsWorld, django_capture_on_commit_callbacks: CaptureCallbacks
) -> None:
    for phone in ("+46701111111", "+46702222222", "+46703333333"):
        _named_by_couriers(world, 5, phone)
    leads_detect()
    now = timezone.now()
    capacity_declare(by=world.coordinators["se-lpo-sodermalm"], week=now.date(), leads=1)
    capacity_declare(by=world.coordinators["se-noa"], week=now.date(), leads=1)

    with django_capture_on_commit_callbacks(execute=True):  # e-mail leaves after the commit
        assert leads_allocate(now=now) == 2
    offers = Offer.objects.filter(state=OfferState.OPEN)
    assert sorted(o.organisation.code for o in offers) == ["se-lpo-sodermalm", "se-noa"]
    assert Lead.objects.filter(status=LeadStatus.QUEUED).count() == 1  # waits, visibly
    assert leads_allocate(now=now) == 0  # no capacity left this week
    coordinator = world.coordinators["se-lpo-sodermalm"]
    assert Notification.objects.filter(user=coordinator).count() == 1
    assert [m.to for m in mail.outbox if coordinator.email in m.to]


def test_a_decline_escalates_to_the_region_and_tells_the_originator(
    world: LeadsWorld, django_capture_on_commit_callbacks: CaptureCallbacks
) -> None:
    _named_by_couriers(world, 5)
    leads_detect()
    capacity_declare(by=world.coordinators["se-lpo-sodermalm"], week=timezone.localdate(), leads=2)
    leads_allocate()
    lead = Lead.objects.get()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        lead_decline(
            lead=lead,
            by=world.coordinators["se-lpo-sodermalm"],
            reason=DeclineReason.NO_CAPACITY,
            text="Full.",
        )

    lead.refresh_from_db()
    assert (lead.status, lead.owner) == (LeadStatus.OFFERED, world.org("se-region-stockholm"))
    assert lead.escalations == 1
    kinds = list(lead.events.values_list("kind", flat=True))
    assert kinds[-2:] == [LeadEventKind.DECLINED, LeadEventKind.ESCALATED]
    originator = world.officers["no-district-ost"]
    assert Notification.objects.filter(user=originator, event__kind="declined").exists()
    assert any(originator.email in m.to for m in mail.outbox)
    norwegian = next(m for m in mail.outbox if originator.email in m.to)
    assert "avslo" in norwegian.body  # Øst is Norwegian: the mail is in bokmål
    assert BACKER not in norwegian.body  # no personal data leaves by e-mail


def test_an_unanswered_offer_expires_and_moves_on(world: LeadsWorld) -> None:
    _named_by_couriers(world, 5)
    leads_detect()
    capacity_declare(by=world.coordinators["se-lpo-sodermalm"], week=timezone.localdate(), leads=2)
    leads_allocate()
    lead = Lead.objects.get()

    later = lead.deadline + datetime.timedelta(minutes=1)
    assert leads_expire(now=later) == 1
    lead.refresh_from_db()
    assert lead.owner == world.org("se-region-stockholm")
    assert Offer.objects.filter(lead=lead, state=OfferState.EXPIRED).count() == 1
    assert lead.deadline > later


def test_when_everyone_declines_the_lead_waits_with_the_national_unit(world: LeadsWorld) -> None:
    _named_by_couriers(world, 5)
    leads_detect()
    capacity_declare(by=world.coordinators["se-lpo-sodermalm"], week=timezone.localdate(), leads=2)
    leads_allocate()
    lead = Lead.objects.get()
    for code in ("se-lpo-sodermalm", "se-region-stockholm", "se-noa"):
        lead.refresh_from_db()
        assert lead.owner.code == code
        lead_decline(lead=lead, by=world.coordinators[code], reason=DeclineReason.NO_CAPACITY)
    lead.refresh_from_db()
    assert (lead.status, lead.owner.code) == (LeadStatus.QUEUED, "se-noa")
    assert lead.deadline > timezone.now()


def test_a_full_national_unit_is_not_offered_beyond_its_declared_capacity(
    world: LeadsWorld,
) -> None:
    _named_by_couriers(world, 5)
    leads_detect()
    today = timezone.localdate()
    capacity_declare(by=world.coordinators["se-lpo-sodermalm"], week=today, leads=2)
    capacity_declare(by=world.coordinators["se-noa"], week=today, leads=0)
    leads_allocate()
    lead = Lead.objects.get()
    for code in ("se-lpo-sodermalm", "se-region-stockholm"):
        lead.refresh_from_db()
        lead_decline(lead=lead, by=world.coordinators[code], reason=DeclineReason.NO_CAPACITY)
    lead.refresh_from_db()
    # NOA declared no room this week: the lead waits with it instead of an offer.
    assert (lead.status, lead.owner.code) == (LeadStatus.QUEUED, "se-noa")
    assert not Offer.objects.filter(organisation__code="se-noa").exists()


def test_accept_names_an_owner_and_close_needs_an_outcome(world: LeadsWorld) -> None:
    _named_by_couriers(world, 5)
    leads_detect()
    capacity_declare(by=world.coordinators["se-lpo-sodermalm"], week=timezone.localdate(), leads=2)
    leads_allocate()
    lead = Lead.objects.get()
    coordinator = world.coordinators["se-lpo-sodermalm"]
    with pytest.raises(LeadError):  # an officer of another organisation cannot own it
        lead_accept(lead=lead, by=coordinator, assignee=world.officers["no-district-oslo"])
    with pytest.raises(Forbidden):  # nor may another district answer for it
        lead_accept(
            lead=lead,
            by=world.coordinators["no-district-oslo"],
            assignee=world.officers["no-district-oslo"],
        )

    lead_accept(lead=lead, by=coordinator, assignee=world.officers["se-lpo-sodermalm"])
    lead.refresh_from_db()
    assert lead.status == LeadStatus.ACCEPTED
    assert lead.assignee == world.officers["se-lpo-sodermalm"]
    with pytest.raises(LeadError):
        lead_close(lead=lead, by=world.officers["se-lpo-sodermalm"], outcome=Outcome.NO_ACTION)
    lead_close(lead=lead, by=world.officers["se-lpo-sodermalm"], outcome=Outcome.SEIZURE)

    lead.refresh_from_db()
    assert (lead.status, lead.outcome) == (LeadStatus.CLOSED, Outcome.SEIZURE)
    assert set(Report.objects.values_list("retention_hold", flat=True)) == {False}
    originator = world.officers["no-district-ost"]
    assert Notification.objects.filter(user=originator, event__kind="closed").exists()


def test_capacity_is_declared_by_coordinators_for_this_week_or_later(world: LeadsWorld) -> None:
    coordinator = world.coordinators["no-district-oslo"]
    today = timezone.localdate()
    declared = capacity_declare(by=coordinator, week=today, leads=4)
    assert declared.week == week_of(today)
    assert capacity_declare(by=coordinator, week=today, leads=6).pk == declared.pk
    with pytest.raises(LeadError):
        capacity_declare(by=coordinator, week=today - datetime.timedelta(days=14), leads=1)
    with pytest.raises(Forbidden):
        capacity_declare(by=world.officers["no-district-oslo"], week=today, leads=1)


def test_an_analyst_groups_a_second_phone_into_the_lead(world: LeadsWorld) -> None:
    _named_by_couriers(world, 5)
    leads_detect()
    lead = Lead.objects.get()
    world.statement(phone="+46709999999")
    world.statement(phone="+46709999999")
    second = Entity.objects.get(key="+46709999999")
    assert world.analyst is not None

    lead_entity_add(lead=lead, entity=second, by=world.analyst)

    lead.refresh_from_db()
    assert set(lead.entities.values_list("key", flat=True)) == {BACKER, "+46709999999"}
    assert lead.score == 84  # seven statements, all reliable
    with pytest.raises(Forbidden):
        lead_entity_add(lead=lead, entity=second, by=world.officers["se-lpo-sodermalm"])
