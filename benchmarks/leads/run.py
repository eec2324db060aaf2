"""Lead allocation: HiGHS through `allocate` against an assignment solver and a greedy pass.

    .venv/bin/python benchmarks/leads/run.py                # 1,000 and 5,000 leads, 40 districts
    .venv/bin/python benchmarks/leads/run.py --leads 1000 --runs 7

A seeded synthetic week: 39 police districts on a ring and one national
unit. Each lead has a score (how often its entity was named, a log-normal
rounded to 0.1, so equal scores are common); its home district may take it
at affinity 1.0, two to four of the nearest districts at 0.6 (next door) or
0.4 (two away), and the national unit at 0.2; a candidate's value is score
times affinity. Each district declares 40-100 % of an even share of the
leads as its capacity, the national unit 4 % of them: about 74 % of the
leads can be placed, so capacity binds.

Figures, each the median of ``--runs`` runs:

- ``allocate`` end to end (validation, grid, sparse model, HiGHS, checks,
  tie-breaking), and HiGHS's own share (``Allocation.seconds``);
- baseline, exact by another road: ``scipy.optimize.linear_sum_assignment``
  on the capacity-expanded matrix (one column per capacity slot, value 0 for
  a district that may not take the lead), building the matrix included;
  both must reach the same total value or the run fails;
- greedy, best offer first, for the value exactness buys.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from typing import TypeVar

import numpy as np
from scipy.optimize import linear_sum_assignment

from samverkan.leads.allocation import Allocation, Candidate, allocate

POLICE_DISTRICTS = 39
NATIONAL_UNIT = 1000
NEIGHBOUR_AFFINITY = {1: 0.6, 2: 0.4}  # by distance on the ring
NATIONAL_AFFINITY = 0.2

T = TypeVar("T")


def week(*, leads: int, seed: int) -> tuple[list[Candidate], dict[int, int]]:
    """Candidates and capacities of one synthetic week."""
    rng = random.Random(seed)
    candidates: list[Candidate] = []
    for lead in range(1, leads + 1):
        score = max(0.1, round(rng.lognormvariate(1.0, 0.6), 1))
        home = rng.randrange(POLICE_DISTRICTS)
        nearest = [(home + step) % POLICE_DISTRICTS for step in (-1, 1, -2, 2)]
        neighbours = rng.sample(nearest, rng.randint(2, 4))
        candidates.append(Candidate(lead=lead, district=home + 1, value=score))
        for district in neighbours:
            distance = min(
                (district - home) % POLICE_DISTRICTS, (home - district) % POLICE_DISTRICTS
            )
            affinity = NEIGHBOUR_AFFINITY[distance]
            candidates.append(Candidate(lead=lead, district=district + 1, value=score * affinity))
        candidates.append(
            Candidate(lead=lead, district=NATIONAL_UNIT, value=score * NATIONAL_AFFINITY)
        )
    share = leads / POLICE_DISTRICTS
    capacity = {d + 1: round(rng.uniform(0.4, 1.0) * share) for d in range(POLICE_DISTRICTS)}
    capacity[NATIONAL_UNIT] = leads // 25
    return candidates, capacity


def expanded_assignment(candidates: list[Candidate], capacity: dict[int, int]) -> float:
    """Exact optimum by linear_sum_assignment on one column per capacity slot."""
    leads = sorted({c.lead for c in candidates})
    row = {lead: index for index, lead in enumerate(leads)}
    first_slot: dict[int, int] = {}
    slots = 0
    for district in sorted(capacity):
        first_slot[district] = slots
        slots += max(0, capacity[district])
    value = np.zeros((len(leads), slots))
    for c in candidates:
        size = max(0, capacity.get(c.district, 0))
        start = first_slot.get(c.district, 0)
        value[row[c.lead], start : start + size] = c.value
    rows, columns = linear_sum_assignment(value, maximize=True)
    return float(value[rows, columns].sum())


def greedy(candidates: list[Candidate], capacity: dict[int, int]) -> tuple[float, dict[int, int]]:
    """Best offer first: the value a simple pass reaches, and its lead -> district."""
    room = dict(capacity)
    placed: dict[int, int] = {}
    total = 0.0
    for c in sorted(candidates, key=lambda c: (-c.value, c.lead, c.district)):
        if c.lead not in placed and room.get(c.district, 0) > 0:
            placed[c.lead] = c.district
            room[c.district] -= 1
            total += c.value
    return total, placed


def timed(runs: int, work: Callable[[], T]) -> tuple[float, T]:
    """Median wall time of ``runs`` calls, and the last call's answer."""
    seconds: list[float] = []
    for _ in range(runs):
        started = time.perf_counter()
        answer = work()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), answer


def measure(*, leads: int, seed: int, runs: int, baseline_runs: int) -> None:
    candidates, capacity = week(leads=leads, seed=seed)
    print(
        f"{leads:,} leads x {len(capacity)} districts: {len(candidates):,} candidates, "
        f"capacity {sum(capacity.values()):,}"
    )
    allocations: list[Allocation] = []

    def solve() -> Allocation:
        allocations.append(allocate(candidates=candidates, capacity=capacity))
        return allocations[-1]

    ours, result = timed(runs, solve)
    highs = statistics.median(a.seconds for a in allocations)
    assert all(a.assignment == result.assignment for a in allocations), "not deterministic"
    print(
        f"  allocate: {ours * 1000:,.1f} ms (HiGHS {highs * 1000:,.1f} ms), "
        f"{len(result.assignment):,} leads placed, value {result.total_value:,.4f}, "
        f"optimal {result.optimal}"
    )
    if baseline_runs:
        lsa, exact = timed(baseline_runs, lambda: expanded_assignment(candidates, capacity))
        agree = abs(exact - result.total_value) <= 1e-9 * exact
        print(
            f"  linear_sum_assignment, capacity-expanded: {lsa * 1000:,.1f} ms, "
            f"value {exact:,.4f}; same value: {agree}; allocate / baseline time "
            f"{ours / lsa:.3f}"
        )
        if not agree:
            raise SystemExit("allocate and the assignment baseline disagree on the optimum")
    heuristic, placed = greedy(candidates, capacity)
    differ = sum(
        placed.get(lead) != result.assignment.get(lead)
        for lead in placed.keys() | result.assignment.keys()
    )
    print(
        f"  greedy: {len(placed):,} leads placed, value {heuristic:,.4f} = "
        f"{heuristic / result.total_value:.2%} of the optimum "
        f"({result.total_value - heuristic:,.2f} lost); {differ:,} leads placed differently"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leads", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=5, help="runs of allocate, median taken")
    parser.add_argument(
        "--baseline-runs", type=int, default=3, help="runs of the baseline (0: skip it)"
    )
    options = parser.parse_args()
    for leads in options.leads:
        measure(
            leads=leads, seed=options.seed, runs=options.runs, baseline_runs=options.baseline_runs
        )


if __name__ == "__main__":
    main()
