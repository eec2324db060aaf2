"""What one slip of the hand turns an identifier into, and back.

Invariant: pure functions of their text, no knowledge of any kind's rules.
A slip is one mistyped digit or two neighbouring characters swapped (the
commonest errors in copied numbers); separators stay where they were, so
the variants of a written value are written values too and can be put
through the kind's own ``normalise``. A machine slips differently: a
number-plate camera reads one character as another of like shape
(``lookalike_variants``). ``one_edit_apart`` is the wider measure used for
names (a dropped, doubled, changed or swapped letter).
"""

from __future__ import annotations

import itertools

_DIGITS = "0123456789"
# Characters of like shape in plate fonts, which optical reading confuses
# (the confusion sets ANPR systems publish: 0/O/D/Q, 1/I/7, 8/B/3, 5/S, 2/Z …).
_LOOKALIKE_GROUPS = (
    "0ODQ", "1I7", "17T", "2Z", "38B", "68G", "6G", "CG", "5S", "4A", "EF", "FP", "PRB",
    "MNW", "NH", "UVY", "KX",
)  # fmt: skip
_LOOKALIKES = {
    char: {other for group in _LOOKALIKE_GROUPS if char in group for other in group} - {char}
    for char in "".join(_LOOKALIKE_GROUPS)
}


def keystroke_variants(text: str) -> set[str]:
    """Every text one mistyped digit, or one swap of neighbouring letters or digits, away.

    Characters other than letters and digits (spaces, dashes, "+") are kept in
    place and skipped over, so "070-123" has the swap "071-023".
    """
    variants: set[str] = set()
    chars = list(text)
    positions = [i for i, char in enumerate(chars) if char.isalnum()]
    for i in positions:
        if chars[i] in _DIGITS:
            original = chars[i]
            for digit in _DIGITS:
                if digit != original:
                    chars[i] = digit
                    variants.add("".join(chars))
            chars[i] = original
    for i, j in itertools.pairwise(positions):
        if chars[i] != chars[j]:
            chars[i], chars[j] = chars[j], chars[i]
            variants.add("".join(chars))
            chars[i], chars[j] = chars[j], chars[i]
    return variants


def lookalike_variants(text: str) -> set[str]:
    """Every text one character of like shape away ("ABC 123" → "A8C 123", "ABC 1Z3" …).

    Lower-case letters are read as their capitals; other characters stay.
    """
    chars = list(text.upper())
    variants: set[str] = set()
    for i, char in enumerate(chars):
        for other in _LOOKALIKES.get(char, ()):
            chars[i] = other
            variants.add("".join(chars))
        chars[i] = char
    return variants


def one_edit_apart(a: str, b: str) -> bool:
    """True if one letter dropped, added or changed, or two swapped, make ``a`` into ``b``."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    start = 0
    while start < len(a) and a[start] == b[start]:
        start += 1
    if len(a) < len(b):
        return a[start:] == b[start + 1 :]
    if a[start + 1 :] == b[start + 1 :]:
        return True
    return (
        start + 1 < len(a)
        and a[start] == b[start + 1]
        and a[start + 1] == b[start]
        and a[start + 2 :] == b[start + 2 :]
    )
