"""IBANs of synthetic Swedish and Norwegian bank accounts.

Invariant: every IBAN returned passes mod 97 and its country's layout
(SE: 24 characters, a 3-digit bank id and 17 digits; NO: 15 characters whose
11-digit kontonummer carries its own mod-11 check digit).
"""

from __future__ import annotations

import random

from samverkan.scenario.checkdigits import iban_digits, mod11_digit

# Bank ids inside Swedish IBANs (SEB, Handelsbanken, Swedbank, Nordea, Danske, ICA Banken).
_SE_BANK_IDS = ("500", "600", "800", "300", "120", "927")
# Norwegian bank registration numbers of large banks (first four digits of a kontonummer).
_NO_BANK_REGS = ("1503", "1602", "1254", "1207", "3000", "6003", "9710", "4212")
_NO_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def se_iban(rng: random.Random) -> str:
    bban = rng.choice(_SE_BANK_IDS) + f"{rng.randrange(10**17):017d}"
    return "SE" + iban_digits("SE", bban) + bban


def no_iban(rng: random.Random) -> str:
    """A Norwegian IBAN; account stems without a valid mod-11 digit are redrawn."""
    while True:
        stem = rng.choice(_NO_BANK_REGS) + f"{rng.randrange(1_000_000):06d}"
        check = mod11_digit(stem, _NO_WEIGHTS)
        if check is not None:
            bban = stem + check
            return "NO" + iban_digits("NO", bban) + bban


def iban(rng: random.Random, country: str) -> str:
    return se_iban(rng) if country == "SE" else no_iban(rng)
