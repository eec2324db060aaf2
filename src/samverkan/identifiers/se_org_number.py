"""Swedish organisation numbers, keyed as 10 digits ("5566778899").

Invariant: a key has 10 digits and its last digit is the Luhn check digit.

Pitfalls:

- The same number appears as "556677-8899", with the century-like prefix 16
  that Skatteverket uses in 12-digit fields ("16556677-8899") and inside the
  VAT number ("SE556677889901"); all three give one key.
- A sole trader's organisation number is the owner's personal number, so a
  10-digit personal number is also a valid key here. A 12-digit form with
  19 or 20 in front is refused: enter it as a ``se_personal_number``.
- Labels such as "Org.nr:" in front of the number are dropped.
"""

from __future__ import annotations

import re

from stdnum import luhn
from stdnum.exceptions import ValidationError
from stdnum.se import orgnr

from samverkan.identifiers._base import Identifier, InvalidIdentifier, prepare

KIND = "se_org_number"
_LABEL = "Swedish organisation number"
_LEADING_LABEL = re.compile(r"^(?:org\.?\s*nr\.?|organisationsnummer)\s*:?\s*", re.IGNORECASE)
_VAT = re.compile(r"SE([0-9]{10})01")


def normalise(raw: str, *, region: str | None = None) -> Identifier:
    """Parse a plain, 16-prefixed or VAT-form organisation number; ``region`` is not used."""
    text = _LEADING_LABEL.sub("", prepare(raw, kind=KIND, label=_LABEL))
    text = re.sub(r"[\s.\-]", "", text).upper()
    digits = _ten_digits(text)
    try:
        orgnr.validate(digits)
    except ValidationError:
        expected = luhn.calc_check_digit(digits[:9])
        raise InvalidIdentifier(
            KIND,
            "checksum",
            f"The check digit of this Swedish organisation number is wrong (expected {expected}).",
        ) from None
    return Identifier(kind=KIND, key=digits, display=f"{digits[:6]}-{digits[6:]}")


def _ten_digits(text: str) -> str:
    """Reduce the plain, 16-prefixed and VAT forms to the ten digits."""
    if text.startswith("SE"):
        vat = _VAT.fullmatch(text)
        if vat is None:
            raise InvalidIdentifier(
                KIND, "format", "A Swedish VAT number is SE, ten digits and 01, as SE556677889901."
            )
        return vat[1]
    if not re.fullmatch(r"[0-9]+", text):
        raise InvalidIdentifier(
            KIND, "format", "A Swedish organisation number may contain only digits and -."
        )
    if len(text) == 12 and text.startswith("16"):
        return text[2:]
    if len(text) == 12:
        raise InvalidIdentifier(
            KIND,
            "format",
            "A 12-digit Swedish organisation number starts with 16; a personal number "
            "belongs in the personal number field.",
        )
    if len(text) != 10:
        raise InvalidIdentifier(
            KIND,
            "length",
            f"A Swedish organisation number has 10 digits; this one has {len(text)}.",
        )
    return text
