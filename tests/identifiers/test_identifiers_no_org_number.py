"""Norwegian organisation numbers: the register's and the VAT form meet."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from samverkan.identifiers import InvalidIdentifier, normalise
from tests.identifiers.writing import any_case, other_digit, padded, separated

WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


@st.composite
def organisation_numbers(draw: st.DrawFn) -> str:
    eight = draw(st.text("0123456789", min_size=8, max_size=8))
    check = -sum(w * int(d) for w, d in zip(WEIGHTS, eight, strict=True)) % 11
    assume(check < 10)
    return f"{eight}{check}"


@given(number=organisation_numbers(), data=st.data())
@settings(max_examples=150)
def test_every_writing_gives_the_nine_digit_key(number: str, data: st.DataObject) -> None:
    spaced = data.draw(separated(number, " "))
    form = data.draw(
        st.sampled_from((spaced, f"NO{spaced}MVA", f"NO {spaced} MVA", f"{spaced} MVA"))
    )
    identifier = normalise("no_org_number", data.draw(padded(data.draw(any_case(form)))))
    assert identifier.key == number
    assert identifier.display == f"{number[:3]} {number[3:6]} {number[6:]}"
    assert normalise("no_org_number", identifier.display) == identifier


@given(number=organisation_numbers(), shift=st.integers(1, 9))
@settings(max_examples=60)
def test_a_wrong_check_digit_is_refused(number: str, shift: int) -> None:
    with pytest.raises(InvalidIdentifier) as caught:
        normalise("no_org_number", number[:-1] + other_digit(number[-1], shift))
    assert caught.value.code == "checksum"
    assert "check digit" in caught.value.message


@pytest.mark.parametrize(
    "raw",
    ["923 609 016", "923609016", "NO923609016MVA", "no 923 609 016 mva", "Org.nr. 923 609 016"],
)
def test_real_world_writings(raw: str) -> None:
    assert normalise("no_org_number", raw).key == "923609016"


@pytest.mark.parametrize(
    ("raw", "code", "words"),
    [
        ("923 609 01", "length", "this one has 8"),
        ("SE923609016", "format", "nine digits"),
        ("923 609 017", "checksum", "(expected 6)"),
        ("000 000 060", "checksum", "No check digit fits"),
    ],
)
def test_refusals_say_what_is_wrong(raw: str, code: str, words: str) -> None:
    with pytest.raises(InvalidIdentifier) as caught:
        normalise("no_org_number", raw)
    assert caught.value.code == code
    assert words in caught.value.message
