"""A front company named without its number still reaches its entity, if one bears the name."""

from __future__ import annotations

import pytest
from django.test import Client

from samverkan.access.models import User
from samverkan.audit.models import AuditEvent
from samverkan.entities.models import Entity, EntityMention, LinkReason
from samverkan.entities.sweep import near_sweep
from samverkan.intake.models import Mention
from samverkan.intake.schemas import ReportIn
from samverkan.intake.services import report_submit
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

ORG = "556036-0793"
OTHER_ORG = "556036-1700"
IBAN = "SE45 5000 0000 0583 9825 7466"


def _company(by: User, external_id: str, *mentions: tuple[str, str]) -> None:
    assert by.organisation is not None
    data = ReportIn.model_validate(
        {
            "kind": "intelligence",
            "external_id": external_id,
            "occurred_at": "2026-05-02T06:40:00+02:00",
            "handling": {"tlp": "AMBER"},
            "subjects": [
                {
                    "ref": "c1",
                    "role": "company",
                    "mentions": [{"kind": k, "value": v} for k, v in mentions],
                }
            ],
        }
    )
    report_submit(organisation=by.organisation, data=data, by=by, via="test")


def _link(raw: str, external_id: str) -> EntityMention | None:
    mention = Mention.objects.get(raw=raw, report__external_id=external_id)
    return EntityMention.objects.filter(mention=mention).first()


def test_the_company_page_is_named_and_a_name_alone_joins_it(
    client: Client, kripos_analyst: User
) -> None:
    _company(kripos_analyst, "r-1", ("se_org_number", ORG), ("company_name", "Nilsson Pizzeria AB"))
    _company(kripos_analyst, "r-2", ("company_name", "NILSSON PIZZERIA"), ("iban", IBAN))

    company = Entity.objects.get(kind="company")
    with_number = _link("Nilsson Pizzeria AB", "r-1")
    by_name = _link("NILSSON PIZZERIA", "r-2")
    assert with_number is not None
    assert by_name is not None
    assert (with_number.entity, with_number.reason) == (company, LinkReason.SUBJECT)
    assert (by_name.entity, by_name.reason) == (company, LinkReason.NAME)
    combined = AuditEvent.objects.get(action="combine")
    assert combined.details == {"change": "company name", "mentions": [by_name.mention_id]}

    login_verified(client, kripos_analyst)
    client.post("/purpose/", {"reference": "op-vinterljus"})
    page = client.get(f"/entities/{company.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h1>Nilsson Pizzeria AB</h1>" in page
    assert '<span class="count">2</span>' in page


def test_a_name_two_companies_bear_is_told_apart_by_its_account_or_left_alone(
    kripos_analyst: User,
) -> None:
    _company(kripos_analyst, "r-1", ("se_org_number", ORG), ("company_name", "Oslo Transport AB"))
    _company(
        kripos_analyst,
        "r-2",
        ("se_org_number", OTHER_ORG),
        ("company_name", "Oslo Transport AB"),
        ("iban", IBAN),
    )
    _company(kripos_analyst, "r-3", ("company_name", "Oslo Transport"), ("iban", IBAN))
    _company(kripos_analyst, "r-4", ("company_name", "Oslo Transport AB"))

    by_account = _link("Oslo Transport", "r-3")
    assert by_account is not None
    assert by_account.entity.key == "5560361700"
    assert _link("Oslo Transport AB", "r-4") is None  # which one is meant cannot be told


def test_a_name_written_before_its_number_is_linked_by_the_nightly_sweep(
    kripos_analyst: User,
) -> None:
    _company(kripos_analyst, "r-1", ("company_name", "Molin Bygg & Städ AB"))
    assert _link("Molin Bygg & Städ AB", "r-1") is None  # a name never makes an entity
    _company(kripos_analyst, "r-2", ("se_org_number", ORG), ("company_name", "MOLIN BYGG & STÄD"))

    swept = near_sweep()

    assert swept.company_names == 1
    link = _link("Molin Bygg & Städ AB", "r-1")
    assert link is not None
    assert (link.entity.key, link.reason) == ("5560360793", LinkReason.NAME)
    assert near_sweep().company_names == 0


def test_a_name_written_with_a_typo_finds_the_one_company_a_letter_away(
    kripos_analyst: User,
) -> None:
    _company(
        kripos_analyst,
        "r-1",
        ("se_org_number", ORG),
        ("company_name", "Mårtensson Frisörsalong AB"),
    )
    _company(kripos_analyst, "r-2", ("company_name", "Mårtensson Frisörsalogn AB"))
    link = _link("Mårtensson Frisörsalogn AB", "r-2")
    assert link is not None
    assert (link.entity.key, link.reason) == ("5560360793", LinkReason.NAME)
