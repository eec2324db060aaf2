"""Agreement between a clustering and the truth: pairwise and B-cubed scores.

Invariant: both are computed from the contingency of (predicted cluster,
true entity) counts, so they are exact and take time linear in the number
of items. ``predicted[i]`` and ``truth[i]`` label item ``i``; labels are
compared only for equality.

Pairwise: a pair of items is predicted linked when both share a cluster and
truly linked when both share an entity; precision, recall and F1 over pairs.
With no predicted (or no true) pairs the precision (or recall) is 1.0: there
was nothing to get wrong.

B-cubed (Bagga and Baldwin): for each item, the share of its cluster that is
truly its entity (precision) and the share of its entity found in its
cluster (recall), averaged over items.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 0.0 if total == 0 else 2 * self.precision * self.recall / total


@dataclass(frozen=True, slots=True)
class Agreement:
    """Pairwise and B-cubed scores of one clustering, with the sizes behind them."""

    items: int
    true_pairs: int
    predicted_pairs: int
    pairwise: Scores
    bcubed: Scores


def agreement(predicted: Sequence[Hashable], truth: Sequence[Hashable]) -> Agreement:
    """Score the clustering ``predicted`` against ``truth`` (same length, item by item)."""
    if len(predicted) != len(truth):
        raise ValueError("predicted and truth must label the same items")
    joint = Counter(zip(predicted, truth, strict=True))
    clusters = Counter(predicted)
    entities = Counter(truth)
    both = sum(_pairs(n) for n in joint.values())
    predicted_pairs = sum(_pairs(n) for n in clusters.values())
    true_pairs = sum(_pairs(n) for n in entities.values())
    items = len(truth)
    if items == 0:
        return Agreement(0, 0, 0, Scores(1.0, 1.0), Scores(1.0, 1.0))
    bcubed_precision = sum(n * n / clusters[c] for (c, _), n in joint.items()) / items
    bcubed_recall = sum(n * n / entities[e] for (_, e), n in joint.items()) / items
    return Agreement(
        items=items,
        true_pairs=true_pairs,
        predicted_pairs=predicted_pairs,
        pairwise=Scores(
            precision=both / predicted_pairs if predicted_pairs else 1.0,
            recall=both / true_pairs if true_pairs else 1.0,
        ),
        bcubed=Scores(precision=bcubed_precision, recall=bcubed_recall),
    )


def _pairs(n: int) -> int:
    return n * (n - 1) // 2
