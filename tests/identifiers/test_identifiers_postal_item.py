"""Postal items: S10 numbers and numeric barcodes, however they were typed."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samverkan.identifiers import InvalidIdentifier, normalise
from tests.identifiers.writing import any_case, other_digit, padded, separated

WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


def s10_digit(serial: str) -> str:
    """The S10 check digit (computed here, from the UPU rule)."""
    check = 11 - sum(w * int(d) for w, d in zip(WEIGHTS, serial, strict=True)) % 11
    return {10: "0", 11: "5"}.get(check, str(check))


s10_numbers = st.tuples(
    st.text(string.ascii_uppercase, min_size=2, max_size=2),
    st.text("0123456789", min_size=8, max_size=8),
    st.text(string.ascii_uppercase, min_size=2, max_size=2),
).map(lambda parts: f"{parts[0]}{parts[1]}{s10_digit(parts[1])}{parts[2]}")


@given(number=s10_numbers, data=st.data())
@settings(max_examples=150)
def test_every_writing_of_an_s10_number_meets(number: str, data: st.DataObject) -> None:
    raw = data.draw(padded(data.draw(any_case(data.draw(separated(number, " -"))))))
    identifier = normalise("postal_item", raw)
    assert identifier.key == number
    assert (
        identifier.display
        == f"{number[:2]} {number[2:5]} {number[5:8]} {number[8:11]} {number[11:]}"
    )
    assert normalise("postal_item", identifier.display) == identifier


@given(number=s10_numbers, shift=st.integers(1, 9))
@settings(max_examples=60)
def test_a_wrong_check_digit_is_refused_with_the_expected_one(number: str, shift: int) -> None:
    wrong = number[:10] + other_digit(number[10], shift) + number[11:]
    with pytest.raises(InvalidIdentifier) as caught:
        normalise("postal_item", wrong)
    assert caught.value.code == "checksum"
    assert (
        f"check digit (the ninth digit) of this postal item number is wrong (expected {number[10]})"
        in (caught.value.message)
    )


@given(digits=st.text("0123456789", min_size=10, max_size=35), data=st.data())
@settings(max_examples=60)
def test_numeric_barcodes_are_keyed_by_their_digits(digits: str, data: st.DataObject) -> None:
    identifier = normalise("postal_item", data.draw(separated(digits, " ")))
    assert identifier.key == f"BARCODE:{digits}"
    assert normalise("postal_item", identifier.key) == identifier


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("RR123456785SE", "RR123456785SE"),
        ("rr 123 456 785 se", "RR123456785SE"),
        ("RR-123-456-785-SE", "RR123456785SE"),
        ("CX 000 000 005 NO", "CX000000005NO"),  # remainder 11 gives check digit 5
        ("ee700000000se", "EE700000000SE"),  # remainder 10 gives check digit 0
        ("(00) 373 500 000 000 000 12", "BARCODE:0037350000000000012"),
    ],
)
def test_real_world_writings(raw: str, key: str) -> None:
    assert normalise("postal_item", raw).key == key


@pytest.mark.parametrize(
    ("raw", "code", "words"),
    [
        ("RR123456784SE", "checksum", "(expected 5)"),
        ("RR12345678SE", "format", "two letters, nine digits"),
        ("R123456785SE", "format", "two letters, nine digits"),
        ("123456789", "length", "this one has 9"),
        ("1" * 36, "length", "this one has 36"),
    ],
)
def test_refusals_say_what_is_wrong(raw: str, code: str, words: str) -> None:
    with pytest.raises(InvalidIdentifier) as caught:
        normalise("postal_item", raw)
    assert caught.value.code == code
    assert words in caught.value.message
