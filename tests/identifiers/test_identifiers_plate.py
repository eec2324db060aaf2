"""Registration plates: case, spaces and dashes do not matter; the shape gives the country."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samverkan.identifiers import InvalidIdentifier, normalise
from tests.identifiers.writing import any_case, padded

SWEDISH_LETTERS = "ABCDEFGHJKLMNOPRSTUWXYZ"  # no I, Q, V
swedish_plates = st.tuples(
    st.text(SWEDISH_LETTERS, min_size=3, max_size=3),
    st.text("0123456789", min_size=2, max_size=2),
    st.sampled_from("0123456789" + SWEDISH_LETTERS),
)
norwegian_plates = st.tuples(
    st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=2),
    st.text("0123456789", min_size=4, max_size=5),
)
separators = st.sampled_from(("", " ", "-", "  ", " - "))


@given(plate=swedish_plates, separator=separators, data=st.data())
@settings(max_examples=100)
def test_swedish_writings_meet(
    plate: tuple[str, str, str], separator: str, data: st.DataObject
) -> None:
    letters, digits, last = plate
    region = data.draw(st.sampled_from((None, "SE", "se")))
    raw = data.draw(padded(data.draw(any_case(f"{letters}{separator}{digits}{last}"))))
    identifier = normalise("plate", raw, region=region)
    assert identifier.key == f"SE:{letters}{digits}{last}"
    assert identifier.display == f"{letters} {digits}{last}"
    assert normalise("plate", identifier.display) == identifier
    assert normalise("plate", identifier.key) == identifier


@given(plate=norwegian_plates, separator=separators, data=st.data())
@settings(max_examples=100)
def test_norwegian_writings_meet(
    plate: tuple[str, str], separator: str, data: st.DataObject
) -> None:
    letters, digits = plate
    region = data.draw(st.sampled_from((None, "NO")))
    raw = data.draw(padded(data.draw(any_case(f"{letters}{separator}{digits}"))))
    identifier = normalise("plate", raw, region=region)
    assert identifier.key == f"NO:{letters}{digits}"
    assert identifier.display == f"{letters} {digits}"
    assert normalise("plate", identifier.key) == identifier


@pytest.mark.parametrize(
    ("raw", "region", "key"),
    [
        ("ABC 123", None, "SE:ABC123"),
        ("abc-123", None, "SE:ABC123"),
        ("ABC 12A", None, "SE:ABC12A"),
        ("ABC123 (SE)", None, "SE:ABC123"),
        ("AB 12345", None, "NO:AB12345"),
        ("EL 12345", "NO", "NO:EL12345"),
        ("ab-1234", None, "NO:AB1234"),
    ],
)
def test_real_world_writings(raw: str, region: str | None, key: str) -> None:
    assert normalise("plate", raw, region=region).key == key


@pytest.mark.parametrize(
    ("raw", "region", "code", "words"),
    [
        ("AB 12345", "SE", "country", "looks like a Norwegian plate"),
        ("ABC 123", "NO", "country", "looks like a Swedish plate"),
        ("ABC 123", "DK", "country", "Only Swedish and Norwegian"),
        ("NO:ABC123", "SE", "country", "marked NO"),
        ("ABI 123", None, "format", "I, Q or V"),
        ("AQV 12V", None, "format", "this one has Q, V"),
        ("ÅÄÖ 123", None, "format", "letters A-Z"),
        ("MYCAR1", None, "format", "three letters and three characters"),
        ("A 123", None, "format", "two letters"),
    ],
)
def test_refusals_say_what_is_wrong(raw: str, region: str | None, code: str, words: str) -> None:
    with pytest.raises(InvalidIdentifier) as caught:
        normalise("plate", raw, region=region)
    assert caught.value.code == code
    assert words in caught.value.message
