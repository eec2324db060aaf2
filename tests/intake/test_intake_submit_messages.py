"""Identifier errors are told in the reader's words, chosen by their stable code."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

import samverkan.identifiers
from samverkan.identifiers import KINDS, InvalidIdentifier
from samverkan.intake.forms.identifier_fields import CHECKABLE_KINDS, identifier_check
from samverkan.intake.forms.identifier_messages import (
    identifier_message,
    kind_label,
    known_codes,
)


def documented_codes() -> set[str]:
    """The codes the identifiers package promises (its docstring lists them as ``code``)."""
    doc = samverkan.identifiers.__doc__ or ""
    listed = doc[doc.index("Error codes") :]
    return set(re.findall(r"``([a-z_]+)``", listed)) - {"code"}


def test_every_documented_code_has_words() -> None:
    assert documented_codes() <= known_codes()
    assert {"format", "checksum", "missing_postcode"} <= documented_codes()


def test_every_kind_has_a_name_people_read() -> None:
    for kind in CHECKABLE_KINDS:
        assert kind_label(kind) != kind, kind


@pytest.mark.parametrize(
    ("kind", "raw", "words"),
    [
        ("postal_item", "RR123456784SE", "The check digit of this item id (the ninth digit)"),
        ("phone", "070 1", "This phone number has too few or too many digits"),
        ("se_org_number", "12345", "Swedish organisation number: too few or too many"),
        ("address", "Storgatan", "The address needs a postcode"),
        ("imei", "12345", "IMEI: too few or too many characters."),
    ],
)
def test_the_message_is_the_tables_not_the_packages(kind: str, raw: str, words: str) -> None:
    with pytest.raises(InvalidIdentifier) as raised:
        identifier_check(kind, raw, region="SE")
    with translation.override("en"):
        message = identifier_message(raised.value)
    assert message.startswith(words)
    assert message != raised.value.message


def test_a_code_without_words_yet_falls_back_to_the_english_sentence() -> None:
    error = InvalidIdentifier("phone", "brand_new_code", "Something new is wrong.")
    assert identifier_message(error) == "Something new is wrong."


def test_kind_names_follow_the_readers_language() -> None:
    error = InvalidIdentifier("se_org_number", "length", "...")
    with translation.override("sv"):
        assert identifier_message(error).startswith("Svenskt organisationsnummer: ")
    with translation.override("nb"):
        assert identifier_message(error).startswith("Svensk organisasjonsnummer: ")


@pytest.mark.parametrize(
    ("raw", "region", "kind"),
    [
        ("19850101-1236", "NO", "se_personal_number"),  # twelve digits: Swedish wherever read
        ("8501011236", "NO", "se_personal_number"),
        ("01018512366", "SE", "no_personal_number"),  # eleven digits: Norwegian
    ],
)
def test_one_personal_number_box_tells_the_countries_apart(
    raw: str, region: str, kind: str
) -> None:
    checked = identifier_check("personal_number", raw, region=region)
    assert checked.kind == kind
    assert checked.written == raw


def test_every_mention_kind_the_forms_check_exists_in_the_package() -> None:
    assert CHECKABLE_KINDS - {"personal_number"} == set(KINDS)
