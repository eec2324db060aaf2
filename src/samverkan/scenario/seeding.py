"""Independent, reproducible random streams.

Invariant: every stream is a ``random.Random`` seeded from the world seed and
a purpose name only, so adding draws to one purpose (say, noise) never shifts
what another purpose (say, the population) draws. String seeds go through
SHA-512 inside ``random``, so PYTHONHASHSEED has no influence.
"""

from __future__ import annotations

import random


def stream(seed: int, purpose: str) -> random.Random:
    """The random stream of one purpose of the world with this seed."""
    return random.Random(f"samverkan-scenario:{seed}:{purpose}")
