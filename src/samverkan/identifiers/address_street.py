"""The street line of an address: name, house number and letter, and the street key.

Invariant: ``street_key`` is ``folding.fold`` of the name after the
abbreviation rules below, so two writings of one street in one country give
one key. Used only by ``address``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from samverkan.identifiers.folding import fold

# Name: the shortest text holding a letter ("1:a Långgatan" keeps its "1:a").
# Letter: one letter standing alone after the number; "H0201" (a Norwegian
# flat) and "lgh 1102" (a Swedish one) are not house letters.
_STREET_LINE = re.compile(
    r"(?P<name>.*?[^\W\d_].*?)\s*"
    r"(?P<number>[0-9]+)"
    r"(?:\s*(?P<letter>[A-Za-z])(?![A-Za-z0-9]))?"
    r"(?P<rest>.*)"
)

# Written-out forms replace abbreviations before folding, while dots still show.
_SWEDISH_ABBREVIATIONS = (
    (re.compile(r"(?:gat|g)\.", re.IGNORECASE), "gatan"),
    (re.compile(r"(?:väg|v)\.", re.IGNORECASE), "vägen"),
    (re.compile(r"\bs:ta\b", re.IGNORECASE), "sankta"),
    (re.compile(r"\bs:t\b", re.IGNORECASE), "sankt"),
)
_NORWEGIAN_ABBREVIATIONS = (
    (re.compile(r"(?:gt\.?|g\.)(?=\s|$)", re.IGNORECASE), "gata"),
    (re.compile(r"(?:vn\.?|v\.)(?=\s|$)", re.IGNORECASE), "veien"),
)
# Applied to folded words: Norwegian street-type endings in one form.
_NORWEGIAN_ENDINGS = (
    (re.compile(r"(?:gaten|gate)\b"), "gata"),
    (re.compile(r"(?:vegen|veg|vei)\b"), "veien"),
)


@dataclass(frozen=True, slots=True)
class Street:
    """A parsed street line; flat and floor details are dropped."""

    name: str
    number: str
    letter: str

    @property
    def number_key(self) -> str:
        return f"{self.number}{self.letter.lower()}"

    @property
    def number_display(self) -> str:
        return f"{self.number} {self.letter.upper()}" if self.letter else self.number


def parse_street(line: str) -> Street | None:
    """Split "Storgatan 12 B lgh 1102" into name, number and letter; None without a number."""
    match = _STREET_LINE.fullmatch(line.strip())
    if match is None:
        return None
    name = match["name"].strip().rstrip(",")
    return Street(name=name, number=str(int(match["number"])), letter=match["letter"] or "")


def street_key(name: str, *, country: str) -> str:
    """Fold a street name after writing out the country's abbreviations."""
    if country == "SE":
        for pattern, written_out in _SWEDISH_ABBREVIATIONS:
            name = pattern.sub(written_out, name)
        return fold(name)
    for pattern, written_out in _NORWEGIAN_ABBREVIATIONS:
        name = pattern.sub(written_out, name)
    folded = fold(name)
    for pattern, written_out in _NORWEGIAN_ENDINGS:
        folded = pattern.sub(written_out, folded)
    return folded
