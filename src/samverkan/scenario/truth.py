"""The ground truth tables: every entity of the world as it really is.

Invariant: each line is one entity with its stable reference (``id``) and
canonical values; networks are referenced as ``network:<n>`` and people,
phones and the rest by their own references, so ``truth/reports.jsonl``
(one line per report, in the order of ``reports.jsonl``, giving for every
mention the entity it denotes) joins to these tables by reference alone.

Layout of ``truth/``:

``reports.jsonl``
    Line *i* is about line *i* of ``reports.jsonl``: organisation,
    external_id, kind, network (or null: background), event (reports of one
    event share it), and per subject {ref, entity, mentions: [{entity, true,
    noise}]}, mentions in the report's order. ``entity`` of a subject is who
    or what the subject is; ``entity`` of a mention is what that identifier
    denotes (a backer's phone mention -> ``phone:7`` in a subject that is
    ``person:12``). ``noise`` lists the operations of
    ``samverkan.scenario.noise`` applied; an empty list means the mention is
    exactly ``true``.
``people.jsonl``, ``phones.jsonl``, ``addresses.jsonl``, ``vehicles.jsonl``,
``companies.jsonl``, ``accounts.jsonl``, ``aliases.jsonl``, ``networks.jsonl``
    One entity a line. Postal items (``item:<n>``) have no table: they
    exist only in the reports, where their S10 id is their ``true`` value.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from samverkan.scenario.networks import Network
from samverkan.scenario.output import FileDigest, LineWriter
from samverkan.scenario.population import Population


def dumps(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _network(value: int | None) -> str | None:
    return f"network:{value}" if value is not None else None


def _people(population: Population) -> Iterator[dict[str, Any]]:
    for p in population.people:
        yield {
            "id": p.ref,
            "name": p.name,
            "given": p.given,
            "family": p.family,
            "country": p.country,
            "female": p.female,
            "born": p.born.isoformat(),
            "personal_number": p.personal_number,
            "personal_number_kind": p.personal_number_kind,
            "address": f"address:{p.address}" if p.address else None,
            "household": p.household,
            "role": p.role.value,
            "network": _network(p.network),
            "customer_of": _network(p.customer_of),
            "nickname": p.nickname,
            "phones": [f"phone:{i}" for i in p.phones],
            "vehicle": f"vehicle:{p.vehicle}" if p.vehicle else None,
            "account": f"account:{p.account}" if p.account else None,
        }


def _phones(population: Population) -> Iterator[dict[str, Any]]:
    for phone in population.phones:
        yield {
            "id": phone.ref,
            "number": phone.number,
            "owner": f"person:{phone.owner}",
            "network": _network(phone.network),
            "active_from_day": phone.active_from,
            "active_to_day": phone.active_to,
        }


def _addresses(population: Population) -> Iterator[dict[str, Any]]:
    for a in population.addresses:
        yield {
            "id": a.ref,
            "text": a.text,
            "country": a.country,
            "municipality_code": a.municipality,
            "postcode": a.postcode,
            "drop": a.drop_of is not None,
            "network": _network(a.drop_of),
        }


def _vehicles(population: Population) -> Iterator[dict[str, Any]]:
    for v in population.vehicles:
        yield {
            "id": v.ref,
            "plate": v.plate,
            "country": v.country,
            "description": v.description,
            "keeper": v.keeper,
            "network": _network(v.network),
        }


def _companies(population: Population) -> Iterator[dict[str, Any]]:
    for c in population.companies:
        yield {
            "id": c.ref,
            "name": c.name,
            "org_number": c.org_number,
            "country": c.country,
            "address": f"address:{c.address}",
            "account": f"account:{c.account}" if c.account else None,
            "board": [f"person:{i}" for i in c.board],
            "front": c.front_of is not None,
            "network": _network(c.front_of),
        }


def _accounts(population: Population) -> Iterator[dict[str, Any]]:
    for a in population.accounts:
        yield {"id": a.ref, "iban": a.iban, "holder": a.holder, "network": _network(a.network)}


def _aliases(population: Population) -> Iterator[dict[str, Any]]:
    for a in population.aliases:
        yield {
            "id": a.ref,
            "name": a.name,
            "address": f"address:{a.address}",
            "network": _network(a.network),
        }


def _networks(networks: list[Network]) -> Iterator[dict[str, Any]]:
    for n in networks:
        yield {
            "id": n.ref,
            "kind": n.kind.value,
            "market": n.market,
            "hub_municipality": f"{n.hub.country}:{n.hub.code}",
            "destination_municipality": f"{n.destination.country}:{n.destination.code}",
            "compartment": n.compartment,
            "substances": [s.value for s in n.substances],
            "backers": [f"person:{i}" for i in n.backers],
            "couriers": [f"person:{i}" for i in n.couriers],
            "drop_keepers": [f"person:{i}" for i in n.drop_keepers],
            "senders": [f"person:{i}" for i in n.senders],
            "buyers": [f"person:{i}" for i in n.buyers],
            "drops": [f"address:{i}" for i in n.drops],
            "fronts": [f"company:{i}" for i in n.fronts],
            "vehicles": [f"vehicle:{i}" for i in n.vehicles],
            "backer_phones": [f"phone:{i}" for i in n.backer_phones],
        }


def _write(path: Path, rows: Iterable[dict[str, Any]]) -> FileDigest:
    with LineWriter(path) as writer:
        for row in rows:
            writer.write(dumps(row))
        return writer.close()


def write_entity_tables(
    folder: Path, population: Population, networks: list[Network]
) -> dict[str, FileDigest]:
    """Write every table but ``reports.jsonl``; returns digests by path relative to the world."""
    tables = {
        "people.jsonl": _people(population),
        "phones.jsonl": _phones(population),
        "addresses.jsonl": _addresses(population),
        "vehicles.jsonl": _vehicles(population),
        "companies.jsonl": _companies(population),
        "accounts.jsonl": _accounts(population),
        "aliases.jsonl": _aliases(population),
        "networks.jsonl": _networks(networks),
    }
    return {f"truth/{name}": _write(folder / "truth" / name, rows) for name, rows in tables.items()}


MentionKey = tuple[str, str, str, int]
"""(organisation, external_id, subject ref, mention index): one mention of one report."""


def mention_entities(folder: Path) -> Iterator[tuple[MentionKey, str]]:
    """Every mention of a world with the entity it truly denotes, streamed from the truth.

    This is what an entity-resolution evaluation needs: two mentions belong
    together exactly when their entities are equal, so pairwise precision and
    recall follow from comparing a resolver's clusters with these.
    """
    with (folder / "truth" / "reports.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            report = json.loads(line)
            for subject in report["subjects"]:
                for index, mention in enumerate(subject["mentions"]):
                    key = (report["organisation"], report["external_id"], subject["ref"], index)
                    yield key, mention["entity"]
