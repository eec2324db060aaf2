"""Person resolution in the worker: each new report's people on arrival, everyone nightly."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from django.db import transaction
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from samverkan.intake.models import Mention

# Kept here, not imported from ``entities.people``: submitting a report must not load Splink.
_PERSON_ROLES = frozenset({"courier", "backer", "sender", "recipient", "suspect", "owner", "seen"})
_DESCRIPTIVE = frozenset({"person_name", "nickname", "birth_date"})


def report_people_arrived(*, report_id: int, mentions: Iterable[Mention]) -> None:
    """If the report names people, score them in the worker once its transaction commits."""
    if any(m.subject_role in _PERSON_ROLES and m.kind in _DESCRIPTIVE for m in mentions):
        transaction.on_commit(partial(report_people_task, report_id))


@db_task()
def report_people_task(report_id: int) -> int:
    """Score one report's people against the person entities; how many records it placed."""
    from samverkan.entities.arrival import report_people_score

    return report_people_score(report_id=report_id).records


@db_periodic_task(crontab(hour="3", minute="15"))
def people_resolve_nightly() -> int:
    """Re-resolve every person record; how many person entities there are."""
    from samverkan.entities.people import people_resolve

    return people_resolve().entities
