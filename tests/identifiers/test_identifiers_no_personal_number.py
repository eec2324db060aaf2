"""Norwegian national identity numbers and D-numbers: one 11-digit key."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from samverkan.identifiers import InvalidIdentifier, normalise
from tests.identifiers.writing import other_digit, padded, separated

FIRST_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2)
SECOND_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def mod11_digit(digits: str, weights: tuple[int, ...]) -> int:
    """The check digit, or 10 when none exists (computed here, not by stdnum)."""
    return (11 - sum(w * int(d) for w, d in zip(weights, digits, strict=True)) % 11) % 11


@st.composite
def national_numbers(draw: st.DrawFn) -> str:
    """A valid fødselsnummer or D-number born 1900 to today."""
    born = draw(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date.today()))
    individual = draw(st.integers(0, 499) if born.year < 2000 else st.integers(500, 999))
    day = born.day + (40 if draw(st.booleans()) else 0)  # D-number
    nine = f"{day:02d}{born:%m%y}{individual:03d}"
    first = mod11_digit(nine, FIRST_WEIGHTS)
    assume(first < 10)
    second = mod11_digit(f"{nine}{first}", SECOND_WEIGHTS)
    assume(second < 10)
    return f"{nine}{first}{second}"


@given(number=national_numbers(), data=st.data())
@settings(max_examples=150)
def test_every_writing_gives_the_same_key(number: str, data: st.DataObject) -> None:
    raw = data.draw(
        st.sampled_from((number, f"{number[:6]} {number[6:]}", f"{number[:6]}-{number[6:]}"))
    )
    raw = data.draw(padded(data.draw(separated(raw, " "))))
    identifier = normalise("no_personal_number", raw)
    assert identifier.key == number
    assert identifier.display == f"{number[:6]} {number[6:]}"
    assert normalise("no_personal_number", identifier.display) == identifier


@given(number=national_numbers(), position=st.sampled_from((9, 10)), shift=st.integers(1, 9))
@settings(max_examples=100)
def test_a_wrong_check_digit_is_refused(number: str, position: int, shift: int) -> None:
    wrong = number[:position] + other_digit(number[position], shift) + number[position + 1 :]
    with pytest.raises(InvalidIdentifier) as caught:
        normalise("no_personal_number", wrong)
    assert caught.value.code == "checksum"
    assert "check digit" in caught.value.message


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("151086 95088", "15108695088"),
        ("15108695088", "15108695088"),
        ("151086-95088", "15108695088"),
        ("15.10.86 950 88", "15108695088"),
    ],
)
def test_real_world_writings(raw: str, key: str) -> None:
    assert normalise("no_personal_number", raw).key == key


@pytest.mark.parametrize(
    ("raw", "code", "words"),
    [
        ("1510869508", "length", "this one has 10"),
        ("151086 9508X", "format", "only digits"),
        ("15108695077", "checksum", "first check digit"),
        ("15108695089", "checksum", "second check digit"),
        ("15108695068", "checksum", "(expected 8)"),
        ("31028612345", "checksum", "check digit"),
    ],
)
def test_refusals_say_what_is_wrong(raw: str, code: str, words: str) -> None:
    with pytest.raises(InvalidIdentifier) as caught:
        normalise("no_personal_number", raw)
    assert caught.value.code == code
    assert words in caught.value.message


@pytest.mark.parametrize(
    "raw",
    [
        "31028610036",  # 31 February, with both check digits right
        "81028600038",  # an FH-number: no birth date by design
    ],
)
def test_a_right_checksum_without_a_real_date_is_refused_as_date(raw: str) -> None:
    with pytest.raises(InvalidIdentifier) as caught:
        normalise("no_personal_number", raw)
    assert caught.value.code == "date"
    assert "refused" in caught.value.message
