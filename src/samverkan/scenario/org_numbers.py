"""Organisation numbers of synthetic Swedish and Norwegian companies.

Invariant: every number returned is valid. Swedish ``NNNNNN-NNNC`` with the
Luhn digit and the third digit at least 2 (as every legal person's is);
Norwegian nine digits starting with 8 or 9, weighted mod-11 check digit.
"""

from __future__ import annotations

import random

from samverkan.scenario.checkdigits import luhn_digit, mod11_digit

_NO_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def se_org_number(rng: random.Random) -> str:
    """An aktiebolag number (group 5, "55xxxx-xxxx" like most limited companies)."""
    payload = f"55{rng.randint(2, 9)}{rng.randrange(1_000_000):06d}"
    number = payload + luhn_digit(payload)
    return f"{number[:6]}-{number[6:]}"


def no_org_number(rng: random.Random) -> str:
    """A Brønnøysund organisasjonsnummer; stems without a valid check digit are redrawn."""
    while True:
        payload = f"{rng.choice('89')}{rng.randrange(10_000_000):07d}"
        check = mod11_digit(payload, _NO_WEIGHTS)
        if check is not None:
            return payload + check
