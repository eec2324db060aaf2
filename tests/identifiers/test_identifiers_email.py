"""E-mail addresses: case, brackets and mailto: do not matter; domains are IDNA-encoded."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samverkan.identifiers import InvalidIdentifier, normalise
from tests.identifiers.writing import any_case, padded

local_parts = st.from_regex(r"[a-z0-9]([a-z0-9._+-]{0,15}[a-z0-9])?", fullmatch=True)
labels = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?", fullmatch=True)
domains = st.tuples(
    st.lists(labels, min_size=1, max_size=3), st.sampled_from(("se", "no", "com"))
).map(lambda parts: ".".join([*parts[0], parts[1]]))


@given(local=local_parts, domain=domains, data=st.data())
@settings(max_examples=150)
def test_every_writing_gives_the_lower_case_key(
    local: str, domain: str, data: st.DataObject
) -> None:
    address = data.draw(any_case(f"{local}@{domain}"))
    form = data.draw(st.sampled_from((address, f"mailto:{address}", f"<{address}>", f"{address}.")))
    identifier = normalise("email", data.draw(padded(form)))
    assert identifier.key == f"{local}@{domain}"
    assert normalise("email", identifier.display) == identifier
    assert normalise("email", identifier.key) == identifier


@pytest.mark.parametrize(
    ("raw", "key", "display"),
    [
        ("Karl.Andersson@Polisen.SE", "karl.andersson@polisen.se", "karl.andersson@polisen.se"),
        ("  mailto:Info@Exempel.no?subject=Hej ", "info@exempel.no", "info@exempel.no"),
        ("MAILTO:info@exempel.no", "info@exempel.no", "info@exempel.no"),
        ("<kontakt@exempel.se>", "kontakt@exempel.se", "kontakt@exempel.se"),
        ("post@räksmörgås.se", "post@xn--rksmrgs-5wao1o.se", "post@räksmörgås.se"),
        ("post@xn--rksmrgs-5wao1o.se", "post@xn--rksmrgs-5wao1o.se", "post@räksmörgås.se"),
        ("post@RÄKSMÖRGÅS.SE", "post@xn--rksmrgs-5wao1o.se", "post@räksmörgås.se"),
        (
            "fornavn.etternavn+tips@gmail.com",
            "fornavn.etternavn+tips@gmail.com",
            "fornavn.etternavn+tips@gmail.com",
        ),
    ],
)
def test_real_world_writings(raw: str, key: str, display: str) -> None:
    identifier = normalise("email", raw)
    assert (identifier.key, identifier.display) == (key, display)


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("karl.andersson.polisen.se", "exactly one @; this has 0"),
        ("karl@andersson@polisen.se", "exactly one @; this has 2"),
        ("@polisen.se", "before the @ is empty"),
        ("karl andersson@polisen.se", "contains spaces"),
        ("karl@localhost", "needs a dot"),
        ("karl@polisen..se", "not a valid internet domain"),
        ("karl@-polisen.se", "does not start or end with a hyphen"),
        ("karl@polisen_se.se", "letters, digits"),
    ],
)
def test_refusals_say_what_is_wrong(raw: str, words: str) -> None:
    with pytest.raises(InvalidIdentifier) as caught:
        normalise("email", raw)
    assert caught.value.code == "format"
    assert words in caught.value.message
