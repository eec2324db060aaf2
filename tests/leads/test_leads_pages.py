"""The lead pages, as the people who use them: a coordinator's board and answers, the
originator learning what became of its report, and everyone else kept out.

The world: a postal agent's shop reports a parcel for a phone in Stockholm;
customs takes five couriers' statements naming the same phone, bound for
Stockholm; Södermalm's own AMBER+STRICT report names it too. The worker
makes a lead of the phone (routed to Södermalm, started by the shop), and
offers it within the capacity Södermalm's coordinator declares.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from samverkan.access.models import Organisation, OrganisationKind, User
from samverkan.audit.models import AuditEvent
from samverkan.intake.models import Report
from samverkan.intake.schemas import ReportIn
from samverkan.intake.services import report_submit
from samverkan.leads import capacity
from samverkan.leads.detection import leads_detect
from samverkan.leads.models import (
    Capacity,
    Lead,
    LeadEvent,
    LeadStatus,
    Notification,
    OfferState,
    OfferVia,
)
from samverkan.leads.services import capacity_declare, leads_allocate
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

PHONE = "070-123 45 67"
TITLE = PHONE  # a lead is shown as its entity was first written


@dataclass
class World:
    lead: Lead
    shop: Organisation
    sodermalm: Organisation
    region: Organisation
    lena: User  # reporter at the shop that passed the parcel on; sees no intelligence
    jonas: User  # customs officer who took the statements
    sara: User  # Södermalm's coordinator: declares capacity, answers offers
    olle: User  # Södermalm's officer: named to follow the lead up
    rita: User  # the region's coordinator: next in the chain
    mats: User  # an officer of Malmö: must not see Södermalm's lead at all
    parcel: Report


def _org(code: str, kind: str, name: str, **extra: Any) -> Organisation:
    return Organisation.objects.create(code=code, kind=kind, country="SE", name=name, **extra)


def _user(username: str, organisation: Organisation, roles: list[str], first: str) -> User:
    return User.objects.create(
        username=username, organisation=organisation, roles=roles, first_name=first
    )


def _report(by: User, external_id: str, day: int, **fields: Any) -> Report:
    assert by.organisation is not None
    data = ReportIn.model_validate(
        {
            "external_id": external_id,
            "occurred_at": f"2026-04-{day:02d}T10:00:00+02:00",
            **fields,
        }
    )
    report, _ = report_submit(organisation=by.organisation, data=data, by=by, via="test")
    return report


def _backer(phone: str) -> list[dict[str, Any]]:
    return [{"ref": "b1", "role": "backer", "mentions": [{"kind": "phone", "value": phone}]}]


def build_world() -> World:
    region = _org("se-region-sthlm", OrganisationKind.POLICE_REGION, "Polisregion Stockholm")
    sodermalm = _org(
        "se-lpo-sodermalm",
        OrganisationKind.POLICE_DISTRICT,
        "LPO Södermalm",
        parent=region,
        municipality_codes=["0180"],
    )
    malmo = _org(
        "se-lpo-malmo", OrganisationKind.POLICE_DISTRICT, "LPO Malmö", municipality_codes=["1280"]
    )
    _org("se-noa", OrganisationKind.NATIONAL_POLICE, "Nationella operativa avdelningen")
    customs = _org("se-customs", OrganisationKind.CUSTOMS, "Tullverket")
    shop = _org("se-agent-ica", OrganisationKind.POSTAL_AGENT, "ICA Nära Tallbacken")
    people = {
        "lena": _user("lena", shop, ["reporter"], "Lena"),
        "jonas": _user("jonas", customs, ["officer"], "Jonas"),
        "sara": _user("sara", sodermalm, ["coordinator"], "Sara"),
        "olle": _user("olle", sodermalm, ["officer"], "Olle"),
        "rita": _user("rita", region, ["coordinator"], "Rita"),
        "mats": _user("mats", malmo, ["officer"], "Mats"),
    }
    stockholm = {"country": "SE", "municipality_code": "0180"}
    parcel = _report(
        people["lena"],
        "parcel-1",
        1,
        kind="postal_item",
        handling={"tlp": "GREEN"},
        place=stockholm,
        summary="Parcel smelled of cannabis.",
        item={"format": "parcel", "suspicion": ["smell"]},
        subjects=[
            {"ref": "r1", "role": "recipient", "mentions": [{"kind": "phone", "value": PHONE}]}
        ],
    )
    for n in range(5):
        _report(
            people["jonas"],
            f"statement-{n}",
            2 + n,
            kind="courier_statement",
            grading={"source": "B", "information": "2"},
            route={"crossing": "Öresundsbron", "destination": stockholm},
            subjects=_backer(PHONE),
        )
    _report(
        people["olle"],
        "strict-1",
        9,
        kind="intelligence",
        handling={"tlp": "AMBER+STRICT"},
        summary="Known to our district.",
        subjects=_backer(PHONE),
    )
    assert leads_detect().created == 1
    return World(lead=Lead.objects.get(), shop=shop, sodermalm=sodermalm, region=region,
                 parcel=parcel, **people)  # fmt: skip


@pytest.fixture
def world() -> World:
    return build_world()


def browser(user: User, purpose: str | None = "op-parcel-2026") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    login_verified(client, user)
    if purpose:
        client.post("/purpose/", {"reference": purpose})
    return client


def text(response: Any) -> str:
    """The page as a reader reads it: tags gone, spaces folded."""
    html = response.content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def offered(world: World, sara: Client) -> None:
    """Sara declares this week's capacity on the board; the worker offers the lead."""
    week = capacity.week_of(timezone.localdate())
    answer = sara.post("/leads/", {"week": week.isoformat(), "leads": "3"})
    assert answer.status_code == 302
    assert Capacity.objects.get(organisation=world.sodermalm, week=week).leads == 3
    assert leads_allocate() == 1
    world.lead.refresh_from_db()


def version(client: Client, lead: Lead) -> str:
    page = client.get(f"/leads/{lead.pk}/").content.decode()
    found = re.search(r'name="\w+-version" value="(\d+)"', page)
    assert found, "no action form on the lead page"
    return found[1]


def test_the_coordinator_declares_capacity_sees_the_offer_and_accepts_naming_an_officer(
    world: World,
) -> None:
    sara = browser(world.sara)
    offered(world, sara)
    board = text(sara.get("/leads/"))
    assert "Offered to us (1)" in board
    assert TITLE in board
    assert "Week" in board
    assert "3" in board
    page = text(sara.get(f"/leads/{world.lead.pk}/"))
    assert "Named in 5 courier statements 50" in page
    assert "5 reports from reliable sources (A–B) 10" in page
    assert "On 1 suspicious postal item 4" in page
    assert "Reported by 2 organisations 5" in page
    # Sara also sees her district's AMBER+STRICT report: her count differs, and says so.
    assert "Counting the reports you may see, the score is 77, not 69." in page
    assert "In 1 intelligence report 3" in page
    assert "Reported by 3 organisations 10" in page
    # Five destinations (2 each) and the parcel's place (1), all in Södermalm's area.
    assert "LPO Södermalm — 11 of 11 places lie in its area" in page
    seen = version(sara, world.lead)
    form = {"action": "accept", "accept-version": seen, "accept-assignee": world.olle.pk}
    answer = sara.post(f"/leads/{world.lead.pk}/", form)
    assert answer.status_code == 302
    world.lead.refresh_from_db()
    assert (world.lead.status, world.lead.assignee) == (LeadStatus.ACCEPTED, world.olle)
    assert world.lead.offers.get().state == OfferState.ACCEPTED
    # The same form sent again: a clear message, and nothing happens twice.
    again = sara.post(f"/leads/{world.lead.pk}/", form, follow=True)
    assert "The lead changed before your answer arrived: nothing was done." in text(again)
    assert LeadEvent.objects.filter(lead=world.lead, kind="accepted").count() == 1
    board = text(sara.get("/leads/"))
    assert "Accepted (1)" in board
    assert "Olle" in board
    assert Notification.objects.filter(user=world.olle, event__kind="accepted").exists()


def test_a_declined_lead_escalates_and_the_shop_that_passed_it_on_sees_why(
    world: World,
) -> None:
    sara = browser(world.sara)
    offered(world, sara)
    seen = version(sara, world.lead)
    # "Other" without words is refused, in the reader's language (Swedish by default).
    swedish = Client()
    login_verified(swedish, world.sara)
    swedish.post("/purpose/", {"reference": "op-parcel-2026"})
    refused = swedish.post(
        f"/leads/{world.lead.pk}/",
        {"action": "decline", "decline-version": seen, "decline-reason": "other"},
    )
    assert refused.status_code == 400
    assert "Säg varför när skälet är" in refused.content.decode()
    assert world.lead.offers.get().state == OfferState.OPEN
    answer = sara.post(
        f"/leads/{world.lead.pk}/",
        {"action": "decline", "decline-version": seen, "decline-reason": "no_capacity"},
        follow=True,
    )
    page = text(answer)
    assert "LPO Södermalm declined lead" in page
    assert "No capacity" in page
    assert f"Lead {world.lead.pk} was escalated to Polisregion Stockholm" in page
    world.lead.refresh_from_db()
    assert (world.lead.status, world.lead.owner) == (LeadStatus.OFFERED, world.region)
    assert world.lead.offers.filter(via=OfferVia.ESCALATION, organisation=world.region).exists()
    # Södermalm's board keeps it under what it declined and escalated.
    board = text(sara.get("/leads/"))
    assert "Declined by us (1)" in board
    assert "Escalated by us (1)" in board
    # The region's coordinator finds it on her board as come by escalation.
    rita = text(browser(world.rita).get("/leads/"))
    assert "Offered to us (1)" in rita
    assert "Came to us by escalation (1)" in rita
    # The shop's reporter is told, and sees the steps and her own report, not the phone.
    lena = browser(world.lena, purpose=None)
    news = text(lena.get("/notifications/"))
    assert f"LPO Södermalm declined lead {world.lead.pk}." in news
    assert "Notifications (" in news  # the unread count in the menu
    passed = lena.get("/leads/passed-on/")
    assert passed.status_code == 200
    seen_by_lena = text(passed)
    assert "Offered" in seen_by_lena
    assert "No capacity" in seen_by_lena
    assert "held by Polisregion Stockholm" in seen_by_lena
    assert f'href="/reports/{world.parcel.pk}/"' in passed.content.decode()
    assert TITLE not in seen_by_lena
    assert "0701234567" not in seen_by_lena
    assert f"/leads/{world.lead.pk}/" not in passed.content.decode()
    lena.post("/notifications/")
    assert not Notification.objects.filter(user=world.lena, read_at__isnull=True).exists()


def test_the_owner_closes_with_an_outcome_and_the_originator_sees_it(world: World) -> None:
    sara = browser(world.sara)
    offered(world, sara)
    sara.post(
        f"/leads/{world.lead.pk}/",
        {
            "action": "accept",
            "accept-version": version(sara, world.lead),
            "accept-assignee": world.olle.pk,
        },
    )
    olle = browser(world.olle)
    closing = {"action": "close", "close-version": version(olle, world.lead)}
    refused = olle.post(f"/leads/{world.lead.pk}/", {**closing, "close-outcome": "no_action"})
    assert refused.status_code == 400
    assert "Say why (no action)" in text(refused)
    olle.post(f"/leads/{world.lead.pk}/", {**closing, "close-outcome": "seizure"})
    world.lead.refresh_from_db()
    assert (world.lead.status, world.lead.outcome) == (LeadStatus.CLOSED, "seizure")
    assert world.lead.closed_by == world.olle
    lena = text(browser(world.lena, purpose=None).get("/leads/passed-on/"))
    assert "Closed : Seizure" in lena or "Closed: Seizure" in lena


def test_an_officer_of_another_district_is_told_there_is_no_such_lead(world: World) -> None:
    mats = browser(world.mats)
    assert mats.get(f"/leads/{world.lead.pk}/").status_code == 404
    missing = mats.get("/leads/999999/")
    assert mats.get(f"/leads/{world.lead.pk}/").content == missing.content
    acting = mats.post(f"/leads/{world.lead.pk}/", {"action": "close"})
    assert acting.status_code == 404
    board = mats.get("/leads/")
    assert board.status_code == 200
    assert TITLE not in text(board)
    # An officer of Södermalm sees the lead, but may not answer for the district.
    olle = browser(world.olle)
    sara = browser(world.sara)
    offered(world, sara)
    answer = olle.post(
        f"/leads/{world.lead.pk}/",
        {
            "action": "decline",
            "decline-version": version(sara, world.lead),
            "decline-reason": "too_weak",
        },
    )
    assert answer.status_code == 403
    assert world.lead.offers.get().state == OfferState.OPEN


def test_the_lead_page_asks_a_purpose_first_and_logs_the_reading(world: World) -> None:
    sara = browser(world.sara, purpose=None)
    asked = sara.get(f"/leads/{world.lead.pk}/")
    assert asked.status_code == 302
    assert asked["Location"].startswith("/purpose/")
    sara.post("/purpose/", {"reference": "op-parcel-2026"})
    assert sara.get(f"/leads/{world.lead.pk}/").status_code == 200
    event = AuditEvent.objects.filter(object_type="lead", action="consult").get()
    assert (event.object_id, event.purpose) == (str(world.lead.pk), "op-parcel-2026")
    norwegian = text(sara.get(f"/leads/{world.lead.pk}/", HTTP_ACCEPT_LANGUAGE="nb"))
    assert "Nevnt i 5 kureravhør 50" in norwegian
    assert "På 1 mistenkelig sending 4" in norwegian


def test_an_analyst_makes_a_lead_from_an_entity_page(world: World) -> None:
    nina = _user("nina", Organisation.objects.get(code="se-noa"), ["analyst"], "Nina")
    second = _report(
        world.jonas, "other-1", 20, kind="intelligence", subjects=_backer("070-765 43 21")
    )
    entity_id = second.mentions.get(kind="phone").entity_link.entity_id
    client = browser(nina)
    page = client.get(f"/entities/{entity_id}/").content.decode()
    assert f'action="/entities/{entity_id}/lead/"' in page
    made = client.post(f"/entities/{entity_id}/lead/")
    lead = Lead.objects.exclude(pk=world.lead.pk).get()
    assert made.status_code == 302
    assert made["Location"] == f"/leads/{lead.pk}/"
    assert lead.origin == "analyst"
    assert lead.created_by == nina
    # An officer has no button, and the URL refuses them.
    jonas = browser(world.jonas)
    assert "/lead/" not in jonas.get(f"/entities/{entity_id}/").content.decode()
    assert jonas.post(f"/entities/{entity_id}/lead/").status_code == 403
    assert Lead.objects.count() == 2


def test_the_coordinator_hands_an_accepted_lead_to_another_officer_then_to_malmo(
    world: World,
) -> None:
    sara = browser(world.sara)
    offered(world, sara)
    sara.post(
        f"/leads/{world.lead.pk}/",
        {
            "action": "accept",
            "accept-version": version(sara, world.lead),
            "accept-assignee": world.olle.pk,
        },
    )
    both = {
        "action": "reassign",
        "reassign-version": version(sara, world.lead),
        "reassign-organisation": world.region.pk,
        "reassign-assignee": world.sara.pk,
    }
    refused = sara.post(f"/leads/{world.lead.pk}/", both)
    assert refused.status_code == 400
    assert "Choose another unit or another person, not both." in text(refused)
    sara.post(f"/leads/{world.lead.pk}/", {**both, "reassign-organisation": ""})
    world.lead.refresh_from_db()
    assert world.lead.assignee == world.sara
    malmo = Organisation.objects.get(code="se-lpo-malmo")
    to_malmo = {
        "action": "reassign",
        "reassign-version": version(sara, world.lead),
        "reassign-organisation": malmo.pk,
        "reassign-text": "Their case.",
    }
    page = text(sara.post(f"/leads/{world.lead.pk}/", to_malmo, follow=True))
    assert f"Lead {world.lead.pk} was reassigned to LPO Malmö. — Their case." in page
    world.lead.refresh_from_db()
    assert (world.lead.status, world.lead.owner) == (LeadStatus.OFFERED, malmo)
    # Malmö's officer now sees the lead that was Södermalm's.
    assert browser(world.mats).get(f"/leads/{world.lead.pk}/").status_code == 200


def test_an_unanswered_offer_past_its_day_shows_as_overdue(world: World) -> None:
    then = timezone.now() - datetime.timedelta(days=10)
    week = capacity.week_of(timezone.localdate(then))
    capacity_declare(by=world.sara, week=week, leads=1, now=then)
    assert leads_allocate(now=then) == 1
    board = text(browser(world.sara).get("/leads/"))
    assert "Offered to us (1)" in board
    assert "Overdue (1)" in board


def test_an_analyst_adds_a_linked_phone_and_the_lead_counts_its_evidence(world: World) -> None:
    nina = _user("nina", Organisation.objects.get(code="se-noa"), ["analyst"], "Nina")
    cocaine = {"lines": [{"substance": "cocaine", "amount": 50, "unit": "g"}]}
    seen = _report(
        world.jonas,
        "phone-2",
        10,
        kind="seizure",
        seizure=cocaine,
        subjects=_backer("070-555 55 55"),
    )
    strict = {"tlp": "AMBER+STRICT"}
    hidden = _report(
        world.olle,
        "phone-3",
        11,
        kind="intelligence",
        handling=strict,
        subjects=_backer("070-666 66 66"),
    )
    first = world.lead.entities.get().pk
    second, out_of_sight = (
        r.mentions.get(kind="phone").entity_link.entity_id for r in (seen, hidden)
    )
    client = browser(nina)
    adding = {"action": "add_entity", "add_entity-version": version(client, world.lead)}
    refused = client.post(f"/leads/{world.lead.pk}/", {**adding, "add_entity-entity": out_of_sight})
    assert refused.status_code == 400
    assert "No entity with this number that you may see." in text(refused)
    missing = client.post(f"/leads/{world.lead.pk}/", {**adding, "add_entity-entity": 999999})
    assert text(missing) == text(refused)
    client.post(f"/leads/{world.lead.pk}/", {**adding, "add_entity-entity": second})
    world.lead.refresh_from_db()
    assert set(world.lead.entities.values_list("pk", flat=True)) == {first, second}
    assert world.lead.score == 69 + 15  # the seizure
    assert "Linked to 1 seizure 15" in text(client.get(f"/leads/{world.lead.pk}/"))
