"""The organisations of the world: who reports.

Invariant: every organisation a report names is in ``Organisations.all``;
police organisations carry the codes of ``samverkan.geography`` police units
(one per Swedish region, one per Norwegian district, NOA and Kripos), so a
report's organisation and the unit that owns its area can be compared
directly. A postal agent always has its operator as parent and exactly one
municipality.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from samverkan import geography
from samverkan.intake.schemas import OrganisationIn, OrganisationKind
from samverkan.scenario.names import NamePools
from samverkan.scenario.places import Area, Atlas
from samverkan.scenario.slugs import slug

CUSTOMS = {"SE": "se-customs", "NO": "no-customs"}
OPERATOR = {"SE": "se-postnord", "NO": "no-posten"}
NATIONAL = {"SE": "se-noa", "NO": "no-kripos"}

# Chains that run postal agencies, weighted roughly by how many they run.
_SE_CHAINS = (
    ("ICA Nära", 25), ("ICA Supermarket", 10), ("Coop", 15), ("Hemköp", 7), ("Pressbyrån", 10),
    ("Tempo", 7), ("Handlar'n", 6), ("Direkten", 5), ("OKQ8", 5), ("Circle K", 5),
    ("7-Eleven", 5),
)  # fmt: skip
_NO_CHAINS = (
    ("Coop Extra", 20), ("Coop Prix", 12), ("Coop Mega", 6), ("Kiwi", 18), ("Joker", 14),
    ("Spar", 12), ("Meny", 8), ("Bunnpris", 8), ("Extra", 6),
)  # fmt: skip
_CENTRAL = {"NO": "Sentrum"}
# A handful of municipalities that take part in local cooperation (the
# "Tillsammans mot illegala försändelser" model started in Kramfors).
_PARTNER_MUNICIPALITIES = (
    ("SE", "Kramfors", "Kramfors kommun"), ("SE", "Strömstad", "Strömstads kommun"),
    ("SE", "Göteborg", "Göteborgs Stad"), ("SE", "Malmö", "Malmö stad"),
    ("NO", "Halden", "Halden kommune"), ("NO", "Oslo", "Oslo kommune"),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Agent:
    code: str
    name: str
    area: Area


class Organisations:
    """All organisations, and the ones a report needs found quickly."""

    def __init__(self, atlas: Atlas, pools: NamePools, rng: random.Random, agents: int) -> None:
        self.all: list[OrganisationIn] = []
        self.kind: dict[str, OrganisationKind] = {}
        self.country: dict[str, str] = {}
        self._police(atlas)
        for country, name in (("SE", "Tullverket"), ("NO", "Tolletaten")):
            self._add(CUSTOMS[country], OrganisationKind.CUSTOMS, country, name)
        for country, name in (("SE", "PostNord Sverige"), ("NO", "Posten Norge")):
            self._add(OPERATOR[country], OrganisationKind.POSTAL_OPERATOR, country, name)
        self.agents: list[Agent] = []
        self._agents_by_area: dict[tuple[str, str], list[Agent]] = {}
        self._agents_by_county: dict[tuple[str, str], list[Agent]] = {}
        self._agents_by_country: dict[str, list[Agent]] = {"SE": [], "NO": []}
        # Each big town gets a central agent first, so hubs always have one.
        for country, name in (("SE", "Stockholm"), ("SE", "Göteborg"), ("SE", "Malmö"),
                              ("NO", "Oslo"), ("NO", "Bergen")):  # fmt: skip
            area = atlas.named(country, name)
            self._agent(area, _central_name(rng, area))
        for number in range(max(0, agents - len(self.agents))):
            country = "SE" if number % 3 else "NO"
            area = atlas.pick(rng, country)
            self._agent(area, _shop_name(rng, pools, country))
        for country, name, official in _PARTNER_MUNICIPALITIES:
            area = atlas.named(country, name)
            self._add(
                f"{country.lower()}-municipality-{slug(name)}",
                OrganisationKind.MUNICIPALITY,
                country,
                official,
                municipality_codes=[area.code],
            )

    def _add(
        self,
        code: str,
        kind: OrganisationKind,
        country: str,
        name: str,
        *,
        parent: str | None = None,
        municipality_codes: list[str] | None = None,
    ) -> None:
        self.all.append(
            OrganisationIn(
                code=code,
                kind=kind,
                country="SE" if country == "SE" else "NO",
                name=name,
                parent_code=parent,
                municipality_codes=municipality_codes or [],
            )
        )
        self.kind[code] = kind
        self.country[code] = country

    def _police(self, atlas: Atlas) -> None:
        for country, unit_kind, kind in (
            ("SE", "region", OrganisationKind.POLICE_REGION),
            ("NO", "district", OrganisationKind.POLICE_DISTRICT),
        ):
            for unit in geography.police_units(country, unit_kind):
                codes = [a.code for a in atlas.areas(country) if a.police_org == unit.code]
                self._add(unit.code, kind, country, unit.display_name, municipality_codes=codes)
        for country, code in NATIONAL.items():
            unit = geography.police_unit(code)
            self._add(code, OrganisationKind.NATIONAL_POLICE, country, unit.display_name)

    def _agent(self, area: Area, name: str) -> None:
        base = f"{area.country.lower()}-agent-{slug(name)}"
        code, number = base, 1
        while code in self.kind:
            number += 1
            code = f"{base}-{number}"
        self._add(
            code,
            OrganisationKind.POSTAL_AGENT,
            area.country,
            name,
            parent=OPERATOR[area.country],
            municipality_codes=[area.code],
        )
        agent = Agent(code, name, area)
        self.agents.append(agent)
        self._agents_by_area.setdefault((area.country, area.code), []).append(agent)
        self._agents_by_county.setdefault((area.country, area.county), []).append(agent)
        self._agents_by_country[area.country].append(agent)

    def agent_near(self, rng: random.Random, area: Area) -> Agent:
        """An agent in the area, else in its county, else anywhere in its country."""
        for candidates in (
            self._agents_by_area.get((area.country, area.code)),
            self._agents_by_county.get((area.country, area.county)),
            self._agents_by_country[area.country],
        ):
            if candidates:
                return candidates[rng.randrange(len(candidates))]
        raise LookupError(f"no postal agent in {area.country}")  # pragma: no cover


def _weighted(rng: random.Random, choices: tuple[tuple[str, int], ...]) -> str:
    names = [name for name, _ in choices]
    return rng.choices(names, weights=[weight for _, weight in choices])[0]


def _shop_name(rng: random.Random, pools: NamePools, country: str) -> str:
    chain = _weighted(rng, _SE_CHAINS if country == "SE" else _NO_CHAINS)
    neighbourhoods = pools.by_country[country].neighbourhoods
    return f"{chain} {neighbourhoods[rng.randrange(len(neighbourhoods))]}"


def _central_name(rng: random.Random, area: Area) -> str:
    """The agent at the central station: "Pressbyrån Centralen", "Kiwi Bergen Sentrum"."""
    if area.name == "Stockholm":
        return "Pressbyrån Centralen"
    if area.country == "SE":
        return f"Pressbyrån {area.town} C"
    return f"{_weighted(rng, _NO_CHAINS)} {area.town} {_CENTRAL['NO']}"
