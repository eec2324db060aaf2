"""Personal names, keyed as folded words in "first last" order ("karl erik andersson").

Invariant: a key is ``folding.fold`` of the name with a "Last, First" form
turned round, and contains at least one letter.

Pitfalls:

- The key is for finding candidates, not for deciding identity: different
  people share names, and "Karl-Erik" meets "Karl Erik" on purpose.
- Only the comma form is reordered. "ANDERSSON Karl-Erik" (surname first
  without a comma, as some registers print it) keeps its order, because
  upper case alone does not reliably mark a surname.
- The display is the name as written, trimmed and with single spaces; it is
  not reordered or re-cased.
"""

from __future__ import annotations

from samverkan.identifiers._base import Identifier, InvalidIdentifier, prepare
from samverkan.identifiers.folding import fold

KIND = "person_name"
_LABEL = "name"


def normalise(raw: str, *, region: str | None = None) -> Identifier:
    """Fold a personal name for comparison; ``region`` is not used."""
    display = prepare(raw, kind=KIND, label=_LABEL)
    if not any(char.isalpha() for char in display):
        raise InvalidIdentifier(KIND, "format", "A name must contain letters, not only digits.")
    parts = [part.strip() for part in display.split(",")]
    if len(parts) > 2:
        raise InvalidIdentifier(
            KIND,
            "format",
            "A name may contain at most one comma, between surname and given names.",
        )
    ordered = " ".join(reversed(parts)) if len(parts) == 2 else display
    return Identifier(kind=KIND, key=fold(ordered), display=display)
