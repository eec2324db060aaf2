"""Swedish bank accounts (clearing number and account number), keyed as "CLEARING:ACCOUNT".

Invariant: the clearing part has 4 digits, or 5 when it starts with 8
(Swedbank and the savings banks, whose fifth digit is a Luhn check digit over
the first four); the account part has 7 to 10 digits, and exactly 10 (padded
with zeros) after a 5-digit clearing number.

No library knows Swedish accounts, so the rules are hand-written and kept
deliberately loose (Bankgirot's per-bank check digits are not verified):

- The clearing number is what comes before a comma (or the colon of a key);
  without one it is the first group of 4 or 5 digits; when everything runs
  together it is the first 4 digits, or 5 for the 8-series.
- "8327-9" and "8327" are the same Swedbank clearing number: the missing
  check digit is computed, a present one is verified.
- Swedbank accounts have 7 to 10 digits and payment files pad them with
  zeros to 10 ("8327-9, 0012345678"); their key always has the padded form
  so that both writings meet, and the display drops the padding. Other
  banks have a fixed account length per clearing range, so their accounts
  are keyed as written.
- A Nordea personal account is clearing 3300 and the holder's 10-digit
  personal number as account ("3300-8811271234").
"""

from __future__ import annotations

import re

from stdnum import luhn

from samverkan.identifiers._base import Identifier, InvalidIdentifier, prepare

KIND = "se_bank_account"
_LABEL = "Swedish bank account number"
_SWEDBANK_SERIES = "8"
_MIN_ACCOUNT_DIGITS = 7
_MAX_ACCOUNT_DIGITS = 10


def normalise(raw: str, *, region: str | None = None) -> Identifier:
    """Parse a clearing number and account number; ``region`` is not used."""
    text = prepare(raw, kind=KIND, label=_LABEL)
    text = text.replace(":", ",")
    if re.search(r"[^0-9 ,.\-]", text):
        raise InvalidIdentifier(
            KIND,
            "format",
            "A Swedish bank account number may contain only digits, spaces, - and ,.",
        )
    clearing, account = _split(text)
    clearing = _check_clearing(clearing)
    if not _MIN_ACCOUNT_DIGITS <= len(account) <= _MAX_ACCOUNT_DIGITS:
        raise InvalidIdentifier(
            KIND,
            "length",
            f"The account number after the clearing number should have 7 to 10 digits; "
            f"this one has {len(account)}.",
        )
    if not account.strip("0"):
        raise InvalidIdentifier(KIND, "format", "The account number is only zeros.")
    if len(clearing) == 4:
        return Identifier(kind=KIND, key=f"{clearing}:{account}", display=f"{clearing}, {account}")
    shown = account.lstrip("0").zfill(_MIN_ACCOUNT_DIGITS)
    return Identifier(
        kind=KIND,
        key=f"{clearing}:{account.zfill(_MAX_ACCOUNT_DIGITS)}",
        display=f"{clearing[:4]}-{clearing[4]}, {shown}",
    )


def _split(text: str) -> tuple[str, str]:
    """Separate the clearing number from the account (see the module docstring)."""
    if "," in text:
        clearing, _, account = text.partition(",")
        return _digits(clearing), _digits(account)
    groups = re.findall(r"[0-9]+", text)
    first = groups[0]
    if len(first) in (4, 5):
        rest = groups[1:]
        if len(first) == 4 and first.startswith(_SWEDBANK_SERIES) and rest and len(rest[0]) == 1:
            first, rest = first + rest[0], rest[1:]
        return first, "".join(rest)
    digits = "".join(groups)
    width = 5 if digits.startswith(_SWEDBANK_SERIES) else 4
    return digits[:width], digits[width:]


def _digits(text: str) -> str:
    return re.sub(r"[^0-9]", "", text)


def _check_clearing(clearing: str) -> str:
    """Return the clearing number with a Swedbank check digit added, or raise."""
    if not re.fullmatch(r"[1-9][0-9]{3,4}", clearing):
        raise InvalidIdentifier(
            KIND,
            "format",
            "A clearing number has four digits (five for Swedbank's 8-series) and does not "
            "start with 0.",
        )
    if not clearing.startswith(_SWEDBANK_SERIES):
        if len(clearing) == 5:
            raise InvalidIdentifier(
                KIND,
                "format",
                "Only clearing numbers in the 8-series have a fifth digit; separate the "
                "clearing number from the account with a comma.",
            )
        return clearing
    expected = luhn.calc_check_digit(clearing[:4])
    if len(clearing) == 5 and clearing[4] != expected:
        raise InvalidIdentifier(
            KIND,
            "checksum",
            f"The fifth digit of this Swedbank clearing number is a check digit and is wrong "
            f"(expected {expected}).",
        )
    return clearing[:4] + expected
