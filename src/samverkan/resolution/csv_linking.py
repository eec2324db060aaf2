"""``link-csv``: deduplicate any CSV of person records with a model trained on it.

Invariants: the output has one row per input data row, in input order, with
the columns ``id,cluster_id``; ``cluster_id`` is the id of the first row of
the cluster, so a row alone is its own cluster. No label is read: the model
is trained on the file itself by EM. Every problem the user can fix (a file
that cannot be read, is empty, lacks a column, maps an unknown field) raises
``CsvLinkingError`` with a sentence saying what to do.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from samverkan.resolution.clustering import DEFAULT_THRESHOLDS, Thresholds
from samverkan.resolution.csv_records import CSV_FIELDS, csv_record
from samverkan.resolution.model import load_model
from samverkan.resolution.resolve import resolve
from samverkan.resolution.training import train_person_model

Progress = Callable[[str], None]


class CsvLinkingError(Exception):
    """A problem with the input or the mapping that the user can correct."""


@dataclass(frozen=True, slots=True)
class CsvTable:
    columns: list[str]
    rows: list[dict[str, str]]


@dataclass(frozen=True, slots=True)
class CsvResult:
    rows: int
    clusters: int
    review_pairs: int


def parse_mapping(items: Sequence[str]) -> dict[str, str]:
    """``["first_name=Förnamn", ...]`` as {field: column}; unknown fields are refused."""
    mapping: dict[str, str] = {}
    for item in items:
        field, equals, column = item.partition("=")
        field, column = field.strip(), column.strip()
        if not equals or not field or not column:
            raise CsvLinkingError(f"--map takes FIELD=COLUMN, not {item!r}.")
        if field not in CSV_FIELDS:
            raise CsvLinkingError(
                f"Unknown field {field!r} in --map; the fields are {', '.join(CSV_FIELDS)}."
            )
        if field in mapping:
            raise CsvLinkingError(f"The field {field} is mapped twice.")
        mapping[field] = column
    if not mapping:
        raise CsvLinkingError("Map at least one field with --map FIELD=COLUMN.")
    return mapping


def read_csv(path: Path) -> CsvTable:
    """The header and rows of a CSV file (UTF-8, with or without BOM; , ; or tab)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CsvLinkingError(f"There is no file {path}.") from None
    except IsADirectoryError:
        raise CsvLinkingError(f"{path} is a folder, not a CSV file.") from None
    except UnicodeDecodeError:
        raise CsvLinkingError(f"{path} is not UTF-8 text; save it as UTF-8 CSV.") from None
    except OSError as error:
        raise CsvLinkingError(f"{path} cannot be read: {error.strerror}.") from None
    if not text.strip():
        raise CsvLinkingError(f"{path} is empty: it needs a header line and at least one row.")
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            text[:65536], delimiters=",;\t"
        )
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(text.splitlines(), dialect=dialect)
    columns = [name.strip() for name in reader.fieldnames or []]
    reader.fieldnames = columns
    rows = [{k: (v or "") for k, v in row.items() if k is not None} for row in reader]
    if not rows:
        raise CsvLinkingError(f"{path} has a header but no rows.")
    return CsvTable(columns=columns, rows=rows)


def check_columns(table: CsvTable, *, id_column: str, mapping: Mapping[str, str]) -> None:
    """Refuse a mapping or id column that names a column the file does not have."""
    for column in (id_column, *mapping.values()):
        if column not in table.columns:
            raise CsvLinkingError(
                f"The file has no column {column!r}; its columns are "
                f"{', '.join(repr(c) for c in table.columns)}."
            )


def link_csv(
    source: Path,
    target: Path,
    *,
    id_column: str,
    mapping: Mapping[str, str],
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    seed: int = 1,
    progress: Progress | None = None,
) -> CsvResult:
    """Read ``source``, cluster its rows, and write ``id,cluster_id`` to ``target``."""
    say = progress or (lambda _: None)
    table = read_csv(source)
    check_columns(table, id_column=id_column, mapping=mapping)
    say(f"{len(table.rows):,} rows read from {source}")
    records = [
        csv_record(index, {field: row.get(column, "") for field, column in mapping.items()})
        for index, row in enumerate(table.rows)
    ]
    if not any(record.first_name for record in records):
        raise CsvLinkingError("No row has a name in the mapped columns; map a name field.")
    say("training a model on the file (expectation-maximisation, no labels)")
    try:
        model = train_person_model(records, seed=seed, start=load_model(), progress=say)
    except ValueError as error:
        raise CsvLinkingError(
            f"The file is too small or too uniform to learn from: {error}"
        ) from None
    resolution = resolve(records, model=model, thresholds=thresholds, progress=say)
    ids = [row.get(id_column, "") for row in table.rows]
    _write(target, ids, [ids[cluster] for cluster in resolution.cluster_of])
    say(f"wrote {target}")
    return CsvResult(
        rows=len(records),
        clusters=len(set(resolution.cluster_of)),
        review_pairs=len(resolution.review),
    )


def _write(target: Path, ids: list[str], clusters: list[str]) -> None:
    try:
        with target.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", "cluster_id"])
            writer.writerows(zip(ids, clusters, strict=True))
    except OSError as error:
        raise CsvLinkingError(f"{target} cannot be written: {error.strerror}.") from None
