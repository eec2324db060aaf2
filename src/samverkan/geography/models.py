"""The three kinds of reference record: municipality, police unit, border crossing.

Invariant: these are plain frozen values. Nothing here reads files or knows
how records are found; ``loader`` builds them and ``lookup`` answers questions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Country = Literal["SE", "NO"]
"""ISO 3166-1 alpha-2 code of a country the reference data covers."""

UnitKind = Literal["region", "local_area", "district", "national"]
"""``region`` and ``local_area`` are Swedish (polisregion, lokalpolisområde);
``district`` is Norwegian (politidistrikt); ``national`` is either country's
national unit (NOA, Kripos, Økokrim)."""

CrossingKind = Literal["road", "ferry", "airport", "bridge"]

COUNTRIES: tuple[Country, ...] = ("SE", "NO")
UNIT_KINDS: tuple[UnitKind, ...] = ("region", "local_area", "district", "national")
CROSSING_KINDS: tuple[CrossingKind, ...] = ("road", "ferry", "airport", "bridge")

# Postcodes are 5 digits in Sweden ("123 45") and 4 digits in Norway ("0150").
POSTCODE_LENGTH: dict[Country, int] = {"SE": 5, "NO": 4}


@dataclass(frozen=True, slots=True)
class Municipality:
    """One Swedish kommun or Norwegian kommune.

    ``code`` is the 4-digit kommunkod (SCB) or kommunenummer (SSB), kept as text
    so that leading zeros survive ("0180", "0301"). ``police_unit_code`` is the
    unit that owns follow-up there: the lokalpolisområde in Sweden, the
    politidistrikt in Norway. ``postcode_from``/``postcode_to`` bound one
    representative postcode range (inclusive, as text) around the main town;
    it is not every postcode the municipality has. ``note`` says where the
    police assignment is a simplification, e.g. a city split between several
    local police areas.
    """

    country: Country
    code: str
    name: str
    county: str
    police_unit_code: str
    main_town: str
    postcode_from: str
    postcode_to: str
    note: str = ""

    def covers_postcode(self, postcode: str) -> bool:
        """Whether the canonical (digits-only) ``postcode`` is in this range."""
        return int(self.postcode_from) <= int(postcode) <= int(self.postcode_to)


@dataclass(frozen=True, slots=True)
class PoliceUnit:
    """A police unit that can own the follow-up of a lead.

    ``name`` is the short official name ("Stockholm", "Norrmalm", "Sør-Øst");
    ``display_name`` adds the kind so that people can tell "Stockholm" the
    region from a municipality of the same name. ``parent_code`` is the region
    of a Swedish local police area and ``None`` for every other unit.
    """

    code: str
    country: Country
    kind: UnitKind
    name: str
    parent_code: str | None

    @property
    def display_name(self) -> str:
        if self.kind == "region":
            return f"Polisregion {self.name}"
        if self.kind == "local_area":
            return f"Lokalpolisområde {self.name}"
        if self.kind == "district":
            return f"{self.name} politidistrikt"
        return self.name


@dataclass(frozen=True, slots=True)
class BorderCrossing:
    """A road crossing between Sweden and Norway, or a port, bridge or airport
    where goods enter either country.

    A crossing on the border names a municipality on each side; a port or
    airport names only the one it lies in, and the other side is ``None``.
    ``road`` is the road number(s) as signposted, ``None`` for ferries and
    airports.
    """

    code: str
    name: str
    kind: CrossingKind
    se_municipality_code: str | None
    no_municipality_number: str | None
    road: str | None
