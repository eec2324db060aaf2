"""The everyday ways people write each identifier kind.

Invariant: every writing returned for a valid canonical value normalises to
that value's key: these are *variants*, not errors (errors are in
``spelling``). A phone of the reporter's own country may be written in the
national plan; a foreign one always carries its country code, as officers
write them ("0046 70 123 45 67" in a Norwegian statement).

The functions slice canonical strings by position, so they also accept a
value that an error has already changed without changing its length.
"""

from __future__ import annotations

import random
from collections.abc import Callable


def _se_phone(nsn: str, rng: random.Random, domestic: bool) -> str:
    # nsn: "701234567"
    a, b, c, d = nsn[:2], nsn[2:5], nsn[5:7], nsn[7:]
    forms = [
        f"+46 {a} {b} {c} {d}",
        f"+46{nsn}",
        f"0046 {a} {b} {c} {d}",
        f"0046{nsn}",
        f"+46 (0){a}-{b} {c} {d}",
    ]
    if domestic:
        forms += [
            f"0{a}-{b} {c} {d}",
            f"0{nsn}",
            f"0{a} {b} {c} {d}",
            f"{a} {nsn[2:4]} {nsn[4:6]} {nsn[6:]}",
            f"0{a}-{nsn[2:]}",
        ]
    return rng.choice(forms)


def _no_phone(nsn: str, rng: random.Random, domestic: bool) -> str:
    # nsn: "91234567"
    forms = [
        f"+47 {nsn[:3]} {nsn[3:5]} {nsn[5:]}",
        f"+47{nsn}",
        f"0047 {nsn[:2]} {nsn[2:4]} {nsn[4:6]} {nsn[6:]}",
        f"0047 {nsn}",
        f"(+47) {nsn}",
    ]
    if domestic:
        forms += [
            f"{nsn[:3]} {nsn[3:5]} {nsn[5:]}",
            nsn,
            f"{nsn[:2]} {nsn[2:4]} {nsn[4:6]} {nsn[6:]}",
        ]
    return rng.choice(forms)


def phone(value: str, rng: random.Random, reporter: str) -> str:
    """``value`` is E.164 ("+46701234567")."""
    if value.startswith("+46"):
        return _se_phone(value[3:], rng, reporter == "SE")
    return _no_phone(value[3:], rng, reporter == "NO")


def se_personal_number(value: str, rng: random.Random, reporter: str) -> str:
    """``value`` is "YYYYMMDD-NNNN"."""
    digits = value.replace("-", "")
    return rng.choice(
        (f"{digits[2:8]}-{digits[8:]}", digits[2:], digits, f"{digits[2:8]} {digits[8:]}")
    )


def no_personal_number(value: str, rng: random.Random, reporter: str) -> str:
    return rng.choice((f"{value[:6]} {value[6:]}", f"{value[:6]}-{value[6:]}", value))


def se_org_number(value: str, rng: random.Random, reporter: str) -> str:
    digits = value.replace("-", "")
    return rng.choice((digits, f"16{value}", f"SE{digits}01", f"Org.nr {value}"))


def no_org_number(value: str, rng: random.Random, reporter: str) -> str:
    spaced = f"{value[:3]} {value[3:6]} {value[6:]}"
    return rng.choice((spaced, f"NO {spaced} MVA", f"NO{value}MVA", f"org.nr. {spaced}"))


def iban(value: str, rng: random.Random, reporter: str) -> str:
    grouped = " ".join(value[i : i + 4] for i in range(0, len(value), 4))
    return rng.choice((grouped, f"IBAN {grouped}", grouped.lower(), f"IBAN: {value}"))


def plate(value: str, rng: random.Random, reporter: str) -> str:
    compact = value.replace(" ", "")
    return rng.choice((compact, value.lower(), value.replace(" ", "-"), compact.lower()))


def postal_item(value: str, rng: random.Random, reporter: str) -> str:
    serial = value[2:11]
    return rng.choice(
        (
            f"{value[:2]} {serial[:3]} {serial[3:6]} {serial[6:]} {value[11:]}",
            value.lower(),
            f"{value[:11]} {value[11:]}",
        )
    )


def birth_date(value: str, rng: random.Random, reporter: str) -> str:
    """``value`` is ISO "1985-03-02"; officers write it the way their country does."""
    year, month, day = value.split("-")
    if reporter == "NO":
        return rng.choice((f"{day}.{month}.{year}", f"{day}{month}{year[2:]}"))
    return rng.choice((f"{year}{month}{day}", f"{year[2:]}{month}{day}"))


# Keyed by mention kind; kinds without an entry (names, addresses) vary in ``noise``.
FORMATTERS: dict[str, Callable[[str, random.Random, str], str]] = {
    "phone": phone,
    "se_personal_number": se_personal_number,
    "no_personal_number": no_personal_number,
    "se_org_number": se_org_number,
    "no_org_number": no_org_number,
    "iban": iban,
    "plate": plate,
    "postal_item": postal_item,
    "birth_date": birth_date,
}
