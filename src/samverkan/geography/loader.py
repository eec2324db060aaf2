"""Read the shipped CSV files into frozen records, once per process.

Invariant: every record that leaves this module is consistent with the
others: each municipality's police unit exists and is of the right kind for
its country, each local police area hangs under a region, and every border
crossing names municipalities that exist. Data that breaks this raises
``GeographyDataError`` at load time instead of routing a lead wrongly later.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources

from samverkan.geography.models import (
    COUNTRIES,
    CROSSING_KINDS,
    POSTCODE_LENGTH,
    UNIT_KINDS,
    BorderCrossing,
    Country,
    CrossingKind,
    Municipality,
    PoliceUnit,
    UnitKind,
)

SE_MUNICIPALITIES = "se_municipalities.csv"
NO_MUNICIPALITIES = "no_municipalities.csv"
POLICE_UNITS = "police_units.csv"
BORDER_CROSSINGS = "border_crossings.csv"

_SE_COLUMNS = (
    "municipality_code",
    "name",
    "county",
    "police_region",
    "police_area",
    "main_town",
    "postcode_from",
    "postcode_to",
    "note",
)
_NO_COLUMNS = (
    "municipality_number",
    "name",
    "county",
    "police_district",
    "main_town",
    "postcode_from",
    "postcode_to",
)
_UNIT_COLUMNS = ("code", "country", "kind", "name", "parent_code")
_CROSSING_COLUMNS = (
    "code",
    "name",
    "kind",
    "se_municipality_code",
    "no_municipality_number",
    "road",
)


class GeographyDataError(RuntimeError):
    """A shipped data file is malformed or contradicts another one."""


def read_rows(filename: str, columns: tuple[str, ...]) -> Iterator[Mapping[str, str]]:
    """Yield one mapping per data row of ``data/filename``, header checked."""
    text = (resources.files("samverkan.geography") / "data" / filename).read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != columns:
        raise GeographyDataError(
            f"{filename}: header is {reader.fieldnames}, expected {list(columns)}"
        )
    for row in reader:
        if None in row.values() or None in row:
            raise GeographyDataError(f"{filename}: line {reader.line_num} has the wrong width")
        yield {key: value.strip() for key, value in row.items()}


def _country(value: str, where: str) -> Country:
    for country in COUNTRIES:
        if value == country:
            return country
    raise GeographyDataError(f"{where}: unknown country {value!r}")


def _unit_kind(value: str, where: str) -> UnitKind:
    for kind in UNIT_KINDS:
        if value == kind:
            return kind
    raise GeographyDataError(f"{where}: unknown unit kind {value!r}")


def _crossing_kind(value: str, where: str) -> CrossingKind:
    for kind in CROSSING_KINDS:
        if value == kind:
            return kind
    raise GeographyDataError(f"{where}: unknown crossing kind {value!r}")


def _check_code(code: str, where: str) -> None:
    if len(code) != 4 or not code.isdigit():
        raise GeographyDataError(f"{where}: municipality code {code!r} is not 4 digits")


def _check_postcodes(country: Country, low: str, high: str, where: str) -> None:
    length = POSTCODE_LENGTH[country]
    for value in (low, high):
        if len(value) != length or not value.isdigit():
            raise GeographyDataError(f"{where}: postcode {value!r} is not {length} digits")
    if int(low) > int(high):
        raise GeographyDataError(f"{where}: postcode range {low}-{high} runs backwards")


@cache
def police_units() -> tuple[PoliceUnit, ...]:
    """Every police unit, in file order (regions before their local areas)."""
    units: list[PoliceUnit] = []
    seen: dict[str, PoliceUnit] = {}
    for row in read_rows(POLICE_UNITS, _UNIT_COLUMNS):
        where = f"{POLICE_UNITS} {row['code']}"
        unit = PoliceUnit(
            code=row["code"],
            country=_country(row["country"], where),
            kind=_unit_kind(row["kind"], where),
            name=row["name"],
            parent_code=row["parent_code"] or None,
        )
        if unit.code in seen:
            raise GeographyDataError(f"{where}: duplicate unit code")
        if unit.kind == "local_area":
            parent = seen.get(unit.parent_code or "")
            if parent is None or parent.kind != "region" or parent.country != unit.country:
                raise GeographyDataError(f"{where}: parent must be a region listed before it")
        elif unit.parent_code is not None:
            raise GeographyDataError(f"{where}: only local police areas have a parent")
        seen[unit.code] = unit
        units.append(unit)
    return tuple(units)


def _units_by_name() -> dict[tuple[Country, UnitKind, str], PoliceUnit]:
    return {(unit.country, unit.kind, unit.name): unit for unit in police_units()}


def _se_municipalities() -> Iterator[Municipality]:
    units = _units_by_name()
    for row in read_rows(SE_MUNICIPALITIES, _SE_COLUMNS):
        code = row["municipality_code"]
        where = f"{SE_MUNICIPALITIES} {code}"
        _check_code(code, where)
        _check_postcodes("SE", row["postcode_from"], row["postcode_to"], where)
        region = units.get(("SE", "region", row["police_region"]))
        area = units.get(("SE", "local_area", row["police_area"]))
        if region is None or area is None or area.parent_code != region.code:
            raise GeographyDataError(
                f"{where}: no local police area {row['police_area']!r} "
                f"in region {row['police_region']!r}"
            )
        yield Municipality(
            country="SE",
            code=code,
            name=row["name"],
            county=row["county"],
            police_unit_code=area.code,
            main_town=row["main_town"],
            postcode_from=row["postcode_from"],
            postcode_to=row["postcode_to"],
            note=row["note"],
        )


def _no_municipalities() -> Iterator[Municipality]:
    units = _units_by_name()
    for row in read_rows(NO_MUNICIPALITIES, _NO_COLUMNS):
        code = row["municipality_number"]
        where = f"{NO_MUNICIPALITIES} {code}"
        _check_code(code, where)
        _check_postcodes("NO", row["postcode_from"], row["postcode_to"], where)
        district = units.get(("NO", "district", row["police_district"]))
        if district is None:
            raise GeographyDataError(f"{where}: no police district {row['police_district']!r}")
        yield Municipality(
            country="NO",
            code=code,
            name=row["name"],
            county=row["county"],
            police_unit_code=district.code,
            main_town=row["main_town"],
            postcode_from=row["postcode_from"],
            postcode_to=row["postcode_to"],
        )


@cache
def municipalities() -> tuple[Municipality, ...]:
    """Every municipality of both countries, sorted by country then code."""
    records = sorted(
        [*_se_municipalities(), *_no_municipalities()],
        key=lambda m: (COUNTRIES.index(m.country), m.code),
    )
    for previous, current in itertools.pairwise(records):
        if (previous.country, previous.code) == (current.country, current.code):
            raise GeographyDataError(f"{current.country} {current.code}: listed twice")
    return tuple(records)


@cache
def border_crossings() -> tuple[BorderCrossing, ...]:
    """Every border crossing, port and airport, in file order."""
    known = {(m.country, m.code) for m in municipalities()}
    crossings: list[BorderCrossing] = []
    for row in read_rows(BORDER_CROSSINGS, _CROSSING_COLUMNS):
        where = f"{BORDER_CROSSINGS} {row['code']}"
        crossing = BorderCrossing(
            code=row["code"],
            name=row["name"],
            kind=_crossing_kind(row["kind"], where),
            se_municipality_code=row["se_municipality_code"] or None,
            no_municipality_number=row["no_municipality_number"] or None,
            road=row["road"] or None,
        )
        sides = (("SE", crossing.se_municipality_code), ("NO", crossing.no_municipality_number))
        if all(code is None for _, code in sides):
            raise GeographyDataError(f"{where}: names no municipality")
        for country, code in sides:
            if code is not None and (country, code) not in known:
                raise GeographyDataError(f"{where}: unknown {country} municipality {code}")
        if any(c.code == crossing.code for c in crossings):
            raise GeographyDataError(f"{where}: duplicate crossing code")
        crossings.append(crossing)
    return tuple(crossings)
