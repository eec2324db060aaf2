"""The sizes a world comes in.

Invariant: a size fixes the population and the yearly report target; the
activity rates of ``samverkan.scenario.schedule`` are derived from
``reports`` so that the world lands near that many reports. Memory grows with
the population and the organisations, never with the number of reports.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Size:
    name: str
    # Target number of reports over the year (met within a few per cent).
    reports: int
    networks: int
    # People with no part in any network, living in households.
    innocents: int
    postal_agents: int
    # Call records per report.
    calls_per_report: float


SIZES: dict[str, Size] = {
    size.name: size
    for size in (
        Size("demo", reports=3_000, networks=6, innocents=2_500, postal_agents=40,
             calls_per_report=1.0),
        Size("small", reports=30_000, networks=30, innocents=15_000, postal_agents=250,
             calls_per_report=1.0),
        Size("medium", reports=200_000, networks=150, innocents=60_000, postal_agents=1_200,
             calls_per_report=1.0),
        Size("country", reports=1_000_000, networks=600, innocents=200_000,
             postal_agents=3_500, calls_per_report=1.0),
    )
}  # fmt: skip


def size_named(name: str) -> Size:
    try:
        return SIZES[name]
    except KeyError:
        raise ValueError(f"unknown size {name!r}: choose one of {', '.join(SIZES)}") from None
