"""Everything an event needs to write its reports: the world and its clocks.

Invariant: events draw randomness only from ``Scene.rng`` (what happens)
and ``Scene.noise`` (how it is written), in the deterministic order the
day loop calls them; times are local (Europe/Stockholm or Europe/Oslo, by
the reporting organisation's country) and never before the day being
generated.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from samverkan import geography
from samverkan.scenario import postal_items
from samverkan.scenario.drafting import ReportDraft
from samverkan.scenario.external_ids import ExternalIds
from samverkan.scenario.networks import Network
from samverkan.scenario.noise import Noise
from samverkan.scenario.organisations import Organisations
from samverkan.scenario.places import Atlas
from samverkan.scenario.population import Population

ZONES = {"SE": ZoneInfo("Europe/Stockholm"), "NO": ZoneInfo("Europe/Oslo")}


@dataclass(slots=True)
class Scene:
    year: int
    rng: random.Random
    noise: Noise
    population: Population
    networks: list[Network]
    organisations: Organisations
    atlas: Atlas
    ids: ExternalIds
    crossings: dict[str, geography.BorderCrossing]
    items: int = 0
    events: int = 0
    _first_day: datetime = field(init=False)
    serials: postal_items.Serials = field(init=False)

    def __post_init__(self) -> None:
        self._first_day = datetime(self.year, 1, 1)
        self.serials = postal_items.Serials(self.rng)

    def moment(self, day: int, start_hour: float, end_hour: float, country: str) -> datetime:
        """A local time on ``day`` (0-based) between the hours; hours past 24 run into the night."""
        seconds = self.rng.randrange(int(start_hour * 3600), int(end_hour * 3600))
        naive = self._first_day + timedelta(days=day, seconds=seconds)
        return naive.replace(tzinfo=ZONES[country])

    def later(self, when: datetime, min_minutes: int, max_minutes: int) -> datetime:
        return when + timedelta(minutes=self.rng.randint(min_minutes, max_minutes))

    def draft(
        self,
        organisation: str,
        kind: str,
        occurred_at: datetime,
        *,
        delay: tuple[int, int],
        network: Network | None,
        event: str,
    ) -> ReportDraft:
        """A new report of ``organisation``, reported ``delay`` minutes after it happened."""
        zone = ZONES[self.organisations.country[organisation]]
        occurred = occurred_at.astimezone(zone)
        return ReportDraft(
            organisation=organisation,
            kind=kind,
            external_id=self.ids.next(organisation),
            occurred_at=occurred,
            reported_at=self.later(occurred, *delay),
            network=network.ref if network else None,
            event=event,
        )

    def event(self, kind: str) -> str:
        """A new event reference ("stop:12"): the reports of one event share it."""
        self.events += 1
        return f"{kind}:{self.events}"

    def new_item(self, *, parcel: bool, country: str) -> tuple[str, str]:
        """A new postal item: its entity reference and its S10 id."""
        self.items += 1
        s10 = postal_items.s10(self.rng, self.serials.next(), parcel=parcel, country=country)
        return f"item:{self.items}", s10
