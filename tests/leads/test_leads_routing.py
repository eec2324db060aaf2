"""Where a lead goes: the district of most of its places; across the border, the national unit."""

from __future__ import annotations

import datetime

import pytest

from samverkan.access.models import Organisation, OrganisationKind
from samverkan.leads.chain import next_holder
from samverkan.leads.evidence import Fact, Place
from samverkan.leads.routing import Districts, route
from samverkan.leads.scoring import score_of, score_terms

WHEN = datetime.datetime(2026, 5, 2, 6, 40, tzinfo=datetime.UTC)


def _districts() -> Districts:
    def org(
        pk: int, kind: str, country: str, codes: list[str], parent: int | None = None
    ) -> Organisation:
        return Organisation(
            pk=pk, kind=kind, country=country, municipality_codes=codes, parent_id=parent
        )

    return Districts(
        [
            org(1, OrganisationKind.POLICE_REGION, "SE", ["0180", "0184"]),
            org(2, OrganisationKind.POLICE_DISTRICT, "SE", ["0180"], parent=1),
            org(3, OrganisationKind.NATIONAL_POLICE, "SE", []),
            org(4, OrganisationKind.POLICE_DISTRICT, "NO", ["0301"]),
            org(5, OrganisationKind.NATIONAL_POLICE, "NO", []),
            org(6, OrganisationKind.POLICE_REGION, "SE", ["0580"]),
        ]
    )


def _fact(*places: Place, kind: str = "courier_statement", organisation: int = 9) -> Fact:
    return Fact(
        report_id=1,
        kind=kind,
        organisation_id=organisation,
        occurred_at=WHEN,
        source_grading="B",
        roles=frozenset({"backer"}),
        recipient_names=frozenset(),
        places=places,
    )


def test_the_most_specific_district_of_the_most_places_answers() -> None:
    facts = [
        _fact(Place("SE", municipality_code="0180", weight=2)),
        _fact(Place("SE", municipality_code="0184", weight=2)),
        _fact(Place("SE", municipality_code="0180", weight=2)),
    ]
    way = route(facts=facts, districts=_districts(), fallback_country="SE")
    assert (way.organisation_id, way.votes, way.places, way.cross_border) == (2, 4, 6, False)
    assert way.affinity == {2: 1.0, 1: 0.6, 3: 0.4}


def test_an_address_routes_by_its_postcode() -> None:
    stockholm = Place("SE", postcode="11120", weight=3)  # Stockholm's shipped range
    way = route(facts=[_fact(stockholm)], districts=_districts(), fallback_country="SE")
    assert way.organisation_id == 2


def test_evidence_weighing_in_both_countries_goes_to_the_national_unit() -> None:
    facts = [
        _fact(Place("NO", municipality_code="0301", weight=2)),
        _fact(Place("NO", municipality_code="0301", weight=2)),
        _fact(Place("SE", municipality_code="0180", weight=2)),
    ]
    way = route(facts=facts, districts=_districts(), fallback_country="SE")
    assert (way.organisation_id, way.cross_border) == (5, True)  # Kripos: Norway has more
    assert set(way.affinity) == {4, 2, 3, 5}


def test_one_stray_place_across_the_border_does_not_make_a_lead_cross_border() -> None:
    facts = [_fact(Place("NO", municipality_code="0301", weight=2)) for _ in range(4)]
    facts.append(_fact(Place("SE", municipality_code="0180", weight=1)))
    way = route(facts=facts, districts=_districts(), fallback_country="SE")
    assert (way.organisation_id, way.cross_border) == (4, False)


def test_without_places_the_lead_goes_to_the_national_unit_of_its_country() -> None:
    way = route(facts=[_fact()], districts=_districts(), fallback_country="NO")
    assert (way.organisation_id, way.places) == (5, 0)


def test_the_chain_goes_to_the_region_then_a_free_district_then_the_national_unit() -> None:
    districts = _districts()
    steps = ["parent", "free_capacity", "national"]
    common = {"country": "SE", "affinity": {2: 1.0}, "districts": districts, "steps": steps}
    assert next_holder(holder=2, refused={2}, free={6: 1}, **common) == 1  # type: ignore[arg-type]
    assert next_holder(holder=1, refused={1, 2}, free={6: 1}, **common) == 6  # type: ignore[arg-type]
    assert next_holder(holder=6, refused={1, 2, 6}, free={6: 1}, **common) == 3  # type: ignore[arg-type]
    assert next_holder(holder=3, refused={1, 2, 3, 6}, free={}, **common) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kinds", "expected"),
    [
        (["courier_statement"] * 5, {"courier_statement": 50, "reliable_source": 10}),
        (
            ["seizure", "postal_item", "postal_item"],
            {"seizure": 15, "postal_item": 8, "reliable_source": 6},
        ),
    ],
)
def test_the_score_is_the_sum_of_its_terms(kinds: list[str], expected: dict[str, int]) -> None:
    terms = score_terms([_fact(kind=kind) for kind in kinds])
    assert {t.code: t.points for t in terms} == expected
    assert score_of(terms) == sum(expected.values())


def test_evidence_older_than_the_window_before_the_newest_does_not_count() -> None:
    old = Fact(
        report_id=2,
        kind="seizure",
        organisation_id=8,
        occurred_at=WHEN - datetime.timedelta(days=400),
        source_grading="E",
        roles=frozenset(),
        recipient_names=frozenset(),
        places=(),
    )
    terms = score_terms([old, _fact()])
    assert {t.code for t in terms} == {"courier_statement", "reliable_source"}
