"""Questions callers ask of the reference data: which municipality, which unit.

Invariant: inputs are normalised here (country case, spaces in postcodes,
dropped leading zeros in codes) and nowhere else; the records themselves are
only ever read from ``loader``.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from samverkan.geography import loader
from samverkan.geography.models import (
    COUNTRIES,
    POSTCODE_LENGTH,
    UNIT_KINDS,
    BorderCrossing,
    Country,
    Municipality,
    PoliceUnit,
    UnitKind,
)

_SPACES = re.compile(r"\s+")


def normalise_country(country: str) -> Country:
    """Return ``"SE"`` or ``"NO"`` for any casing of either; else ValueError."""
    wanted = country.strip().upper()
    for known in COUNTRIES:
        if wanted == known:
            return known
    raise ValueError(f"Unknown country {country!r}: expected one of {', '.join(COUNTRIES)}")


def normalise_postcode(country: str, postcode: str) -> str:
    """Return the postcode as bare digits ("123 45" -> "12345"); else ValueError."""
    canonical = normalise_country(country)
    digits = _SPACES.sub("", postcode)
    length = POSTCODE_LENGTH[canonical]
    if len(digits) != length or not digits.isdigit():
        raise ValueError(f"{postcode!r} is not a {canonical} postcode: expected {length} digits")
    return digits


def normalise_municipality_code(code: str) -> str:
    """Return a 4-digit code, restoring leading zeros a spreadsheet dropped."""
    digits = code.strip()
    if not digits.isdigit() or len(digits) > 4:
        raise ValueError(f"{code!r} is not a municipality code: expected up to 4 digits")
    return digits.zfill(4)


def municipalities(country: str | None = None) -> tuple[Municipality, ...]:
    """All municipalities, or one country's, sorted by country then code."""
    records = loader.municipalities()
    if country is None:
        return records
    canonical = normalise_country(country)
    return tuple(m for m in records if m.country == canonical)


@cache
def _by_code() -> dict[tuple[Country, str], Municipality]:
    return {(m.country, m.code): m for m in loader.municipalities()}


def municipality(country: str, code: str) -> Municipality:
    """The municipality with this kommunkod/kommunenummer; KeyError if none."""
    canonical = normalise_country(country)
    key = normalise_municipality_code(code)
    try:
        return _by_code()[(canonical, key)]
    except KeyError:
        raise KeyError(f"No {canonical} municipality has code {key!r}") from None


@dataclass(frozen=True, slots=True)
class PostcodeIndex:
    """One country's postcode ranges, sorted by their first postcode, for bisection."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    owners: tuple[Municipality, ...]

    @classmethod
    def build(cls, records: Iterable[Municipality]) -> PostcodeIndex:
        """Index ``records``; GeographyDataError if two ranges overlap."""
        ranked = sorted(records, key=lambda m: int(m.postcode_from))
        for left, right in itertools.pairwise(ranked):
            if int(right.postcode_from) <= int(left.postcode_to):
                raise loader.GeographyDataError(
                    f"{right.country} postcode ranges overlap: {left.code} {left.name} "
                    f"({left.postcode_from}-{left.postcode_to}) and {right.code} {right.name} "
                    f"({right.postcode_from}-{right.postcode_to})"
                )
        return cls(
            starts=tuple(int(m.postcode_from) for m in ranked),
            ends=tuple(int(m.postcode_to) for m in ranked),
            owners=tuple(ranked),
        )

    def find(self, postcode: int) -> Municipality | None:
        """The municipality whose range holds ``postcode``, if any."""
        position = bisect.bisect_right(self.starts, postcode) - 1
        if position < 0 or postcode > self.ends[position]:
            return None
        return self.owners[position]


@cache
def _postcode_index(country: Country) -> PostcodeIndex:
    return PostcodeIndex.build(m for m in loader.municipalities() if m.country == country)


def municipality_for_postcode(country: str, postcode: str) -> Municipality | None:
    """The municipality whose representative range holds ``postcode``.

    Accepts "12345" and "123 45". ``None`` means the postcode is well-formed
    but outside every shipped range (ranges are representative, not complete);
    a malformed postcode raises ValueError.
    """
    canonical = normalise_country(country)
    return _postcode_index(canonical).find(int(normalise_postcode(canonical, postcode)))


@cache
def _units_by_code() -> dict[str, PoliceUnit]:
    return {unit.code: unit for unit in loader.police_units()}


def police_unit(code: str) -> PoliceUnit:
    """The unit with this code ("se-lpo-norrmalm", "no-district-oslo"); KeyError if none."""
    try:
        return _units_by_code()[code]
    except KeyError:
        raise KeyError(f"No police unit has code {code!r}") from None


def police_units(country: str | None = None, kind: str | None = None) -> tuple[PoliceUnit, ...]:
    """All units, optionally only one country's and/or one kind's."""
    units = loader.police_units()
    if country is not None:
        canonical = normalise_country(country)
        units = tuple(u for u in units if u.country == canonical)
    if kind is not None:
        wanted = _unit_kind(kind)
        units = tuple(u for u in units if u.kind == wanted)
    return units


def _unit_kind(kind: str) -> UnitKind:
    for known in UNIT_KINDS:
        if kind == known:
            return known
    raise ValueError(f"Unknown unit kind {kind!r}: expected one of {', '.join(UNIT_KINDS)}")


def responsible_unit(country: str, municipality_code: str) -> PoliceUnit:
    """The unit that owns follow-up in a municipality.

    In Sweden that is the lokalpolisområde (its region is ``parent_code``), in
    Norway the politidistrikt. KeyError if the municipality is unknown.
    """
    return police_unit(municipality(country, municipality_code).police_unit_code)


def border_crossings() -> tuple[BorderCrossing, ...]:
    """Every Sweden–Norway road crossing and every listed port, bridge and airport."""
    return loader.border_crossings()
