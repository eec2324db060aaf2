"""Each organisation's own numbering of its reports.

Invariant: ``next`` never returns the same id twice for one organisation in
one world; the shape follows what that kind of organisation uses (a police
diary number, a customs case number, the reporting app's UUID), so ids
from different organisations may look alike but never need to differ.
"""

from __future__ import annotations

import random
import uuid

from samverkan.intake.schemas import OrganisationKind


class ExternalIds:
    def __init__(self, rng: random.Random, kinds: dict[str, OrganisationKind], year: int) -> None:
        # Agents' app ids are name-based UUIDs under a per-world namespace:
        # distinct (organisation, number) pairs give distinct ids.
        self._namespace = uuid.UUID(int=rng.getrandbits(128))
        self._kinds = kinds
        self._counters: dict[str, int] = {}
        self._yy = year % 100
        self._year = year

    def next(self, organisation: str) -> str:
        number = self._counters.get(organisation, 0) + 1
        self._counters[organisation] = number
        kind = self._kinds[organisation]
        if kind == OrganisationKind.POSTAL_AGENT:
            # The agents' phone app numbers its reports with UUIDs.
            return str(uuid.uuid5(self._namespace, f"{organisation}:{number}"))
        if kind == OrganisationKind.POSTAL_OPERATOR:
            return f"SEC-{self._year}-{number:06d}"
        if kind == OrganisationKind.CUSTOMS:
            prefix = "TV" if organisation.startswith("se-") else "TOLL"
            return f"{prefix}-{self._year}-{number:06d}"
        if organisation.startswith("se-"):
            # Swedish police diary numbers: "5000-K123456-24".
            return f"5000-K{number}-{self._yy:02d}"
        return f"{self._yy:02d}{number:08d}"
