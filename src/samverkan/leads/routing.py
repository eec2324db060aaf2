"""Which police district answers for a lead: a vote of the places in its evidence.

Invariants:
- Each place votes with its weight (an address of the lead's own 3, a
  destination 2, a report's place 1) for the district whose area holds it:
  the police organisation whose ``municipality_codes`` list the municipality
  (a postcode is turned into its municipality with the shipped reference
  data, ``samverkan.geography``). The district with most votes answers; ties
  go to the lower organisation id, so routing is deterministic.
- Evidence weighing in both Sweden and Norway (the lesser country at least
  ``CROSS_BORDER_SHARE`` of the votes) makes the lead cross-border: it goes
  to the national unit of the country with more votes, as the product says.
- A lead without a place that routes goes to the national unit of the country
  its evidence came from (the originator's country).
- ``affinity`` gives every organisation that may take the lead how well it
  fits (1.0 the routed one): the allocation maximises score times affinity.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from samverkan import geography
from samverkan.access.models import Organisation, OrganisationKind
from samverkan.leads.evidence import Fact, Place

DISTRICT_KINDS = (OrganisationKind.POLICE_DISTRICT, OrganisationKind.POLICE_REGION)
# The district with most votes fits best; other districts named by the
# evidence, and the national unit, may take the lead too.
OTHER_DISTRICT_AFFINITY = 0.6
NATIONAL_AFFINITY = 0.4
# A lead is cross-border when the country with fewer votes has at least this
# share of them: one stray place across the border does not make it so.
CROSS_BORDER_SHARE = 0.25


@dataclass(frozen=True, slots=True)
class Route:
    organisation_id: int
    votes: int
    places: int
    cross_border: bool
    affinity: dict[int, float]


class Districts:
    """The police organisations and the municipalities they answer for, read once."""

    def __init__(self, organisations: Iterable[Organisation]) -> None:
        self.by_municipality: dict[tuple[str, str], int] = {}
        self.national: dict[str, int] = {}
        self.country: dict[int, str] = {}
        self.parent: dict[int, int | None] = {}
        # Local districts before regions: the most specific unit answers.
        for org in sorted(organisations, key=lambda o: (o.kind != DISTRICT_KINDS[0], o.pk)):
            self.country[org.pk] = org.country
            self.parent[org.pk] = org.parent_id
            if org.kind == OrganisationKind.NATIONAL_POLICE:
                self.national.setdefault(org.country, org.pk)
            elif org.kind in DISTRICT_KINDS:
                for code in org.municipality_codes:
                    self.by_municipality.setdefault((org.country, str(code)), org.pk)

    @classmethod
    def load(cls) -> Districts:
        return cls(
            Organisation.objects.filter(
                kind__in=[*DISTRICT_KINDS, OrganisationKind.NATIONAL_POLICE]
            )
        )

    def district_of(self, place: Place) -> int | None:
        code = place.municipality_code
        if not code and place.postcode:
            try:
                municipality = geography.municipality_for_postcode(place.country, place.postcode)
            except ValueError:
                return None
            code = municipality.code if municipality else ""
        return self.by_municipality.get((place.country, code)) if code else None


def route(*, facts: Sequence[Fact], districts: Districts, fallback_country: str) -> Route:
    """The district (or national unit) that answers for a lead with these facts."""
    votes: Counter[int] = Counter()
    countries: Counter[str] = Counter()
    places = 0
    for fact in facts:
        for place in fact.places:
            district = districts.district_of(place)
            if district is None:
                continue
            places += place.weight
            votes[district] += place.weight
            countries[districts.country[district]] += place.weight
    cross_border = len(countries) > 1 and min(countries.values()) >= CROSS_BORDER_SHARE * places
    affinity = dict.fromkeys(votes, OTHER_DISTRICT_AFFINITY)
    for country in countries or [fallback_country]:
        if country in districts.national:
            affinity[districts.national[country]] = NATIONAL_AFFINITY
    if cross_border or not votes:
        country = countries.most_common(1)[0][0] if countries else fallback_country
        chosen = districts.national.get(country)
        if chosen is None:
            raise LookupError(f"no national police unit for {country} to route a lead to")
        affinity[chosen] = 1.0
        return Route(chosen, votes.get(chosen, 0), places, cross_border, affinity)
    chosen = min(votes, key=lambda d: (-votes[d], d))
    affinity[chosen] = 1.0
    return Route(chosen, votes[chosen], places, False, affinity)
