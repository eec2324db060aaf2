"""IBANs: grouping, case and labels do not change the compact key."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samverkan.identifiers import InvalidIdentifier, normalise
from tests.identifiers.writing import any_case, padded, separated


def with_check_digits(country: str, bban: str) -> str:
    """The IBAN for ``bban`` with ISO 7064 mod-97 check digits (computed here)."""
    numeric = "".join(str(int(char, 36)) for char in f"{bban}{country}00")
    return f"{country}{98 - int(numeric) % 97:02d}{bban}"


swedish_ibans = st.text("0123456789", min_size=20, max_size=20).map(
    lambda bban: with_check_digits("SE", bban)
)
british_ibans = st.tuples(
    st.text(string.ascii_uppercase, min_size=4, max_size=4),
    st.text("0123456789", min_size=14, max_size=14),
).map(lambda parts: with_check_digits("GB", "".join(parts)))


@given(number=st.one_of(swedish_ibans, british_ibans), data=st.data())
@settings(max_examples=150)
def test_every_writing_gives_the_compact_key(number: str, data: st.DataObject) -> None:
    grouped = " ".join(number[i : i + 4] for i in range(0, len(number), 4))
    spaced = data.draw(separated(data.draw(st.sampled_from((number, grouped))), " -"))
    label = data.draw(st.sampled_from(("", "IBAN ", "IBAN: ", "iban")))
    raw = data.draw(padded(data.draw(any_case(label + spaced))))
    identifier = normalise("iban", raw)
    assert identifier.key == number
    assert identifier.display == grouped
    assert normalise("iban", identifier.display) == identifier


@given(number=swedish_ibans, check=st.integers(2, 98))
@settings(max_examples=60)
def test_wrong_check_digits_are_refused_with_the_expected_ones(number: str, check: int) -> None:
    wrong = f"{number[:2]}{check:02d}{number[4:]}"
    if wrong == number:
        return
    with pytest.raises(InvalidIdentifier) as caught:
        normalise("iban", wrong)
    assert caught.value.code == "checksum"
    assert "check digits of this IBAN are wrong" in caught.value.message
    assert f"would be {number[2:4]}" in caught.value.message


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("SE45 5000 0000 0583 9825 7466", "SE4550000000058398257466"),
        ("se4550000000058398257466", "SE4550000000058398257466"),
        ("NO93 8601 1117 947", "NO9386011117947"),
        ("IBAN GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432"),
        ("DE89-3704-0044-0532-0130-00", "DE89370400440532013000"),
    ],
)
def test_real_world_writings(raw: str, key: str) -> None:
    assert normalise("iban", raw).key == key


@pytest.mark.parametrize(
    ("raw", "code", "words"),
    [
        ("SE45 5000 0000 0583 9825 7467", "checksum", "would be 18"),
        ("NO93 8601 1117 948", "checksum", "account number inside"),
        ("XX45 5000 0000 0583 9825 7466", "country", "country code XX"),
        ("SE45 5000 0000 0583 9825 746", "format", "layout of an IBAN from country SE"),
        ("5000 0000 0583 9825 7466", "format", "country code, two check digits"),
        ("SE45 5000 0000 0583 9825 746!", "format", "country code"),
    ],
)
def test_refusals_say_what_is_wrong(raw: str, code: str, words: str) -> None:
    with pytest.raises(InvalidIdentifier) as caught:
        normalise("iban", raw)
    assert caught.value.code == code
    assert words in caught.value.message
