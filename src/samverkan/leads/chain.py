"""Who is offered a lead next, when its holder declines or lets the offer expire.

Invariant: the next holder is never an organisation that has already
declined or let expire an offer of this lead, and the steps are tried in the
configured order (``settings.LEAD_ESCALATION``): the holder's parent
organisation (a district's region), another district of the lead's country
with capacity left this week (best fit first), the national unit. A parent
or national unit that declared its capacity for the week and has none left
is passed over like one that refused: an offer never goes beyond declared
capacity. ``None`` means the chain is spent: the lead then waits, with the
national unit as its owner, for capacity or a decision to close it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set

from samverkan.leads.routing import Districts


def next_holder(
    *,
    holder: int,
    country: str,
    refused: Set[int],
    affinity: Mapping[int, float],
    free: Mapping[int, int],
    districts: Districts,
    steps: Sequence[str],
) -> int | None:
    """The organisation to offer the lead to after ``holder``, or None."""

    def room(org: int) -> bool:
        return free.get(org, 1) > 0  # an organisation without a declaration is not full

    for step in steps:
        if step == "parent":
            parent = districts.parent.get(holder)
            if parent is not None and parent not in refused and room(parent):
                return parent
        elif step == "free_capacity":
            open_districts = [
                org
                for org, left in free.items()
                if left > 0
                and org not in refused
                and org != holder
                and districts.country.get(org) == country
                and org not in districts.national.values()
            ]
            if open_districts:
                return min(open_districts, key=lambda o: (-affinity.get(o, 0.0), -free[o], o))
        elif step == "national":
            national = districts.national.get(country)
            if (
                national is not None
                and national not in refused
                and national != holder
                and room(national)
            ):
                return national
    return None
