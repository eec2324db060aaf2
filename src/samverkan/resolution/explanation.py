"""Why the model scored a pair as it did: the prior and each comparison's match weight.

Invariant: an explanation's ``prior`` plus the sum of its features' weights
is its ``match_weight``, and ``probability`` is that weight turned back into
a probability (``2^w / (1 + 2^w)``), so a waterfall drawn from it starts at
the prior, moves by each feature, and ends at the score the pair was given.
Weights are in bits (log2 of the Bayes factor), as Splink computes them; a
feature holds the comparison's name, its level (Splink's ``gamma`` value,
-1 when a side lacks the field) and its weight, term-frequency adjustment
included.
"""

from __future__ import annotations

import math
from typing import Any, TypedDict


class Feature(TypedDict):
    comparison: str
    level: int
    weight: float


class Explanation(TypedDict):
    prior: float
    features: list[Feature]
    match_weight: float
    probability: float


def weight_of_probability(probability: float) -> float:
    """A probability as a match weight (log-odds in bits)."""
    return math.log2(probability / (1.0 - probability))


def probability_of_weight(weight: float) -> float:
    """A match weight (log-odds in bits) as a probability."""
    return float(1.0 / (1.0 + 2.0 ** (-weight)))


def explanation_of(row: dict[str, Any], *, prior: float) -> Explanation:
    """The explanation of one scored row (``scoring.score_pairs(..., explain=True)``)."""
    features: list[Feature] = []
    for column, level in row.items():
        if not column.startswith("gamma_"):
            continue
        name = column.removeprefix("gamma_")
        weight = (row.get(f"mw_{name}") or 0.0) + (row.get(f"mw_tf_adj_{name}") or 0.0)
        features.append(Feature(comparison=name, level=int(level), weight=float(weight)))
    prior_weight = weight_of_probability(prior)
    total = prior_weight + sum(feature["weight"] for feature in features)
    return Explanation(
        prior=prior_weight,
        features=features,
        match_weight=total,
        probability=probability_of_weight(total),
    )
