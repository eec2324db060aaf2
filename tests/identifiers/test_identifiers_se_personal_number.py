"""Swedish personal and coordination numbers: 10- and 12-digit writings meet."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samverkan.identifiers import InvalidIdentifier, normalise
from tests.identifiers.writing import luhn_digit, other_digit, padded

TODAY = datetime.date.today()


@st.composite
def personal_numbers(draw: st.DrawFn) -> tuple[datetime.date, str]:
    """A birth date up to 199 years back and its valid 12-digit number."""
    born = draw(st.dates(min_value=datetime.date(TODAY.year - 199, 1, 1), max_value=TODAY))
    day = born.day + (60 if draw(st.booleans()) else 0)  # coordination number
    serial = draw(st.text("0123456789", min_size=3, max_size=3))
    nine = f"{born:%y%m}{day:02d}{serial}"
    return born, f"{born:%Y}{nine[2:]}{luhn_digit(nine)}"


@st.composite
def writings(draw: st.DrawFn, born: datetime.date, key: str) -> str:
    """The 12-digit form with or without "-", or the 10-digit form with "-" or "+"."""
    if draw(st.booleans()):
        return draw(padded(key[:8] + draw(st.sampled_from(("", "-", " - ", " "))) + key[8:]))
    sign = "+" if born.year <= TODAY.year - 100 else draw(st.sampled_from(("-", "", " ")))
    return draw(padded(f"{key[2:8]}{sign}{key[8:]}"))


@given(number=personal_numbers(), data=st.data())
@settings(max_examples=200)
def test_every_writing_gives_the_twelve_digit_key(
    number: tuple[datetime.date, str], data: st.DataObject
) -> None:
    born, key = number
    identifier = normalise("se_personal_number", data.draw(writings(born, key)))
    assert identifier.key == key
    assert identifier.display == f"{key[:8]}-{key[8:]}"
    assert normalise("se_personal_number", identifier.display) == identifier


@given(number=personal_numbers(), shift=st.integers(1, 9))
@settings(max_examples=100)
def test_a_wrong_check_digit_is_refused_with_the_expected_one(
    number: tuple[datetime.date, str], shift: int
) -> None:
    _, key = number
    wrong = key[:-1] + other_digit(key[-1], shift)
    with pytest.raises(InvalidIdentifier) as caught:
        normalise("se_personal_number", wrong)
    assert caught.value.code == "checksum"
    assert f"check digit of this Swedish personal number is wrong (expected {key[-1]})" in str(
        caught.value
    )


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("811218-9876", "198112189876"),
        ("19811218-9876", "198112189876"),
        ("8112189876", "198112189876"),
        ("198112189876", "198112189876"),
        ("811218 - 9876", "198112189876"),
        ("811218\u20139876", "198112189876"),  # en dash from a word processor
        ("811278-9873", "198112789873"),  # coordination number: day 18 + 60
        ("121212+1212", "191212121212"),  # "+" means 100 or older
        ("000229+0005", None),  # 1900 was no leap year
    ],
)
def test_real_world_writings(raw: str, key: str | None) -> None:
    if key is None:
        with pytest.raises(InvalidIdentifier) as caught:
            normalise("se_personal_number", raw)
        assert caught.value.code == "date"
        return
    assert normalise("se_personal_number", raw).key == key


def test_ten_digits_take_the_latest_century_not_in_the_future() -> None:
    tomorrow = TODAY + datetime.timedelta(days=1)
    nine = f"{tomorrow:%y%m%d}123"
    raw = f"{nine[:6]}-{nine[6:]}{luhn_digit(nine)}"
    assert normalise("se_personal_number", raw).key[:4] == str(tomorrow.year - 100)


@pytest.mark.parametrize(
    ("raw", "code", "words"),
    [
        ("811218-987", "length", "this one has 9"),
        ("8112-18-9876", "format", "YYMMDD-NNNN"),
        ("811218/9876", "format", "only digits"),
        ("811318-9876", "date", "real date (1981-13-18)"),
        ("811200-9876", "date", "real date"),
        ("17811218-9876", "date", "birth year 1781"),
        (f"{TODAY.year + 1}0101-1234", "date", "impossible"),
    ],
)
def test_refusals_say_what_is_wrong(raw: str, code: str, words: str) -> None:
    with pytest.raises(InvalidIdentifier) as caught:
        normalise("se_personal_number", raw)
    assert caught.value.code == code
    assert words in caught.value.message


def test_a_twelve_digit_date_in_the_future_is_refused() -> None:
    later = TODAY + datetime.timedelta(days=2)
    nine = f"{later:%y%m%d}123"
    with pytest.raises(InvalidIdentifier) as caught:
        normalise("se_personal_number", f"{later:%Y}{nine[2:]}{luhn_digit(nine)}")
    assert caught.value.code == "date"
    assert "future" in caught.value.message
