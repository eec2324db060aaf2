"""Mentions: each identifier or name in a report, as written and as its canonical key.

Invariant: ``raw`` is exactly what the report said and is never changed. ``key``
is ``samverkan.identifiers.normalise(kind, raw).key`` when the kind is an
identifier kind and the value is valid, and a company name's matching key
(``identifiers.company_name``); otherwise ``key`` is empty and ``problem``
holds the ``InvalidIdentifier`` code (empty for plain attributes such as
nicknames, which have no key). The country hint is the report's place,
else the submitting organisation's country, and it is given for phone numbers
only: a national phone number needs it, while plates and addresses carry their
own country and a Swedish car seen in Norway is still a Swedish plate.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from samverkan.identifiers import KINDS, InvalidIdentifier, normalise
from samverkan.identifiers.company_name import company_name_key


@dataclass(frozen=True, slots=True)
class MentionRow:
    subject_ref: str
    subject_role: str
    position: int
    kind: str
    raw: str
    key: str
    problem: str


def mention_region(payload: dict[str, Any], *, country: str) -> str:
    """The country a report's identifiers are read in: its place's, else its organisation's."""
    place = payload.get("place") or {}
    return str(place.get("country") or country)


def mention_rows(payload: dict[str, Any], *, country: str) -> Iterator[MentionRow]:
    """Every mention of a stored report payload, keyed where it is an identifier.

    A company's name is keyed too (``company_name_key``), for matching only:
    no entity has a name for its key.
    """
    region = mention_region(payload, country=country)
    for subject in payload.get("subjects", []):
        for position, mention in enumerate(subject["mentions"]):
            kind, raw = mention["kind"], mention["value"]
            key = problem = ""
            if kind in KINDS:
                try:
                    hint = region if kind == "phone" else None
                    key = normalise(kind, raw, region=hint).key
                except InvalidIdentifier as error:
                    problem = error.code
            elif kind == "company_name":
                key = company_name_key(raw)
            yield MentionRow(subject["ref"], subject["role"], position, kind, raw, key, problem)
