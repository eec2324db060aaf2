"""What one slip of the hand turns an identifier into, and back.

Invariant: pure functions of their text, no knowledge of any kind's rules.
A slip is one mistyped digit or two neighbouring characters swapped (the
commonest errors in copied numbers); separators stay where they were, so
the variants of a written value are written values too and can be put
through the kind's own ``normalise``. ``one_edit_apart`` is the wider
measure used for names (a dropped, doubled, changed or swapped letter).
"""

from __future__ import annotations

import itertools

_DIGITS = "0123456789"


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
