"""IMEIs: with or without check digit, as IMEISV, with any separators."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samverkan.identifiers import InvalidIdentifier, normalise
from tests.identifiers.writing import luhn_digit, other_digit, padded, separated

bodies = st.text("0123456789", min_size=14, max_size=14)


@given(body=bodies, data=st.data())
@settings(max_examples=150)
def test_imei_without_check_digit_and_imeisv_meet_the_imei(body: str, data: st.DataObject) -> None:
    imei = body + luhn_digit(body)
    software_version = data.draw(st.text("0123456789", min_size=2, max_size=2))
    digits = data.draw(st.sampled_from((imei, body, body + software_version)))
    label = data.draw(st.sampled_from(("", "IMEI ", "IMEI: ", "imei nr. ")))
    raw = data.draw(padded(label + data.draw(separated(digits, " -/."))))
    identifier = normalise("imei", raw)
    assert identifier.key == imei
    assert identifier.display == f"{imei[:2]}-{imei[2:8]}-{imei[8:14]}-{imei[14]}"
    assert normalise("imei", identifier.display) == identifier
    assert normalise("imei", identifier.key) == identifier


@given(body=bodies, shift=st.integers(1, 9))
@settings(max_examples=60)
def test_a_wrong_check_digit_is_refused_with_the_expected_one(body: str, shift: int) -> None:
    check = luhn_digit(body)
    with pytest.raises(InvalidIdentifier) as caught:
        normalise("imei", body + other_digit(check, shift))
    assert caught.value.code == "checksum"
    assert f"check digit and is wrong (expected {check})" in caught.value.message


@pytest.mark.parametrize(
    "raw",
    [
        "35-209900-176148-1",
        "352099001761481",
        "35 209900 176148 1",
        "35209900176148",
        "35 209900 176148 23",  # IMEISV, software version 23
        "IMEI: 35-209900-176148-1",
        "IMEISV 3520990017614823",
    ],
)
def test_real_world_writings(raw: str) -> None:
    assert normalise("imei", raw).key == "352099001761481"


@pytest.mark.parametrize(
    ("raw", "code", "words"),
    [
        ("35-209900-176148-2", "checksum", "(expected 1)"),
        ("35-209900-17614", "length", "this one has 13"),
        ("35209900176148123", "length", "this one has 17"),
        ("35-209900-176148-X", "format", "only digits"),
    ],
)
def test_refusals_say_what_is_wrong(raw: str, code: str, words: str) -> None:
    with pytest.raises(InvalidIdentifier) as caught:
        normalise("imei", raw)
    assert caught.value.code == code
    assert words in caught.value.message
