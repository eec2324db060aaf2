"""The feature functions that read a person record's fields from mentions."""

from __future__ import annotations

import pytest

from samverkan.resolution import person_fields
from samverkan.resolution.given_names import given_name_group


@pytest.mark.parametrize(
    ("raw", "first", "last", "full"),
    [
        ("Karl-Erik Andersson", "karl", "andersson", "karl erik andersson"),
        ("Andersson, Karl Erik", "karl", "andersson", "karl erik andersson"),
        ("SÖRENSEN, Åsa", "asa", "sorensen", "asa sorensen"),
        ("Kalle", "kalle", None, "kalle"),
    ],
)
def test_name_parts_fold_and_turn_round(raw: str, first: str, last: str | None, full: str) -> None:
    parts = person_fields.name_parts(raw)
    assert parts is not None
    assert (parts.first, parts.last, parts.full) == (first, last, full)


def test_a_name_without_letters_is_no_name() -> None:
    assert person_fields.name_parts("12345") is None


@pytest.mark.parametrize(
    ("raw", "country", "iso"),
    [
        ("1985-03-02", None, "1985-03-02"),
        ("02.03.1985", "NO", "1985-03-02"),
        ("19850302", "SE", "1985-03-02"),
        ("850302", "SE", "1985-03-02"),
        ("020385", "NO", "1985-03-02"),
        ("850302", None, "1985-03-02"),
        ("31.02.1985", "NO", None),
        ("yesterday", "SE", None),
    ],
)
def test_birth_dates_in_each_country_habit(raw: str, country: str | None, iso: str | None) -> None:
    assert person_fields.birth_date(raw, country=country) == iso


def test_birth_date_from_personal_numbers() -> None:
    assert (
        person_fields.birth_date_from_personal_number("se_personal_number", "198503021233")
        == "1985-03-02"
    )
    # A coordination number adds 60 to the day.
    assert (
        person_fields.birth_date_from_personal_number("se_personal_number", "198503621233")
        == "1985-03-02"
    )
    assert (
        person_fields.birth_date_from_personal_number("no_personal_number", "01018012371")
        == "1980-01-01"
    )


def test_address_parts_from_key_and_from_a_street_line() -> None:
    keyed = person_fields.address_parts("x", "SE:12345:storgatan:12b", country="SE")
    assert keyed is not None
    assert (keyed.postcode, keyed.street, keyed.house_number) == ("12345", "storgatan", "12b")
    unkeyed = person_fields.address_parts("Storg. 12 B, Sthlm", "", country="SE")
    assert unkeyed is not None
    assert (unkeyed.postcode, unkeyed.street, unkeyed.house_number) == (None, "storgatan", "12b")


def test_given_name_groups() -> None:
    assert given_name_group("kalle") == given_name_group("karl") == "karl"
    assert given_name_group("mohamed") == "mohammed"
    assert given_name_group("vytautasx") == "vytautasx"
