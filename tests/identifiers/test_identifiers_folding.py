"""Folding free text for comparison."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samverkan.identifiers.folding import fold


@given(text=st.text(max_size=40))
@settings(max_examples=300)
def test_folding_is_idempotent_and_tidy(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    assert folded == folded.strip()
    assert "  " not in folded
    assert folded == folded.lower()


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Sørensen", "sorensen"),
        ("Sörensen", "sorensen"),
        ("Åsa-Märta", "asa marta"),
        ("Straße", "strasse"),
        ("ﬁnn", "finn"),  # ligature from a PDF
        ("S:t Eriksgatan", "s t eriksgatan"),
        ("Þóra Ðaníelsdóttir", "thora danielsdottir"),
    ],
)
def test_nordic_and_other_letters(text: str, folded: str) -> None:
    assert fold(text) == folded
