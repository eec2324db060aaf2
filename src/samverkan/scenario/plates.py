"""Registration plates of synthetic Swedish and Norwegian vehicles.

Invariant: canonical plates are upper case with one space: Swedish
``ABC 123`` or, for plates issued since 2019, ``ABC 12A``; Norwegian ``AB 12345``.
Swedish plates never use I, Q, V or Å/Ä/Ö, and a final letter is never O
(it would read as a zero).
"""

from __future__ import annotations

import random

_SE_LETTERS = "ABCDEFGHJKLMNOPRSTUWXYZ"
_SE_LAST_LETTERS = "ABCDEFGHJKLMNPRSTUWXYZ"
# Two-letter series seen on Norwegian plates (district series and EL/EK/EV for electric cars).
_NO_SERIES = (
    "AB", "BS", "BT", "CE", "DN", "DK", "EB", "EC", "ED", "EK", "EL", "EV", "HA", "KH",
    "KJ", "LJ", "NF", "PR", "RK", "SU", "SV", "TU", "UB", "VH", "VJ", "ZX",
)  # fmt: skip


def se_plate(rng: random.Random) -> str:
    letters = "".join(rng.choice(_SE_LETTERS) for _ in range(3))
    if rng.random() < 0.3:
        return f"{letters} {rng.randrange(100):02d}{rng.choice(_SE_LAST_LETTERS)}"
    return f"{letters} {rng.randrange(1000):03d}"


def no_plate(rng: random.Random) -> str:
    return f"{rng.choice(_NO_SERIES)} {rng.randint(10000, 99999)}"


def plate(rng: random.Random, country: str) -> str:
    return se_plate(rng) if country == "SE" else no_plate(rng)
