"""Where things happen: municipalities weighted by people, postcodes, crossings.

Invariant: every area comes from ``samverkan.geography`` and every postcode
drawn for an area lies in that municipality's shipped range, so
``geography.municipality_for_postcode`` maps it back to the same
municipality. Geography has no population figures, so the weights below
(rounded public figures, thousands of residents) make big towns big; any
municipality not listed counts as a small one.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from samverkan import geography

_POPULATION_THOUSANDS: dict[tuple[str, str], int] = {
    ("SE", "Stockholm"): 980, ("SE", "Göteborg"): 600, ("SE", "Malmö"): 360,
    ("SE", "Uppsala"): 240, ("SE", "Linköping"): 165, ("SE", "Örebro"): 160,
    ("SE", "Västerås"): 160, ("SE", "Helsingborg"): 151, ("SE", "Norrköping"): 145,
    ("SE", "Jönköping"): 145, ("SE", "Umeå"): 132, ("SE", "Lund"): 128, ("SE", "Borås"): 115,
    ("SE", "Huddinge"): 115, ("SE", "Nacka"): 108, ("SE", "Eskilstuna"): 107,
    ("SE", "Halmstad"): 104, ("SE", "Gävle"): 103, ("SE", "Södertälje"): 100,
    ("SE", "Sundsvall"): 100, ("SE", "Haninge"): 97, ("SE", "Växjö"): 97,
    ("SE", "Botkyrka"): 95, ("SE", "Karlstad"): 95, ("SE", "Kristianstad"): 87,
    ("SE", "Järfälla"): 85, ("SE", "Solna"): 85, ("SE", "Luleå"): 80, ("SE", "Kalmar"): 70,
    ("SE", "Sundbyberg"): 55, ("SE", "Sigtuna"): 50, ("SE", "Strömstad"): 13,
    ("NO", "Oslo"): 710, ("NO", "Bergen"): 290, ("NO", "Trondheim"): 212,
    ("NO", "Stavanger"): 148, ("NO", "Bærum"): 130, ("NO", "Kristiansand"): 116,
    ("NO", "Drammen"): 103, ("NO", "Asker"): 97, ("NO", "Lillestrøm"): 90,
    ("NO", "Fredrikstad"): 84, ("NO", "Sandnes"): 82, ("NO", "Tromsø"): 78,
    ("NO", "Ålesund"): 67, ("NO", "Sandefjord"): 65, ("NO", "Sarpsborg"): 58,
    ("NO", "Tønsberg"): 58, ("NO", "Bodø"): 53, ("NO", "Moss"): 51, ("NO", "Larvik"): 48,
    ("NO", "Ullensaker"): 42, ("NO", "Halden"): 31,
}  # fmt: skip
_SMALL_THOUSANDS = {"SE": 15, "NO": 6}


@dataclass(frozen=True, slots=True)
class Area:
    """One municipality, with what the generator needs of it."""

    country: str
    code: str
    name: str
    county: str
    town: str
    postcode_from: int
    postcode_to: int
    # The organisation that owns police follow-up: SE region or NO district code.
    police_org: str
    weight: int


class Atlas:
    """All municipalities of both countries, with weighted draws."""

    def __init__(self) -> None:
        self._areas: dict[str, tuple[Area, ...]] = {}
        self._cumulative: dict[str, list[int]] = {}
        self._by_code: dict[tuple[str, str], Area] = {}
        self._by_county: dict[tuple[str, str], tuple[Area, ...]] = {}
        for country in ("SE", "NO"):
            areas = tuple(_area(m) for m in geography.municipalities(country))
            self._areas[country] = areas
            self._cumulative[country] = list(accumulate(a.weight for a in areas))
            for area in areas:
                self._by_code[(country, area.code)] = area
            for county in sorted({a.county for a in areas}):
                self._by_county[(country, county)] = tuple(a for a in areas if a.county == county)

    def areas(self, country: str) -> tuple[Area, ...]:
        return self._areas[country]

    def area(self, country: str, code: str) -> Area:
        return self._by_code[(country, code)]

    def named(self, country: str, name: str) -> Area:
        for area in self._areas[country]:
            if area.name == name:
                return area
        raise KeyError(f"no {country} municipality is called {name!r}")

    def pick(self, rng: random.Random, country: str) -> Area:
        """A municipality drawn in proportion to its residents."""
        cumulative = self._cumulative[country]
        index = bisect_right(cumulative, rng.randrange(cumulative[-1]))
        return self._areas[country][index]

    def near(self, rng: random.Random, hub: Area, *, stay: float = 0.6) -> Area:
        """The hub itself with probability ``stay``, else a municipality of its county."""
        if rng.random() < stay:
            return hub
        county = self._by_county[(hub.country, hub.county)]
        return county[rng.randrange(len(county))]

    @staticmethod
    def postcode(rng: random.Random, area: Area) -> str:
        """A postcode inside the area's range, canonical digits ("12345", "0150")."""
        width = 5 if area.country == "SE" else 4
        return f"{rng.randint(area.postcode_from, area.postcode_to):0{width}d}"


def _area(municipality: geography.Municipality) -> Area:
    unit = geography.police_unit(municipality.police_unit_code)
    police_org = unit.parent_code if unit.kind == "local_area" and unit.parent_code else unit.code
    thousands = _POPULATION_THOUSANDS.get(
        (municipality.country, municipality.name), _SMALL_THOUSANDS[municipality.country]
    )
    return Area(
        country=municipality.country,
        code=municipality.code,
        name=municipality.name,
        county=municipality.county,
        town=municipality.main_town,
        postcode_from=int(municipality.postcode_from),
        postcode_to=int(municipality.postcode_to),
        police_org=police_org,
        weight=thousands,
    )
