"""The one interface every connector implements, and the row parsing they share.

A connector declares what its source looks like and where its rows go:

- ``name`` (stable, in URLs, the CLI and stored jobs) and ``label`` (for people);
- ``fields``: the columns it expects, each with a type and a default header
  name (``default_mapping``);
- ``model``: its table, a subclass of ``storage.ImportedRow``;
- who may import it (organisation kinds and roles);
- ``kept_from``: the field (or ``job__created_at``) whose age retention
  measures its rows by; ``replaced_on_key``, optionally, the key field by
  which a later import replaces the rows of an earlier one (a register
  entry) — then a repeated row is *renewed*: it moves to the later job;
- ``parse_row(row) -> Record | RowError`` and ``stored_row(record)``.

``Connector.parse_row`` reads every declared field by its type, so most
connectors only declare; a connector with rules across fields overrides
``check``. Invariants of a ``Record``: ``columns`` are exactly the model's
data columns, ``identity`` holds the row's normalised values in field order
(a key where an identifier normalises, the text as written otherwise), and a
record is produced whenever every required value is present and every typed
value parses — an identifier that does not normalise is kept with its
problem, never dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

from samverkan.imports.connectors import values
from samverkan.imports.storage import ImportedRow

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as Label
else:
    Label = str


class ValueType(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    DATETIME = "datetime"
    IDENTIFIER = "identifier"
    CHOICE = "choice"


@dataclass(frozen=True, slots=True)
class Field:
    """One value a connector reads from each row."""

    name: str
    label: Label
    type: ValueType
    # The header name in the source's usual export: the default mapping.
    column: str
    required: bool = True
    # Identifier kinds of ``samverkan.identifiers``, the organisation's country's first.
    kinds: tuple[str, ...] = ()
    # Read the identifier in the organisation's country when it does not say its own
    # (phone numbers without +46/+47). Off for plates and addresses, whose shape
    # shows the country and where a hint would refuse the neighbour's.
    country_hint: bool = False
    # Accepted spellings (folded to lower case) and the value stored for each.
    choices: Mapping[str, str] = field(default_factory=dict)
    minimum: int | None = None
    maximum: int | None = None
    # Other header names that mean this field, to suggest a mapping.
    aliases: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if (self.type is ValueType.IDENTIFIER) != bool(self.kinds):
            raise ValueError(f"field {self.name}: identifier kinds go with identifier fields")
        if (self.type is ValueType.CHOICE) != bool(self.choices):
            raise ValueError(f"field {self.name}: choices go with choice fields")


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with one value: ``field`` names the connector's field."""

    field: str
    code: str
    reason: str


@dataclass(frozen=True, slots=True)
class Record:
    """A row ready to store; ``problems`` are identifiers kept without a key."""

    columns: dict[str, object]
    identity: tuple[str, ...]
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class RowError:
    """A row that cannot be stored, with every reason found."""

    problems: tuple[Problem, ...]


class Connector:
    """A bulk source. Subclasses set the class attributes; see the module docstring."""

    name: ClassVar[str]
    label: ClassVar[Label]
    description: ClassVar[Label]
    fields: ClassVar[tuple[Field, ...]]
    model: ClassVar[type[ImportedRow]]
    organisation_kinds: ClassVar[frozenset[str]]
    roles: ClassVar[frozenset[str]]
    # Retention (``samverkan.retention.imported``): the age of a row is the age of this.
    kept_from: ClassVar[str]
    # A later job of the same organisation with rows of this key replaces earlier rows of it.
    replaced_on_key: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Refuse a connector that leaves out part of the interface, when it is defined."""
        super().__init_subclass__(**kwargs)
        missing = [name for name in _DECLARED if not hasattr(cls, name)]
        if missing:
            raise TypeError(f"connector {cls.__name__} does not set {', '.join(missing)}")
        names = [spec.name for spec in cls.fields]
        if len(names) != len(set(names)):
            raise TypeError(f"connector {cls.__name__} names a field twice")

    def __init__(self, *, country: str) -> None:
        """``country`` (the importing organisation's, "SE" or "NO") reads numbers without one."""
        self.country = country
        self.zone = values.zone_of(country)
        self._kinds = {f.name: values.kinds_for(f.kinds, country) for f in self.fields}
        self._columns = [f.attname for f in self.model._meta.concrete_fields]

    @classmethod
    def default_mapping(cls) -> dict[str, str]:
        return {f.name: f.column for f in cls.fields}

    @classmethod
    def field_named(cls, name: str) -> Field:
        for candidate in cls.fields:
            if candidate.name == name:
                return candidate
        raise KeyError(name)

    def parse_row(self, row: Mapping[str, str]) -> Record | RowError:
        """Read every field of ``row`` (field name -> cell; absent or blank if unmapped)."""
        columns: dict[str, object] = {}
        identity: list[str] = []
        refused: list[Problem] = []
        kept: list[Problem] = []
        for spec in self.fields:
            raw = row.get(spec.name) or ""
            try:
                part = self._read(spec, raw, columns, kept)
            except values.CellError as problem:
                refused.append(Problem(spec.name, problem.code, problem.reason))
            else:
                identity.append(part)
        if not refused:
            refused.extend(self.check(columns))
        if refused:
            # Every problem of a refused row is told, those of its identifiers too.
            return RowError(tuple(refused + kept))
        return Record(columns, tuple(identity), tuple(kept))

    def check(self, columns: Mapping[str, object]) -> list[Problem]:
        """Rules across fields; a problem returned here refuses the row. None by default."""
        return []

    def stored_row(self, record: Record, **bookkeeping: object) -> ImportedRow:
        """The unsaved row for ``record`` with the engine's job, organisation, line and hash.

        Built from positional values in the table's column order: Django's
        fast path, which matters at a million rows.
        """
        values = {**record.columns, **bookkeeping}
        make: Any = self.model  # the stubs type keyword construction only
        row: ImportedRow = make(*[values.get(name) for name in self._columns])
        return row

    def _read(self, spec: Field, raw: str, columns: dict[str, object], kept: list[Problem]) -> str:
        """Put the field's columns into ``columns``; return its part of the row's identity."""
        values.check_cell(raw)
        blank = not raw.strip()
        if blank and spec.required:
            raise values.CellError("missing", "This column is empty, and the value is required.")
        if spec.type is ValueType.IDENTIFIER:
            found = (
                values.NO_IDENTIFIER
                if blank
                else values.identifier(
                    raw,
                    kinds=self._kinds[spec.name],
                    region=self.country if spec.country_hint else None,
                )
            )
            columns[f"{spec.name}_raw"] = raw
            columns[f"{spec.name}_key"] = found.key
            columns[f"{spec.name}_error"] = found.code
            if len(spec.kinds) > 1:
                columns[f"{spec.name}_kind"] = found.kind
            if found.code:
                kept.append(Problem(spec.name, found.code, found.reason))
            return found.identity
        if blank:
            columns[spec.name] = None if spec.type in _NULLABLE else ""
            return ""
        if spec.type is ValueType.INTEGER:
            number = values.integer(raw, minimum=spec.minimum, maximum=spec.maximum)
            columns[spec.name] = number
            return str(number)
        if spec.type is ValueType.DATETIME:
            moment = values.moment(raw, zone=self.zone)
            columns[spec.name] = moment
            return moment.astimezone(UTC).isoformat()
        if spec.type is ValueType.CHOICE:
            columns[spec.name] = values.choice(raw, spec.choices)
            return str(columns[spec.name])
        columns[spec.name] = text = values.text(raw)
        return text


_DECLARED = (
    "name",
    "label",
    "description",
    "fields",
    "model",
    "organisation_kinds",
    "roles",
    "kept_from",
)
_NULLABLE = frozenset({ValueType.INTEGER, ValueType.DATETIME})

__all__ = [
    "Connector",
    "Field",
    "Label",
    "Problem",
    "Record",
    "RowError",
    "ValueType",
]
