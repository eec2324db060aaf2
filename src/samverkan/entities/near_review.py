"""The analysts' list of keyed entities one slip apart that no rule could tie.

Reads go through ``access.policy.near_pairs_visible_to`` (a pair with a side
the reader may not see does not exist for them); each page read writes one
consultation event. Deciding happens on the entity page ("The same: merge"
or "Not the same"), whose judgement closes the pair (``entities.services``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Count

from samverkan.access.models import User
from samverkan.access.policy import near_pairs_visible_to
from samverkan.access.purpose import Purpose
from samverkan.audit.models import AuditAction
from samverkan.audit.services import audit_record
from samverkan.entities.models import NearPair
from samverkan.entities.near import OFFERED_KINDS
from samverkan.entities.near_calls import NearCalls, near_calls
from samverkan.entities.selectors import _visible_links, entity_displays
from samverkan.imports.about import holds_call_records

PAGE_SIZE = 25


@dataclass(frozen=True, slots=True)
class NearRow:
    pair: NearPair
    left: str
    right: str
    # Reports the reader may see naming each side.
    left_reports: int
    right_reports: int
    # Calls in the reader's own call records that tie the two (``near_calls``).
    calls: int


@transaction.atomic
def near_pairs_list(
    *, reader: User, purpose: Purpose, page: int, kind: str = ""
) -> tuple[Page[NearPair], list[NearRow]]:
    """One page of open near pairs, newest first, optionally of one entity kind."""
    pairs = near_pairs_visible_to(reader=reader)
    if kind in OFFERED_KINDS:
        pairs = pairs.filter(kind=kind)
    ordered = pairs.select_related("left", "right").order_by("-found_at", "-pk")
    shown = Paginator(ordered, PAGE_SIZE).get_page(page)
    entities = [e for p in shown for e in (p.left, p.right)]
    displays = entity_displays(entities, reader)
    counts = dict(
        _visible_links(reader)
        .filter(entity__in=entities)
        .values_list("entity_id")
        .annotate(n=Count("mention__report", distinct=True))
    )
    holder = holds_call_records(reader=reader)
    calls = {
        p.pk: near_calls(reader=reader, entity=p.left, others=[p.right]) if holder else NearCalls()
        for p in shown
    }
    rows = [
        NearRow(
            pair=p,
            left=displays[p.left_id],
            right=displays[p.right_id],
            left_reports=counts.get(p.left_id, 0),
            right_reports=counts.get(p.right_id, 0),
            calls=calls[p.pk].tied.get(p.right_id, 0),
        )
        for p in shown
    ]
    details: dict[str, object] = {"pairs": [p.pk for p in shown], "page": shown.number}
    if any(row.calls for row in rows):
        details["near_calls"] = {row.pair.pk: row.calls for row in rows if row.calls}
        details["near_call_jobs"] = sorted({j for c in calls.values() for j in c.jobs})
    audit_record(
        actor=reader,
        action=AuditAction.CONSULT,
        object_type="near_pairs",
        purpose=str(purpose),
        details=details,
    )
    return shown, rows
