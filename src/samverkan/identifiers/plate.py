"""Swedish and Norwegian vehicle registration plates, keyed as "SE:ABC123" or "NO:AB12345".

Invariant: a Swedish key is three letters (A-Z without I, Q and V), two
digits and a digit or letter; a Norwegian key is two letters and four or five
digits.

Pitfalls:

- The country follows from the shape: 3 letters + 3 characters is Swedish,
  2 letters + 4-5 digits Norwegian. A ``region`` hint forces the country and
  a plate of the other shape is then refused.
- Swedish plates may end in a letter since 2019 ("ABC 12A"); Swedish plates
  never use I, Q or V (too like 1, O and U) and those are refused.
- Personalised plates ("MYCAR1"), diplomatic, military and foreign plates
  are not understood.
- The display has no country ("ABC 123", "AB 12345"): the shape shows it. A
  trailing "(SE)" or a leading "SE:" (the key itself) is accepted as input.
"""

from __future__ import annotations

import re

from samverkan.identifiers._base import (
    Identifier,
    InvalidIdentifier,
    prepare,
    require_nordic_region,
)

KIND = "plate"
_LABEL = "registration plate"
_SWEDISH = re.compile(r"([A-Z]{3})([0-9]{2}[0-9A-Z])")
_NORWEGIAN = re.compile(r"([A-Z]{2})([0-9]{4,5})")
_SWEDISH_UNUSED_LETTERS = frozenset("IQV")
_COUNTRY_MARK = re.compile(r"^(SE|NO)\s*:\s*|\s*\((SE|NO)\)$")


def normalise(raw: str, *, region: str | None = None) -> Identifier:
    """Parse a plate written with any case, spaces or dashes."""
    text = prepare(raw, kind=KIND, label=_LABEL).upper()
    hint = require_nordic_region(region, kind=KIND, label="plate")
    text, marked = _without_country_mark(text)
    if marked and hint and marked != hint:
        raise InvalidIdentifier(
            KIND, "country", f"The plate is marked {marked} but {hint} was asked for."
        )
    hint = hint or marked
    compact = re.sub(r"[\s\-.]", "", text)
    if not re.fullmatch(r"[A-Z0-9]+", compact):
        raise InvalidIdentifier(
            KIND, "format", "A registration plate may contain only letters A-Z, digits and spaces."
        )
    if hint != "NO" and (swedish := _SWEDISH.fullmatch(compact)):
        return _swedish(swedish[1], swedish[2])
    if hint != "SE" and (norwegian := _NORWEGIAN.fullmatch(compact)):
        letters, digits = norwegian[1], norwegian[2]
        return Identifier(kind=KIND, key=f"NO:{letters}{digits}", display=f"{letters} {digits}")
    raise _shape_error(compact, hint)


def _without_country_mark(text: str) -> tuple[str, str | None]:
    """Split "SE:ABC123" or "ABC 123 (SE)" into the plate and its country."""
    match = _COUNTRY_MARK.search(text)
    if match is None:
        return text, None
    return _COUNTRY_MARK.sub("", text), match[1] or match[2]


def _swedish(letters: str, rest: str) -> Identifier:
    unused = sorted(_SWEDISH_UNUSED_LETTERS.intersection(letters + rest[2]))
    if unused:
        raise InvalidIdentifier(
            KIND,
            "format",
            f"Swedish plates never use the letters I, Q or V; this one has {', '.join(unused)}.",
        )
    return Identifier(kind=KIND, key=f"SE:{letters}{rest}", display=f"{letters} {rest}")


def _shape_error(compact: str, hint: str | None) -> InvalidIdentifier:
    """Say which shape was expected, and whether the plate fits the other country."""
    if hint == "SE" and _NORWEGIAN.fullmatch(compact):
        return InvalidIdentifier(
            KIND, "country", "This looks like a Norwegian plate, but a Swedish one was asked for."
        )
    if hint == "NO" and _SWEDISH.fullmatch(compact):
        return InvalidIdentifier(
            KIND, "country", "This looks like a Swedish plate, but a Norwegian one was asked for."
        )
    return InvalidIdentifier(
        KIND,
        "format",
        "A plate is three letters and three characters (Swedish, ABC 123 or ABC 12A) or two "
        "letters and four or five digits (Norwegian, AB 12345).",
    )
