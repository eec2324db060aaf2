"""A review pair's score as a waterfall a non-statistician can read.

Invariant: the steps start at the prior (what any two records would score),
each feature adds or subtracts its points (match weight, in bits), and the
last step ends at the pair's match probability; every bar's left edge and
width are percentages of one scale that holds the whole walk, so the page
draws it with CSS alone. Features that say nothing (missing on a side) are
listed apart, not drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from samverkan.resolution.explanation import Explanation

# (comparison, level) → what it means; levels as the person model numbers them.
LEVELS: dict[tuple[str, int], Promise] = {
    ("name", 6): _("Same full name"),
    ("name", 5): _("Same given and family name"),
    ("name", 4): _("Same given name, family name nearly the same"),
    ("name", 3): _("Names nearly the same"),
    ("name", 2): _("Same given name, one family name missing"),
    ("name", 1): _("Same family name only"),
    ("name", 0): _("Different names"),
    ("birth", 4): _("Same personal number"),
    ("birth", 3): _("Different personal numbers"),
    ("birth", 2): _("Same birth date"),
    ("birth", 1): _("Birth dates one keystroke apart"),
    ("birth", 0): _("Different birth dates"),
    ("phones", 1): _("A phone number in common"),
    ("phones", 0): _("No phone number in common"),
    ("address", 4): _("Same address"),
    ("address", 3): _("Same street and number"),
    ("address", 2): _("Same number, street nearly the same"),
    ("address", 1): _("Same postcode"),
    ("address", 0): _("Different addresses"),
    ("nickname", 2): _("Same nickname"),
    ("nickname", 1): _("Nicknames nearly the same"),
    ("nickname", 0): _("Different nicknames"),
    ("email", 1): _("Same e-mail address"),
    ("email", 0): _("Different e-mail addresses"),
    ("town", 2): _("Same town"),
    ("town", 1): _("Towns nearly the same"),
    ("town", 0): _("Different towns"),
    ("reporter", 2): _("Reported by the same organisation"),
    ("reporter", 1): _("Reported in the same country"),
    ("reporter", 0): _("Reported in different countries"),
}

UNKNOWN: dict[str, Promise] = {
    "name": _("name"),
    "birth": _("birth date or personal number"),
    "phones": _("phone"),
    "address": _("address"),
    "nickname": _("nickname"),
    "email": _("e-mail address"),
    "town": _("town"),
    "reporter": _("reporting organisation"),
}


@dataclass(frozen=True, slots=True)
class Step:
    label: str
    points: float
    left: float  # percent of the scale
    width: float  # percent of the scale
    direction: str  # "start", "up", "down" or "end"


@dataclass(frozen=True, slots=True)
class Waterfall:
    steps: list[Step]
    silent: list[str]  # features missing on a side: they neither add nor subtract
    prior_probability: float
    probability: float


def waterfall(explanation: Explanation) -> Waterfall:
    """The steps of a pair's explanation, from the prior to its match probability."""
    walk: list[tuple[str, float, float, float, str]] = []  # label, points, from, to, direction
    position = explanation["prior"]
    walk.append((str(_("Start: any two records")), position, 0.0, position, "start"))
    silent = []
    features = sorted(explanation["features"], key=lambda f: -abs(f["weight"]))
    for feature in features:
        name, level, points = feature["comparison"], feature["level"], feature["weight"]
        if level < 0:
            silent.append(str(UNKNOWN.get(name, name)))
            continue
        label = str(LEVELS.get((name, level), f"{name} ({level})"))
        end = position + points
        walk.append((label, points, position, end, "up" if points >= 0 else "down"))
        position = end
    total = explanation["match_weight"]
    walk.append((str(_("Result")), total, 0.0, total, "end"))
    low = min(0.0, *(min(a, b) for _, _, a, b, _ in walk))
    high = max(0.0, *(max(a, b) for _, _, a, b, _ in walk))
    span = (high - low) or 1.0
    steps = [
        Step(
            label=label,
            points=points,
            left=100.0 * (min(a, b) - low) / span,
            width=max(0.5, 100.0 * abs(b - a) / span),
            direction=direction,
        )
        for label, points, a, b, direction in walk
    ]
    prior = explanation["prior"]
    return Waterfall(
        steps=steps,
        silent=silent,
        prior_probability=1.0 / (1.0 + 2.0 ** (-prior)),
        probability=explanation["probability"],
    )
