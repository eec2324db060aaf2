"""Phone numbers, keyed in E.164 ("+46701234567").

Invariant: a key is only ever produced for a number that libphonenumber's
metadata calls *valid* (an allocated range of the right length), so two keys
are equal exactly when the numbers are the same line.

Pitfalls:

- A number without country code is read in the ``region`` hint's numbering
  plan. Without a hint, a number starting with the trunk "0" is read as
  Swedish; any other is tried as Norwegian first and then Swedish, because
  Norwegian numbers have no trunk prefix while Swedes always write the 0 —
  "912 34 567" is a Norwegian mobile, not Byske 0912-345 67.
- A hint of SE or NO is tried first and the neighbour second: a Norwegian
  officer writes down a Swedish courier's "070-123 45 67" as heard, and it is
  no Norwegian number at all. The hint wins whenever the number is valid in
  its plan. The neighbour is tried only in its own habit: Swedish when
  written with the trunk 0 or the country code, Norwegian when written
  without the trunk 0. A Norwegian's
  mistyped "49 00 22 54" is refused (and may be repaired), not read as the
  Swedish landline 0490-022 54.
- "+46 (0)70 ..." and "+46 070 ..." both drop the trunk 0; libphonenumber
  handles that.
- Letters are refused: libphonenumber would turn "070 ABC" into keypad
  digits, which in reports means a typo, not a vanity number.
- Extensions ("ext. 12") fall under the letter rule; short codes (112,
  11414) are not valid numbers. Neither names a line.
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import (
    CountryCodeSource,
    NumberParseException,
    PhoneNumber,
    PhoneNumberFormat,
    ValidationResult,
)

from samverkan.identifiers._base import Identifier, InvalidIdentifier, clean_region, prepare

KIND = "phone"
_LABEL = "phone number"
_URI_PREFIX = re.compile(r"^(?:tel|callto|sms):", re.IGNORECASE)
_ALLOWED = re.compile(r"[0-9+()\-./ ]+")

_PARSE_ERRORS = {
    NumberParseException.INVALID_COUNTRY_CODE: (
        "country",
        "The country code of this phone number does not exist.",
    ),
    NumberParseException.TOO_SHORT_AFTER_IDD: (
        "length",
        "This phone number is too short after its international prefix.",
    ),
    NumberParseException.TOO_SHORT_NSN: ("length", "This phone number is too short."),
    NumberParseException.TOO_LONG: ("length", "This phone number is too long."),
}
_POSSIBILITY_ERRORS = {
    ValidationResult.TOO_SHORT: "This phone number has too few digits for its country.",
    ValidationResult.TOO_LONG: "This phone number has too many digits for its country.",
    ValidationResult.INVALID_LENGTH: "This phone number has the wrong number of digits.",
    ValidationResult.IS_POSSIBLE_LOCAL_ONLY: (
        "This phone number lacks its area code; write it with the area code."
    ),
}


def normalise(raw: str, *, region: str | None = None) -> Identifier:
    """Parse a phone number written in any national or international habit."""
    text = _URI_PREFIX.sub("", prepare(raw, kind=KIND, label=_LABEL)).strip()
    if not _ALLOWED.fullmatch(text):
        raise InvalidIdentifier(
            KIND,
            "format",
            "A phone number may contain only digits, spaces and the signs + - . / ( ).",
        )
    hint = clean_region(region, kind=KIND)
    if hint is not None and hint not in phonenumbers.SUPPORTED_REGIONS:
        raise InvalidIdentifier(
            KIND, "country", f"The country hint {hint} has no phone numbering plan."
        )
    errors: list[InvalidIdentifier] = []
    for candidate in _regions(text, hint):
        try:
            number = _parse_valid(text, candidate)
        except InvalidIdentifier as error:
            errors.append(error)
            continue
        if candidate != hint and not _neighbours_habit(text, number, candidate):
            continue
        return Identifier(kind=KIND, key=_e164(number), display=_international(number))
    raise errors[0]  # the first plan tried is the likeliest, so its complaint is the useful one


_NEIGHBOUR = {"SE": "NO", "NO": "SE"}


def _regions(text: str, hint: str | None) -> tuple[str, ...]:
    """The numbering plans to try, in order (see the module docstring)."""
    if hint in _NEIGHBOUR:
        return (hint, _NEIGHBOUR[hint])
    if hint is not None:
        return (hint,)
    if _trunk(text):
        return ("SE",)
    return ("NO", "SE")


def _trunk(text: str) -> bool:
    return text.lstrip("( ").startswith("0")


def _neighbours_habit(text: str, number: PhoneNumber, region: str) -> bool:
    """Whether a number read in the hint's neighbour's plan was written as its people write it.

    Norway has no trunk 0: a number written with one is never Norwegian.
    Swedes write their trunk 0 or the country code ("46 70…"): a number
    read as Swedish with neither is a Norwegian's slip.
    """
    if region == "NO":
        return not _trunk(text)
    return _trunk(text) or number.country_code_source != CountryCodeSource.FROM_DEFAULT_COUNTRY


def _parse_valid(text: str, region: str) -> PhoneNumber:
    """Parse in one numbering plan; raise unless the number is possible and valid."""
    try:
        number = phonenumbers.parse(text, region, keep_raw_input=True)
    except NumberParseException as error:
        code, message = _PARSE_ERRORS.get(
            error.error_type, ("format", "This does not look like a phone number.")
        )
        raise InvalidIdentifier(KIND, code, message) from error
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason == ValidationResult.INVALID_COUNTRY_CODE:
        raise InvalidIdentifier(
            KIND, "country", "The country code of this phone number does not exist."
        )
    if reason != ValidationResult.IS_POSSIBLE:
        raise InvalidIdentifier(KIND, "length", _POSSIBILITY_ERRORS[reason])
    if not phonenumbers.is_valid_number(number):
        raise InvalidIdentifier(
            KIND,
            "invalid",
            f"The number {_e164(number)} is not in any range allocated by its country's "
            "numbering plan.",
        )
    return number


def _e164(number: PhoneNumber) -> str:
    return str(phonenumbers.format_number(number, PhoneNumberFormat.E164))


def _international(number: PhoneNumber) -> str:
    """International format with spaces only ("+46 70 123 45 67", not "+46 70-123 45 67")."""
    formatted = phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    return str(formatted).replace("-", " ")
