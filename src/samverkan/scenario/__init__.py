"""``samverkan.scenario``: the seeded synthetic Nordic world, with its ground truth.

The project never holds real personal data; tests, the demo and benchmarks
all run on worlds made here. ``generate_world`` writes a folder that
``samverkan load`` takes in through the same door as a partner's system
(see ``world`` for the layout and ``truth`` for the ground truth). The same
seed, size and noise give byte-identical files.
"""

from __future__ import annotations

from samverkan.scenario.manifest import Manifest
from samverkan.scenario.sizes import SIZES
from samverkan.scenario.world import YEAR, generate_world

__all__ = ["SIZES", "YEAR", "Manifest", "generate_world"]
