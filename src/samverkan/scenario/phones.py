"""Mobile numbers of synthetic Swedish and Norwegian subscribers, in E.164.

Invariant: every number returned lies in a range that libphonenumber's
metadata calls a valid mobile range: Swedish 07[02369] + 7 digits, Norwegian
40, 41, 46, 47, 48 or 9x + 6 digits (42-44 and 49 are not mobile; parts of
45 are unallocated). The scenario never invents
landlines: couriers and backers talk on mobiles.
"""

from __future__ import annotations

import random

_SE_PREFIXES = ("70", "72", "73", "76", "79")
_NO_PREFIXES = ("40", "41", "46", "47", "48", "9")


def se_mobile(rng: random.Random) -> str:
    return f"+46{rng.choice(_SE_PREFIXES)}{rng.randrange(10**7):07d}"


def no_mobile(rng: random.Random) -> str:
    prefix = rng.choice(_NO_PREFIXES)
    return f"+47{prefix}{rng.randrange(10 ** (8 - len(prefix))):0{8 - len(prefix)}d}"


def mobile(rng: random.Random, country: str) -> str:
    return se_mobile(rng) if country == "SE" else no_mobile(rng)
