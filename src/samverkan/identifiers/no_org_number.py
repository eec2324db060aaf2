"""Norwegian organisation numbers, keyed as 9 digits ("923609016").

Invariant: a key has 9 digits whose weighted sum (3 2 7 6 5 4 3 2 1) is
divisible by 11 (``stdnum.no.orgnr``).

Pitfalls:

- The VAT form "NO923609016MVA" and the register's "923 609 016" give the
  same key; "MVA" may also follow the plain number.
- Some eight-digit stems have no valid check digit (it would be 10); the
  message then says that no check digit fits.
- The first digit is not checked: real numbers start with 8 or 9, but
  synthetic test organisations do not.
"""

from __future__ import annotations

import re

from stdnum.no import orgnr

from samverkan.identifiers._base import Identifier, InvalidIdentifier, prepare

KIND = "no_org_number"
_LABEL = "Norwegian organisation number"
_LEADING_LABEL = re.compile(r"^(?:org\.?\s*nr\.?|organisasjonsnummer)\s*:?\s*", re.IGNORECASE)
_VAT = re.compile(r"(?:NO)?([0-9]+)(?:MVA)?")


def normalise(raw: str, *, region: str | None = None) -> Identifier:
    """Parse an organisation number in its plain or VAT form; ``region`` is not used."""
    text = _LEADING_LABEL.sub("", prepare(raw, kind=KIND, label=_LABEL))
    match = _VAT.fullmatch(re.sub(r"[\s.\-]", "", text).upper())
    if match is None:
        raise InvalidIdentifier(
            KIND,
            "format",
            "A Norwegian organisation number is nine digits, optionally as NO…MVA.",
        )
    digits = match[1]
    if len(digits) != 9:
        raise InvalidIdentifier(
            KIND,
            "length",
            f"A Norwegian organisation number has 9 digits; this one has {len(digits)}.",
        )
    if orgnr.checksum(digits) != 0:
        raise _checksum_error(digits)
    return Identifier(kind=KIND, key=digits, display=orgnr.format(digits))


def _checksum_error(digits: str) -> InvalidIdentifier:
    """Name the check digit that would be right, or say that none fits."""
    expected = -orgnr.checksum(digits[:8] + "0") % 11
    if expected == 10:
        return InvalidIdentifier(
            KIND,
            "checksum",
            "No check digit fits the first eight digits of this Norwegian organisation "
            "number, so one of them is wrong.",
        )
    return InvalidIdentifier(
        KIND,
        "checksum",
        f"The check digit of this Norwegian organisation number is wrong (expected {expected}).",
    )
