"""The fields of a person record, each read from mentions by one small pure function.

Invariant: every function returns the field in its comparison form (folded
text, ISO date, canonical key) or None when the mention does not give it;
none raises on bad input, because a report may say anything and a field
that cannot be read is simply missing.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from stdnum.exceptions import ValidationError
from stdnum.no import fodselsnummer

from samverkan.identifiers import InvalidIdentifier, normalise
from samverkan.identifiers.address_street import parse_street, street_key
from samverkan.identifiers.folding import fold
from samverkan.resolution.given_names import given_name_group

_COORDINATION_DAY_OFFSET = 60
_DOTTED = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


@dataclass(frozen=True, slots=True)
class NameParts:
    """A folded name: first word, last word (None for one word) and the whole."""

    first: str
    last: str | None
    full: str

    @property
    def given_group(self) -> str:
        return given_name_group(self.first)


@dataclass(frozen=True, slots=True)
class AddressParts:
    """An address as postcode, folded street and house number (with letter)."""

    postcode: str | None
    street: str
    house_number: str
    key: str | None


def name_parts(raw: str) -> NameParts | None:
    """Split a written name into folded first and last words, "Last, First" turned round.

    The first word is taken as the given name and the last as the family
    name whatever lies between, so "Karl-Erik Andersson" and "Andersson,
    Karl Erik" agree on both; one word alone is a given name (a courier who
    knows his backer as "Kalle").
    """
    try:
        full = normalise("person_name", raw).key
    except InvalidIdentifier:
        return None
    return name_parts_of_key(full)


def name_parts_of_key(key: str) -> NameParts | None:
    """``name_parts`` of a name already keyed (``identifiers.normalise("person_name", ...)``)."""
    words = key.split()
    if not words:
        return None
    return NameParts(first=words[0], last=words[-1] if len(words) > 1 else None, full=key)


def nickname(raw: str) -> str | None:
    """A nickname folded for comparison ("Bror'n" -> "bror n")."""
    return fold(raw) or None


def birth_date(raw: str, *, country: str | None) -> str | None:
    """A written birth date as ISO "YYYY-MM-DD", or None when it is no real past date.

    Reads ISO, day-first with dots or slashes ("02.03.1985"), eight digits
    (YYYYMMDD) and six: year first in Sweden (YYMMDD), day first in Norway
    (DDMMYY), either tried when the country is unknown.
    """
    text = raw.strip()
    if match := _ISO.fullmatch(text):
        return _real(int(match[1]), int(match[2]), int(match[3]))
    if match := _DOTTED.fullmatch(text):
        return _real(int(match[3]), int(match[2]), int(match[1]))
    digits = text.replace(" ", "").replace("-", "")
    if not digits.isdigit():
        return None
    if len(digits) == 8:
        return _real(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    if len(digits) != 6:
        return None
    year_first = _real(_century(digits[:2]), int(digits[2:4]), int(digits[4:]))
    day_first = _real(_century(digits[4:]), int(digits[2:4]), int(digits[:2]))
    if country == "SE":
        return year_first
    if country == "NO":
        return day_first
    return year_first or day_first


def birth_date_from_personal_number(kind: str, key: str) -> str | None:
    """The birth date a Swedish or Norwegian personal-number key carries, as ISO."""
    if kind == "se_personal_number":
        day = int(key[6:8])
        if day > _COORDINATION_DAY_OFFSET:
            day -= _COORDINATION_DAY_OFFSET
        return _real(int(key[:4]), int(key[4:6]), day)
    if kind == "no_personal_number":
        try:
            return fodselsnummer.get_birth_date(key).isoformat()
        except (ValidationError, ValueError):
            return None
    return None


def address_parts(raw: str, key: str, *, country: str) -> AddressParts | None:
    """An address's parts from its canonical key, or from the street line when it has none.

    An address written without a postcode has no key, yet its street and
    number still say much: they are read from the first line, folded as the
    ``country`` folds street names.
    """
    if key:
        _, postcode, street, number = key.split(":")
        return AddressParts(postcode=postcode, street=street, house_number=number, key=key)
    line = parse_street(raw.replace("\n", ",").split(",")[0])
    if line is None:
        return None
    return AddressParts(
        postcode=None,
        street=street_key(line.name, country=country),
        house_number=line.number_key,
        key=None,
    )


def _century(yy: str) -> int:
    """The latest year ending in ``yy`` that is not after this year."""
    this_year = datetime.date.today().year
    return this_year - (this_year - int(yy)) % 100


def _real(year: int, month: int, day: int) -> str | None:
    """ISO text of the date when it exists and is not in the future."""
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        return None
    if date > datetime.date.today() or year < 1900:
        return None
    return date.isoformat()
