"""Mobile device identities (IMEI), keyed as 15 digits with the Luhn check digit.

Invariant: a key has 15 digits and ``stdnum.imei`` accepts it (the last
digit is the Luhn check digit over the first 14).

Pitfalls:

- 14 digits (TAC + serial, as some forms print it) get their check digit
  added, so "35-209900-176148" and "35-209900-176148-1" meet.
- A 16-digit IMEISV (TAC + serial + 2-digit software version, as network
  and call records often log it) names the same handset as the IMEI: the
  software version is dropped and the check digit computed, so the key is
  the handset's IMEI. The IMEISV has no check digit of its own, so nothing
  can be verified for it.
- A leading "IMEI:" or "IMEISV:" label is dropped; spaces, dashes, dots and
  slashes are separators.
"""

from __future__ import annotations

import re

from stdnum import imei, luhn

from samverkan.identifiers._base import Identifier, InvalidIdentifier, prepare

KIND = "imei"
_LABEL = "IMEI"
_LEADING_LABEL = re.compile(r"^IMEI(?:SV)?\s*(?:nr\.?|no\.?)?\s*:?\s*", re.IGNORECASE)
_IMEISV_DIGITS = 16
_WITHOUT_CHECK_DIGITS = 14


def normalise(raw: str, *, region: str | None = None) -> Identifier:
    """Parse an IMEI of 14, 15 or 16 (IMEISV) digits; ``region`` is not used."""
    text = _LEADING_LABEL.sub("", prepare(raw, kind=KIND, label=_LABEL))
    digits = re.sub(r"[\s\-./]", "", text)
    if not re.fullmatch(r"[0-9]+", digits):
        raise InvalidIdentifier(KIND, "format", "An IMEI may contain only digits.")
    if len(digits) == _IMEISV_DIGITS:
        digits = digits[:_WITHOUT_CHECK_DIGITS]
    if len(digits) == _WITHOUT_CHECK_DIGITS:
        digits += luhn.calc_check_digit(digits)
    if len(digits) != 15:
        raise InvalidIdentifier(
            KIND,
            "length",
            f"An IMEI has 15 digits (14 without the check digit, 16 as IMEISV); "
            f"this one has {len(digits)}.",
        )
    if not imei.is_valid(digits):
        expected = luhn.calc_check_digit(digits[:_WITHOUT_CHECK_DIGITS])
        raise InvalidIdentifier(
            KIND,
            "checksum",
            f"The last digit of this IMEI is a check digit and is wrong (expected {expected}).",
        )
    return Identifier(kind=KIND, key=digits, display=imei.format(digits))
