"""Gradings given in the UK 3x5x2 or the EU 4x4 land on the Admiralty scale, original kept."""

from __future__ import annotations

import pydantic
import pytest

from samverkan.intake.grading import EU_4X4_INFORMATION, EU_4X4_SOURCE, admiralty_from
from samverkan.intake.schemas import Grading


@pytest.mark.parametrize(
    ("scheme", "source", "information", "expected"),
    [
        ("uk_3x5x2", "1", "B", ("B", "1")),
        ("uk_3x5x2", "2", "A", ("F", "2")),
        ("uk_3x5x2", "3", "e", ("E", "5")),
        ("eu_4x4", "A", "1", ("A", "1")),
        ("eu_4x4", "x", "4", ("F", "6")),
        ("eu_4x4", "C", "3", ("D", "2")),
    ],
)
def test_other_schemes_map_onto_admiralty(
    scheme: str, source: str, information: str, expected: tuple[str, str]
) -> None:
    assert admiralty_from(scheme, source, information) == expected
    grading = Grading.model_validate(
        {"given": {"scheme": scheme, "source": source, "information": information}}
    )
    assert (grading.source.value, grading.information.value) == expected
    assert grading.given is not None
    assert grading.given.scheme == scheme


def test_every_eu_value_has_a_mapping() -> None:
    for source in EU_4X4_SOURCE:
        for information in EU_4X4_INFORMATION:
            admiralty_from("eu_4x4", source, information)


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"scheme": "eu_4x4", "source": "Q", "information": "1"}, "must be one of A, B, C, X"),
        ({"scheme": "uk_3x5x2", "source": "1", "information": "9"}, "must be one of A, B, C, D, E"),
        ({"scheme": "nato", "source": "A", "information": "1"}, "unknown grading scheme"),
    ],
)
def test_impossible_gradings_are_refused_with_the_valid_values(
    given: dict[str, str], message: str
) -> None:
    with pytest.raises(pydantic.ValidationError, match=message):
        Grading.model_validate({"given": given})
