"""Identical records, scored once: the rows the model sees.

Invariant: two records share a row exactly when they say the same things
in every field the model compares and come from the same organisation, and
neither is named in a judgement (an analyst may split any two records, so a
judged record keeps its own row). A record with no field at all (a phone
that did not parse, say) keeps its own row too: it says nothing to join on.

Merging identical rows is the cheapest link there is: the same organisation
writing the same person the same way, again and again (a backer named by
every courier of a district), makes most of a country's records. It also
keeps training honest: random pairs of records are then rarely two copies
of one person, which would otherwise make agreement look common among
non-matches.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from samverkan.resolution.records import PersonRecord

_COMPARED = (
    "first_name",
    "last_name",
    "full_name",
    "nickname",
    "birth_date",
    "personal_number",
    "phones",
    "email",
    "postcode",
    "street",
    "house_number",
    "town",
    "address",
)


@dataclass(frozen=True, slots=True)
class Rows:
    """Distinct records (``rows``) and, for each record, the number of its row."""

    rows: list[PersonRecord]
    row_of: list[int]


def distinct_rows(records: Sequence[PersonRecord], *, keep_apart: Collection[str] = ()) -> Rows:
    """Group identical records; records whose ref is in ``keep_apart`` stay alone."""
    number: dict[object, int] = {}
    rows: list[PersonRecord] = []
    row_of: list[int] = []
    for index, record in enumerate(records):
        values = tuple(getattr(record, name) for name in _COMPARED)
        said_nothing = not any(values)
        key: object = (
            ("alone", index)
            if said_nothing or record.ref in keep_apart
            else (record.organisation, values)
        )
        if key not in number:
            number[key] = len(rows)
            rows.append(record)
        row_of.append(number[key])
    return Rows(rows=rows, row_of=row_of)
