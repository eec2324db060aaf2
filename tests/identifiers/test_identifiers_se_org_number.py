"""Swedish organisation numbers: plain, 16-prefixed and VAT forms meet."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samverkan.identifiers import InvalidIdentifier, normalise
from tests.identifiers.writing import any_case, luhn_digit, other_digit, padded

organisation_numbers = st.text("0123456789", min_size=9, max_size=9).map(
    lambda nine: nine + luhn_digit(nine)
)


@st.composite
def writings(draw: st.DrawFn, number: str) -> str:
    dashed = draw(
        st.sampled_from((number, f"{number[:6]}-{number[6:]}", f"{number[:6]} {number[6:]}"))
    )
    form = draw(
        st.sampled_from(
            (dashed, f"16{dashed}", f"SE{number}01", f"SE {dashed} 01", f"Org.nr: {dashed}")
        )
    )
    return draw(padded(draw(any_case(form))))


@given(number=organisation_numbers, data=st.data())
@settings(max_examples=150)
def test_every_writing_gives_the_ten_digit_key(number: str, data: st.DataObject) -> None:
    identifier = normalise("se_org_number", data.draw(writings(number)))
    assert identifier.key == number
    assert identifier.display == f"{number[:6]}-{number[6:]}"
    assert normalise("se_org_number", identifier.display) == identifier


@given(number=organisation_numbers, shift=st.integers(1, 9))
@settings(max_examples=60)
def test_a_wrong_check_digit_is_refused_with_the_expected_one(number: str, shift: int) -> None:
    with pytest.raises(InvalidIdentifier) as caught:
        normalise("se_org_number", number[:-1] + other_digit(number[-1], shift))
    assert caught.value.code == "checksum"
    assert f"check digit of this Swedish organisation number is wrong (expected {number[-1]})" in (
        caught.value.message
    )


@pytest.mark.parametrize(
    "raw",
    [
        "556677-8899",
        "5566778899",
        "SE556677889901",
        "se556677889901",
        "16556677-8899",
        "556677.8899",
    ],
)
def test_real_world_writings(raw: str) -> None:
    assert normalise("se_org_number", raw).key == "5566778899"


@pytest.mark.parametrize(
    ("raw", "code", "words"),
    [
        ("556677-889", "length", "this one has 9"),
        ("SE5566778899", "format", "VAT"),
        ("SE556677889902", "format", "VAT"),
        ("198112189876", "format", "starts with 16"),
        ("556677/8899", "format", "only digits"),
        ("556677-8898", "checksum", "(expected 9)"),
    ],
)
def test_refusals_say_what_is_wrong(raw: str, code: str, words: str) -> None:
    with pytest.raises(InvalidIdentifier) as caught:
        normalise("se_org_number", raw)
    assert caught.value.code == code
    assert words in caught.value.message
