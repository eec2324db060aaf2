"""International bank account numbers, keyed in compact upper case ("SE4550000000058398257466").

Invariant: a key passes ``stdnum.iban.validate``: a known country, that
country's account layout and length, the mod-97 check digits and, where
stdnum knows one (Norway, among others), the national account check digit.

Pitfalls:

- stdnum tests the mod-97 digits before the layout, so a wrong length would
  be reported as a wrong checksum. Here the layout is tested first, on a copy
  with corrected check digits, so the message names the real fault.
- A leading "IBAN" label, spaces, dashes and dots are dropped; letters are
  upper-cased.
"""

from __future__ import annotations

import re

from stdnum import iban
from stdnum.exceptions import InvalidChecksum, InvalidComponent, ValidationError

from samverkan.identifiers._base import Identifier, InvalidIdentifier, prepare

KIND = "iban"
_LABEL = "IBAN"
_SHAPE = re.compile(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}")


def normalise(raw: str, *, region: str | None = None) -> Identifier:
    """Parse an IBAN written in groups, in lower case or with a label; ``region`` is not used."""
    text = re.sub(r"^IBAN\s*:?", "", prepare(raw, kind=KIND, label=_LABEL).upper())
    text = re.sub(r"[\s.\-]", "", text)
    if not _SHAPE.fullmatch(text):
        raise InvalidIdentifier(
            KIND,
            "format",
            "An IBAN is a country code, two check digits and the account (letters and digits).",
        )
    expected = iban.calc_check_digits(text)
    _check_layout(text[:2] + expected + text[4:])
    if text[2:4] != expected:
        raise InvalidIdentifier(
            KIND,
            "checksum",
            f"The check digits of this IBAN are wrong: they do not match the account "
            f"(for this account they would be {expected}).",
        )
    return Identifier(kind=KIND, key=text, display=iban.format(text))


def _check_layout(corrected: str) -> None:
    """Validate everything but the IBAN check digits, which ``corrected`` has right."""
    country = corrected[:2]
    try:
        iban.validate(corrected)
    except InvalidComponent:
        raise InvalidIdentifier(
            KIND, "country", f"There are no IBANs for the country code {country}."
        ) from None
    except InvalidChecksum:
        raise InvalidIdentifier(
            KIND,
            "checksum",
            f"The check digit of the {country} account number inside this IBAN is wrong.",
        ) from None
    except ValidationError:
        raise InvalidIdentifier(
            KIND,
            "format",
            f"This IBAN does not have the length and layout of an IBAN from country {country}.",
        ) from None
