"""A company's name reduced to the form two writings of it share.

Not an identifier kind: two companies may bear one name, so a name never
makes an entity by itself. It is the key a company subject without an
organisation number is matched by (``resolution.near_keys``), and what the
entity page shows a company as.

Invariant: the key is the name folded like personal names
(``folding.fold``: lower case, accents off, "&" and punctuation gone) with
the legal form at the end left out ("AB", "Aktiebolag", "AS", "ASA",
"HB", "KB", "ANS", "DA", "ENK"), since writers add or drop it; "" when
nothing is left.
"""

from __future__ import annotations

from samverkan.identifiers.folding import fold

_LEGAL_FORMS = frozenset(
    {"ab", "aktiebolag", "as", "asa", "hb", "handelsbolag", "kb", "ans", "da", "enk", "publ"}
)


def company_name_key(raw: str) -> str:
    """The matching key of a written company name ("Bygg & Städ AB" -> "bygg stad")."""
    words = fold(raw).split()
    while words and words[-1] in _LEGAL_FORMS:
        words.pop()
    return " ".join(words)
