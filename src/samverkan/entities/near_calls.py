"""What the reader's own call records say of two numbers one slip apart.

A courier who names the backer's number with a slip often gives their own
number in the same statement, and the call records show that number calling
the backer's true one. Call records belong to the organisation that obtained
them (decision 0010), so no rule merges on them: the entity page and the list
of near pairs show the count to a reader whose own organisation holds such
calls, and the analyst decides.

Invariant: only rows ``access.policy.imported_rows_visible_to`` lets the
reader read are counted (``imports.about.calls_among``), and only numbers
written in reports the reader may see are compared.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from samverkan.access.models import User
from samverkan.access.policy import reports_visible_to
from samverkan.entities.models import Entity, EntityKind, EntityMention
from samverkan.imports.about import calls_among, holds_call_records
from samverkan.intake.models import Mention


@dataclass(frozen=True, slots=True)
class NearCalls:
    # Calls tying each other entity to the first (only those with any), by entity id.
    tied: dict[int, int] = field(default_factory=dict)
    # The import jobs of the rows counted: which order or extract they came under.
    jobs: list[int] = field(default_factory=list)

    def audit_details(self) -> dict[str, object]:
        return {"near_calls": self.tied, "near_call_jobs": self.jobs} if self.tied else {}


def near_calls(*, reader: User, entity: Entity, others: Sequence[Entity]) -> NearCalls:
    """For each of ``others``, the calls tying it to the phone ``entity``.

    A call ties two entities when it is between a number of one (as written
    in the reader's visible reports) and a number written beside the other
    in such a report, either way round. Four queries whatever the number of
    others; one for a reader who holds no call records.
    """
    if entity.kind != EntityKind.PHONE or not others or not holds_call_records(reader=reader):
        return NearCalls()
    sides = [entity, *others]
    own, beside = _numbers(reader, sides)
    numbers = sorted(set().union(*own.values(), *beside.values()))
    calls, jobs = calls_among(reader=reader, numbers=numbers)
    tied = {}
    for other in others:
        count = sum(
            n
            for (a, b), n in calls.items()
            if _ties(a, b, own[entity.pk], beside[other.pk])
            or _ties(a, b, own[other.pk], beside[entity.pk])
        )
        if count:
            tied[other.pk] = count
    return NearCalls(tied, sorted(jobs) if tied else [])


def _ties(a: str, b: str, numbers: set[str], written: set[str]) -> bool:
    return (a in numbers and b in written) or (b in numbers and a in written)


def _numbers(reader: User, sides: list[Entity]) -> tuple[dict[int, set[str]], dict[int, set[str]]]:
    """Each side's own numbers, and the other numbers written in its reports, as the reader sees."""
    links = EntityMention.objects.filter(
        entity__in=sides, mention__report__in=reports_visible_to(reader=reader)
    ).values_list("entity_id", "mention__report_id", "mention__key")
    own: dict[int, set[str]] = {side.pk: set() for side in sides}
    sides_in: dict[int, set[int]] = defaultdict(set)
    for entity_id, report_id, key in links:
        own[entity_id].add(key)
        sides_in[report_id].add(entity_id)
    written = (
        Mention.objects.filter(report_id__in=list(sides_in), kind="phone")
        .exclude(key="")
        .values_list("report_id", "key")
    )
    beside: dict[int, set[str]] = {side.pk: set() for side in sides}
    for report_id, key in written:
        for entity_id in sides_in[report_id]:
            beside[entity_id].add(key)
    return own, {pk: keys - own[pk] for pk, keys in beside.items()}
