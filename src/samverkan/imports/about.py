"""What imported rows say about one entity, by its canonical key, within access.

The entity page (``entities.selectors.entity_read``) calls ``imported_about``
for an entity the reader already may see; which rows the reader may read is
``access.policy.imported_rows_visible_to``. Every question starts from an
indexed key column (``<field>_key``), so a page costs a few index range scans
whatever the size of the tables.

Invariants: a row is counted or shown only if the policy lets the reader read
it; a counterpart links to an entity only if that entity exists for the
reader (a visible report names it), otherwise it is shown as the number the
row holds. Reading is audited by the caller, in its one consultation event,
with the ``counts`` returned here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Count, F, Max, Min, Q, QuerySet

from samverkan.access.models import User
from samverkan.access.policy import imported_rows_visible_to, reports_visible_to
from samverkan.entities.models import Entity, EntityKind, EntityMention
from samverkan.imports.connectors import CONNECTORS
from samverkan.imports.connectors.call_records.models import CallRecord
from samverkan.imports.connectors.company_register.models import CompanyRegisterRow
from samverkan.imports.connectors.plate_hits.models import PlateHit
from samverkan.imports.connectors.postal_items.models import PostalItemEvent
from samverkan.imports.storage import ImportedRow

COUNTERPARTS_SHOWN = 10
ROWS_SHOWN = 20


@dataclass(frozen=True, slots=True)
class Counterpart:
    key: str
    written: str
    calls: int
    entity_id: int | None


@dataclass(frozen=True, slots=True)
class Calls:
    count: int
    first: datetime | None
    last: datetime | None
    counterparts: list[Counterpart]
    # The most recent: (row, the other number as written, True if this one called).
    recent: list[tuple[CallRecord, str, bool]]


@dataclass(frozen=True, slots=True)
class PlateHits:
    count: int
    first: datetime | None
    last: datetime | None
    recent: list[PlateHit]


@dataclass
class ImportedAbout:
    """The sections that apply to the entity's kind; empty ones stay None or []."""

    calls: Calls | None = None
    plate_hits: PlateHits | None = None
    # A company's register lines (its entry and its board seats), or a person's seats.
    register: list[CompanyRegisterRow] = field(default_factory=list)
    board_seats: list[CompanyRegisterRow] = field(default_factory=list)
    registered_here: list[CompanyRegisterRow] = field(default_factory=list)
    postal_events: list[PostalItemEvent] = field(default_factory=list)
    postal_to_here: list[PostalItemEvent] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def any(self) -> bool:
        return any(self.counts.values())

    def audit_details(self) -> dict[str, object]:
        """Rows read per source and the import jobs of the rows shown: for the consultation."""
        shown: list[ImportedRow] = [
            *(call for call, _other, _made in (self.calls.recent if self.calls else [])),
            *(self.plate_hits.recent if self.plate_hits else []),
            *self.register,
            *self.board_seats,
            *self.registered_here,
            *self.postal_events,
            *self.postal_to_here,
        ]
        return {**self.counts, "jobs": sorted({row.job_id for row in shown})}


def holds_call_records(*, reader: User) -> bool:
    """Whether the reader may read any call record at all (their organisation imported some)."""
    return bool(_rows(reader, "call_records").exists())


def calls_among(*, reader: User, numbers: list[str]) -> tuple[Counter[tuple[str, str]], set[int]]:
    """Calls the reader may read between two of ``numbers`` (phone keys), by (from, to).

    And the import jobs the rows came in by. Seeks along the caller's index
    in the reader's own rows only.
    """
    if not numbers:
        return Counter(), set()
    rows = _rows(reader, "call_records").filter(a_number_key__in=numbers, b_number_key__in=numbers)
    calls: Counter[tuple[str, str]] = Counter()
    jobs: set[int] = set()
    for a, b, job in rows.values_list("a_number_key", "b_number_key", "job_id").iterator():
        calls[(a, b)] += 1
        jobs.add(job)
    return calls, jobs


def _rows(reader: User, connector: str) -> QuerySet[Any]:
    rows: QuerySet[ImportedRow] = imported_rows_visible_to(
        reader=reader, connector=CONNECTORS[connector]
    )
    return rows


def entity_keys(*, reader: User, entity: Entity) -> list[str]:
    """The keys of the entity and of those merged into it that a visible report writes.

    Exactly as written there: not the key of the entity that holds the
    others, if only hidden reports write it (a slip that arrived first
    holds the car), nor the key a refused writing was repaired to, nor the
    number of a company a visible report names only by name.
    """
    written = (
        EntityMention.objects.filter(
            entity=entity,
            mention__report__in=reports_visible_to(reader=reader),
            mention__key=F("home__key"),
        )
        .exclude(mention__key="")
        .values_list("mention__key", flat=True)
        .distinct()
    )
    return sorted(written)


def imported_about(*, reader: User, entity: Entity) -> ImportedAbout:
    """What the reader may read of imported rows about ``entity`` (not audited here)."""
    about = ImportedAbout()
    keys = entity_keys(reader=reader, entity=entity)
    if not keys:
        return about
    if entity.kind == EntityKind.PHONE:
        about.calls = _calls(reader, keys)
        about.counts["call_records"] = about.calls.count
    elif entity.kind == EntityKind.VEHICLE:
        about.plate_hits = _plate_hits(reader, keys)
        about.counts["plate_hits"] = about.plate_hits.count
    elif entity.kind == EntityKind.COMPANY:
        register = _rows(reader, "company_register").filter(organisation_number_key__in=keys)
        about.register = list(register.order_by("company_name", "line")[: ROWS_SHOWN * 2])
        about.counts["company_register"] = len(about.register)
    elif entity.kind == EntityKind.PERSON:
        seats = _rows(reader, "company_register").filter(board_member_number_key__in=keys)
        about.board_seats = list(seats.order_by("company_name", "line")[:ROWS_SHOWN])
        about.counts["company_register"] = len(about.board_seats)
    elif entity.kind == EntityKind.POSTAL_ITEM:
        events = (
            _rows(reader, "postal_items").filter(item_key__in=keys).select_related("organisation")
        )
        about.postal_events = list(events.order_by("event_at", "pk")[: ROWS_SHOWN * 2])
        about.counts["postal_items"] = len(about.postal_events)
    elif entity.kind == EntityKind.ADDRESS:
        companies = _rows(reader, "company_register").filter(address_key__in=keys)
        about.registered_here = list(companies.order_by("company_name", "line")[:ROWS_SHOWN])
        items = (
            _rows(reader, "postal_items")
            .filter(recipient_address_key__in=keys)
            .select_related("organisation")
        )
        about.postal_to_here = list(items.order_by("-event_at", "-pk")[:ROWS_SHOWN])
        about.counts["company_register"] = len(about.registered_here)
        about.counts["postal_items"] = len(about.postal_to_here)
    return about


def _calls(reader: User, keys: list[str]) -> Calls:
    """Counts, first and last, counterparts by number of calls, and the latest calls.

    Calls from the number and calls to it are asked apart, each along its own
    index; a call from the number to itself is counted once. Counterparts are
    numbers that normalise (a number that did not is in the count and the
    latest calls, as written, but is nobody's counterpart).
    """
    rows = _rows(reader, "call_records")
    made = rows.filter(a_number_key__in=keys)
    received = rows.filter(b_number_key__in=keys).exclude(a_number_key__in=keys)
    count, first, last = 0, None, None
    for part in (made, received):
        figures = part.aggregate(n=Count("pk"), first=Min("started_at"), last=Max("started_at"))
        count += figures["n"]
        first = min(filter(None, (first, figures["first"])), default=None)
        last = max(filter(None, (last, figures["last"])), default=None)
    # Counted here, not with GROUP BY: grouping by the other number led SQLite to
    # walk the whole organisation along that number's index rather than seek this one.
    tally: dict[str, tuple[str, int]] = {}
    for side, other in ((made, "b_number"), (received, "a_number")):
        for key, written in side.values_list(f"{other}_key", f"{other}_raw").iterator():
            if key is not None:  # a number that did not normalise is nobody's counterpart
                before = tally.get(key, (written, 0))
                tally[key] = (min(before[0], written), before[1] + 1)
    top = sorted(tally.items(), key=lambda item: (-item[1][1], item[0]))[:COUNTERPARTS_SHOWN]
    linked = _visible_entities(reader, EntityKind.PHONE, [key for key, _ in top])
    counterparts = [Counterpart(key, written, n, linked.get(key)) for key, (written, n) in top]
    recent = [
        (call, call.b_number_raw, True) for call in made.order_by("-started_at", "-pk")[:ROWS_SHOWN]
    ] + [
        (call, call.a_number_raw, False)
        for call in received.order_by("-started_at", "-pk")[:ROWS_SHOWN]
    ]
    recent.sort(key=lambda item: item[0].started_at, reverse=True)
    return Calls(count, first, last, counterparts, recent[:ROWS_SHOWN])


def _plate_hits(reader: User, keys: list[str]) -> PlateHits:
    hits = _rows(reader, "plate_hits").filter(plate_key__in=keys)
    figures = hits.aggregate(n=Count("pk"), first=Min("seen_at"), last=Max("seen_at"))
    recent = list(hits.order_by("-seen_at", "-pk")[:ROWS_SHOWN])
    return PlateHits(figures["n"], figures["first"], figures["last"], recent)


def _visible_entities(reader: User, kind: str, keys: list[str]) -> dict[str, int]:
    """Key -> the entity it is in now, for keys a report the reader may see names."""
    if not keys:
        return {}
    links = EntityMention.objects.filter(
        Q(home__kind=kind, home__key__in=keys),
        mention__report__in=reports_visible_to(reader=reader),
    )
    return dict(links.values_list("home__key", "entity_id").distinct())
