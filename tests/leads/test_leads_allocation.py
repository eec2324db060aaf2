"""Offering leads to districts: the optimum, the rules, and the same answer every time."""

from __future__ import annotations

import math
from collections import Counter
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samverkan.leads import allocation
from samverkan.leads.allocation import Allocation, AllocationError, Candidate, allocate

# Organisation ids, as the leads app passes them.
STOCKHOLM, VAST, SYD, NORD = 11, 12, 13, 14
NATIONAL_UNIT = 90


def offer(lead: int, district: int, value: float) -> Candidate:
    return Candidate(lead=lead, district=district, value=value)


def assert_rules_kept(
    result: Allocation, candidates: list[Candidate], capacity: dict[int, int]
) -> None:
    """Listed pairs only, capacities kept, and the total is the sum of what was given."""
    value_of = {(c.lead, c.district): c.value for c in candidates}
    assert set(result.assignment.items()) <= value_of.keys()
    for district, taken in Counter(result.assignment.values()).items():
        assert taken <= capacity.get(district, 0)
    assert result.total_value == pytest.approx(
        math.fsum(value_of[pair] for pair in result.assignment.items())
    )


def best_total(candidates: list[Candidate], capacity: dict[int, int]) -> float:
    """The greatest total by trying, lead by lead, every district it may go to or none."""
    leads = sorted({c.lead for c in candidates})
    districts = sorted(capacity)
    options = {
        lead: [(districts.index(c.district), c.value) for c in candidates if c.lead == lead]
        for lead in leads
    }

    @cache
    def best(index: int, room: tuple[int, ...]) -> float:
        if index == len(leads):
            return 0.0
        found = best(index + 1, room)  # the lead gets no district
        for slot, value in options[leads[index]]:
            if room[slot] > 0:
                left = (*room[:slot], room[slot] - 1, *room[slot + 1 :])
                found = max(found, value + best(index + 1, left))
        return found

    return best(0, tuple(max(0, capacity[d]) for d in districts))


values = st.one_of(
    st.sampled_from((0.25, 0.5, 1.0, 2.0)),  # equal values, so equal-value optima are common
    st.floats(min_value=0.001, max_value=100.0, allow_nan=False, allow_infinity=False),
)


@st.composite
def instances(draw: st.DrawFn) -> tuple[list[Candidate], dict[int, int]]:
    """Up to 7 leads and 4 districts; each lead may go to some of them; capacities -1 to 3."""
    districts = draw(st.lists(st.integers(1, 50), min_size=1, max_size=4, unique=True))
    leads = draw(st.lists(st.integers(1, 1000), min_size=0, max_size=7, unique=True))
    candidates = [
        offer(lead, district, draw(values))
        for lead in leads
        for district in draw(st.lists(st.sampled_from(districts), max_size=4, unique=True))
    ]
    capacity = {d: draw(st.integers(-1, 3)) for d in districts}
    return candidates, capacity


def assert_no_older_lead_left_out(
    result: Allocation, candidates: list[Candidate], capacity: dict[int, int]
) -> None:
    """No lead left out could take a free place, or a newer lead's place at the same value."""
    taken = Counter(result.assignment.values())
    value_of = {(c.lead, c.district): c.value for c in candidates}
    for candidate in candidates:
        if candidate.lead in result.assignment:
            continue
        assert taken[candidate.district] >= capacity[candidate.district]
        for holder, district in result.assignment.items():
            if district == candidate.district and holder > candidate.lead:
                assert value_of[holder, district] != candidate.value


@given(instance=instances())
@settings(max_examples=200, deadline=None)
def test_the_total_is_the_best_there_is_and_older_leads_come_first(
    instance: tuple[list[Candidate], dict[int, int]],
) -> None:
    candidates, capacity = instance
    result = allocate(candidates=candidates, capacity=capacity)
    assert result.optimal
    assert_rules_kept(result, candidates, capacity)
    assert result.total_value == pytest.approx(best_total(candidates, capacity), rel=1e-9)
    assert_no_older_lead_left_out(result, candidates, capacity)


@given(instance=instances(), data=st.data())
@settings(max_examples=100, deadline=None)
def test_the_order_of_the_input_does_not_matter(
    instance: tuple[list[Candidate], dict[int, int]], data: st.DataObject
) -> None:
    candidates, capacity = instance
    shuffled = data.draw(st.permutations(candidates))
    reordered = dict(data.draw(st.permutations(list(capacity.items()))))
    first = allocate(candidates=candidates, capacity=capacity)
    again = allocate(candidates=shuffled, capacity=reordered)
    assert again.assignment == first.assignment
    assert again.total_value == first.total_value


def test_each_district_takes_its_best_leads_and_a_cross_border_lead_goes_national() -> None:
    candidates = [
        # Lead 1: a backer's phone named by five couriers in Stockholm.
        offer(1, STOCKHOLM, 5.0),
        offer(1, VAST, 2.5),
        offer(1, NATIONAL_UNIT, 1.0),
        # Leads 2 and 3: Stockholm again, weaker.
        offer(2, STOCKHOLM, 3.0),
        offer(2, NATIONAL_UNIT, 0.6),
        offer(3, STOCKHOLM, 2.0),
        offer(3, VAST, 1.0),
        # Lead 4: a Göteborg address.
        offer(4, VAST, 4.0),
        # Lead 5: Luleå, but Nord has declared no capacity this week.
        offer(5, NORD, 3.0),
        offer(5, NATIONAL_UNIT, 0.9),
        # Lead 6: a Norwegian plate crossing at Svinesund: only the national unit may take it.
        offer(6, NATIONAL_UNIT, 2.0),
    ]
    capacity = {STOCKHOLM: 2, VAST: 2, SYD: 3, NORD: 0, NATIONAL_UNIT: 1}

    result = allocate(candidates=candidates, capacity=capacity)

    assert result.assignment == {1: STOCKHOLM, 2: STOCKHOLM, 3: VAST, 4: VAST, 6: NATIONAL_UNIT}
    assert result.total_value == pytest.approx(5.0 + 3.0 + 1.0 + 4.0 + 2.0)
    assert result.optimal
    assert result.seconds > 0


def test_the_optimum_beats_handing_out_the_best_offer_first() -> None:
    # Greedy gives lead 1 to Stockholm (1.0) and lead 2 nothing: 1.0 in all.
    candidates = [offer(1, STOCKHOLM, 1.0), offer(1, VAST, 0.9), offer(2, STOCKHOLM, 0.95)]

    result = allocate(candidates=candidates, capacity={STOCKHOLM: 1, VAST: 1})

    assert result.assignment == {1: VAST, 2: STOCKHOLM}
    assert result.total_value == pytest.approx(1.85)


def test_of_two_equal_leads_for_the_last_place_the_older_one_gets_it() -> None:
    candidates = [offer(lead, SYD, 2.0) for lead in (41, 17, 33)]

    for order in (candidates, candidates[::-1], candidates[1:] + candidates[:1]):
        result = allocate(candidates=order, capacity={SYD: 2})
        assert result.assignment == {17: SYD, 33: SYD}


def test_a_district_without_declared_capacity_gets_nothing() -> None:
    candidates = [offer(1, NORD, 3.0), offer(2, SYD, 1.0), offer(3, VAST, 1.0)]

    result = allocate(candidates=candidates, capacity={NORD: -2, SYD: 1})

    assert result.assignment == {2: SYD}
    assert result.total_value == 1.0


def test_nothing_to_allocate_needs_no_solver() -> None:
    for candidates, capacity in (([], {STOCKHOLM: 3}), ([offer(1, NORD, 1.0)], {NORD: 0})):
        result = allocate(candidates=candidates, capacity=capacity)
        assert result == Allocation(assignment={}, total_value=0.0, seconds=0.0, optimal=True)


@pytest.mark.parametrize("value", [-1.0, 0.0, math.nan, math.inf])
def test_a_value_that_is_not_positive_and_finite_is_refused(value: float) -> None:
    with pytest.raises(ValueError, match="value of lead 7 for district 13 must be a positive"):
        allocate(candidates=[offer(1, SYD, 1.0), offer(7, SYD, value)], capacity={SYD: 1})


def test_a_pair_listed_twice_is_refused() -> None:
    candidates = [offer(7, SYD, 1.0), offer(2, SYD, 1.0), offer(7, SYD, 2.0)]
    with pytest.raises(ValueError, match="lead 7 is listed twice for district 13"):
        allocate(candidates=candidates, capacity={SYD: 1})


def test_a_small_value_still_counts_next_to_a_large_one() -> None:
    candidates = [offer(1, SYD, 1.0), offer(2, VAST, 1e-6), offer(3, VAST, 2e-6)]

    result = allocate(candidates=candidates, capacity={SYD: 1, VAST: 1})

    assert result.assignment == {1: SYD, 3: VAST}


def test_values_closer_than_the_grid_count_as_equal() -> None:
    # 2^-32 of the largest value is the resolution: within it, the older lead wins.
    candidates = [offer(2, VAST, 1.0), offer(3, VAST, 1.0 + 1e-12)]

    result = allocate(candidates=candidates, capacity={VAST: 1})

    assert result.assignment == {2: VAST}
    assert result.total_value == 1.0


def test_running_out_of_time_without_an_allocation_raises(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(allocation, "TIME_LIMIT_SECONDS", 0.0)
    districts = (STOCKHOLM, VAST, SYD, NORD, NATIONAL_UNIT)
    candidates = [
        offer(lead, district, 1.0 + (lead * 7 + district * 3) % 11)
        for lead in range(50)
        for district in districts
    ]
    with pytest.raises(AllocationError, match="no allocation in time"):
        allocate(candidates=candidates, capacity=dict.fromkeys(districts, 3))
