"""Swedish and Norwegian national identity numbers for synthetic people.

Invariant: every number returned is valid: a real birth date (shifted for
coordination and D-numbers), a serial in the range its century allows and
correct check digits. Canonical forms: Swedish ``YYYYMMDD-NNNC``, Norwegian
eleven digits ``DDMMYYIIIKK``.
"""

from __future__ import annotations

import random
from datetime import date

from samverkan.scenario.checkdigits import luhn_digit, mod11_digit

_NO_K1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_NO_K2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def se_personal_number(rng: random.Random, born: date, *, female: bool, coordination: bool) -> str:
    """A personnummer (or samordningsnummer: day + 60) for someone born on ``born``.

    The third serial digit is odd for men and even for women, as the Tax Agency
    assigns them.
    """
    day = born.day + (60 if coordination else 0)
    serial = f"{rng.randrange(100):02d}{rng.randrange(0, 10, 2) + (0 if female else 1)}"
    short = f"{born:%y%m}{day:02d}{serial}"
    return f"{born.year:04d}{born:%m}{day:02d}-{serial}{luhn_digit(short)}"


def no_personal_number(rng: random.Random, born: date, *, female: bool, d_number: bool) -> str:
    """A fødselsnummer (or D-nummer: first digit + 4) for someone born on ``born``.

    The individual number's range carries the century (000-499 for 1900-1999,
    500-999 for 2000-2039) and its last digit the sex (even for women). Stems
    without a valid check digit are redrawn, which is what the register does.
    """
    day = born.day + (40 if d_number else 0)
    low, high = (0, 499) if born.year < 2000 else (500, 999)
    while True:
        individual = rng.randint(low, high)
        if (individual % 2 == 0) != female:
            individual = individual + 1 if individual < high else individual - 1
        stem = f"{day:02d}{born:%m%y}{individual:03d}"
        first = mod11_digit(stem, _NO_K1)
        if first is None:
            continue
        second = mod11_digit(stem + first, _NO_K2)
        if second is None:
            continue
        return stem + first + second
