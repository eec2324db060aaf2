"""Phone numbers: every national and international writing gives one E.164 key."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samverkan.identifiers import InvalidIdentifier, normalise
from tests.identifiers.writing import padded, separated

# Ranges that the numbering plans allocate in full, so every number drawn is valid.
swedish_subscriber = st.tuples(
    st.sampled_from(("70", "72", "73", "76", "79", "8", "31")),
    st.text("0123456789", min_size=7, max_size=7),
).map("".join)
norwegian_mobile = st.tuples(st.just("9"), st.text("0123456789", min_size=7, max_size=7)).map(
    "".join
)


@st.composite
def swedish_writing(draw: st.DrawFn, subscriber: str) -> str:
    prefix = draw(
        st.sampled_from(("0", "+46", "+46 ", "+46 (0)", "0046 ", "0046", "+460", "tel:+46"))
    )
    return draw(padded(prefix + draw(separated(subscriber, " -./"))))


@given(subscriber=swedish_subscriber, data=st.data())
@settings(max_examples=150)
def test_swedish_writings_meet(subscriber: str, data: st.DataObject) -> None:
    raw = data.draw(swedish_writing(subscriber))
    identifier = normalise("phone", raw)
    assert identifier.key == f"+46{subscriber}"
    assert normalise("phone", identifier.display) == identifier
    assert normalise("phone", identifier.key) == identifier


@given(subscriber=norwegian_mobile, data=st.data())
@settings(max_examples=100)
def test_norwegian_writings_meet(subscriber: str, data: st.DataObject) -> None:
    prefix = data.draw(st.sampled_from(("", "+47", "+47 ", "0047 ", "0047")))
    region = data.draw(st.sampled_from((None, "NO", "no")))
    raw = prefix + data.draw(separated(subscriber, " -."))
    assert normalise("phone", raw, region=region).key == f"+47{subscriber}"


@given(subscriber=norwegian_mobile)
@settings(max_examples=30)
def test_international_numbers_ignore_the_region_hint(subscriber: str) -> None:
    assert normalise("phone", f"+47 {subscriber}", region="SE").key == f"+47{subscriber}"


@pytest.mark.parametrize(
    ("raw", "region", "key", "display"),
    [
        ("070-123 45 67", None, "+46701234567", "+46 70 123 45 67"),
        ("+46 (0)70 123 45 67", None, "+46701234567", "+46 70 123 45 67"),
        ("0046701234567", None, "+46701234567", "+46 70 123 45 67"),
        ("46701234567", "SE", "+46701234567", "+46 70 123 45 67"),
        ("(08) 123 456 78", None, "+46812345678", "+46 8 123 456 78"),
        ("08\u2013123\u00a0456\u00a078", None, "+46812345678", "+46 8 123 456 78"),
        ("912 34 567", "NO", "+4791234567", "+47 91 23 45 67"),
        ("912 34 567", None, "+4791234567", "+47 91 23 45 67"),
        ("0912-345 67", None, "+4691234567", "+46 912 345 67"),
        ("+47 91234567", None, "+4791234567", "+47 91 23 45 67"),
        ("22 22 22 22", "NO", "+4722222222", "+47 22 22 22 22"),
        ("+45 32 12 34 56", None, "+4532123456", "+45 32 12 34 56"),
        ("030 1234567", "DE", "+49301234567", "+49 30 1234567"),
    ],
)
def test_real_world_writings(raw: str, region: str | None, key: str, display: str) -> None:
    identifier = normalise("phone", raw, region=region)
    assert (identifier.kind, identifier.key, identifier.display) == ("phone", key, display)


@pytest.mark.parametrize(
    ("raw", "region", "code", "words"),
    [
        ("070 ABC 45 67", None, "format", "only digits"),
        ("070-123 45 67 ext 12", None, "format", "only digits"),
        ("112", None, "length", "too few"),
        ("+46 70 123", None, "length", "too few"),
        ("+46 70 123 45 67 89 01", None, "length", "too many"),
        ("+999 123 456 78", None, "country", "country code"),
        ("070-123 45 67", "XX", "country", "XX"),
        ("070-123 45 67", "Sverige", "country", "two-letter"),
        ("+47 0701234567", None, "length", "too many"),
        ("+47 12345678", None, "invalid", "allocated"),
        ("+46 999 123 45", None, "invalid", "+4699912345"),
    ],
)
def test_refusals_say_what_is_wrong(raw: str, region: str | None, code: str, words: str) -> None:
    with pytest.raises(InvalidIdentifier) as caught:
        normalise("phone", raw, region=region)
    assert caught.value.code == code
    assert words in caught.value.message


def test_a_swedish_number_noted_in_norway_is_still_found() -> None:
    """The hint is tried first, the neighbour second: a 0-prefixed number is not Norwegian."""
    assert normalise("phone", "070-123 45 67", region="NO").key == "+46701234567"
    assert normalise("phone", "912 34 567", region="SE").key == "+4691234567"
    assert normalise("phone", "912 34 567", region="NO").key == "+4791234567"


def test_a_norwegian_number_mistyped_in_norway_is_not_read_as_swedish() -> None:
    """Swedes write the trunk 0: without it the neighbour's plan is not tried."""
    with pytest.raises(InvalidIdentifier) as caught:
        normalise("phone", "49 00 22 54", region="NO")  # 94 00 22 54, two digits swapped
    assert caught.value.code == "invalid"
    with pytest.raises(InvalidIdentifier):
        normalise("phone", "466 82 37 51", region="NO")  # not Lund's 046-682 37 51
    assert normalise("phone", "0490-022 54", region="NO").key == "+4649002254"
    assert normalise("phone", "( 070) 123 45 67", region="NO").key == "+46701234567"
    assert normalise("phone", "46 8 123 456 78", region="NO").key == "+46812345678"


def test_a_short_swedish_number_is_not_taken_for_a_norwegian_one() -> None:
    with pytest.raises(InvalidIdentifier):
        normalise("phone", "070 12", region="SE")
