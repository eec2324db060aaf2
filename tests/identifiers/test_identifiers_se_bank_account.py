"""Swedish bank accounts: clearing and account number in the ways banks print them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samverkan.identifiers import InvalidIdentifier, normalise
from tests.identifiers.writing import luhn_digit, other_digit, padded, separated

ordinary_clearing = st.integers(1000, 7999).map(str) | st.integers(9000, 9999).map(str)
swedbank_clearing = st.integers(8000, 8999).map(str)
accounts = st.text("0123456789", min_size=7, max_size=10)


@given(clearing=ordinary_clearing, account=accounts, data=st.data())
@settings(max_examples=120)
def test_ordinary_banks_meet_across_writings(
    clearing: str, account: str, data: st.DataObject
) -> None:
    spaced = data.draw(separated(account, " -"))
    raw = data.draw(
        st.sampled_from(
            (
                f"{clearing}, {spaced}",
                f"{clearing}-{spaced}",
                f"{clearing} {spaced}",
                f"{clearing}{account}",
                f"{clearing}:{account}",
            )
        )
    )
    key = f"{clearing}:{account}"
    if not account.strip("0"):
        with pytest.raises(InvalidIdentifier):
            normalise("se_bank_account", raw)
        return
    identifier = normalise("se_bank_account", data.draw(padded(raw)))
    assert identifier.key == key
    assert normalise("se_bank_account", identifier.display) == identifier
    assert normalise("se_bank_account", identifier.key) == identifier


@given(
    clearing=swedbank_clearing,
    account=st.from_regex(r"[1-9][0-9]{6,9}", fullmatch=True),
    data=st.data(),
)
@settings(max_examples=120)
def test_swedbank_clearing_with_and_without_its_check_digit_meet(
    clearing: str, account: str, data: st.DataObject
) -> None:
    check = luhn_digit(clearing)
    spaced = data.draw(separated(account, " -"))
    padding = "0" * data.draw(st.integers(0, 10 - len(account)))
    raw = data.draw(
        st.sampled_from(
            (
                f"{clearing}-{check}, {spaced}",
                f"{clearing}, {spaced}",
                f"{clearing}-{check} {padding}{spaced}",
                f"{clearing}{check}{padding}{account}",
                f"{clearing}{check}, {padding}{account}",
            )
        )
    )
    identifier = normalise("se_bank_account", raw)
    assert identifier.key == f"{clearing}{check}:{account:0>10}"
    assert identifier.display == f"{clearing}-{check}, {account}"
    assert normalise("se_bank_account", identifier.display) == identifier
    assert normalise("se_bank_account", identifier.key) == identifier


@given(clearing=swedbank_clearing, shift=st.integers(1, 9))
@settings(max_examples=40)
def test_a_wrong_swedbank_clearing_check_digit_is_refused(clearing: str, shift: int) -> None:
    check = luhn_digit(clearing)
    with pytest.raises(InvalidIdentifier) as caught:
        normalise("se_bank_account", f"{clearing}-{other_digit(check, shift)}, 123 456 789-0")
    assert caught.value.code == "checksum"
    assert f"check digit and is wrong (expected {check})" in caught.value.message


@pytest.mark.parametrize(
    ("raw", "key", "display"),
    [
        ("8327-9, 123 456 789-0", "83279:1234567890", "8327-9, 1234567890"),
        ("8327, 123 456 789-0", "83279:1234567890", "8327-9, 1234567890"),
        ("832791234567890", "83279:1234567890", "8327-9, 1234567890"),
        ("8327-9 0012345678", "83279:0012345678", "8327-9, 12345678"),
        ("8327-9, 12 345 678", "83279:0012345678", "8327-9, 12345678"),
        ("5000, 0123456", "5000:0123456", "5000, 0123456"),
        ("5000 12 345 67", "5000:1234567", "5000, 1234567"),
        ("5000-1234567", "5000:1234567", "5000, 1234567"),
        ("3300-8811271234", "3300:8811271234", "3300, 8811271234"),
        ("3300 881127-1234", "3300:8811271234", "3300, 8811271234"),
        ("6000-123 456 789", "6000:123456789", "6000, 123456789"),
    ],
)
def test_real_world_writings(raw: str, key: str, display: str) -> None:
    identifier = normalise("se_bank_account", raw)
    assert (identifier.key, identifier.display) == (key, display)


@pytest.mark.parametrize(
    ("raw", "code", "words"),
    [
        ("5000-123456", "length", "this one has 6"),
        ("5000-12345678901", "length", "this one has 11"),
        ("0500-1234567", "format", "does not start with 0"),
        ("123, 1234567", "format", "four digits"),
        ("50001, 1234567", "format", "Only clearing numbers in the 8-series"),
        ("5000-000 0000", "format", "only zeros"),
        ("5000/1234567", "format", "only digits"),
        ("8327-8, 123 456 789-0", "checksum", "(expected 9)"),
    ],
)
def test_refusals_say_what_is_wrong(raw: str, code: str, words: str) -> None:
    with pytest.raises(InvalidIdentifier) as caught:
        normalise("se_bank_account", raw)
    assert caught.value.code == code
    assert words in caught.value.message
