"""The shipped reference geography: complete, consistent and right on known facts."""

from __future__ import annotations

import dataclasses
import itertools
import subprocess
import sys
from collections import defaultdict

import pytest

from samverkan import geography
from samverkan.geography import GeographyDataError, Municipality
from samverkan.geography.lookup import PostcodeIndex

SE_MUNICIPALITY_COUNT = 290
NO_MUNICIPALITY_COUNT = 357
SE_REGIONS = {"Nord", "Mitt", "Stockholm", "Öst", "Väst", "Syd", "Bergslagen"}
NO_DISTRICTS = {
    "Oslo",
    "Øst",
    "Innlandet",
    "Sør-Øst",
    "Agder",
    "Sør-Vest",
    "Vest",
    "Møre og Romsdal",
    "Trøndelag",
    "Nordland",
    "Troms",
    "Finnmark",
}
NO_COUNTIES = {
    "Oslo",
    "Østfold",
    "Akershus",
    "Buskerud",
    "Innlandet",
    "Vestfold",
    "Telemark",
    "Agder",
    "Rogaland",
    "Vestland",
    "Møre og Romsdal",
    "Trøndelag",
    "Nordland",
    "Troms",
    "Finnmark",
}


def _region_name(municipality: Municipality) -> str:
    area = geography.police_unit(municipality.police_unit_code)
    assert area.parent_code is not None
    return geography.police_unit(area.parent_code).name


# --- completeness -----------------------------------------------------------------


def test_every_swedish_municipality_is_listed_once() -> None:
    codes = [m.code for m in geography.municipalities("SE")]
    assert len(codes) == SE_MUNICIPALITY_COUNT
    assert len(set(codes)) == SE_MUNICIPALITY_COUNT


def test_every_norwegian_municipality_of_2024_is_listed_once() -> None:
    codes = [m.code for m in geography.municipalities("NO")]
    assert len(codes) == NO_MUNICIPALITY_COUNT
    assert len(set(codes)) == NO_MUNICIPALITY_COUNT


def test_all_countries_is_the_union_sorted_by_country_then_code() -> None:
    everything = geography.municipalities()
    assert everything == geography.municipalities("SE") + geography.municipalities("NO")
    assert list(geography.municipalities("SE")) == sorted(
        geography.municipalities("SE"), key=lambda m: m.code
    )


def test_swedish_counties_are_the_21_lan() -> None:
    counties = {m.county for m in geography.municipalities("SE")}
    assert len(counties) == 21
    assert all(county.endswith("län") for county in counties)


def test_norwegian_counties_are_the_15_fylker_of_2024() -> None:
    assert {m.county for m in geography.municipalities("NO")} == NO_COUNTIES


@pytest.mark.parametrize("country", ["SE", "NO"])
def test_code_prefix_names_the_county(country: str) -> None:
    """The first two digits of a kommunkod/kommunenummer are the county's number."""
    counties_by_prefix: dict[str, set[str]] = defaultdict(set)
    for m in geography.municipalities(country):
        counties_by_prefix[m.code[:2]].add(m.county)
    assert all(len(counties) == 1 for counties in counties_by_prefix.values())


def test_every_municipality_has_a_name_and_main_town() -> None:
    for m in geography.municipalities():
        assert m.name
        assert m.main_town
        assert m.county


# --- police units -----------------------------------------------------------------


def test_every_municipality_has_a_police_unit_that_exists() -> None:
    for m in geography.municipalities():
        unit = geography.police_unit(m.police_unit_code)
        assert unit.country == m.country


def test_swedish_municipalities_belong_to_a_local_police_area() -> None:
    for m in geography.municipalities("SE"):
        assert geography.responsible_unit("SE", m.code).kind == "local_area"


def test_norwegian_municipalities_belong_to_a_police_district() -> None:
    for m in geography.municipalities("NO"):
        assert geography.responsible_unit("NO", m.code).kind == "district"


def test_swedish_local_areas_have_a_region_parent() -> None:
    areas = geography.police_units("SE", "local_area")
    assert areas
    for area in areas:
        assert area.parent_code is not None
        parent = geography.police_unit(area.parent_code)
        assert parent.kind == "region"
        assert parent.country == "SE"


def test_only_local_areas_have_a_parent() -> None:
    for unit in geography.police_units():
        assert (unit.parent_code is not None) == (unit.kind == "local_area")


def test_the_seven_swedish_police_regions() -> None:
    assert {u.name for u in geography.police_units("SE", "region")} == SE_REGIONS


def test_the_twelve_norwegian_police_districts() -> None:
    assert {u.name for u in geography.police_units("NO", "district")} == NO_DISTRICTS


def test_national_units() -> None:
    codes = {u.code for u in geography.police_units(kind="national")}
    assert {"se-noa", "no-kripos"} <= codes


def test_unit_codes_are_unique_slugs_with_country_prefix() -> None:
    units = geography.police_units()
    assert len({u.code for u in units}) == len(units)
    for unit in units:
        assert unit.code.startswith(f"{unit.country.lower()}-")
        assert unit.code == unit.code.lower()
        assert unit.code.isascii()


def test_a_swedish_county_lies_in_exactly_one_region() -> None:
    regions_by_county: dict[str, set[str]] = defaultdict(set)
    for m in geography.municipalities("SE"):
        regions_by_county[m.county].add(_region_name(m))
    assert all(len(regions) == 1 for regions in regions_by_county.values())


def test_every_region_and_district_owns_some_municipality() -> None:
    owning = {_region_name(m) for m in geography.municipalities("SE")}
    assert owning == SE_REGIONS
    districts = {
        geography.responsible_unit("NO", m.code).name for m in geography.municipalities("NO")
    }
    assert districts == NO_DISTRICTS


def test_display_names_say_the_kind() -> None:
    assert geography.police_unit("se-region-stockholm").display_name == "Polisregion Stockholm"
    assert geography.police_unit("se-lpo-norrmalm").display_name == "Lokalpolisområde Norrmalm"
    assert geography.police_unit("no-district-ost").display_name == "Øst politidistrikt"
    assert geography.police_unit("no-kripos").display_name == "Kripos"


def test_police_units_filters() -> None:
    assert all(u.country == "NO" for u in geography.police_units("no"))
    assert all(u.kind == "region" for u in geography.police_units(kind="region"))
    with pytest.raises(ValueError, match="unit kind"):
        geography.police_units(kind="precinct")


# --- known facts ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "name", "region"),
    [
        ("0180", "Stockholm", "Stockholm"),
        ("0980", "Gotland", "Stockholm"),
        ("0380", "Uppsala", "Mitt"),
        ("0580", "Linköping", "Öst"),
        ("1480", "Göteborg", "Väst"),
        ("1380", "Halmstad", "Väst"),
        ("1280", "Malmö", "Syd"),
        ("0780", "Växjö", "Syd"),
        ("1880", "Örebro", "Bergslagen"),
        ("1780", "Karlstad", "Bergslagen"),
        ("2480", "Umeå", "Nord"),
        ("2584", "Kiruna", "Nord"),
    ],
)
def test_swedish_known_facts(code: str, name: str, region: str) -> None:
    m = geography.municipality("SE", code)
    assert m.name == name
    assert _region_name(m) == region


def test_swedish_city_split_is_noted() -> None:
    stockholm = geography.municipality("SE", "0180")
    assert stockholm.police_unit_code == "se-lpo-norrmalm"
    assert "Södermalm" in stockholm.note
    assert geography.responsible_unit("SE", "1480").code == "se-lpo-goteborg-city"
    assert "Malmö Norr" in geography.municipality("SE", "1280").note


@pytest.mark.parametrize(
    ("code", "name", "district"),
    [
        ("0301", "Oslo", "Oslo"),
        ("3201", "Bærum", "Oslo"),
        ("3203", "Asker", "Oslo"),
        ("3101", "Halden", "Øst"),
        ("3107", "Fredrikstad", "Øst"),
        ("3205", "Lillestrøm", "Øst"),
        ("3403", "Hamar", "Innlandet"),
        ("3301", "Drammen", "Sør-Øst"),
        ("4204", "Kristiansand", "Agder"),
        ("4228", "Sirdal", "Sør-Vest"),
        ("1103", "Stavanger", "Sør-Vest"),
        ("4614", "Stord", "Sør-Vest"),
        ("4601", "Bergen", "Vest"),
        ("1508", "Ålesund", "Møre og Romsdal"),
        ("1580", "Haram", "Møre og Romsdal"),
        ("5001", "Trondheim", "Trøndelag"),
        ("1804", "Bodø", "Nordland"),
        ("5501", "Tromsø", "Troms"),
        ("5503", "Harstad", "Troms"),
        ("5601", "Alta", "Finnmark"),
    ],
)
def test_norwegian_known_facts(code: str, name: str, district: str) -> None:
    assert geography.municipality("NO", code).name == name
    assert geography.responsible_unit("NO", code).name == district


def test_responsible_unit_codes_for_the_documented_examples() -> None:
    assert geography.responsible_unit("SE", "0180").parent_code == "se-region-stockholm"
    assert geography.responsible_unit("SE", "1480").parent_code == "se-region-vast"
    assert geography.responsible_unit("NO", "0301").code == "no-district-oslo"
    assert geography.responsible_unit("NO", "3101").code == "no-district-ost"


# --- lookups by code --------------------------------------------------------------


def test_lookup_accepts_any_country_case_and_dropped_leading_zero() -> None:
    assert geography.municipality("se", "180") == geography.municipality("SE", "0180")
    assert geography.municipality("No", "301").name == "Oslo"


def test_unknown_municipality_is_a_key_error_naming_it() -> None:
    with pytest.raises(KeyError, match="SE municipality has code '9999'"):
        geography.municipality("SE", "9999")
    with pytest.raises(KeyError, match="'0001'"):
        geography.responsible_unit("NO", "0001")


def test_unknown_unit_is_a_key_error_naming_it() -> None:
    with pytest.raises(KeyError, match="se-lpo-atlantis"):
        geography.police_unit("se-lpo-atlantis")


@pytest.mark.parametrize("country", ["DK", "", "Sweden"])
def test_unknown_country_is_a_value_error(country: str) -> None:
    with pytest.raises(ValueError, match="Unknown country"):
        geography.municipalities(country)


def test_malformed_municipality_code_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="municipality code"):
        geography.municipality("SE", "01800")


# --- postcodes ----------------------------------------------------------------------


@pytest.mark.parametrize(("country", "length"), [("SE", 5), ("NO", 4)])
def test_postcode_ranges_have_the_country_shape(country: str, length: int) -> None:
    for m in geography.municipalities(country):
        for value in (m.postcode_from, m.postcode_to):
            assert len(value) == length
            assert value.isdigit()
        assert int(m.postcode_from) <= int(m.postcode_to)
        if country == "SE":
            # Swedish postcodes start at 100 00 and end below 990 00.
            assert 10000 <= int(m.postcode_from) <= int(m.postcode_to) < 99000


@pytest.mark.parametrize("country", ["SE", "NO"])
def test_postcode_ranges_do_not_overlap(country: str) -> None:
    ranges = sorted(
        (int(m.postcode_from), int(m.postcode_to), m.code)
        for m in geography.municipalities(country)
    )
    for (_, left_end, left), (right_start, _, right) in itertools.pairwise(ranges):
        assert right_start > left_end, f"{country} {left} overlaps {right}"


@pytest.mark.parametrize("country", ["SE", "NO"])
def test_postcode_lookup_round_trips_every_range_end(country: str) -> None:
    for m in geography.municipalities(country):
        assert geography.municipality_for_postcode(country, m.postcode_from) == m
        assert geography.municipality_for_postcode(country, m.postcode_to) == m
        middle = (int(m.postcode_from) + int(m.postcode_to)) // 2
        found = geography.municipality_for_postcode(country, str(middle).zfill(len(m.postcode_to)))
        assert found == m


def test_swedish_postcode_with_a_space() -> None:
    found = geography.municipality_for_postcode("SE", "111 22")
    assert found is not None
    assert found.name == "Stockholm"
    found = geography.municipality_for_postcode("se", " 752 36 ")
    assert found is not None
    assert found.name == "Uppsala"


@pytest.mark.parametrize(
    ("country", "postcode", "name"),
    [
        ("SE", "41105", "Göteborg"),
        ("SE", "211 20", "Malmö"),
        ("SE", "582 22", "Linköping"),
        ("SE", "903 26", "Umeå"),
        ("NO", "0150", "Oslo"),
        ("NO", "5003", "Bergen"),
        ("NO", "7010", "Trondheim"),
        ("NO", "4006", "Stavanger"),
        ("NO", "1767", "Halden"),
    ],
)
def test_postcodes_of_big_towns(country: str, postcode: str, name: str) -> None:
    found = geography.municipality_for_postcode(country, postcode)
    assert found is not None
    assert found.name == name


def test_postcode_outside_every_range_is_none() -> None:
    assert geography.municipality_for_postcode("SE", "99999") is None
    assert geography.municipality_for_postcode("NO", "9040") is None


@pytest.mark.parametrize(
    ("country", "postcode"),
    [("SE", "1234"), ("SE", "123456"), ("SE", "12a45"), ("NO", "150"), ("NO", "01500"), ("NO", "")],
)
def test_malformed_postcode_is_a_value_error(country: str, postcode: str) -> None:
    with pytest.raises(ValueError, match="postcode"):
        geography.municipality_for_postcode(country, postcode)


# --- border crossings -------------------------------------------------------------


def test_border_crossings_name_existing_municipalities() -> None:
    crossings = geography.border_crossings()
    assert len({c.code for c in crossings}) == len(crossings)
    for crossing in crossings:
        assert crossing.se_municipality_code or crossing.no_municipality_number
        if crossing.se_municipality_code:
            geography.municipality("SE", crossing.se_municipality_code)
        if crossing.no_municipality_number:
            geography.municipality("NO", crossing.no_municipality_number)


def test_road_crossings_have_a_side_in_each_country_and_a_road() -> None:
    roads = [c for c in geography.border_crossings() if c.kind == "road"]
    assert len(roads) >= 5
    for crossing in roads:
        assert crossing.se_municipality_code
        assert crossing.no_municipality_number
        assert crossing.road


def test_known_crossings() -> None:
    by_code = {c.code: c for c in geography.border_crossings()}
    svinesund = by_code["svinesund"]
    assert svinesund.road == "E6"
    assert geography.municipality("NO", svinesund.no_municipality_number or "").name == "Halden"
    assert geography.municipality("SE", svinesund.se_municipality_code or "").name == "Strömstad"
    assert by_code["bjornfjell-riksgransen"].road == "E10"
    assert by_code["teveldal-storlien"].road == "E14"
    assert by_code["orje-tocksfors"].road == "E18"
    assert by_code["oslo-gardermoen"].kind == "airport"
    assert by_code["stockholm-arlanda"].se_municipality_code == "0191"
    assert by_code["goteborg-landvetter"].kind == "airport"
    assert by_code["oresund-bridge"].kind == "bridge"
    assert {"oslo-kiel-ferry", "goteborg-frederikshavn-ferry", "trelleborg-ferry"} <= set(by_code)


# --- the values and the package ---------------------------------------------------


def test_records_are_frozen() -> None:
    oslo = geography.municipality("NO", "0301")
    with pytest.raises(dataclasses.FrozenInstanceError):
        oslo.name = "Christiania"  # type: ignore[misc]


def test_loading_is_cached() -> None:
    assert geography.municipalities() is geography.municipalities()
    assert geography.border_crossings() is geography.border_crossings()


def test_the_package_does_not_import_django() -> None:
    script = (
        "import sys, samverkan.geography as g\ng.municipalities()\nprint('django' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def _fake(code: str, low: str, high: str) -> Municipality:
    return Municipality(
        country="SE",
        code=code,
        name=f"Kommun {code}",
        county="Testlän",
        police_unit_code="se-lpo-norrmalm",
        main_town="Testby",
        postcode_from=low,
        postcode_to=high,
    )


def test_postcode_index_refuses_overlapping_ranges() -> None:
    with pytest.raises(GeographyDataError, match="overlap: 0001 Kommun 0001"):
        PostcodeIndex.build([_fake("0002", "10050", "10150"), _fake("0001", "10000", "10050")])


def test_postcode_index_finds_only_inside_ranges() -> None:
    index = PostcodeIndex.build([_fake("0002", "20000", "20099"), _fake("0001", "10000", "10099")])
    assert index.find(9999) is None
    assert index.find(10000) == _fake("0001", "10000", "10099")
    assert index.find(10099) == _fake("0001", "10000", "10099")
    assert index.find(10100) is None
    assert index.find(20050) == _fake("0002", "20000", "20099")
    assert index.find(20100) is None
