"""Check-digit arithmetic for the identifiers the world invents.

Invariant: these functions compute, they never validate or draw at random;
every generated identifier gets its check digits here, so a value straight
from the generator is always valid (noise breaks them later, on purpose).
"""

from __future__ import annotations

from collections.abc import Sequence

from stdnum import luhn

_S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


def luhn_digit(payload: str) -> str:
    """The Luhn (mod 10) check digit of a string of digits."""
    return str(luhn.calc_check_digit(payload))


def mod11_digit(payload: str, weights: Sequence[int]) -> str | None:
    """The weighted mod-11 check digit, or None when the remainder makes 10 (no valid digit).

    This is the Norwegian scheme (fødselsnummer, organisasjonsnummer, kontonummer):
    11 - (weighted sum mod 11), where 11 becomes 0.
    """
    total = sum(int(digit) * weight for digit, weight in zip(payload, weights, strict=True))
    check = 11 - total % 11
    if check == 11:
        return "0"
    if check == 10:
        return None
    return str(check)


def s10_digit(serial: str) -> str:
    """The UPU S10 check digit of an 8-digit serial number: 10 becomes 0, 11 becomes 5."""
    total = sum(int(digit) * weight for digit, weight in zip(serial, _S10_WEIGHTS, strict=True))
    check = 11 - total % 11
    if check == 10:
        return "0"
    if check == 11:
        return "5"
    return str(check)


def iban_digits(country: str, bban: str) -> str:
    """The two ISO 13616 check digits (98 - mod 97) for a country code and national account."""
    rearranged = bban + country + "00"
    numeric = "".join(str(int(char, 36)) for char in rearranged)
    return f"{98 - int(numeric) % 97:02d}"
