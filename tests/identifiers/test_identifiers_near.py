"""One slip of the hand: the variants of a written identifier, and names one edit apart."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from samverkan.identifiers import InvalidIdentifier, normalise
from samverkan.identifiers.near import keystroke_variants, lookalike_variants, one_edit_apart


def osa_distance(a: str, b: str) -> int:
    """Optimal string alignment distance, written the textbook way as the reference."""
    rows = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        rows[i][0] = i
    for j in range(len(b) + 1):
        rows[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
    return rows[len(a)][len(b)]


def test_a_mistyped_digit_and_a_swap_are_among_the_variants() -> None:
    variants = keystroke_variants("070-123 45 67")
    assert "070-123 45 68" in variants  # a wrong last digit
    assert "070-213 45 67" in variants  # two neighbours swapped
    assert "071-023 45 67" in variants  # a swap across the dash: separators stay put
    assert "070-123 45 67" not in variants


def test_a_phone_written_with_a_slip_has_the_true_number_among_its_variants() -> None:
    true_key = normalise("phone", "070-123 45 67", region="SE").key
    keys = set()
    for variant in keystroke_variants("070-123 54 67"):
        try:
            keys.add(normalise("phone", variant, region="SE").key)
        except InvalidIdentifier:
            continue  # a slip may make a number no operator gives out
    assert true_key in keys


@given(st.text(alphabet="0123456789 -AB", max_size=14))
def test_every_variant_is_one_slip_away(text: str) -> None:
    for variant in keystroke_variants(text):
        assert len(variant) == len(text)
        assert [c for c in variant if not c.isalnum()] == [c for c in text if not c.isalnum()]
        assert 1 <= sum(x != y for x, y in zip(variant, text, strict=True)) <= 2


@given(st.text(alphabet="abcé", max_size=7), st.text(alphabet="abcé", max_size=7))
def test_one_edit_apart_is_exactly_distance_one(a: str, b: str) -> None:
    assert one_edit_apart(a, b) == (osa_distance(a, b) == 1)
    assert one_edit_apart(a, b) == one_edit_apart(b, a)


def test_street_typos_are_one_edit_apart() -> None:
    assert one_edit_apart("aspvagen", "aspvaagen")  # doubled
    assert one_edit_apart("angsgatan", "agsgatan")  # dropped
    assert one_edit_apart("storbacken", "storbcaken")  # swapped
    assert not one_edit_apart("storgatan", "storgatan")
    assert not one_edit_apart("storgatan", "kyrkgatan")


def test_company_names_written_otherwise_share_a_key() -> None:
    from samverkan.identifiers.company_name import company_name_key

    assert company_name_key("Göteborg Bilvård & Däck AB") == "goteborg bilvard dack"
    assert company_name_key("GÖTEBORG BILVÅRD & DÄCK") == "goteborg bilvard dack"
    assert company_name_key("Göteborg Bilvård och Däck Aktiebolag (publ)") == (
        "goteborg bilvard och dack"
    )
    assert company_name_key("Knudsen Import og Eksport AS") == "knudsen import og eksport"
    assert company_name_key(" AB ") == ""


def test_a_camera_s_misreadings_are_characters_of_like_shape() -> None:
    variants = lookalike_variants("dxh 788")
    assert {"DXH 768", "DXH 78B", "DKH 788", "0XH 788"} <= variants
    assert "DXH 789" not in variants  # 8 and 9 do not look alike to a camera
    assert "DXH 878" not in variants  # nor does it swap characters as a hand does
    assert all(len(variant) == len("DXH 788") for variant in variants)
