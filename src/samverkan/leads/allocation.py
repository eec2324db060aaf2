"""Offering leads to districts against their declared capacity: an exact optimum.

Each candidate says that one district (or national unit) may take one lead
and what that is worth. ``allocate`` picks the candidates to offer.

Invariants:

- Only listed candidates are used: a lead goes only to a district that may
  take it ("who may take what").
- A lead goes to at most one district; a district gets at most its declared
  capacity; a district missing from ``capacity`` or declaring 0 or less gets
  nothing.
- The total value is the maximum over every allocation that keeps the two
  rules above, on a grid of 2^-32 of the largest value (see below), unless
  HiGHS hit its time limit, which ``optimal=False`` says. A solver failure, a
  time limit reached before any allocation, or an answer that breaks a rule
  raises ``AllocationError``: nothing partial is returned silently. A value
  that is not positive and finite, or a (lead, district) pair listed twice,
  raises ``ValueError``; with nothing to allocate HiGHS is not called.
- Every value is positive, so no lead is left out while a district that may
  take it has room.
- The same candidates and capacities, in any order, give the same allocation.
  Ties between allocations of equal value are broken in two steps. HiGHS
  solves the model built from the candidates sorted by (lead, district), so
  it decides the same way every time. Then no lead left out may be older
  (lower id) than a lead placed in a district that may take it at the same
  value: the older one takes the place. Lead ids grow with time, so of two
  equal leads competing for the last place, the one that has waited longer
  gets it.

Exactness. The problem is a bipartite b-matching: its constraint matrix is
totally unimodular, so the linear relaxation has an integral optimum and
HiGHS closes it at the root node. HiGHS stops at a gap of 1e-6 in the
objective's own units, which for raw scores would mean "nearly optimal", so
the objective is given as integers: each value rounded to a multiple of 2^-32
of the largest one (at least one step). HiGHS detects an integral objective,
so a gap below 1 proves the optimum on that grid; rounding moves a value by
at most one step, so the allocation found falls short of the true optimum by
at most one step (about 2.3e-10 of the largest value) per placed lead, and
values closer than that count as equal. The tie-break swaps only equal grid
values, so it cannot trade away value. Totals stay below 2^50, inside the
2^53 in which doubles hold integers exactly, for up to 2^18 leads; more are
refused. (Asked to talk, HiGHS warns that costs this large are excessive:
a worry for fractional costs; here every reduced cost is a whole number, so
one that is not zero is at least 1, far above its 1e-7 tolerances.)
"""

from __future__ import annotations

import heapq
import itertools
import math
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

VALUE_BITS = 32  # the largest value becomes 2^32 on the integer grid HiGHS sees
MAX_LEADS = 2**18  # keeps every total below 2^(VALUE_BITS + 18) = 2^50
TIME_LIMIT_SECONDS = 60.0  # 5,000 leads take well under a second; see benchmarks/leads


class AllocationError(RuntimeError):
    """HiGHS gave no usable answer: an error, no allocation at all, or one that breaks a rule."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """District ``district`` may take lead ``lead``, which is worth ``value`` (> 0) there."""

    lead: int
    district: int
    value: float


@dataclass(frozen=True, slots=True)
class Allocation:
    """Lead id -> district id for the leads that got one; the total value of that."""

    assignment: dict[int, int]
    total_value: float
    seconds: float
    optimal: bool


def allocate(*, candidates: Sequence[Candidate], capacity: Mapping[int, int]) -> Allocation:
    """The allocation of the greatest total value within the districts' capacities."""
    ordered = _validated(candidates)
    usable = [c for c in ordered if capacity.get(c.district, 0) > 0]
    if not usable:
        return Allocation(assignment={}, total_value=0.0, seconds=0.0, optimal=True)
    weights = _grid_weights(usable)
    chosen, seconds, optimal = _solve(usable, weights, capacity)
    _check_rules(usable, chosen, capacity)
    assignment = _older_leads_first(usable, weights, chosen, capacity)
    value_of = {(c.lead, c.district): c.value for c in usable}
    total = math.fsum(value_of[lead, district] for lead, district in sorted(assignment.items()))
    return Allocation(assignment=assignment, total_value=total, seconds=seconds, optimal=optimal)


def _validated(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Candidates sorted by (lead, district); ValueError for a bad value or a repeated pair."""
    ordered = sorted(candidates, key=lambda c: (c.lead, c.district))
    for candidate in ordered:
        if not (math.isfinite(candidate.value) and candidate.value > 0):
            raise ValueError(
                f"value of lead {candidate.lead} for district {candidate.district} must be "
                f"a positive finite number, not {candidate.value!r}"
            )
    for before, after in itertools.pairwise(ordered):
        if (before.lead, before.district) == (after.lead, after.district):
            raise ValueError(
                f"lead {after.lead} is listed twice for district {after.district}; "
                "give each (lead, district) pair once"
            )
    leads = len({c.lead for c in ordered})
    if leads > MAX_LEADS:
        raise ValueError(f"{leads:,} leads is more than the {MAX_LEADS:,} one allocation takes")
    return ordered


def _grid_weights(candidates: Sequence[Candidate]) -> list[int]:
    """Each value as a whole number of grid steps, the largest being 2^VALUE_BITS."""
    largest = max(c.value for c in candidates)
    scale = 2.0**VALUE_BITS / largest
    return [max(1, round(c.value * scale)) for c in candidates]


def _solve(
    candidates: Sequence[Candidate], weights: Sequence[int], capacity: Mapping[int, int]
) -> tuple[set[int], float, bool]:
    """Indexes of the chosen candidates, HiGHS's wall time, and whether it proved the optimum."""
    leads = sorted({c.lead for c in candidates})
    districts = sorted({c.district for c in candidates})
    lead_row = {lead: row for row, lead in enumerate(leads)}
    district_row = {district: len(leads) + row for row, district in enumerate(districts)}
    count = len(candidates)
    columns = np.arange(count)
    rows = np.concatenate(
        [
            np.fromiter((lead_row[c.lead] for c in candidates), dtype=np.int64, count=count),
            np.fromiter(
                (district_row[c.district] for c in candidates), dtype=np.int64, count=count
            ),
        ]
    )
    matrix = coo_array(
        (np.ones(2 * count), (rows, np.concatenate([columns, columns]))),
        shape=(len(leads) + len(districts), count),
    ).tocsr()
    upper = np.array([1.0] * len(leads) + [float(capacity[d]) for d in districts])
    started = time.perf_counter()
    result = milp(
        c=-np.array(weights, dtype=np.float64),  # milp minimises
        constraints=LinearConstraint(matrix, -np.inf, upper),
        integrality=np.ones(count, dtype=np.uint8),
        bounds=Bounds(0, 1),
        # Presolve finds nothing to remove in a b-matching and took 80 % of the time.
        options={"time_limit": TIME_LIMIT_SECONDS, "mip_rel_gap": 0.0, "presolve": False},
    )
    seconds = time.perf_counter() - started
    if result.status not in (0, 1):
        raise AllocationError(f"HiGHS failed (status {result.status}): {result.message}")
    if result.x is None:
        raise AllocationError(f"HiGHS found no allocation in time: {result.message}")
    solution = np.asarray(result.x)
    if np.any(np.abs(solution - np.round(solution)) > 1e-6):
        raise AllocationError("HiGHS returned a fractional allocation")
    chosen = {int(i) for i in np.flatnonzero(solution > 0.5)}
    if result.status == 0 and abs(sum(weights[i] for i in chosen) + result.fun) > 0.5:
        raise AllocationError("HiGHS's objective does not match its allocation")
    return chosen, seconds, result.status == 0


def _check_rules(
    candidates: Sequence[Candidate], chosen: set[int], capacity: Mapping[int, int]
) -> None:
    """AllocationError unless each lead is chosen at most once and no district over capacity."""
    leads: set[int] = set()
    load: dict[int, int] = {}
    for index in chosen:
        candidate = candidates[index]
        if candidate.lead in leads:
            raise AllocationError(f"HiGHS gave lead {candidate.lead} to two districts")
        leads.add(candidate.lead)
        load[candidate.district] = load.get(candidate.district, 0) + 1
        if load[candidate.district] > capacity[candidate.district]:
            raise AllocationError(f"HiGHS overfilled district {candidate.district}")


def _older_leads_first(
    candidates: Sequence[Candidate],
    weights: Sequence[int],
    chosen: set[int],
    capacity: Mapping[int, int],
) -> dict[int, int]:
    """The chosen allocation after every same-value swap that places an older lead.

    Leads left out are taken oldest first. Each takes a free place in the
    first district (by id) that may take it, or else the place of the newest
    lead in such a district that is newer than itself and worth exactly as
    much there on the grid; the displaced lead is left out and waits its turn.
    A swap keeps the total; a free place is only ever found after a
    time-limited solve. A lead that finds nothing never will: a newer lead of
    the same worth could only enter a district by displacing an even newer one
    that was already there.
    """
    weight = {(c.lead, c.district): w for c, w in zip(candidates, weights, strict=True)}
    options: dict[int, list[int]] = {}
    for candidate in candidates:
        options.setdefault(candidate.lead, []).append(candidate.district)
    placed = {candidates[i].lead: candidates[i].district for i in chosen}
    load = Counter(placed.values())
    holders: dict[tuple[int, int], set[int]] = {}  # (district, weight) -> leads placed there
    for lead, district in placed.items():
        holders.setdefault((district, weight[lead, district]), set()).add(lead)
    waiting = sorted(options.keys() - placed.keys())  # a sorted list is a heap
    while waiting:
        lead = heapq.heappop(waiting)
        for district in options[lead]:
            same = holders.setdefault((district, weight[lead, district]), set())
            if load[district] < capacity[district]:
                load[district] += 1
            else:
                newest = max(same, default=lead)
                if newest <= lead:
                    continue
                same.discard(newest)
                del placed[newest]
                heapq.heappush(waiting, newest)
            same.add(lead)
            placed[lead] = district
            break
    return dict(sorted(placed.items()))
