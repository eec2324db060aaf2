"""Import files: where they are kept, how they are read, and how columns map to fields.

Invariants:

- Files are kept under ``DATA_DIR/imports/``, readable by the service's user
  only, named by a random id (never by what the uploader called them).
- ``records`` yields the file's records in order, each numbered by its
  ``position`` (1 for the first record after the header, blank lines
  included): skipping ``offset`` records and reading on gives exactly the
  records a run that never stopped would have read after them. A record
  that the CSV reader cannot read is yielded with its problem, never skipped.
- A mapping maps a connector's field to a column of the header; every
  required field is mapped, and every mapped column exists.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
import time
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.conf import settings

from samverkan.imports.connectors import Connector

FOLDER = "imports"
PENDING = f"{FOLDER}/pending"
_DELIMITERS = ",;\t|"
_ENCODINGS = ("utf-8-sig", "cp1252")


class ImportFileError(ValueError):
    """The file cannot be imported as given; the message says why, for the person importing."""


class MissingColumnsError(ImportFileError):
    def __init__(self, missing: Mapping[str, str], header: tuple[str, ...]) -> None:
        self.missing = dict(missing)
        self.header = header
        wanted = ", ".join(f"{column!r} (for {name})" for name, column in missing.items())
        columns = ", ".join(repr(column) for column in header)
        super().__init__(f"Missing from the file: {wanted}. Its columns are: {columns}.")


@dataclass(frozen=True, slots=True)
class FileShape:
    encoding: str
    delimiter: str
    header: tuple[str, ...]
    rows: int


@dataclass(frozen=True, slots=True)
class KeptFile:
    path: str  # relative to DATA_DIR
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class FileRecord:
    position: int
    line: int
    # Field name -> cell, for the mapped fields; None for a blank line.
    cells: dict[str, str] | None
    problem: str = ""


def kept_path(relative: str) -> Path:
    return Path(settings.DATA_DIR) / relative


def file_keep(*, source: IO[bytes], pending: bool = False) -> KeptFile:
    """Copy ``source`` into the imports folder (mode 0600), hashing it on the way.

    A ``pending`` file (uploaded, its mapping not yet confirmed) goes to a
    folder of its own, from which ``file_adopt`` takes it and ``files_prune``
    removes it when it is left there.
    """
    folder = Path(settings.DATA_DIR) / (PENDING if pending else FOLDER)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    relative = f"{PENDING if pending else FOLDER}/{uuid.uuid4().hex}.csv"
    digest, size = hashlib.sha256(), 0
    fd = os.open(kept_path(relative), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as target:
        while chunk := source.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
            target.write(chunk)
    return KeptFile(relative, digest.hexdigest(), size)


def file_keep_copy(*, source: Path) -> KeptFile:
    try:
        with source.open("rb") as handle:
            return file_keep(source=handle)
    except OSError as exc:
        raise ImportFileError(f"The file {str(source)!r} cannot be read: {exc.strerror}.") from exc


def file_adopt(relative: str) -> str:
    """Move a pending file into the imports folder; returns its new relative path."""
    if not relative.startswith(f"{PENDING}/"):
        return relative
    adopted = f"{FOLDER}/{Path(relative).name}"
    kept_path(relative).replace(kept_path(adopted))
    return adopted


def file_discard(relative: str) -> None:
    kept_path(relative).unlink(missing_ok=True)


def files_prune(*, older_than: float) -> int:
    """Remove pending files not touched for ``older_than`` seconds; returns how many."""
    folder = Path(settings.DATA_DIR) / PENDING
    if not folder.is_dir():
        return 0
    limit = time.time() - older_than
    removed = 0
    for path in folder.glob("*.csv"):
        if path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def files_kept(*, older_than: float, now: float) -> list[str]:
    """Kept job files (relative paths) not touched for ``older_than`` seconds before ``now``."""
    folder = Path(settings.DATA_DIR) / FOLDER
    if not folder.is_dir():
        return []
    limit = now - older_than
    return sorted(
        f"{FOLDER}/{path.name}" for path in folder.glob("*.csv") if path.stat().st_mtime < limit
    )


def files_pending(*, older_than: float, now: float) -> list[str]:
    """Pending uploads (relative paths) left for ``older_than`` seconds before ``now``."""
    folder = Path(settings.DATA_DIR) / PENDING
    if not folder.is_dir():
        return []
    limit = now - older_than
    return sorted(
        f"{PENDING}/{path.name}" for path in folder.glob("*.csv") if path.stat().st_mtime < limit
    )


def file_shape(path: Path) -> FileShape:
    """Encoding (UTF-8, else Windows-1252), delimiter, header and number of rows."""
    for encoding in _ENCODINGS:
        try:
            return _shape(path, encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError("The file is not text: it cannot be read as UTF-8 or Windows-1252.")


def _shape(path: Path, encoding: str) -> FileShape:
    try:
        with path.open(encoding=encoding, newline="") as handle:
            first = handle.readline()
            delimiter = max(_DELIMITERS, key=first.count) if first.strip() else ","
            handle.seek(0)
            reader = csv.reader(handle, delimiter=delimiter)
            header = tuple(cell.strip() for cell in next(reader, []))
            rows = _count(reader)
    except csv.Error as exc:
        raise ImportFileError(f"The file cannot be read as CSV: {exc}.") from exc
    except OSError as exc:
        raise ImportFileError(f"The file cannot be read: {exc.strerror}.") from exc
    if not any(header):
        raise ImportFileError("The file is empty: its first line should name the columns.")
    repeated = sorted({column for column in header if header.count(column) > 1})
    if repeated:
        raise ImportFileError(f"The header names these columns twice: {', '.join(repeated)}.")
    return FileShape(encoding, delimiter, header, rows)


def _count(reader: Iterator[list[str]]) -> int:
    """Records that are not blank, a record the reader cannot read included."""
    rows = 0
    while True:
        try:
            rows += bool(next(reader))
        except StopIteration:
            return rows
        except csv.Error:
            rows += 1


def mapping_resolve(
    connector: type[Connector], header: tuple[str, ...], chosen: Mapping[str, str]
) -> dict[str, str]:
    """The mapping to use: ``chosen`` columns, else the suggested ones (``mapping_suggest``).

    An optional field whose column is not found, or is chosen as "", is
    left out; a chosen column that is absent, or a required field without its
    column, raises ``MissingColumnsError`` naming them and listing the file's
    columns.
    """
    names = [f.name for f in connector.fields]
    unknown = sorted(set(chosen) - set(names))
    if unknown:
        raise ImportFileError(
            f"{connector.name} has no field {', '.join(unknown)}; "
            f"its fields are {', '.join(names)}."
        )
    suggested = mapping_suggest(connector, header)
    mapping: dict[str, str] = {}
    missing: dict[str, str] = {}
    for spec in connector.fields:
        column = chosen.get(spec.name, suggested[spec.name] or spec.column)
        if column in header:
            mapping[spec.name] = column
        elif spec.required or (column and spec.name in chosen):
            missing[spec.name] = column or spec.column
    if missing:
        raise MissingColumnsError(missing, header)
    return mapping


def mapping_suggest(connector: type[Connector], header: tuple[str, ...]) -> dict[str, str]:
    """For each field, the header column that most likely holds it ("" if none does)."""
    folded = {_fold(column): column for column in header}
    suggested: dict[str, str] = {}
    for spec in connector.fields:
        candidates = (spec.column, spec.name, *spec.aliases)
        suggested[spec.name] = next(
            (folded[_fold(c)] for c in candidates if _fold(c) in folded), ""
        )
    return suggested


def _fold(column: str) -> str:
    """Header names compared without case, spaces, dashes or Nordic letters' marks."""
    plain = column.lower().translate(str.maketrans("åäæöø", "aaaoo"))
    return re.sub(r"[^a-z0-9]", "", plain)


def records(
    path: Path, *, encoding: str, delimiter: str, mapping: Mapping[str, str], offset: int = 0
) -> Iterator[FileRecord]:
    """The records after the header, from position ``offset + 1`` on."""
    with path.open(encoding=encoding, newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        header = [cell.strip() for cell in next(reader, [])]
        indexes = {name: header.index(column) for name, column in mapping.items()}
        position = 0
        while True:
            line = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                position += 1
                if position > offset:
                    yield FileRecord(position, line, {}, f"The row cannot be read as CSV: {exc}.")
                continue
            position += 1
            if position <= offset:
                continue
            if not cells:
                yield FileRecord(position, line, None)
            elif len(cells) != len(header):
                yield FileRecord(
                    position,
                    line,
                    {},
                    f"The row has {len(cells)} values; the header has {len(header)} columns.",
                )
            else:
                yield FileRecord(
                    position, line, {name: cells[index] for name, index in indexes.items()}
                )
