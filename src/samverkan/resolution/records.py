"""Person records: one per person subject of a report, built from its mentions.

Invariant: a record holds only comparison forms (see ``person_fields``) and
its provenance; it is built from the mentions exactly as reported and their
canonical keys, never from anything a resolver decided, so resolving again
from the same reports gives the same records. ``ref`` ("organisation/report/
subject") is stable across runs and is what judgements name.

The same builder serves stored ``Mention`` rows and raw report payloads: both
offer a subject's ref and role and each mention's kind, raw text and key.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from samverkan.intake.mentions import mention_rows
from samverkan.resolution import person_fields

PERSON_ROLES = frozenset({"courier", "backer", "sender", "recipient", "suspect", "owner", "seen"})
PERSONAL_NUMBER_KINDS = ("se_personal_number", "no_personal_number")


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

    def offer(self, name: str, value: object) -> None:
        if value is not None and name not in self.fields:
            self.fields[name] = value


def person_records(
    mentions: Iterable[MentionLike], *, organisation: str, report: str, country: str
) -> list[PersonRecord]:
    """The person records of one report's mentions, in the order their subjects appear.

    ``country`` is the reporting organisation's: it decides how six-digit
    birth dates and street names without a postcode are read.
    """
    drafts: dict[tuple[str, str], _Draft] = {}
    for mention in mentions:
        if mention.subject_role not in PERSON_ROLES:
            continue
        draft = drafts.setdefault((mention.subject_ref, mention.subject_role), _Draft())
        _read(draft, mention, country=country)
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


def payload_person_records(
    payload: dict[str, Any], *, organisation: str, country: str
) -> list[PersonRecord]:
    """The person records of a report payload as submitted (``intake.schemas.ReportIn``).

    Only person subjects are keyed, with the same country hint as stored
    mentions get (``intake.mentions``), so the keys here equal the stored ones.
    """
    people = [s for s in payload.get("subjects", []) if s["role"] in PERSON_ROLES]
    if not people:
        return []
    rows = mention_rows({**payload, "subjects": people}, country=country)
    return person_records(
        rows, organisation=organisation, report=str(payload["external_id"]), country=country
    )


def _read(draft: _Draft, mention: MentionLike, *, country: str) -> None:
    """Put what one mention says into the record being drafted."""
    kind, raw, key = mention.kind, mention.raw, mention.key
    if kind == "person_name" and (name := person_fields.name_parts(raw)) is not None:
        draft.offer("first_name", name.first)
        draft.offer("last_name", name.last)
        draft.offer("full_name", name.full)
        draft.offer("given_group", name.given_group)
    elif kind == "nickname":
        draft.offer("nickname", person_fields.nickname(raw))
    elif kind in PERSONAL_NUMBER_KINDS and key:
        draft.offer("personal_number", f"{kind[:2]}:{key}")
        draft.offer("birth_date", person_fields.birth_date_from_personal_number(kind, key))
    elif kind == "birth_date":
        draft.offer("birth_date", person_fields.birth_date(raw, country=country))
    elif kind == "phone" and key:
        draft.phones.append(key)
    elif kind == "email" and key:
        draft.offer("email", key)
    elif kind == "address" and (place := person_fields.address_parts(raw, key, country=country)):
        draft.offer("postcode", place.postcode)
        draft.offer("street", place.street)
        draft.offer("house_number", place.house_number)
        draft.offer("address", place.key)


def iter_records(batches: Iterable[list[PersonRecord]]) -> Iterator[PersonRecord]:
    """Flatten per-report record lists."""
    for batch in batches:
        yield from batch
