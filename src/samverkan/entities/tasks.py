"""Entities in the worker: new people every minute; near keys and everyone nightly."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(minute="*"))
def people_arrivals() -> int:
    """Score the people of reports stored since the last sweep; how many reports."""
    from samverkan.entities.arrival import people_arrivals_score

    return people_arrivals_score()


@db_periodic_task(crontab(hour="3", minute="15"))
def people_resolve_nightly() -> int:
    """Re-resolve every person record; how many person entities there are."""
    from samverkan.entities.people import people_resolve

    return people_resolve().entities


@db_periodic_task(crontab(hour="3", minute="5"))
def near_sweep_nightly() -> int:
    """Apply the near-key rules to what arrived without a new key; how many changes."""
    from samverkan.entities.sweep import near_sweep

    swept = near_sweep()
    splits = swept.lone_readings_split + swept.counter_merges_split + swept.register_merges_split
    return swept.repaired + swept.merged + splits
