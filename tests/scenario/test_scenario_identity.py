"""Entities never share an identifier, and every mention has one true entity."""

from __future__ import annotations

from collections import defaultdict

from samverkan import identifiers
from samverkan.identifiers.company_name import company_name_key
from samverkan.scenario.truth import mention_entities
from tests.scenario.worlds import World


def _distinct(values: list[str]) -> bool:
    return len(values) == len(set(values))


def test_identifiers_belong_to_one_entity_each(demo_world: World) -> None:
    people = demo_world.table("people").values()
    assert _distinct([p["personal_number"] for p in people if p["personal_number"]])
    assert _distinct([p["number"] for p in demo_world.table("phones").values()])
    assert _distinct([v["plate"] for v in demo_world.table("vehicles").values()])
    assert _distinct([a["iban"] for a in demo_world.table("accounts").values()])
    assert _distinct([c["org_number"] for c in demo_world.table("companies").values()])
    keys = [
        identifiers.normalise("address", a["text"]).key
        for a in demo_world.table("addresses").values()
    ]
    assert _distinct(keys)


def test_no_two_companies_in_a_country_bear_one_name(demo_world: World) -> None:
    # Both countries' registers refuse a name already registered, so a
    # company's name written alone names one company.
    companies = demo_world.table("companies").values()
    assert _distinct([f"{c['country']}:{company_name_key(c['name'])}" for c in companies])


def test_each_entity_has_one_true_value_per_kind(demo_world: World) -> None:
    values: dict[tuple[str, str], set[str]] = defaultdict(set)
    entities_by_item: dict[str, set[str]] = defaultdict(set)
    for mention in demo_world.mentions():
        values[(mention.entity, mention.kind)].add(mention.true)
        if mention.kind == "postal_item":
            entities_by_item[mention.true].add(mention.entity)
    assert all(len(v) == 1 for v in values.values())
    assert entities_by_item
    assert all(len(e) == 1 for e in entities_by_item.values())


def test_mention_entities_cover_every_mention(demo_world: World) -> None:
    pairs = list(mention_entities(demo_world.folder))
    assert len(pairs) == demo_world.manifest.counts["mentions"]
    assert len({key for key, _ in pairs}) == len(pairs)
    prefixes = {entity.split(":")[0] for _, entity in pairs}
    assert {"person", "phone", "address", "vehicle", "item", "alias", "company"} <= prefixes
