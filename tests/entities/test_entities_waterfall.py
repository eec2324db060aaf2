"""The waterfall walks from the prior to the pair's score, and says chances in plain words."""

from __future__ import annotations

import pytest
from django.utils import translation

from samverkan.entities.waterfall import chance_text, waterfall
from samverkan.resolution.explanation import Explanation, Feature, probability_of_weight


def _explanation(prior: float, *weights: tuple[str, int, float]) -> Explanation:
    features = [Feature(comparison=c, level=level, weight=w) for c, level, w in weights]
    total = prior + sum(f["weight"] for f in features)
    return Explanation(
        prior=prior,
        features=features,
        match_weight=total,
        probability=probability_of_weight(total),
    )


def test_the_walk_starts_at_the_prior_and_ends_at_the_score() -> None:
    explained = _explanation(
        -7.1, ("name", 1, 0.1), ("phones", 1, 6.1), ("address", 0, -2.5), ("birth", -1, 0.0)
    )
    with translation.override("en"):
        drawn = waterfall(explained)
    labels = [step.label for step in drawn.steps]
    assert labels == [
        "Start: two records picked at random",
        "A phone number in common",
        "Different addresses",
        "Same family name only",
        "Result: this pair",
    ]
    points = [step.points for step in drawn.steps]
    assert points[0] == -7.1
    assert sum(points[1:-1]) == pytest.approx(explained["match_weight"] + 7.1)
    assert drawn.silent == ["birth date or personal number"]
    assert (drawn.prior_chance, drawn.chance) == ("1 in 138", "8.7%")
    # One scale from the lowest point (-7.1) to the highest (0): bars proportional, touching.
    start, phone, address, name, end = drawn.steps
    assert start.left == 0.0
    assert start.width == pytest.approx(100.0)
    assert phone.left == 0.0
    assert phone.width == pytest.approx(100 * 6.1 / 7.1)
    assert address.left == pytest.approx(100 * (7.1 - 1.0 - 2.5) / 7.1)
    assert address.left + address.width == pytest.approx(phone.left + phone.width)
    assert end.left + end.width == pytest.approx(drawn.even)
    assert name.width == pytest.approx(100 * 0.1 / 7.1)
    assert all(s.left >= 0.0 and s.left + s.width <= 100.0 for s in drawn.steps)


def test_a_step_of_nothing_still_shows_within_the_scale() -> None:
    drawn = waterfall(_explanation(0.0, ("town", 2, 0.0)))
    assert all(step.width == 0.5 and step.left + step.width <= 100.0 for step in drawn.steps)


@pytest.mark.parametrize(
    ("probability", "english", "swedish"),
    [
        (0.0004, "1 in 2,500", "1 på 2\xa0500"),
        (0.5, "50%", "50%"),
        (0.973, "97.3%", "97,3%"),
        (0.99951, "99.95%", "99,95%"),
        (0.9999996, "over 99.999%", "över 99,999%"),
        (1.0, "100%", "100%"),
    ],
)
def test_chances_are_never_rounded_to_certainty(
    probability: float, english: str, swedish: str
) -> None:
    with translation.override("en"):
        assert chance_text(probability) == english
    with translation.override("sv"):
        assert chance_text(probability) == swedish
