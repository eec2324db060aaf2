"""Reading one cell as a typed value: text, whole number, time, choice or identifier.

Invariant: every function either returns the value or raises ``CellError``
with a stable ``code`` and an English ``reason`` naming what is wrong; none
looks at other cells. Identifiers never raise: a value that does not
normalise comes back with its ``InvalidIdentifier`` code and message, so the
row keeps what was written.

Normalising is pure (``samverkan.identifiers``) and costs tens of
microseconds for a phone number, and bulk sources repeat the same numbers and
plates many times, so results are cached per (text, kinds, country).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo

from samverkan.identifiers import InvalidIdentifier, normalise
from samverkan.imports.storage import RAW_LENGTH

EARLIEST = datetime(1970, 1, 1, tzinfo=ZoneInfo("UTC"))
LATEST = datetime(2100, 1, 1, tzinfo=ZoneInfo("UTC"))
_ZONES = {"SE": "Europe/Stockholm", "NO": "Europe/Oslo"}
_INTEGER = re.compile(r"[+-]?[0-9]{1,18}")
# Errors that say what is wrong with a value of the right kind, rather than
# that the value is of another kind: preferred when several kinds are tried.
_SPECIFIC = frozenset({"checksum", "date", "country", "invalid"})


class CellError(ValueError):
    """The cell cannot be read as its field's type; ``reason`` says why, in English."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(code, reason)
        self.code = code
        self.reason = reason


@dataclass(frozen=True, slots=True)
class IdentifierValue:
    """An identifier as read: key and kind if it normalised, else the error's code and reason."""

    key: str | None
    kind: str
    code: str
    reason: str
    identity: str


NO_IDENTIFIER = IdentifierValue(key=None, kind="", code="", reason="", identity="")


def zone_of(country: str) -> tzinfo:
    """The zone in which times without an offset are read."""
    return ZoneInfo(_ZONES.get(country, "Europe/Stockholm"))


def kinds_for(kinds: tuple[str, ...], country: str) -> tuple[str, ...]:
    """``kinds`` with those of ``country`` ("se_…", "no_…") first, the order otherwise kept."""
    own = f"{country.lower()}_"
    return tuple(sorted(kinds, key=lambda kind: not kind.startswith(own)))


def check_cell(raw: str) -> None:
    if "\x00" in raw:
        raise CellError("format", "The value contains a NUL character.")
    if len(raw) > RAW_LENGTH:
        raise CellError(
            "length", f"The value is {len(raw)} characters long; at most {RAW_LENGTH} are kept."
        )


def text(raw: str) -> str:
    """The text with surrounding space removed and inner runs of space made single."""
    return " ".join(raw.split())


def integer(raw: str, *, minimum: int | None, maximum: int | None) -> int:
    cleaned = raw.strip().replace(" ", "").replace("\u00a0", "")
    if not _INTEGER.fullmatch(cleaned):
        raise CellError("format", f"{raw.strip()!r} is not a whole number.")
    number = int(cleaned)
    if minimum is not None and number < minimum:
        raise CellError("range", f"{number} is below the smallest allowed value, {minimum}.")
    if maximum is not None and number > maximum:
        raise CellError("range", f"{number} is above the largest allowed value, {maximum}.")
    return number


def moment(raw: str, *, zone: tzinfo) -> datetime:
    """An ISO 8601 time; without an offset it is read as local time in ``zone``."""
    try:
        parsed = datetime.fromisoformat(raw.strip())
    except ValueError:
        raise CellError(
            "format",
            f"{raw.strip()!r} is not a time; write it as ISO 8601, e.g. 2024-03-01T14:05:00+01:00.",
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone)
    if not EARLIEST <= parsed <= LATEST:
        raise CellError("range", "The time must lie between 1970 and 2100.")
    return parsed


def choice(raw: str, choices: Mapping[str, str]) -> str:
    found = choices.get(raw.strip().lower())
    if found is None:
        allowed = ", ".join(sorted(set(choices.values())))
        raise CellError("choice", f"{raw.strip()!r} is not one of: {allowed}.")
    return found


# A country's year of call records has some 230,000 numbers; 2**18 entries
# (about 90 MB at most) hold them all, so each is normalised once per run.
@lru_cache(maxsize=1 << 18)
def identifier(raw: str, *, kinds: tuple[str, ...], region: str | None) -> IdentifierValue:
    """The first of ``kinds`` that ``raw`` normalises as; else the most telling error."""
    errors: list[InvalidIdentifier] = []
    for kind in kinds:
        try:
            found = normalise(kind, raw, region=region)
        except InvalidIdentifier as error:
            errors.append(error)
        else:
            return IdentifierValue(found.key, kind, "", "", found.key)
    telling = next((e for e in errors if e.code in _SPECIFIC), errors[0])
    return IdentifierValue(None, telling.kind, telling.code, telling.message, "?" + text(raw))
