"""Demo worlds, generated once per test session (each takes about a second)."""

from __future__ import annotations

import pytest

from samverkan.scenario import generate_world
from tests.scenario.worlds import World


def _world(factory: pytest.TempPathFactory, name: str, *, seed: int, noise: float) -> World:
    folder = factory.mktemp(name)
    manifest = generate_world(size="demo", seed=seed, noise=noise, out=folder)
    return World(folder, manifest)


@pytest.fixture(scope="session")
def demo_world(tmp_path_factory: pytest.TempPathFactory) -> World:
    """The demo world as ``samverkan demo`` makes it: seed 1, default noise 0.2."""
    return _world(tmp_path_factory, "demo-noisy", seed=1, noise=0.2)


@pytest.fixture(scope="session")
def clean_world(tmp_path_factory: pytest.TempPathFactory) -> World:
    """The same world with noise 0: every mention is its true value."""
    return _world(tmp_path_factory, "demo-clean", seed=1, noise=0.0)
