"""Resolving person records into people: rows, scores, clusters, review list.

Invariant: the result names every record's cluster by the smallest index of
a record in it, and every pair to review by record index; records are never
changed. Judgements name records by ``PersonRecord.ref``; a ref that names
no record is ignored (the record may since have been erased). Asked to
explain, every pair to review comes with its ``explanation.Explanation``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from samverkan.resolution.clustering import (
    COMMON_NAME,
    CROWDED_NAMES,
    DEFAULT_THRESHOLDS,
    NO_TRAITS,
    Pair,
    Thresholds,
    Traits,
    cluster,
)
from samverkan.resolution.duplicates import distinct_rows
from samverkan.resolution.explanation import Explanation, explanation_of
from samverkan.resolution.records import PersonRecord
from samverkan.resolution.scoring import PRIOR_KEY, pairs_of, score_pairs
from samverkan.resolution.table import records_table

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class Judgements:
    """Analysts' decisions on pairs of records, by ref: same person, or not."""

    positive: frozenset[tuple[str, str]] = frozenset()
    negative: frozenset[tuple[str, str]] = frozenset()

    def refs(self) -> set[str]:
        return {ref for pair in self.positive | self.negative for ref in pair}


NO_JUDGEMENTS = Judgements()


@dataclass(slots=True)
class Resolution:
    cluster_of: list[int]
    review: list[Pair] = field(default_factory=list)
    refused: list[Pair] = field(default_factory=list)
    scored_pairs: int = 0
    explanations: dict[tuple[int, int], Explanation] = field(default_factory=dict)


def resolve(
    records: Sequence[PersonRecord],
    *,
    model: dict[str, Any],
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    judgements: Judgements = NO_JUDGEMENTS,
    progress: Progress | None = None,
    explain: bool = False,
) -> Resolution:
    """Cluster ``records`` with a trained ``model`` (see ``model.load_model``)."""
    say = progress or (lambda _: None)
    distinct = distinct_rows(records, keep_apart=judgements.refs())
    rows, row_of = distinct.rows, distinct.row_of
    say(f"{len(records):,} records, {len(rows):,} distinct: scoring pairs")
    scored = score_pairs(records_table(rows), model, threshold=thresholds.review, explain=explain)
    say(f"{len(scored):,} pairs scored at or above {thresholds.review}: clustering")
    row_index = _row_index(records, row_of)
    traits = records_traits(rows)
    together = reported_together(records)
    clustering = cluster(
        records=len(rows),
        pairs=pairs_of(scored),
        personal_numbers=[row.personal_number for row in rows],
        traits=traits,
        co_reported=co_reported(records, row_of, traits),
        housemates=housemates(records, row_of, together),
        reports=[[row_of[index] for index in group] for group in together],
        positive=_indices(judgements.positive, row_index),
        negative=_indices(judgements.negative, row_index),
        thresholds=thresholds,
    )
    first_record = _first_records(row_of, len(rows))
    resolution = Resolution(
        cluster_of=[first_record[clustering.cluster_of[row]] for row in row_of],
        review=[_to_records(pair, first_record) for pair in clustering.review],
        refused=[_to_records(pair, first_record) for pair in clustering.refused],
        scored_pairs=len(scored),
    )
    if explain:
        resolution.explanations = _explanations(scored, clustering.review, first_record)
    return resolution


def _explanations(
    scored: pa.Table, review: list[Pair], first_record: list[int]
) -> dict[tuple[int, int], Explanation]:
    """The explanation of each pair to review, by record numbers (as in ``review``)."""
    wanted = {(pair.left, pair.right) for pair in review}
    prior = float((scored.schema.metadata or {})[PRIOR_KEY.encode()])
    explained = {}
    for row in scored.to_pylist():
        key = (row["left_id"], row["right_id"])
        if key in wanted:
            left, right = first_record[key[0]], first_record[key[1]]
            explained[(left, right)] = explanation_of(row, prior=prior)
    return explained


def records_traits(records: Sequence[PersonRecord]) -> list[Traits]:
    """Each record's traits with what only all records tell: crowded homes, common names.

    An entrance is crowded when ``CROWDED_NAMES`` or more different names
    (given-name group and family name) are written at it; a name is common
    when its personal numbers and its homes (entrances) together number
    ``COMMON_NAME`` or more. Both are counted over the records given, so
    they follow the data, never the truth.
    """
    names_at: dict[tuple[str | None, str, str], set[tuple[str | None, str]]] = {}
    bearers: dict[tuple[str | None, str], set[object]] = {}
    for record in records:
        if not record.last_name:
            continue
        name = (record.given_group, record.last_name)
        if record.street:
            home = (record.postcode, record.street, record.house_number or "")
            names_at.setdefault(home, set()).add(name)
            bearers.setdefault(name, set()).add(home)
        if record.personal_number:
            bearers.setdefault(name, set()).add(record.personal_number)
    crowded = {home for home, names in names_at.items() if len(names) >= CROWDED_NAMES}
    common = {name for name, held in bearers.items() if len(held) >= COMMON_NAME}
    return [
        record_traits(
            record,
            crowded=(record.postcode, record.street, record.house_number or "") in crowded,
            common=(record.given_group, record.last_name) in common,
        )
        for record in records
    ]


def record_traits(record: PersonRecord, *, crowded: bool = False, common: bool = False) -> Traits:
    """What a record says about who it is, for ``clustering.compatible``.

    Whether its home is crowded or its name common takes all records
    (``records_traits``); alone, neither.
    """
    if not (record.first_name or record.birth_date or record.street):
        return NO_TRAITS
    home = (record.postcode, record.street, record.house_number or "") if record.street else None
    return Traits(
        first=record.first_name,
        group=record.given_group,
        last=record.last_name,
        birth=record.birth_date,
        home=home,
        crowded=crowded and home is not None,
        common=common,
        phones=record.phones,
        bare=bool(record.last_name)
        and not (
            record.birth_date
            or record.personal_number
            or record.phones
            or record.street
            or record.nickname
            or record.email
            or record.town
        ),
    )


def co_reported(
    records: Sequence[PersonRecord], row_of: list[int], traits: Sequence[Traits]
) -> list[tuple[int, int]]:
    """Pairs of rows: a bare name's and its namesake's written with more in the same report.

    A parcel collected under a label's name gives the collector's name
    alone beside the label's name and address; in a medium world 0.995 of
    such pairs are one identity, where a bare name scored against the label
    alone is no better than against any namesake. ``traits`` are the rows'.
    """
    dressed: dict[tuple[str | None, str, str | None, str], int] = {}
    bare: list[tuple[tuple[str | None, str, str | None, str], int]] = []
    for record, row in zip(records, row_of, strict=True):
        if not record.last_name:
            continue
        key = (record.organisation, record.report, record.given_group, record.last_name)
        if traits[row].bare:
            bare.append((key, row))
        else:
            dressed.setdefault(key, row)
    return [(row, dressed[key]) for key, row in bare if key in dressed]


def housemates(
    records: Sequence[PersonRecord],
    row_of: list[int],
    together: list[list[int]] | None = None,
) -> list[tuple[int, int]]:
    """Pairs of rows: a person written with no address, and its name at a housemate's home.

    A parcel collected with someone else's identity card names the card's
    owner (a personal number, no address) beside the recipient at the
    recipient's home; when the two share a family name and not a given
    name, the owner is a member of that household, and a record of the
    owner's name at that home in another report is the owner. In a country
    world (seed 3) 0.99 of such pairs are one identity, where a personal
    number scored against a home alone, under a common name, is no better
    than against any namesake. Not when the report names the owner's full
    name twice (a namesake in the household: father and son). Each person
    is paired with the first row that writes its name at each such home.
    ``together`` is ``reported_together(records)``, made here if not given.
    """
    wanted: dict[tuple[str | None, str | None, tuple[str | None, str, str]], list[int]] = {}
    for group in reported_together(records) if together is None else together:
        indices = [index for index in group if records[index].last_name]
        for index in indices:
            record = records[index]
            if record.street:
                continue
            others = [records[other] for other in indices if other != index]
            if any(
                o.given_group == record.given_group and o.last_name == record.last_name
                for o in others
            ):
                continue
            for other in others:
                if other.street and other.last_name == record.last_name:
                    key = (record.given_group, record.last_name, _home(other))
                    wanted.setdefault(key, []).append(row_of[index])
    found: dict[tuple[str | None, str | None, tuple[str | None, str, str]], int] = {}
    for index, record in enumerate(records):
        if record.street and record.last_name:
            key = (record.given_group, record.last_name, _home(record))
            if key in wanted and key not in found:
                found[key] = row_of[index]
    return [(row, found[key]) for key, rows in wanted.items() if key in found for row in rows]


def reported_together(records: Sequence[PersonRecord]) -> list[list[int]]:
    """The numbers of the records of each report that has two records or more."""
    in_report: dict[tuple[str | None, str], list[int]] = {}
    for index, record in enumerate(records):
        in_report.setdefault((record.organisation, record.report), []).append(index)
    return [indices for indices in in_report.values() if len(indices) > 1]


def _home(record: PersonRecord) -> tuple[str | None, str, str]:
    return (record.postcode, record.street or "", record.house_number or "")


def _row_index(records: Sequence[PersonRecord], row_of: list[int]) -> dict[str, int]:
    return {record.ref: row_of[index] for index, record in enumerate(records)}


def _indices(pairs: Iterable[tuple[str, str]], row_index: dict[str, int]) -> list[tuple[int, int]]:
    return [(row_index[a], row_index[b]) for a, b in pairs if a in row_index and b in row_index]


def _first_records(row_of: list[int], rows: int) -> list[int]:
    first = [-1] * rows
    for index, row in enumerate(row_of):
        if first[row] < 0:
            first[row] = index
    return first


def _to_records(pair: Pair, first_record: list[int]) -> Pair:
    return Pair(first_record[pair.left], first_record[pair.right], pair.probability)
