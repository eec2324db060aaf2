"""Loading an extract of the vehicle register: all of it or nothing."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from samverkan.audit.models import AuditAction
from samverkan.audit.services import audit_record
from samverkan.identifiers import InvalidIdentifier, normalise
from samverkan.registers.keepers import keeper_digest
from samverkan.registers.models import RegisteredVehicle

COLUMNS = ("plate", "keeper_kind", "keeper")
KEEPER_KINDS = frozenset(
    {"se_personal_number", "no_personal_number", "se_org_number", "no_org_number"}
)
_ERRORS_SHOWN = 10
_BATCH = 5000


class RegisterError(Exception):
    """The extract cannot be loaded; nothing was changed."""


@dataclass(frozen=True, slots=True)
class RegisterLoaded:
    vehicles: int
    with_keeper: int
    replaced: int


def vehicle_register_load(
    *, path: Path, say: Callable[[str], None] | None = None
) -> RegisterLoaded:
    """Replace the vehicle register with the extract at ``path`` (CSV: ``COLUMNS``).

    Every line is checked before anything is written; the old register
    stays until the new one is complete. A keeper is kept only as a keyed
    digest (``keepers.keeper_digest``). Audited as a collection.
    """
    data = _bytes(path)
    rows = _rows(path, _text(path, data))
    if say is not None:
        say(f"{len(rows):,} vehicles read from {path.name}, storing")
    with transaction.atomic():
        replaced, _ = RegisteredVehicle.objects.all().delete()
        RegisteredVehicle.objects.bulk_create(
            (RegisteredVehicle(plate_key=plate, keeper_digest=digest) for plate, digest in rows),
            batch_size=_BATCH,
        )
        loaded = RegisterLoaded(
            vehicles=len(rows), with_keeper=sum(bool(d) for _, d in rows), replaced=replaced
        )
        audit_record(
            actor=None,
            actor_label="operator",
            action=AuditAction.COLLECT,
            object_type="vehicle_register",
            purpose="register extract",
            details={
                "file": path.name,
                "sha256": hashlib.sha256(data).hexdigest(),
                "vehicles": loaded.vehicles,
                "with_keeper": loaded.with_keeper,
                "replaced": loaded.replaced,
            },
        )
    return loaded


def register_rows(path: Path) -> list[tuple[str, str]]:
    """The extract's (plate key, keeper digest) pairs, "" for no keeper; or ``RegisterError``."""
    return _rows(path, _text(path, _bytes(path)))


def _bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise RegisterError(f"Cannot read {path}: {exc.strerror}.") from exc


def _text(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RegisterError(
            f"{path.name} is not UTF-8 text (byte {exc.start + 1}); save it as UTF-8."
        ) from exc


def _rows(path: Path, text: str) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    errors: list[str] = []
    first_line: dict[str, int] = {}
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [name.strip().casefold() for name in next(reader, [])]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise RegisterError(
            f"{path.name} lacks the column(s) {', '.join(missing)}; "
            f"a vehicle register extract has {', '.join(COLUMNS)}."
        )
    at = [header.index(c) for c in COLUMNS]
    for values in reader:
        line = reader.line_num
        if not any(value.strip() for value in values):
            continue
        record = dict(zip(COLUMNS, (values[i] if i < len(values) else "" for i in at), strict=True))
        try:
            plate, digest = _row(record)
        except (InvalidIdentifier, ValueError) as exc:
            errors.append(f"line {line}: {exc}")
            continue
        if plate in first_line:
            errors.append(f"line {line}: plate {plate} is on line {first_line[plate]} too")
            continue
        first_line[plate] = line
        rows.append((plate, digest))
    if errors:
        shown = "\n".join(errors[:_ERRORS_SHOWN])
        more = len(errors) - _ERRORS_SHOWN
        tail = f"\n… and {more:,} more" if more > 0 else ""
        raise RegisterError(
            f"{path.name}: nothing loaded, {len(errors):,} bad lines:\n{shown}{tail}"
        )
    return rows


def _row(record: dict[str, str]) -> tuple[str, str]:
    plate = normalise("plate", record["plate"]).key
    kind = record["keeper_kind"].strip()
    number = record["keeper"].strip()
    if not kind and not number:
        return plate, ""
    if kind not in KEEPER_KINDS:
        raise ValueError(f"keeper_kind {kind!r} is not one of {', '.join(sorted(KEEPER_KINDS))}")
    return plate, keeper_digest(kind, normalise(kind, number).key)
