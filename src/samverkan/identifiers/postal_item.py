"""Postal item identifiers: UPU S10 numbers ("RR123456785SE") and operators' numeric barcodes.

Invariant: an S10 key is two letters, eight digits, the S10 check digit and
two letters; any other key is "BARCODE:" followed by 10 to 35 digits.

Pitfalls:

- python-stdnum has no S10 module, so the check digit is computed here
  (UPU S10 standard): weights 8 6 4 2 3 5 9 7 over the eight serial digits,
  check = 11 - (sum mod 11), where 10 becomes 0 and 11 becomes 5.
- The last two letters are an ISO country code in practice, but the
  standard allows others, so they are not checked against a list.
- Numeric barcodes (SSCC, operators' own series) have no check digit that
  all operators share, so only their length is checked. GS1 application
  identifiers in parentheses, "(00)", are kept as digits: write them
  consistently. The key itself ("BARCODE:…") is accepted as input.
"""

from __future__ import annotations

import re

from samverkan.identifiers._base import Identifier, InvalidIdentifier, prepare

KIND = "postal_item"
_LABEL = "postal item number"
_S10 = re.compile(r"([A-Z]{2})([0-9]{8})([0-9])([A-Z]{2})")
_S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)
_BARCODE_DIGITS = (10, 35)


def _s10_check_digit(serial: str) -> str:
    """Return the UPU S10 check digit for eight serial digits."""
    remainder = 11 - sum(w * int(d) for w, d in zip(_S10_WEIGHTS, serial, strict=True)) % 11
    return {10: "0", 11: "5"}.get(remainder, str(remainder))


def normalise(raw: str, *, region: str | None = None) -> Identifier:
    """Parse an S10 item number or a numeric barcode; ``region`` is not used."""
    text = prepare(raw, kind=KIND, label=_LABEL).upper().removeprefix("BARCODE:")
    compact = re.sub(r"[\s\-.()]", "", text)
    if re.fullmatch(r"[0-9]+", compact):
        return _barcode(compact)
    match = _S10.fullmatch(compact)
    if match is None:
        raise InvalidIdentifier(
            KIND,
            "format",
            "A postal item number is two letters, nine digits and two letters "
            "(RR 123 456 785 SE), or a barcode of digits only.",
        )
    service, serial, check, country = match.groups()
    expected = _s10_check_digit(serial)
    if check != expected:
        raise InvalidIdentifier(
            KIND,
            "checksum",
            f"The check digit (the ninth digit) of this postal item number is wrong "
            f"(expected {expected}).",
        )
    return Identifier(
        kind=KIND,
        key=compact,
        display=f"{service} {serial[:3]} {serial[3:6]} {serial[6:]}{check} {country}",
    )


def _barcode(digits: str) -> Identifier:
    low, high = _BARCODE_DIGITS
    if not low <= len(digits) <= high:
        raise InvalidIdentifier(
            KIND,
            "length",
            f"A numeric postal barcode has {low} to {high} digits; this one has {len(digits)}.",
        )
    return Identifier(kind=KIND, key=f"BARCODE:{digits}", display=digits)
