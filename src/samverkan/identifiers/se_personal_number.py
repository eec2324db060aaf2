"""Swedish personal identity numbers and coordination numbers, keyed as YYYYMMDDNNNC.

Invariant: a key has 12 digits, its date (day minus 60 for a coordination
number) is a real date that is not in the future, and its last digit is the
Luhn check digit over the last ten.

Pitfalls:

- The 10-digit form leaves out the century. It is the latest one that puts
  the birth date not after today; a "+" separator instead of "-" means the
  person turns 100 or more this year, so the century is the latest one at least
  100 years back. The same 10-digit text can therefore mean another person
  once a century has passed; 12-digit forms are exact and their separator is
  ignored.
- A coordination number (samordningsnummer) adds 60 to the day. Its key keeps
  the day as written: it is a different number from the personal number with
  the same date.
- ``stdnum.se.personnummer`` reads day 61 as a date and refuses coordination
  numbers, so the date and century are worked out here; the check digit comes
  from ``stdnum.luhn``.
"""

from __future__ import annotations

import datetime
import re

from stdnum import luhn

from samverkan.identifiers._base import Identifier, InvalidIdentifier, prepare

KIND = "se_personal_number"
_LABEL = "Swedish personal number"
_SHAPE = re.compile(r"(?P<date>\d{6}|\d{8})(?P<sep>[-+]?)(?P<serial>\d{4})", re.ASCII)
_COORDINATION_DAY_OFFSET = 60


def normalise(raw: str, *, region: str | None = None) -> Identifier:
    """Parse a personnummer or samordningsnummer; ``region`` is not used."""
    text = prepare(raw, kind=KIND, label=_LABEL).replace(" ", "")
    match = _SHAPE.fullmatch(text)
    if match is None:
        raise _shape_error(text)
    date_part, serial = match["date"], match["serial"]
    today = datetime.date.today()
    if len(date_part) == 8:
        year = int(date_part[:4])
    else:
        year = _full_year(date_part, plus=match["sep"] == "+", today=today)
    _check_date(year, int(date_part[-4:-2]), int(date_part[-2:]), today=today)
    last_ten = date_part[-6:] + serial
    _check_digit(last_ten)
    key = f"{year:04d}{date_part[-4:]}{serial}"
    return Identifier(kind=KIND, key=key, display=f"{key[:8]}-{key[8:]}")


def _shape_error(text: str) -> InvalidIdentifier:
    """Say whether the characters, the digit count or the layout is wrong."""
    digits = re.findall(r"[0-9]", text)
    if re.search(r"[^0-9+\-]", text):
        return InvalidIdentifier(
            KIND, "format", "A Swedish personal number may contain only digits and - or +."
        )
    if len(digits) not in (10, 12):
        return InvalidIdentifier(
            KIND,
            "length",
            f"A Swedish personal number has 10 or 12 digits; this one has {len(digits)}.",
        )
    return InvalidIdentifier(
        KIND,
        "format",
        "Write a Swedish personal number as YYMMDD-NNNN or YYYYMMDD-NNNN.",
    )


def _full_year(yymmdd: str, *, plus: bool, today: datetime.date) -> int:
    """The four-digit birth year for the 10-digit form (see the module docstring)."""
    yy, month_day = int(yymmdd[:2]), yymmdd[2:]
    if plus:
        latest = today.year - 100
        return latest - (latest - yy) % 100
    year = today.year - (today.year - yy) % 100
    if f"{year:04d}{month_day}" > today.strftime("%Y%m%d"):
        year -= 100
    return year


def _check_date(year: int, month: int, day: int, *, today: datetime.date) -> None:
    """Raise ``date`` unless the (coordination-adjusted) date is real and not in the future."""
    if day > _COORDINATION_DAY_OFFSET:
        day -= _COORDINATION_DAY_OFFSET
    if not 1800 <= year <= today.year:
        raise InvalidIdentifier(
            KIND, "date", f"The birth year {year} of this Swedish personal number is impossible."
        )
    try:
        born = datetime.date(year, month, day)
    except ValueError:
        raise InvalidIdentifier(
            KIND,
            "date",
            f"This Swedish personal number does not start with a real date "
            f"({year:04d}-{month:02d}-{day:02d}).",
        ) from None
    if born > today:
        raise InvalidIdentifier(
            KIND,
            "date",
            f"The birth date {born.isoformat()} of this personal number is in the future.",
        )


def _check_digit(last_ten: str) -> None:
    """Raise ``checksum`` unless the last digit is the Luhn check digit."""
    expected = luhn.calc_check_digit(last_ten[:9])
    if last_ten[9] != expected:
        raise InvalidIdentifier(
            KIND,
            "checksum",
            f"The check digit of this Swedish personal number is wrong (expected {expected}).",
        )
