"""The package entry point: the kinds, the dispatch and the error type."""

from __future__ import annotations

import dataclasses
import pickle
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samverkan.identifiers import KINDS, Identifier, InvalidIdentifier, normalise

# One real-world writing per kind; each must come back unchanged when its
# display is normalised again.
EXAMPLES = {
    "phone": "070-123 45 67",
    "se_personal_number": "811218-9876",
    "no_personal_number": "151086 95088",
    "se_org_number": "556677-8899",
    "no_org_number": "NO923609016MVA",
    "iban": "se45 5000 0000 0583 9825 7466",
    "se_bank_account": "8327-9, 123 456 789-0",
    "plate": "abc-123",
    "postal_item": "rr 123 456 785 se",
    "email": "mailto:Karl.Andersson@Exempel.SE",
    "imei": "35 209900 176148 1",
    "person_name": "ANDERSSON, Karl-Erik",
    "address": "c/o Hansson, Ringvägen 5, 114 61 Stockholm",
}


def test_every_kind_has_an_example() -> None:
    assert set(KINDS) == set(EXAMPLES)
    assert len(KINDS) == len(set(KINDS))


@pytest.mark.parametrize("kind", KINDS)
def test_display_normalises_to_the_same_key(kind: str) -> None:
    first = normalise(kind, EXAMPLES[kind])
    again = normalise(kind, first.display)
    assert first.kind == kind
    assert again == first


@pytest.mark.parametrize("kind", KINDS)
def test_empty_input_is_refused_as_empty(kind: str) -> None:
    with pytest.raises(InvalidIdentifier) as caught:
        normalise(kind, " \t-- ")
    assert caught.value.code == "empty"
    assert caught.value.kind == kind
    assert str(caught.value).startswith("No ")


@pytest.mark.parametrize("kind", KINDS)
def test_text_far_too_long_is_refused_as_length(kind: str) -> None:
    with pytest.raises(InvalidIdentifier) as caught:
        normalise(kind, "Storgatan 1 " * 40)
    assert caught.value.code == "length"


@st.composite
def garbled_examples(draw: st.DrawFn) -> tuple[str, str]:
    """A kind's example with a few characters inserted, deleted or swapped."""
    kind = draw(st.sampled_from(KINDS))
    chars = list(EXAMPLES[kind])
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(chars) - 2))
        action = draw(st.sampled_from(("insert", "delete", "swap")))
        if action == "insert":
            chars.insert(at, draw(st.sampled_from("0123456789 -+.,:()/@ABSENOåø\n")))
        elif action == "delete":
            del chars[at]
        else:
            chars[at], chars[at + 1] = chars[at + 1], chars[at]
    return kind, "".join(chars)


@given(example=garbled_examples(), region=st.sampled_from((None, "SE", "NO")))
@settings(max_examples=400)
def test_typos_give_an_identifier_or_an_invalid_identifier_and_nothing_else(
    example: tuple[str, str], region: str | None
) -> None:
    kind, raw = example
    refusal: InvalidIdentifier | None = None
    try:
        identifier = normalise(kind, raw, region=region)
    except InvalidIdentifier as error:
        refusal = error
    if refusal is not None:
        assert refusal.code
        assert refusal.message.endswith(".")
        return
    assert normalise(kind, identifier.display, region=region).key == identifier.key


def test_unknown_kind_is_refused_with_the_list_of_kinds() -> None:
    with pytest.raises(InvalidIdentifier) as caught:
        normalise("shoe_size", "42")
    assert caught.value.code == "unknown_kind"
    assert caught.value.kind == "shoe_size"
    assert "phone" in caught.value.message


def test_region_hint_reaches_the_kind() -> None:
    assert normalise("phone", "912 34 567", region="NO").key == "+4791234567"
    assert normalise("phone", "0912 345 67", region="SE").key == "+4691234567"


def test_malformed_region_hint_is_refused() -> None:
    with pytest.raises(InvalidIdentifier) as caught:
        normalise("plate", "ABC 123", region="Sweden")
    assert caught.value.code == "country"


def test_identifier_is_frozen_and_slotted() -> None:
    identifier = normalise("plate", "ABC 123")
    assert not hasattr(identifier, "__dict__")
    with pytest.raises(dataclasses.FrozenInstanceError):
        identifier.key = "SE:XYZ999"  # type: ignore[misc]
    assert isinstance(identifier, Identifier)


def test_error_is_a_value_error_that_survives_pickling() -> None:
    with pytest.raises(ValueError, match="check digit") as caught:
        normalise("se_org_number", "556677-8898")
    error = caught.value
    assert isinstance(error, InvalidIdentifier)
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own object, just made
    assert (copy.kind, copy.code, copy.message) == (error.kind, error.code, error.message)
    assert str(copy) == error.message


def test_package_imports_nothing_from_django() -> None:
    code = (
        "import sys, samverkan.identifiers; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
