"""Personal names: case, accents, hyphens, spacing and "Last, First" do not matter."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samverkan.identifiers import InvalidIdentifier, normalise
from tests.identifiers.writing import any_case

# Plain letters and the accented ones that name keys fold away.
words = st.text("abcdefghijklmnoprstuvyzåäöæøéüè", min_size=1, max_size=10)
ACCENTED = str.maketrans("åäöæøéüè", "aaoaoeue")


@given(given_names=st.lists(words, min_size=1, max_size=3), surname=words, data=st.data())
@settings(max_examples=150)
def test_every_writing_gives_the_same_key(
    given_names: list[str], surname: str, data: st.DataObject
) -> None:
    joiner = data.draw(st.sampled_from((" ", "-", "  ", " - ")))
    first = joiner.join(given_names)
    raw = data.draw(
        st.sampled_from(
            (
                f"{first} {surname}",
                f"{surname}, {first}",
                f"{surname.upper()},{first}",
                f"  {first}\t{surname} ",
            )
        )
    )
    identifier = normalise("person_name", data.draw(any_case(raw)))
    assert identifier.key == " ".join([*given_names, surname]).translate(ACCENTED)
    assert normalise("person_name", identifier.display) == identifier
    assert normalise("person_name", identifier.key).key == identifier.key


@pytest.mark.parametrize(
    ("raw", "key", "display"),
    [
        ("ANDERSSON, Karl-Erik", "karl erik andersson", "ANDERSSON, Karl-Erik"),
        ("Karl-Erik  Andersson", "karl erik andersson", "Karl-Erik Andersson"),
        ("  Jørgen Sørensen ", "jorgen sorensen", "Jørgen Sørensen"),
        ("Jörgen Sörensen", "jorgen sorensen", "Jörgen Sörensen"),
        ("Ærlig Åse", "arlig ase", "Ærlig Åse"),
        ("José Müller", "jose muller", "José Müller"),
        ("Weiß, Hans", "hans weiss", "Weiß, Hans"),
        ("Seán O'Brien", "sean o brien", "Seán O'Brien"),
        ("Andersson,", "andersson", "Andersson,"),
        ("Karl XII", "karl xii", "Karl XII"),
        ("Łukasz Wałęsa", "lukasz walesa", "Łukasz Wałęsa"),
        ("Дмитрий Иванов", "дмитрии иванов", "Дмитрий Иванов"),
    ],
)
def test_real_world_writings(raw: str, key: str, display: str) -> None:
    identifier = normalise("person_name", raw)
    assert (identifier.key, identifier.display) == (key, display)


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("19811218", "must contain letters"),
        ("12 34", "must contain letters"),
        ("Andersson, Karl, Erik", "at most one comma"),
    ],
)
def test_refusals_say_what_is_wrong(raw: str, words: str) -> None:
    with pytest.raises(InvalidIdentifier) as caught:
        normalise("person_name", raw)
    assert caught.value.code == "format"
    assert words in caught.value.message
