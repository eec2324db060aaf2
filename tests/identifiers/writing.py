"""Hypothesis strategies that write one value the many ways people write it.

Shared by the identifier test modules; each module builds valid values itself
(computing check digits here, independently of the code under test) and uses
these to vary the writing.
"""

from __future__ import annotations

from hypothesis import strategies as st


@st.composite
def separated(draw: st.DrawFn, text: str, separators: str = " -") -> str:
    """``text`` with a separator (usually none) drawn between each pair of characters."""
    choices = ("", "", "", *separators)
    pieces = [text[:1]]
    for char in text[1:]:
        pieces.append(draw(st.sampled_from(choices)))
        pieces.append(char)
    return "".join(pieces)


@st.composite
def any_case(draw: st.DrawFn, text: str) -> str:
    """``text`` in lower, upper or mixed case."""
    style = draw(st.sampled_from(("lower", "upper", "same", "mixed")))
    if style == "lower":
        return text.lower()
    if style == "upper":
        return text.upper()
    if style == "same":
        return text
    return "".join(char.upper() if draw(st.booleans()) else char.lower() for char in text)


@st.composite
def padded(draw: st.DrawFn, text: str) -> str:
    """``text`` with spaces, tabs or a non-breaking space around it."""
    blank = st.sampled_from(("", " ", "  ", "\t", "\u00a0"))
    return f"{draw(blank)}{text}{draw(blank)}"


def luhn_digit(digits: str) -> str:
    """The Luhn check digit for ``digits`` (computed here, not by stdnum)."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str(-total % 10)


def other_digit(digit: str, shift: int) -> str:
    """A digit different from ``digit`` (``shift`` is 1-9)."""
    return str((int(digit) + shift) % 10)
