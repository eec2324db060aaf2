"""A generated world read for evaluation: person records and identifier mentions with truth.

Invariant: ``records[i]`` is a person subject of the world's reports;
``record_truth[i]`` is the identity its name denotes (``person:12``, or
``alias:3`` for a false identity a network uses) or, for a record without a
name, who the subject is; ``subject_truth[i]`` is always who the subject is.
The two differ where someone collects a parcel under another's name: the
record says "Hanna Olsson" and nothing else, so no resolver can know who
came, and evaluation scores against ``record_truth`` (and reports the
subject figure beside it). Every keyed identifier kind's mention
is in ``identifiers`` with the entity its truth names, and
``contexts[r]`` holds the keyed mentions of report ``r``, its sightings
and, for a post agent's report, the agent's counter, and the plates the
world's vehicle register (``vehicle_register.csv``, if there is one) gives
to a keeper the report names (what the near-key rules look for). Lines of
``reports.jsonl`` and ``truth/reports.jsonl`` are read in step, as
``samverkan.scenario.truth`` lays them out.

This is the one module that knows the generator: it reads which noise
operations keep an identifier's key (``VARIANT_OPS``) so that evaluation can
tell a variant the resolver failed to link from a mistake no key can link.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from samverkan.access.models import OrganisationKind
from samverkan.intake.mentions import MentionRow, mention_region, mention_rows
from samverkan.registers.keepers import keeper_digest
from samverkan.registers.services import KEEPER_KINDS, register_rows
from samverkan.resolution.near_keys import (
    KeyMention,
    Token,
    context_tokens,
    counter_token,
    nickname_tokens,
    read_by_machine,
    register_tokens,
    sighting_tokens,
)
from samverkan.resolution.records import PERSON_ROLES, PersonRecord, person_records
from samverkan.scenario.noise import VARIANT_OPS

# Which entity kind each identifier kind (and a company's name) names, as the product links them.
IDENTIFIER_ENTITY_KINDS = {
    "phone": "phone",
    "plate": "vehicle",
    "postal_item": "postal_item",
    "iban": "account",
    "se_bank_account": "account",
    "se_org_number": "company",
    "no_org_number": "company",
    "address": "address",
    "email": "email",
    "imei": "device",
    "company_name": "company",
}


@dataclass(frozen=True, slots=True)
class IdentifierMention:
    """One identifier mention: its entity kind, what the rules see of it, its truth."""

    entity_kind: str
    mention: KeyMention
    truth: str
    variant_only: bool

    @property
    def key(self) -> str:
        return self.mention.key


@dataclass(slots=True)
class WorldReading:
    records: list[PersonRecord] = field(default_factory=list)
    record_truth: list[str] = field(default_factory=list)
    subject_truth: list[str] = field(default_factory=list)
    identifiers: list[IdentifierMention] = field(default_factory=list)
    contexts: list[set[Token]] = field(default_factory=list)


def read_world(folder: Path) -> WorldReading:
    """Read a world folder written by ``samverkan generate``."""
    organisations = _organisations(folder / "organisations.jsonl")
    kept, registered = _vehicle_register(folder / "vehicle_register.csv")
    reading = WorldReading()
    for line, truth in _lines_in_step(folder):
        submission = json.loads(line)
        organisation, payload = submission["organisation"], submission["report"]
        country, organisation_kind = organisations[organisation]
        rows = list(mention_rows(payload, country=country))
        _add_people(reading, rows, payload, truth, organisation=organisation, country=country)
        region = mention_region(payload, country=country)
        _add_identifiers(reading, rows, truth, region=region, machine=read_by_machine(payload))
        reading.contexts[-1] |= sighting_tokens(
            occurred_at=datetime.fromisoformat(payload["occurred_at"]),
            place=(payload.get("place") or {}).get("description", ""),
        )
        reading.contexts[-1] |= nickname_tokens(
            nicknames=[row.raw for row in rows if row.kind == "nickname"],
            route=payload.get("route"),
        )
        if organisation_kind == OrganisationKind.POSTAL_AGENT:
            reading.contexts[-1].add(counter_token(organisation))
        if registered:
            context = reading.contexts[-1]
            named = {keeper_digest(*token) for token in context if token[0] in KEEPER_KINDS}
            context |= register_tokens(
                kept=(plate for digest in named for plate in kept.get(digest, ())),
                registered={key for kind, key in context if kind == "plate"} & registered,
            )
    return reading


def _vehicle_register(path: Path) -> tuple[dict[str, list[str]], set[str]]:
    """The world's vehicle register (if it has one): plate keys by keeper digest, all plates."""
    kept: dict[str, list[str]] = defaultdict(list)
    registered: set[str] = set()
    if path.is_file():
        for plate, digest in register_rows(path):
            registered.add(plate)
            if digest:
                kept[digest].append(plate)
    return kept, registered


def _organisations(path: Path) -> dict[str, tuple[str, str]]:
    """Each organisation's country and kind, by code."""
    with path.open(encoding="utf-8") as handle:
        return {row["code"]: (row["country"], row["kind"]) for row in map(json.loads, handle)}


def _lines_in_step(folder: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    reports = folder / "reports.jsonl"
    truths = folder / "truth" / "reports.jsonl"
    with reports.open(encoding="utf-8") as left, truths.open(encoding="utf-8") as right:
        for line, truth in zip(left, right, strict=True):
            yield line, json.loads(truth)


def _add_people(
    reading: WorldReading,
    rows: list[MentionRow],
    payload: dict[str, Any],
    truth: dict[str, Any],
    *,
    organisation: str,
    country: str,
) -> None:
    people = [row for row in rows if row.subject_role in PERSON_ROLES]
    records = person_records(
        people, organisation=organisation, report=payload["external_id"], country=country
    )
    subjects = {subject["ref"]: subject for subject in truth["subjects"]}
    names = {row.subject_ref: row.position for row in reversed(people) if row.kind == "person_name"}
    for record in records:
        ref = record.ref.rsplit("/", 1)[1]
        subject = subjects[ref]
        reading.records.append(record)
        reading.subject_truth.append(subject["entity"])
        named = names.get(ref)
        named_entity = subject["mentions"][named]["entity"] if named is not None else None
        reading.record_truth.append(named_entity or subject["entity"])


def _add_identifiers(
    reading: WorldReading,
    rows: list[MentionRow],
    truth: dict[str, Any],
    *,
    region: str,
    machine: bool,
) -> None:
    facts = {subject["ref"]: subject["mentions"] for subject in truth["subjects"]}
    report = len(reading.contexts)
    reading.contexts.append(context_tokens((row.kind, row.key, row.raw) for row in rows))
    for row in rows:
        entity_kind = IDENTIFIER_ENTITY_KINDS.get(row.kind)
        if entity_kind is None:
            continue
        fact = facts[row.subject_ref][row.position]
        reading.identifiers.append(
            IdentifierMention(
                entity_kind=entity_kind,
                mention=KeyMention(
                    kind=row.kind,
                    key=row.key,
                    raw=row.raw,
                    problem=row.problem,
                    region=region,
                    report=report,
                    subject=row.subject_ref,
                    machine=machine,
                ),
                truth=fact["entity"],
                variant_only=set(fact["noise"]) <= VARIANT_OPS,
            )
        )
