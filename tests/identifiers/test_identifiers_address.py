"""Street addresses: the Nordic ways of writing one entrance give one key."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samverkan.identifiers import InvalidIdentifier, normalise
from tests.identifiers.writing import any_case

# (as written in full, abbreviated, key form)
SWEDISH_STREETS = (
    ("Storgatan", "Storg.", "storgatan"),
    ("Drottninggatan", "Drottningg.", "drottninggatan"),
    ("Ringvägen", "Ringv.", "ringvagen"),
    ("Sankt Eriksgatan", "S:t Eriksgatan", "sankt eriksgatan"),
    ("Östra Långgatan", "Östra Långg.", "ostra langgatan"),
)
NORWEGIAN_STREETS = (
    ("Storgata", "Storgt.", "storgata"),
    ("Kirkeveien", "Kirkevn.", "kirkeveien"),
    ("Kongens gate", "Kongens gt.", "kongens gata"),
    ("Nygårdsgaten", "Nygårdsgt", "nygardsgata"),
    ("Trondheimsvegen", "Trondheimsv.", "trondheimsveien"),
)
numbers = st.integers(1, 199)
letters = st.sampled_from(("", "A", "B", "c"))


@given(
    street=st.sampled_from(SWEDISH_STREETS),
    number=numbers,
    letter=letters,
    postcode=st.integers(10000, 98499),
    data=st.data(),
)
@settings(max_examples=150)
def test_swedish_writings_meet(
    street: tuple[str, str, str], number: int, letter: str, postcode: int, data: st.DataObject
) -> None:
    full, short, key_name = street
    name = data.draw(st.sampled_from((full, short)))
    house = data.draw(st.sampled_from((f"{number}{letter}", f"{number} {letter}".strip())))
    code = data.draw(
        st.sampled_from(
            (f"{postcode}", f"{postcode // 100} {postcode % 100:02d}", f"SE-{postcode}")
        )
    )
    extra = data.draw(st.sampled_from(("", " lgh 1102", " 3 tr")))
    town = data.draw(st.sampled_from(("Stockholm", "STOCKHOLM", "Sthlm", "")))
    lead = data.draw(st.sampled_from(("", "c/o Hansson, ")))
    separator = data.draw(st.sampled_from((", ", " ", "\n")))
    tail = data.draw(st.sampled_from(("", ", Sverige")))
    raw = f"{lead}{name} {house}{extra}{separator}{code} {town}".rstrip() + tail
    identifier = normalise(
        "address", data.draw(any_case(raw)), region=data.draw(st.sampled_from((None, "SE")))
    )
    assert identifier.key == f"SE:{postcode}:{key_name}:{number}{letter.lower()}"
    assert normalise("address", identifier.display) == identifier


@given(
    street=st.sampled_from(NORWEGIAN_STREETS),
    number=numbers,
    letter=letters,
    postcode=st.integers(1, 9999),
    data=st.data(),
)
@settings(max_examples=150)
def test_norwegian_writings_meet(
    street: tuple[str, str, str], number: int, letter: str, postcode: int, data: st.DataObject
) -> None:
    full, short, key_name = street
    name = data.draw(st.sampled_from((full, short)))
    house = data.draw(st.sampled_from((f"{number}{letter}", f"{number} {letter}".strip())))
    code = data.draw(
        st.sampled_from((f"{postcode:04d}", f"N-{postcode:04d}", f"NO-{postcode:04d}"))
    )
    extra = data.draw(st.sampled_from(("", " H0201")))
    town = data.draw(st.sampled_from(("Oslo", "OSLO", "")))
    tail = data.draw(st.sampled_from(("", ", Norge", ", Norway")))
    raw = f"{name} {house}{extra}, {code} {town}".rstrip() + tail
    identifier = normalise(
        "address", data.draw(any_case(raw)), region=data.draw(st.sampled_from((None, "NO")))
    )
    assert identifier.key == f"NO:{postcode:04d}:{key_name}:{number}{letter.lower()}"
    assert normalise("address", identifier.display) == identifier


@pytest.mark.parametrize(
    ("raw", "key", "display"),
    [
        (
            "Storgatan 12 B, 123 45 Stockholm",
            "SE:12345:storgatan:12b",
            "Storgatan 12 B, 123 45 Stockholm",
        ),
        (
            "STORGATAN 12b 12345 STOCKHOLM",
            "SE:12345:storgatan:12b",
            "Storgatan 12 B, 123 45 Stockholm",
        ),
        ("Storg. 12 B, 12345 Sthlm", "SE:12345:storgatan:12b", "Storg. 12 B, 123 45 Sthlm"),
        ("Storgata 5A, 0150 OSLO", "NO:0150:storgata:5a", "Storgata 5 A, 0150 Oslo"),
        ("Kirkeveien 10 H0201, 0368 Oslo", "NO:0368:kirkeveien:10", "Kirkeveien 10, 0368 Oslo"),
        (
            "c/o Hansson, Ringvägen 5, 114 61 Stockholm",
            "SE:11461:ringvagen:5",
            "Ringvägen 5, 114 61 Stockholm",
        ),
        (
            "Storgatan 12 B lgh 1102\n123 45 Stockholm",
            "SE:12345:storgatan:12b",
            "Storgatan 12 B, 123 45 Stockholm",
        ),
        (
            "S:t Eriksgatan 117, S-113 43 Stockholm",
            "SE:11343:sankt eriksgatan:117",
            "S:t Eriksgatan 117, 113 43 Stockholm",
        ),
        (
            "1:a Långgatan 12, 413 03 Göteborg",
            "SE:41303:1 a langgatan:12",
            "1:a Långgatan 12, 413 03 Göteborg",
        ),
        ("Box 1234, 111 22 Stockholm", "SE:11122:box:1234", "Box 1234, 111 22 Stockholm"),
        ("Kongens gt. 5, 0153 Oslo, Norway", "NO:0153:kongens gata:5", "Kongens gt. 5, 0153 Oslo"),
        ("Storgatan 12-14, 123 45", "SE:12345:storgatan:12", "Storgatan 12, 123 45"),
        (
            "Företaget AB, Storgatan 12, 123 45 Stockholm",
            "SE:12345:storgatan:12",
            "Storgatan 12, 123 45 Stockholm",
        ),
    ],
)
def test_real_world_writings(raw: str, key: str, display: str) -> None:
    identifier = normalise("address", raw)
    assert (identifier.key, identifier.display) == (key, display)


@pytest.mark.parametrize(
    ("raw", "region", "code", "words"),
    [
        ("Storgatan 12 B, Stockholm", None, "missing_postcode", "no postcode"),
        ("Storgatan 12", None, "missing_postcode", "no postcode"),
        ("Storgatan, 123 45 Stockholm", None, "missing_number", "no house number"),
        ("12, 123 45 Stockholm", None, "missing_street", "no street name"),
        ("123 45 Stockholm", None, "missing_street", "no street name"),
        ("c/o Hansson, 123 45 Stockholm", None, "missing_street", "no street name"),
        ("Storgata 5A, 0150 Oslo", "SE", "country", "0150 is Norwegian, but SE was asked for"),
        ("Storgatan 1, 123 45 Stockholm", "NO", "country", "Swedish, but NO was asked for"),
        ("Storgatan 1, N-12345 Stockholm", None, "country", "but NO is marked"),
        ("Storgatan 1, 123 45 Stockholm, Norge", None, "country", "but NO is marked"),
        ("Storgatan 1, 012 34 Stockholm", None, "format", "do not start with 0"),
        ("Storgatan 1, 123 45 Stockholm", "DK", "country", "Only Swedish and Norwegian"),
    ],
)
def test_refusals_say_what_is_wrong(raw: str, region: str | None, code: str, words: str) -> None:
    with pytest.raises(InvalidIdentifier) as caught:
        normalise("address", raw, region=region)
    assert caught.value.code == code
    assert words in caught.value.message


@pytest.mark.parametrize(
    "raw",
    ["c/o2 Hansson, Ringvägen 5, 114 61 Stockholm", "C / O Hansson, Ringvägen 5, 114 61 Stockholm"],
)
def test_care_of_lines_written_carelessly_are_left_out(raw: str) -> None:
    """A care-of line glued to a digit once became the street (found by fuzzing)."""
    identifier = normalise("address", raw)
    assert identifier.key == "SE:11461:ringvagen:5"
    assert normalise("address", identifier.display).key == identifier.key


@pytest.mark.parametrize(
    ("raw", "flat"),
    [
        ("Trädgårdsgränd 7 lgh 1103, Sundsvall", "lgh 1103"),
        ("Trädgårdsgränd 7 lgh. 1103, Sundsvall", "lgh. 1103"),
        ("Trädgårdsgränd 7 Lgh 1103", "Lgh 1103"),
        ("Trädgårdsgränd 7 lägenhet 1103 Sundsvall", "lägenhet 1103"),
        ("Kirkeveien 10 leil. H0201, Oslo", "leil. H0201"),
        ("Kirkeveien 10 leil. 0201", "leil. 0201"),
        ("Kirkeveien 10 leilighet 0201, Oslo", "leilighet 0201"),
        ("Kirkeveien 10 H0201, Oslo", "H0201"),
    ],
)
def test_a_flat_number_is_not_a_postcode(raw: str, flat: str) -> None:
    """ "lgh 1103" once keyed a Swedish home as "NO:1103:…", a second key for it."""
    with pytest.raises(InvalidIdentifier) as caught:
        normalise("address", raw)
    assert caught.value.code == "missing_postcode"
    assert f'"{flat}" is a flat, not a postcode' in caught.value.message


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Trädgårdsgränd 7 lgh 1103, 852 34 Sundsvall", "SE:85234:tradgardsgrand:7"),
        ("Storgatan 12, lgh 1102, 123 45 Stockholm", "SE:12345:storgatan:12"),
        ("Storgatan 12 lgh nr 1102 12345", "SE:12345:storgatan:12"),
        ("Storgatan 12 B lgh1102, 123 45", "SE:12345:storgatan:12b"),
        ("Kirkeveien 10 leil. H0201 0368 Oslo", "NO:0368:kirkeveien:10"),
        ("Leilighetsveien 5, 0368 Oslo", "NO:0368:leilighetsveien:5"),
    ],
)
def test_a_flat_next_to_a_postcode_is_left_out(raw: str, key: str) -> None:
    assert normalise("address", raw).key == key


FLATS = st.sampled_from(("lgh", "lgh.", "Lgh", "LGH", "lägenhet", "leil.", "leilighet", ""))


@given(
    street=st.sampled_from(SWEDISH_STREETS + NORWEGIAN_STREETS),
    number=numbers,
    letter=letters,
    postcode=st.sampled_from(("", "123 45", "SE-85234", "0150", "N-1103", "9999")),
    word=FLATS,
    flat=st.integers(0, 9999),
    data=st.data(),
)
@settings(max_examples=150)
def test_a_flat_never_changes_the_key(
    street: tuple[str, str, str],
    number: int,
    letter: str,
    postcode: str,
    word: str,
    flat: int,
    data: st.DataObject,
) -> None:
    """With a postcode the key stays; without one there is still no key, in no country."""
    name = data.draw(st.sampled_from(street[:2]))
    unit = data.draw(st.sampled_from((f"{flat:04d}", f"H{flat:04d}"))) if word else f"H{flat:04d}"
    designation = f"{word} {unit}".strip()
    separator = data.draw(st.sampled_from((" ", ", ")))
    town = data.draw(st.sampled_from(("", " Sundsvall", ", Oslo")))
    place = f", {postcode}{town}" if postcode else town
    plain = f"{name} {number}{letter}{place}"
    flatted = f"{name} {number}{letter}{separator}{designation}{place}"
    assert _outcome(flatted) == _outcome(plain)


def _outcome(raw: str) -> str:
    """The key, or the refusal's code when there is none."""
    try:
        return normalise("address", raw).key
    except InvalidIdentifier as error:
        return f"refused: {error.code}"


def test_street_and_town_read_an_address_with_or_without_a_postcode() -> None:
    from samverkan.identifiers.address import street_and_town

    assert street_and_town("Ängsvägen 55, Laxå", region="SE") == ("SE", "angsvagen", "55", "laxa")
    assert street_and_town("Bjørkevegen 9 H0203, Trøym", region="NO") == (
        "NO",
        "bjorkeveien",
        "9",
        "troym",
    )
    assert street_and_town("Ekg. 31, VARBERG", region="SE") == ("SE", "ekgatan", "31", "varberg")
    # With a postcode its country wins over the hint; the town is the one written after it.
    assert street_and_town("Bjørkeveien 9, 3562 Trøym", region="SE") == (
        "NO",
        "bjorkeveien",
        "9",
        "troym",
    )
    assert street_and_town("Storgatan 7", region="SE") is None  # no town
    assert street_and_town("Storgatan, Sundsvall", region="SE") is None  # no number
    assert street_and_town("Storgatan 7, Sundsvall", region=None) is None  # no country
