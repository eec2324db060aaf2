"""Folding of free text (names, street names) into a comparison form.

Invariant: ``fold`` returns lower-case words of letters and digits separated
by single spaces, with no diacritics, and ``fold(fold(x)) == fold(x)``.

Pitfalls:

- Nordic letters are folded the way Swedes and Norwegians misspell each
  other: å, ä and æ all become "a", ö and ø become "o" (not "aa", "ae",
  "oe"), so "Sørensen", "Sörensen" and "Sorensen" meet. "Møller" and "Moeller"
  do not.
- Letters that Unicode does not decompose (ø, æ, ł, đ, ð, þ, ı) are mapped
  by hand; everything else loses its accents through NFKD.
- Punctuation (hyphens, apostrophes, dots, colons) separates words, so
  "Karl-Erik" and "Karl Erik" meet. Letters of any script are kept.
"""

from __future__ import annotations

import unicodedata

_BY_HAND = str.maketrans(
    {
        "å": "a",
        "ä": "a",
        "æ": "a",
        "ö": "o",
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
    }
)


def fold(text: str) -> str:
    """Return ``text`` as lower-case, accent-free words separated by single spaces."""
    lowered = unicodedata.normalize("NFKC", text).casefold().translate(_BY_HAND)
    decomposed = unicodedata.normalize("NFKD", lowered)
    kept = (
        char if char.isalnum() or unicodedata.category(char) in ("Mc", "Me") else " "
        for char in decomposed
        if unicodedata.category(char) != "Mn"
    )
    # casefold() maps some scripts (Cherokee) to upper case: lower() settles them.
    return " ".join("".join(kept).split()).lower()
