"""Noise: none at level 0, variants that still normalise, errors that are marked as such."""

from __future__ import annotations

import contextlib
import random
from collections import Counter
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samverkan import identifiers
from samverkan.identifiers import InvalidIdentifier
from samverkan.scenario import (
    bank_accounts,
    org_numbers,
    personal_numbers,
    phones,
    plates,
    postal_items,
)
from samverkan.scenario.formats import FORMATTERS
from samverkan.scenario.noise import ERROR_OPS, VARIANT_OPS, Noise
from samverkan.scenario.seeding import stream
from tests.scenario.worlds import MentionFact, World

# Plates and addresses carry their country in their shape; a reporter's
# country hint would refuse the other country's (a Norwegian plate in a
# Swedish report), so only phones get the hint.
_HINTED = {"phone"}


def _key(kind: str, value: str, country: str) -> str:
    region = country if kind in _HINTED else None
    return identifiers.normalise(kind, value, region=region).key


def _identifier_mentions(world: World) -> list[MentionFact]:
    return [m for m in world.mentions() if m.kind in identifiers.KINDS]


def test_clean_world_has_no_noise(clean_world: World) -> None:
    for mention in clean_world.mentions():
        assert mention.noise == ()
        assert mention.value == mention.true


def test_clean_identifiers_normalise_to_their_truth(clean_world: World) -> None:
    mentions = _identifier_mentions(clean_world)
    kinds = Counter(m.kind for m in mentions)
    assert {"phone", "plate", "postal_item", "address", "person_name", "iban"} <= set(kinds)
    assert {"se_personal_number", "no_personal_number"} <= set(kinds)
    assert {"se_org_number", "no_org_number"} & set(kinds)
    for mention in mentions:
        assert _key(mention.kind, mention.value, mention.country) == _key(
            mention.kind, mention.true, mention.country
        ), mention


def test_noise_makes_a_measurable_share_of_variants_and_errors(demo_world: World) -> None:
    mentions = list(demo_world.mentions())
    noisy = [m for m in mentions if m.noise]
    assert 0.1 < len(noisy) / len(mentions) < 0.6
    ops = Counter(op for m in noisy for op in m.noise)
    assert set(ops) <= VARIANT_OPS | ERROR_OPS
    assert {"format", "surname_first", "transpose", "typo"} <= set(ops)
    assert sum(ops[op] for op in ERROR_OPS) < sum(ops[op] for op in VARIANT_OPS)
    assert all(m.value != m.true for m in noisy if set(m.noise) & ERROR_OPS - {"given_only"})


def test_variants_normalise_to_the_truth(demo_world: World) -> None:
    variants = [
        m for m in _identifier_mentions(demo_world) if m.noise and set(m.noise) <= VARIANT_OPS
    ]
    assert len(variants) > 200
    same = 0
    for mention in variants:
        with contextlib.suppress(InvalidIdentifier):
            same += _key(mention.kind, mention.value, mention.country) == _key(
                mention.kind, mention.true, mention.country
            )
    assert same / len(variants) > 0.97


def test_digit_errors_mostly_break_check_digits(demo_world: World) -> None:
    checked = {"se_personal_number", "no_personal_number", "postal_item", "iban"}
    broken = [
        m for m in demo_world.mentions()
        if m.kind in checked and {"transpose", "wrong_digit"} & set(m.noise)
    ]  # fmt: skip
    assert broken
    refused = 0
    for mention in broken:
        try:
            identifiers.normalise(mention.kind, mention.value)
        except InvalidIdentifier:
            refused += 1
    assert refused / len(broken) > 0.7


def test_names_vary_as_people_write_them(demo_world: World) -> None:
    names = [m for m in demo_world.mentions() if m.kind == "person_name" and m.noise]
    ops = Counter(op for m in names for op in m.noise)
    assert ops["surname_first"]
    assert ops["upper"]
    for mention in names:
        if mention.noise == ("surname_first",):
            assert "," in mention.value


@pytest.mark.parametrize("level", [-0.1, 1.5])
def test_noise_level_must_be_a_share(level: float) -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        Noise(level, stream(1, "test"))


def _canonical(kind: str, rng: random.Random) -> str:
    born = date(rng.randint(1940, 2005), rng.randint(1, 12), rng.randint(1, 28))
    female = rng.random() < 0.5
    values = {
        "phone": lambda: phones.mobile(rng, rng.choice(("SE", "NO"))),
        "se_personal_number": lambda: personal_numbers.se_personal_number(
            rng, born, female=female, coordination=rng.random() < 0.2
        ),
        "no_personal_number": lambda: personal_numbers.no_personal_number(
            rng, born, female=female, d_number=rng.random() < 0.2
        ),
        "se_org_number": lambda: org_numbers.se_org_number(rng),
        "no_org_number": lambda: org_numbers.no_org_number(rng),
        "iban": lambda: bank_accounts.iban(rng, rng.choice(("SE", "NO"))),
        "plate": lambda: plates.plate(rng, rng.choice(("SE", "NO"))),
        "postal_item": lambda: postal_items.s10(
            rng,
            postal_items.Serials(rng).next(),
            parcel=rng.random() < 0.5,
            country=rng.choice(("SE", "NO", "NL")),
        ),
    }
    return values[kind]()


@settings(max_examples=300, deadline=None)
@given(
    seed=st.integers(0, 2**32),
    kind=st.sampled_from(sorted(set(FORMATTERS) - {"birth_date"})),
    reporter=st.sampled_from(("SE", "NO")),
)
def test_every_format_variant_keeps_the_key(seed: int, kind: str, reporter: str) -> None:
    rng = stream(seed, "formats")
    value = _canonical(kind, rng)
    written = FORMATTERS[kind](value, rng, reporter)
    assert _key(kind, written, reporter) == _key(kind, value, reporter)


@settings(max_examples=200, deadline=None)
@given(seed=st.integers(0, 2**32), kind=st.sampled_from(sorted(set(FORMATTERS) - {"birth_date"})))
def test_generated_identifiers_are_valid(seed: int, kind: str) -> None:
    value = _canonical(kind, stream(seed, "values"))
    assert identifiers.normalise(kind, value).key


def test_a_camera_misreads_one_character_of_like_shape_and_never_mistypes() -> None:
    noise = Noise(1.0, stream(7, "camera"))
    readings = [noise.reading("DXH 788") for _ in range(400)]
    wrong = [reading for reading in readings if reading.ops]
    assert 0 < len(wrong) < len(readings)
    assert {reading.ops for reading in wrong} == {("misread",)}
    assert all(reading.value == "DXH 788" for reading in readings if not reading.ops)
    for reading in wrong:
        changed = [a for a, b in zip(reading.value, "DXH 788", strict=True) if a != b]
        assert len(changed) == 1
        assert changed[0] in "0OKN1T3B6"  # D as 0 or O, X as K, H as N, 7 as 1 or T, 8 as 3, B or 6
