"""Pairwise and B-cubed agreement between a clustering and the truth."""

from __future__ import annotations

import pytest

from samverkan.resolution.metrics import agreement


def test_a_perfect_clustering_scores_one() -> None:
    result = agreement(["a", "a", "b"], ["x", "x", "y"])
    assert result.pairwise.f1 == 1.0
    assert result.bcubed.f1 == 1.0


def test_a_worked_example() -> None:
    # Truth: {0,1,2} {3}; predicted: {0,1} {2,3}.
    result = agreement([1, 1, 2, 2], ["p", "p", "p", "q"])
    assert result.true_pairs == 3
    assert result.predicted_pairs == 2
    assert result.pairwise.precision == pytest.approx(0.5)
    assert result.pairwise.recall == pytest.approx(1 / 3)
    assert result.bcubed.precision == pytest.approx((1 + 1 + 0.5 + 0.5) / 4)
    assert result.bcubed.recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)


def test_lengths_must_agree() -> None:
    with pytest.raises(ValueError, match="same items"):
        agreement([1], [1, 2])
