"""Person records: one per person subject of a report, built from its mentions.

Invariant: a record holds only comparison forms (see ``person_fields``) and
its provenance; it is built from the mentions exactly as reported and their
canonical keys, never from anything a resolver decided, so resolving again
from the same reports gives the same records. ``ref`` ("organisation/report/
subject") is stable across runs and is what judgements name.

The same builder serves stored ``Mention`` rows and raw report payloads: both
offer a subject's ref and role and each mention's kind, raw text and key.

Speed: what a mention gives a record depends only on its kind, raw text,
key and the reporter's country, and the same people are written the same
way again and again, so each distinct mention is read once (``_offers``, a
bounded cache); a payload's person mentions are keyed through a cache of
``identifiers.normalise`` with exactly the arguments ``intake.mentions``
gives it, so the keys equal the stored ones without parsing the same phone
number a thousand times.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

from samverkan.identifiers import KINDS, InvalidIdentifier, normalise
from samverkan.resolution import person_fields

PERSON_ROLES = frozenset({"courier", "backer", "sender", "recipient", "suspect", "owner", "seen"})
PERSONAL_NUMBER_KINDS = ("se_personal_number", "no_personal_number")
_CACHED = 1 << 18  # distinct mentions remembered (a few tens of MB at most)


class MentionLike(Protocol):
    """What the builder reads of a mention: ``intake.mentions.MentionRow`` or a stored one."""

    @property
    def subject_ref(self) -> str: ...
    @property
    def subject_role(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def raw(self) -> str: ...
    @property
    def key(self) -> str: ...


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """What one report says about one person, in comparison form."""

    ref: str
    organisation: str | None = None
    country: str | None = None
    report: str = ""
    role: str = ""
    first_name: str | None = None
    last_name: str | None = None
    full_name: str | None = None
    given_group: str | None = None
    nickname: str | None = None
    birth_date: str | None = None
    personal_number: str | None = None
    phones: tuple[str, ...] = ()
    email: str | None = None
    postcode: str | None = None
    street: str | None = None
    house_number: str | None = None
    town: str | None = None
    address: str | None = None


@dataclass(slots=True)
class _Draft:
    """A record while its subject's mentions are read; the first of each field wins."""

    fields: dict[str, Any] = field(default_factory=dict)
    phones: list[str] = field(default_factory=list)


def person_records(
    mentions: Iterable[MentionLike], *, organisation: str, report: str, country: str
) -> list[PersonRecord]:
    """The person records of one report's mentions, in the order their subjects appear.

    ``country`` is the reporting organisation's: it decides how six-digit
    birth dates and street names without a postcode are read.
    """
    return _records(
        (
            (m.subject_ref, m.subject_role, m.kind, m.raw, m.key)
            for m in mentions
            if m.subject_role in PERSON_ROLES
        ),
        organisation=organisation,
        report=report,
        country=country,
    )


def payload_person_records(
    payload: dict[str, Any], *, organisation: str, country: str
) -> list[PersonRecord]:
    """The person records of a report payload as submitted (``intake.schemas.ReportIn``).

    Only person subjects are keyed, with the same country hint as stored
    mentions get (``intake.mentions.mention_rows``: the report's place, else
    the organisation's country, for phone numbers only), so the keys here
    equal the stored ones.
    """
    people = [s for s in payload.get("subjects", []) if s["role"] in PERSON_ROLES]
    if not people:
        return []
    region = (payload.get("place") or {}).get("country") or country
    mentions = (
        (
            subject["ref"],
            subject["role"],
            mention["kind"],
            mention["value"],
            _key(mention["kind"], mention["value"], region if mention["kind"] == "phone" else None),
        )
        for subject in people
        for mention in subject["mentions"]
    )
    return _records(
        mentions, organisation=organisation, report=str(payload["external_id"]), country=country
    )


def _records(
    mentions: Iterable[tuple[str, str, str, str, str]],
    *,
    organisation: str,
    report: str,
    country: str,
) -> list[PersonRecord]:
    """Records from (subject ref, role, kind, raw, key) of person subjects, in order."""
    drafts: dict[tuple[str, str], _Draft] = {}
    for ref, role, kind, raw, key in mentions:
        draft = drafts.get((ref, role))
        if draft is None:
            draft = drafts[(ref, role)] = _Draft()
        for name, value in _offers(kind, raw, key, country):
            if name == "phone":
                draft.phones.append(value)
            elif name not in draft.fields:
                draft.fields[name] = value
    return [
        PersonRecord(
            ref=f"{organisation}/{report}/{ref}",
            organisation=organisation,
            country=country,
            report=report,
            role=role,
            phones=tuple(dict.fromkeys(draft.phones)),
            **draft.fields,
        )
        for (ref, role), draft in drafts.items()
    ]


@lru_cache(maxsize=_CACHED)
def _key(kind: str, raw: str, region: str | None) -> str:
    """``identifiers.normalise(kind, raw, region=region).key``, '' when invalid or no identifier."""
    if kind not in KINDS:
        return ""
    try:
        return normalise(kind, raw, region=region).key
    except InvalidIdentifier:
        return ""


@lru_cache(maxsize=_CACHED)
def _offers(kind: str, raw: str, key: str, country: str) -> tuple[tuple[str, str], ...]:
    """The (field, value) pairs one mention gives its record, None values left out.

    A record keeps the first value offered for each field, and every phone.
    """
    offered: list[tuple[str, str | None]] = []
    # A name's key is its folded, turned-round form: the name need not be read again.
    if kind == "person_name" and (name := person_fields.name_parts_of_key(key)) is not None:
        offered += [
            ("first_name", name.first),
            ("last_name", name.last),
            ("full_name", name.full),
            ("given_group", name.given_group),
        ]
    elif kind == "nickname":
        offered.append(("nickname", person_fields.nickname(raw)))
    elif kind in PERSONAL_NUMBER_KINDS and key:
        offered.append(("personal_number", f"{kind[:2]}:{key}"))
        offered.append(("birth_date", person_fields.birth_date_from_personal_number(kind, key)))
    elif kind == "birth_date":
        offered.append(("birth_date", person_fields.birth_date(raw, country=country)))
    elif kind == "phone" and key:
        offered.append(("phone", key))
    elif kind == "email" and key:
        offered.append(("email", key))
    elif kind == "address" and (place := person_fields.address_parts(raw, key, country=country)):
        offered += [
            ("postcode", place.postcode),
            ("street", place.street),
            ("house_number", place.house_number),
            ("address", place.key),
        ]
    return tuple((name, value) for name, value in offered if value is not None)


def iter_records(batches: Iterable[list[PersonRecord]]) -> Iterator[PersonRecord]:
    """Flatten per-report record lists."""
    for batch in batches:
        yield from batch
