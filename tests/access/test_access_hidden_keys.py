"""A key only a hidden report writes never leads another reader's page to anything."""

from __future__ import annotations

import pytest

from samverkan.access.models import User
from samverkan.entities.linking import entity_current
from samverkan.entities.models import Entity
from samverkan.identifiers import normalise
from samverkan.imports.about import entity_keys
from tests.entities.reports import intelligence

pytestmark = pytest.mark.django_db

ORG = "556677-8899"


def _company(by: User, external_id: str, *mentions: tuple[str, str], tlp: str) -> None:
    intelligence(by, external_id, *mentions, tlp=tlp, role="company")


def test_a_company_a_reader_knows_by_name_only_is_not_looked_up_by_a_hidden_number(
    kripos_analyst: User, customs_officer: User
) -> None:
    number = ("se_org_number", ORG)
    _company(kripos_analyst, "r-1", number, ("company_name", "Nordfrakt AB"), tlp="RED")
    _company(customs_officer, "c-1", ("company_name", "Nordfrakt AB"), tlp="AMBER")
    key = normalise(*number).key
    company = entity_current(Entity.objects.get(kind="company", key=key))
    assert Entity.objects.filter(kind="company", merged_into=None).count() == 1  # name joined

    # Customs' imported rows (company registers, accounts) are not looked up by the number.
    assert entity_keys(reader=customs_officer, entity=company) == []
    assert entity_keys(reader=kripos_analyst, entity=company) == [key]
