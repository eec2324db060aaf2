"""Mistakes people make writing identifiers and names.

Invariant: every function here returns a writing that differs from its
input; for identifiers with check digits the change usually breaks them
(a transposition of unequal digits always changes a Luhn or mod-11 sum
unless by chance), which is what a resolver meets in real reports.
"""

from __future__ import annotations

import itertools
import random

# Æ is left alone: a keyboard without it writes "ae", which no longer folds
# to the same key as "æ" ("a"), so that would be an error, not a variant.
_ASCII = str.maketrans(
    {"å": "a", "ä": "a", "ö": "o", "ø": "o", "Å": "A", "Ä": "A", "Ö": "O", "Ø": "O", "é": "e"}
)


def _digit_positions(value: str) -> list[int]:
    return [i for i, char in enumerate(value) if char.isdigit()]


def transpose_digits(value: str, rng: random.Random, *, skip: int = 0) -> str | None:
    """Swap two adjacent unequal digits after the first ``skip`` characters; None if impossible."""
    positions = [i for i in _digit_positions(value) if i >= skip]
    pairs = [
        (a, b) for a, b in itertools.pairwise(positions)
        if b == a + 1 and value[a] != value[b]
    ]  # fmt: skip
    if not pairs:
        return None
    a, b = rng.choice(pairs)
    return value[:a] + value[b] + value[a] + value[b + 1 :]


def wrong_digit(value: str, rng: random.Random, *, skip: int = 0) -> str | None:
    """Replace one digit after the first ``skip`` characters with another digit."""
    positions = [i for i in _digit_positions(value) if i >= skip]
    if not positions:
        return None
    i = rng.choice(positions)
    digit = rng.choice([d for d in "0123456789" if d != value[i]])
    return value[:i] + digit + value[i + 1 :]


def typo(text: str, rng: random.Random) -> str:
    """Drop, double or swap one letter of a word of at least four letters."""
    positions = [i for i, char in enumerate(text) if char.isalpha()]
    if len(positions) < 4:
        return text + text[-1]
    i = rng.choice(positions[1:-1])
    how = rng.randrange(3)
    if how == 0:
        return text[:i] + text[i + 1 :]
    if how == 1:
        return text[:i] + text[i] + text[i:]
    if text[i] != text[i + 1]:
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return text[:i] + text[i + 1 :]


def ascii_fold(text: str) -> str:
    """Nordic letters as a keyboard without them writes them ("Jorgen", "Asa")."""
    return text.translate(_ASCII)
