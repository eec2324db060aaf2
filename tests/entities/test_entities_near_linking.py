"""A courier who gets one digit wrong still lights up the phone — when something else agrees.

Reports go in through the intake service as every door does; what is
checked is what the analyst then reads on the entity page, and what was
stored: the links, the rule's judgement and the audit trail.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from samverkan.access.models import Organisation, OrganisationKind, User
from samverkan.audit.models import AuditEvent
from samverkan.entities.linking import entity_current
from samverkan.entities.models import Entity, EntityJudgement, EntityMention, LinkReason
from samverkan.entities.sweep import near_sweep
from samverkan.intake.models import Mention, Report
from samverkan.intake.schemas import ReportIn
from samverkan.intake.services import report_submit
from tests.conftest import login_verified
from tests.entities.reports import intelligence

pytestmark = pytest.mark.django_db

PHONE = "070-123 45 67"
SLIP = "070-123 54 67"  # two digits swapped: a valid number, maybe someone else's


def _top(key: str) -> Entity:
    return entity_current(Entity.objects.get(key=key))


def _page(client: Client, user: User, entity: Entity) -> str:
    login_verified(client, user)
    client.post("/purpose/", {"reference": "op-vinterljus"})
    return client.get(f"/entities/{entity.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_a_slipped_phone_named_with_the_same_backer_joins_the_known_phone(
    client: Client, kripos_analyst: User
) -> None:
    intelligence(kripos_analyst, "r-1", ("phone", PHONE), ("person_name", "Karl Berg"))
    intelligence(kripos_analyst, "r-2", ("phone", PHONE), ("person_name", "Karl Berg"))
    slipped = intelligence(kripos_analyst, "r-3", ("phone", SLIP), ("person_name", "BERG, KARL"))

    known = Entity.objects.get(key="+46701234567")
    assert _top("+46701235467") == known
    judgement = EntityJudgement.objects.get()
    assert (judgement.judgement, judgement.rule, judgement.by) == ("positive", "slip", None)
    event = AuditEvent.objects.get(action="combine")
    assert event.actor_label == "near-key rules"
    assert event.details["shared"] == ["person_name"]  # the kind shared, never the name
    assert event.details["report"] == slipped.pk

    page = _page(client, kripos_analyst, known)
    assert '<span class="count">3</span>' in page
    assert "070-123 54 67" in page
    assert "One keystroke apart, and their reports share another identifier or name" in page
    assert "(Samverkan's rules, " in page


def test_an_analyst_splits_a_rule_merge_and_it_stays_split(
    client: Client, kripos_analyst: User
) -> None:
    intelligence(kripos_analyst, "r-1", ("phone", PHONE), ("person_name", "Karl Berg"))
    intelligence(kripos_analyst, "r-2", ("phone", SLIP), ("person_name", "Karl Berg"))
    judgement = EntityJudgement.objects.get()
    login_verified(client, kripos_analyst)
    client.post("/purpose/", {"reference": "op-vinterljus"})
    client.post(f"/judgements/{judgement.pk}/split/", {"reason": "two brothers' phones"})

    assert _top("+46701235467").key == "+46701235467"
    assert _top("+46701234567").key == "+46701234567"
    # The slipped number named again: its entity exists, nothing new to look from.
    intelligence(kripos_analyst, "r-3", ("phone", SLIP), ("person_name", "Karl Berg"))
    assert _top("+46701235467").key == "+46701235467"
    assert EntityJudgement.objects.filter(undone_at__isnull=True).count() == 0


def test_a_number_one_digit_off_with_nothing_in_common_stays_apart(kripos_analyst: User) -> None:
    intelligence(kripos_analyst, "r-1", ("phone", PHONE), ("person_name", "Anna Berg"))
    intelligence(kripos_analyst, "r-2", ("phone", SLIP), ("person_name", "Omar Khalid"))
    assert _top("+46701235467").key == "+46701235467"
    assert not EntityJudgement.objects.exists()


def test_the_slip_arriving_first_is_joined_when_the_true_number_comes(
    kripos_analyst: User,
) -> None:
    intelligence(kripos_analyst, "r-1", ("phone", SLIP), ("person_name", "Karl Berg"))
    intelligence(kripos_analyst, "r-2", ("phone", PHONE), ("person_name", "Karl Berg"))
    assert _top("+46701235467") == _top("+46701234567")


def test_an_organisation_number_with_a_wrong_check_digit_is_repaired(
    client: Client, kripos_analyst: User
) -> None:
    intelligence(kripos_analyst, "r-1", ("se_org_number", "556036-0793"))
    intelligence(kripos_analyst, "r-2", ("se_org_number", "556063-0793"))  # swapped: checksum fails

    company = Entity.objects.get(kind="company")
    refused = Mention.objects.get(raw="556063-0793")
    assert (refused.key, refused.problem) == ("", "checksum")
    link = EntityMention.objects.get(mention=refused)
    assert (link.entity, link.home, link.reason) == (company, company, LinkReason.REPAIR)
    page = _page(client, kripos_analyst, company)
    assert "556063-0793" in page
    assert "written with a slip; the one known identifier it can be" in page


def test_a_refused_writing_between_two_known_numbers_is_left_unlinked(
    kripos_analyst: User,
) -> None:
    intelligence(kripos_analyst, "r-1", ("se_org_number", "556036-1700"))
    intelligence(kripos_analyst, "r-2", ("se_org_number", "556036-0702"))
    intelligence(kripos_analyst, "r-3", ("se_org_number", "556036-0700"))  # one slip from both
    refused = Mention.objects.get(raw="556036-0700")
    assert not EntityMention.objects.filter(mention=refused).exists()


def test_a_refused_number_between_two_known_numbers_joins_the_one_its_report_ties(
    client: Client, kripos_analyst: User
) -> None:
    intelligence(kripos_analyst, "r-1", ("phone", PHONE), ("se_org_number", "556036-0793"))
    intelligence(kripos_analyst, "r-2", ("phone", "072-123 45 67"))
    # 071 is no Swedish range: one digit from both numbers, beside the company of the first.
    intelligence(kripos_analyst, "r-3", ("phone", "071-123 45 67"), ("se_org_number", "5560360793"))

    refused = Mention.objects.get(raw="071-123 45 67")
    assert (refused.key, refused.problem) == ("", "invalid")
    link = EntityMention.objects.get(mention=refused)
    assert (link.home.key, link.reason) == ("+46701234567", LinkReason.REPAIR)
    event = AuditEvent.objects.get(action="combine", details__change="repair")
    assert event.details["tied"] is True
    page = _page(client, kripos_analyst, link.entity)
    assert "071-123 45 67" in page
    assert "071-123 45 67" not in _page(client, kripos_analyst, _top("+46721234567"))


def test_a_refused_number_is_not_tied_to_a_number_by_its_own_report(
    kripos_analyst: User,
) -> None:
    intelligence(kripos_analyst, "r-1", ("phone", PHONE), ("person_name", "Eva Lund"))
    intelligence(kripos_analyst, "r-2", ("phone", "072-123 45 67"), ("person_name", "Per Holm"))
    intelligence(
        kripos_analyst,
        "r-3",
        ("phone", "000-123 45 67"),  # no range: one slip from 070 … only
        ("phone", "071-123 45 67"),  # … and from 070 and 072
        ("person_name", "Omar Khalid"),
    )
    assert EntityMention.objects.get(mention__raw="000-123 45 67").home.key == "+46701234567"
    assert not EntityMention.objects.filter(mention__raw="071-123 45 67").exists()


def test_addresses_with_a_street_typo_or_without_postcode_meet_the_known_address(
    kripos_analyst: User,
) -> None:
    intelligence(kripos_analyst, "r-1", ("address", "Ängsvägen 55, 695 98 Laxå"))
    intelligence(kripos_analyst, "r-2", ("address", "Ängsväägen 55 lgh 1101, 695 98 Laxå"))
    intelligence(kripos_analyst, "r-3", ("address", "ÄNGSVÄGEN 55, LAXÅ"))
    intelligence(kripos_analyst, "r-4", ("address", "Ängsvägen 57, 695 98 Laxå"))

    known = Entity.objects.get(key="SE:69598:angsvagen:55")
    assert _top("SE:69598:angsvaagen:55") == known
    assert EntityJudgement.objects.get().rule == "street"
    bare = Mention.objects.get(raw="ÄNGSVÄGEN 55, LAXÅ")
    assert EntityMention.objects.get(mention=bare).entity == known
    assert _top("SE:69598:angsvagen:57") != known


def test_the_nightly_sweep_joins_what_was_corroborated_or_became_known_later(
    kripos_analyst: User,
) -> None:
    intelligence(kripos_analyst, "r-1", ("phone", PHONE), ("person_name", "Anna Berg"))
    intelligence(kripos_analyst, "r-2", ("phone", SLIP), ("person_name", "Karl Berg"))
    intelligence(
        kripos_analyst, "r-3", ("phone", PHONE), ("person_name", "Karl Berg")
    )  # no new key
    intelligence(kripos_analyst, "r-4", ("se_org_number", "556063-0793"))  # refused, nothing known
    intelligence(kripos_analyst, "r-5", ("se_org_number", "556036-0793"))  # now it is known
    assert _top("+46701235467") != _top("+46701234567")
    refused = Mention.objects.get(raw="556063-0793")
    assert not EntityMention.objects.filter(mention=refused).exists()

    swept = near_sweep()

    assert (swept.repaired, swept.merged) == (1, 1)
    assert _top("+46701235467") == _top("+46701234567")
    link = EntityMention.objects.get(mention=refused)
    assert (link.entity.key, link.reason) == ("5560360793", LinkReason.REPAIR)
    again = near_sweep()
    assert (again.repaired, again.merged) == (0, 0)


def test_the_sweep_leaves_a_split_pair_apart(client: Client, kripos_analyst: User) -> None:
    intelligence(kripos_analyst, "r-1", ("phone", PHONE), ("person_name", "Karl Berg"))
    intelligence(kripos_analyst, "r-2", ("phone", SLIP), ("person_name", "Karl Berg"))
    judgement = EntityJudgement.objects.get()
    login_verified(client, kripos_analyst)
    client.post("/purpose/", {"reference": "op-vinterljus"})
    client.post(f"/judgements/{judgement.pk}/split/", {"reason": "two brothers' phones"})

    assert near_sweep().merged == 0
    assert _top("+46701235467") != _top("+46701234567")


def test_link_near_command_reports_what_it_did(kripos_analyst: User) -> None:
    intelligence(kripos_analyst, "r-1", ("se_org_number", "556063-0793"))
    intelligence(kripos_analyst, "r-2", ("se_org_number", "556036-0793"))
    out = StringIO()
    call_command("link-near", quiet=True, stdout=out)
    assert out.getvalue().strip() == (
        "1 refused writings (1 repaired), 1 rare keys (0 merged), 0 company names linked, "
        "0 lone readings, 0 counter merges and 0 register merges split back"
    )


def test_the_page_offers_a_near_number_to_judge_and_the_analyst_merges_it(
    client: Client, kripos_analyst: User
) -> None:
    intelligence(kripos_analyst, "r-1", ("phone", PHONE), ("person_name", "Anna Berg"))
    intelligence(kripos_analyst, "r-2", ("phone", PHONE), ("person_name", "Anna Berg"))
    intelligence(kripos_analyst, "r-3", ("phone", SLIP), ("person_name", "Omar Khalid"))
    known, slipped = Entity.objects.get(key="+46701234567"), Entity.objects.get(key="+46701235467")

    page = _page(client, kripos_analyst, known)
    assert "Written one keystroke apart" in page
    assert f'<a href="/entities/{slipped.pk}/">070-123 54 67</a>' in page
    assert "1 report you may see" in page
    client.post(
        f"/entities/{known.pk}/judgement/",
        {"other": slipped.pk, "decision": "merge", "reason": "same SIM, read off the phone"},
    )
    assert _top("+46701235467") == known
    page = client.get(f"/entities/{known.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Written one keystroke apart" not in page


def test_a_near_number_only_others_may_see_is_not_shown(
    client: Client, kripos_analyst: User, customs_officer: User
) -> None:
    intelligence(customs_officer, "t-1", ("phone", PHONE), ("person_name", "Anna Berg"))
    intelligence(kripos_analyst, "r-1", ("phone", SLIP), ("person_name", "Omar Khalid"), tlp="RED")
    customs_page = _page(client, customs_officer, Entity.objects.get(key="+46701234567"))
    # Kripos's RED report stays in Kripos: the near number does not exist for customs.
    assert "Written one keystroke apart" not in customs_page
    assert "070-123 54 67" not in customs_page


def test_an_address_without_postcode_in_a_big_town_joins_where_its_person_lives(
    kripos_analyst: User,
) -> None:
    intelligence(
        kripos_analyst,
        "r-1",
        ("address", "Storvägen 8, 116 57 Stockholm"),
        ("person_name", "Eva Lund"),
    )
    intelligence(
        kripos_analyst,
        "r-2",
        ("address", "Storvägen 8, 128 30 Stockholm"),
        ("person_name", "Omar Khalid"),
    )
    intelligence(
        kripos_analyst,
        "r-3",
        ("address", "Storvägen 8 lgh 1101, Stockholm"),
        ("person_name", "Eva Lund"),
    )
    intelligence(kripos_analyst, "r-4", ("address", "Storvägen 8, Stockholm"))

    bare = Mention.objects.get(raw="Storvägen 8 lgh 1101, Stockholm")
    assert EntityMention.objects.get(mention=bare).entity.key == "SE:11657:storvagen:8"
    unknown = Mention.objects.get(raw="Storvägen 8, Stockholm")
    assert not EntityMention.objects.filter(mention=unknown).exists()


def _posted(by: User, external_id: str, sender: str, phone: str, *, day: int) -> Report:
    """A letter a post agent took in on ``day`` of April, the sender paying by phone."""
    assert by.organisation is not None
    data = ReportIn.model_validate(
        {
            "kind": "postal_item",
            "external_id": external_id,
            "occurred_at": f"2026-04-{day:02d}T10:00:00+02:00",
            "handling": {"tlp": "AMBER"},
            "place": {"country": "SE", "description": by.organisation.name},
            "item": {"format": "letter", "suspicion": ["smell"]},
            "subjects": [
                {
                    "ref": "s1",
                    "role": "sender",
                    "mentions": [
                        {"kind": "person_name", "value": sender},
                        {"kind": "phone", "value": phone},
                    ],
                }
            ],
        }
    )
    report, _ = report_submit(organisation=by.organisation, data=data, by=by, via="test")
    return report


def test_a_number_one_digit_off_written_at_one_post_counter_joins(postal_agent: User) -> None:
    # Letter after letter under other names, paid from one phone at one shop.
    _posted(postal_agent, "p-1", "Bilal Eriksson", PHONE, day=1)
    _posted(postal_agent, "p-2", "Joanna Nygren", PHONE, day=8)
    _posted(postal_agent, "p-3", "Adrian Nilsson", SLIP, day=15)

    assert _top("+46701235467") == Entity.objects.get(key="+46701234567")
    judgement = EntityJudgement.objects.get()
    assert (judgement.rule, judgement.by) == ("counter", None)
    event = AuditEvent.objects.get(action="combine")
    assert event.details["shared"] == ["posted"]


def _shop(code: str) -> User:
    shop = Organisation.objects.create(
        code=code, kind=OrganisationKind.POSTAL_AGENT, country="SE", name=code
    )
    return User.objects.create_user(
        username=code, organisation=shop, first_name="Per", roles=["reporter"]
    )


def test_a_number_left_at_other_shops_since_is_split_back_nightly_and_stays_apart(
    client: Client, kripos_analyst: User
) -> None:
    # Two keepers of one town leave numbers one digit apart at the same shops.
    # When the second number first arrives it is at one counter, like a slip.
    shops = [_shop(f"se-agent-{n}") for n in range(3)]
    for day, shop in enumerate(shops, start=1):
        _posted(shop, f"a-{day}", "Bilal Eriksson", PHONE, day=day)
    _posted(shops[0], "b-1", "Joanna Nygren", SLIP, day=10)
    assert _top("+46701235467") == _top("+46701234567")
    # Written again at the same shop: still one counter, still a slip.
    _posted(shops[0], "b-1b", "Joanna Nygren", SLIP, day=10)
    assert near_sweep().counter_merges_split == 0
    assert _top("+46701235467") == _top("+46701234567")

    _posted(shops[1], "b-2", "Joanna Nygren", SLIP, day=11)
    swept = near_sweep()
    assert swept.counter_merges_split == 1
    assert _top("+46701235467") != _top("+46701234567")
    judgement = EntityJudgement.objects.get()
    assert judgement.rule == "counter"
    assert judgement.undo_reason == "written at other counters: a number of its own"
    # The split is a judgement: no rule merges the two again.
    _posted(shops[2], "b-3", "Joanna Nygren", SLIP, day=12)
    near_sweep()
    assert _top("+46701235467") != _top("+46701234567")
    # Nor do they come back to an analyst as an untied pair: they were judged.
    page = _page(client, kripos_analyst, _top("+46701234567"))
    assert "070-123 45 67" in page
    assert "Written one keystroke apart" not in page


def test_numbers_one_digit_off_at_two_shops_of_one_name_stay_apart(postal_agent: User) -> None:
    assert postal_agent.organisation is not None
    namesake = Organisation.objects.create(
        code="se-agent-ica-tallbacken-2",
        kind=OrganisationKind.POSTAL_AGENT,
        country="SE",
        name=postal_agent.organisation.name,
    )
    other_shop = User.objects.create_user(
        username="other_shop", organisation=namesake, first_name="Per", roles=["reporter"]
    )
    _posted(postal_agent, "p-1", "Bilal Eriksson", PHONE, day=1)
    _posted(other_shop, "p-2", "Adrian Nilsson", SLIP, day=8)

    assert _top("+46701235467") != _top("+46701234567")
    assert not EntityJudgement.objects.exists()


def _statement(by: User, external_id: str, phone: str, *, towards: str) -> Report:
    """A courier names the backer by nickname and number, heading for ``towards``."""
    assert by.organisation is not None
    data = ReportIn.model_validate(
        {
            "kind": "courier_statement",
            "external_id": external_id,
            "occurred_at": "2026-05-02T06:40:00+02:00",
            "handling": {"tlp": "AMBER"},
            "route": {
                "crossing": "Svinesund",
                "destination": {"country": "NO", "municipality_code": towards},
            },
            "subjects": [
                {
                    "ref": "b1",
                    "role": "backer",
                    "mentions": [
                        {"kind": "nickname", "value": "Onkel"},
                        {"kind": "phone", "value": phone},
                    ],
                }
            ],
        }
    )
    report, _ = report_submit(organisation=by.organisation, data=data, by=by, via="test")
    return report


def test_a_backers_nickname_ties_a_slip_named_by_couriers_heading_for_one_town(
    kripos_analyst: User,
) -> None:
    _statement(kripos_analyst, "s-1", "+47 412 34 567", towards="0301")
    _statement(kripos_analyst, "s-2", "+47 412 43 567", towards="1103")  # another town
    assert _top("+4741243567") != _top("+4741234567")
    _statement(kripos_analyst, "s-3", "+47 412 34 576", towards="0301")
    assert _top("+4741234576") == _top("+4741234567")
    assert EntityJudgement.objects.get().rule == "nickname"
    event = AuditEvent.objects.get(action="combine")
    assert event.details["shared"] == ["nickname_towards"]


def test_a_counter_merge_an_analyst_merged_further_is_left_to_the_analyst(
    client: Client, kripos_analyst: User
) -> None:
    # The analyst's number is the older entity: the counter merge's cluster goes into it.
    intelligence(
        kripos_analyst, "r-1", ("phone", "070-999 88 77"), ("person_name", "Bilal Eriksson")
    )
    shops = [_shop(f"se-agent-{n}") for n in range(2)]
    _posted(shops[0], "a-1", "Bilal Eriksson", PHONE, day=1)
    _posted(shops[1], "a-2", "Bilal Eriksson", PHONE, day=2)
    _posted(shops[0], "b-1", "Joanna Nygren", SLIP, day=3)
    other, known = _top("+46709998877"), _top("+46701234567")
    assert other.pk < known.pk
    login_verified(client, kripos_analyst)
    client.post("/purpose/", {"reference": "op-vinterljus"})
    client.post(
        f"/entities/{other.pk}/judgement/",
        {"other": known.pk, "decision": "merge", "reason": "one SIM, two numbers"},
    )
    top = _top("+46709998877")
    assert _top("+46701235467") == top

    _posted(shops[1], "b-2", "Joanna Nygren", SLIP, day=4)
    assert near_sweep().counter_merges_split == 0
    # The analyst's merge holds the whole cluster: nothing was pulled out of it.
    assert _top("+46701235467") == top
    assert EntityMention.objects.filter(entity=top).count() == 5
