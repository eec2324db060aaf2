"""Places in the world are real places: postcodes in range, units that own them."""

from __future__ import annotations

from samverkan import geography
from samverkan.intake.schemas import OrganisationKind
from tests.scenario.worlds import World


def test_postcodes_map_back_to_their_municipality(demo_world: World) -> None:
    addresses = demo_world.table("addresses")
    assert addresses
    for row in addresses.values():
        found = geography.municipality_for_postcode(row["country"], row["postcode"])
        assert found is not None, row
        assert found.code == row["municipality_code"]


def test_addresses_are_written_with_their_postcode_and_town(demo_world: World) -> None:
    for row in demo_world.table("addresses").values():
        municipality = geography.municipality(row["country"], row["municipality_code"])
        postcode = row["postcode"]
        written = f"{postcode[:3]} {postcode[3:]}" if row["country"] == "SE" else postcode
        assert row["text"].endswith(f", {written} {municipality.main_town}")


def test_report_places_are_known_municipalities(demo_world: World) -> None:
    for submission in demo_world.submissions:
        place = submission.report.place
        if place is not None and place.municipality_code is not None:
            geography.municipality(place.country, place.municipality_code)


def test_police_organisations_are_the_units_that_own_their_municipalities(
    demo_world: World,
) -> None:
    organisations = demo_world.organisations
    police = {
        code: o for code, o in organisations.items()
        if o.kind in (OrganisationKind.POLICE_REGION, OrganisationKind.POLICE_DISTRICT)
    }  # fmt: skip
    covered = [code for o in police.values() for code in o.municipality_codes]
    assert len(covered) == len(geography.municipalities())
    for code, organisation in police.items():
        for municipality in organisation.municipality_codes:
            unit = geography.responsible_unit(organisation.country, municipality)
            assert code in (unit.code, unit.parent_code)


def test_statements_come_from_the_unit_owning_the_crossing(demo_world: World) -> None:
    statements = [s for s in demo_world.submissions if s.report.kind.value == "courier_statement"]
    assert statements
    for submission in statements:
        place = submission.report.place
        assert place is not None
        assert place.municipality_code is not None
        unit = geography.responsible_unit(place.country, place.municipality_code)
        assert submission.organisation in (unit.code, unit.parent_code)
        route = submission.report.route
        assert route is not None
        assert route.crossing


def test_postal_agents_report_in_their_country(demo_world: World) -> None:
    organisations = demo_world.organisations
    for submission in demo_world.submissions:
        organisation = organisations[submission.organisation]
        if organisation.kind == OrganisationKind.POSTAL_AGENT:
            place = submission.report.place
            assert place is not None
            assert place.country == organisation.country
            assert place.municipality_code in organisation.municipality_codes
