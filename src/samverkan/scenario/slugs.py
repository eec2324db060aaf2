"""Organisation codes from Nordic names.

Invariant: a slug matches the organisation code pattern's tail
(``[a-z0-9-]``): Nordic letters are folded, anything else becomes a single
dash, and the same name always gives the same slug.
"""

from __future__ import annotations

import re

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "ø": "o", "æ": "ae", "é": "e", "ü": "u"})
_OTHER = re.compile(r"[^a-z0-9]+")


def slug(name: str) -> str:
    return _OTHER.sub("-", name.lower().translate(_FOLD)).strip("-")
