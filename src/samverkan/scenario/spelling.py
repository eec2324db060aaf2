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


# Characters a number-plate reader takes for one another (shapes alike in
# the plate fonts): a machine does not swap digits as a hand does, it
# misreads one character. Half of these cross between letter and digit and
# so break the plate's pattern; the others give another valid plate.
_LOOKALIKES = {
    "0": "ODQ", "O": "0DQ", "D": "0O", "Q": "0O", "1": "I7T", "I": "1", "7": "1T", "T": "71",
    "2": "Z", "Z": "2", "3": "8", "8": "3B6", "B": "8R", "6": "G8", "G": "6C", "C": "G",
    "5": "S", "S": "5", "4": "A", "A": "4", "E": "F", "F": "EP", "P": "RF", "R": "PB",
    "M": "NW", "N": "MH", "H": "N", "W": "M", "U": "V", "V": "UY", "Y": "V", "K": "X", "X": "K",
}  # fmt: skip


def misread(value: str, rng: random.Random) -> str | None:
    """One character of a plate read as a look-alike (8 as B, 0 as O); None if none can be."""
    positions = [i for i, char in enumerate(value) if char in _LOOKALIKES]
    if not positions:
        return None
    i = rng.choice(positions)
    return value[:i] + rng.choice(_LOOKALIKES[value[i]]) + value[i + 1 :]


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
