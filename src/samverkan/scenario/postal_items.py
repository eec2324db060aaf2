"""UPU S10 item identifiers of synthetic letters and parcels.

Invariant: every id returned is ``LLNNNNNNNNCLL``: a service indicator, an
8-digit serial, its S10 check digit and the ISO country of the operator that
accepted the item (for imports, the country it came from). Serials come
from ``Serials``, which never repeats one in a world, so two items never
share an id and no memory of issued ids is needed.
"""

from __future__ import annotations

import random

from samverkan.scenario.checkdigits import s10_digit

# Registered and tracked letters (R*, L*, U*) and parcels (C*), the kinds a reporter meets.
LETTER_SERVICES = ("RR", "RS", "RB", "LX", "LA", "LY", "UA")
PARCEL_SERVICES = ("CP", "CX", "CE")


_SPACE = 10**8
# Odd and not a multiple of 5, so coprime with 10^8: n -> n * _STEP + offset
# (mod 10^8) is a permutation, and consecutive items get unrelated serials.
_STEP = 61_728_393


class Serials:
    def __init__(self, rng: random.Random) -> None:
        self._offset = rng.randrange(_SPACE)
        self._issued = 0

    def next(self) -> str:
        if self._issued >= _SPACE:  # pragma: no cover - a hundred million items
            raise OverflowError("all S10 serial numbers are used")
        serial = (self._issued * _STEP + self._offset) % _SPACE
        self._issued += 1
        return f"{serial:08d}"


def s10(rng: random.Random, serial: str, *, parcel: bool, country: str) -> str:
    service = rng.choice(PARCEL_SERVICES if parcel else LETTER_SERVICES)
    return f"{service}{serial}{s10_digit(serial)}{country}"
