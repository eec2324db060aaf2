"""Norwegian national identity numbers (fødselsnummer, D-nummer), keyed as 11 digits.

Invariant: a key has 11 digits whose two mod-11 check digits are right and
whose date (day minus 40 for a D-number, month minus 40 for an H-number) is
a real date that is not in the future.

Pitfalls:

- Validation is ``stdnum.no.fodselsnummer``; the century comes from the
  individual number (digits 7-9), not from today's date.
- Some nine-digit stems have no valid first check digit (the sum gives 10);
  no correct number starts with them, and the message says so.
- FH-numbers (first digit 8 or 9, health sector) carry no birth date and
  are refused, as are the synthetic test numbers of Tenor (month plus 80).
- The new numbering planned from 2032 is not handled yet.
"""

from __future__ import annotations

import re

from stdnum.exceptions import InvalidChecksum, InvalidComponent, ValidationError
from stdnum.no import fodselsnummer

from samverkan.identifiers._base import Identifier, InvalidIdentifier, prepare

KIND = "no_personal_number"
_LABEL = "Norwegian national identity number"


def normalise(raw: str, *, region: str | None = None) -> Identifier:
    """Parse a fødselsnummer or D-nummer; ``region`` is not used."""
    text = re.sub(r"[\s.\-]", "", prepare(raw, kind=KIND, label=_LABEL))
    if not re.fullmatch(r"[0-9]+", text):
        raise InvalidIdentifier(
            KIND, "format", "A Norwegian national identity number may contain only digits."
        )
    if len(text) != 11:
        raise InvalidIdentifier(
            KIND,
            "length",
            f"A Norwegian national identity number has 11 digits; this one has {len(text)}.",
        )
    try:
        fodselsnummer.validate(text)
    except InvalidChecksum:
        raise _checksum_error(text) from None
    except InvalidComponent as error:
        raise InvalidIdentifier(
            KIND, "date", f"This Norwegian national identity number is refused: {error}"
        ) from None
    except ValidationError as error:  # pragma: no cover - length and format are checked above
        raise InvalidIdentifier(KIND, "format", str(error)) from None
    return Identifier(kind=KIND, key=text, display=f"{text[:6]} {text[6:]}")


def _checksum_error(number: str) -> InvalidIdentifier:
    """Name the wrong check digit and the digit that would be right."""
    first = fodselsnummer.calc_check_digit1(number[:9])
    if len(first) > 1:
        return InvalidIdentifier(
            KIND,
            "checksum",
            "No check digit fits the first nine digits of this Norwegian national identity "
            "number, so one of them is wrong.",
        )
    if number[9] != first:
        return InvalidIdentifier(
            KIND,
            "checksum",
            f"The first check digit of this Norwegian national identity number is wrong "
            f"(expected {first}).",
        )
    second = fodselsnummer.calc_check_digit2(number[:10])
    if len(second) > 1:
        return InvalidIdentifier(
            KIND,
            "checksum",
            "No second check digit fits this Norwegian national identity number, so one of "
            "its first ten digits is wrong.",
        )
    return InvalidIdentifier(
        KIND,
        "checksum",
        f"The second check digit of this Norwegian national identity number is wrong "
        f"(expected {second}).",
    )
