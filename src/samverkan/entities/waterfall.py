"""A review pair's score as a waterfall a non-statistician can read.

Invariant: the steps start at the prior (what any two records would score),
each feature adds or subtracts its points (match weight, in bits), and the
last step ends at the pair's match probability; every bar's left edge and
width are percentages of one scale that holds the whole walk, so the page
draws it without script or inline style (SVG geometry; the content security
policy forbids inline styles). Features that say nothing (missing on a side) are
listed apart, not drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from samverkan.resolution.explanation import Explanation, probability_of_weight

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

MIN_WIDTH = 0.5  # percent: the narrowest bar drawn

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
    chance: str = ""  # the chance so far, in words; on the first and last step only


@dataclass(frozen=True, slots=True)
class Waterfall:
    steps: list[Step]
    silent: list[str]  # features missing on a side: they neither add nor subtract
    prior_probability: float
    probability: float
    even: float  # where an even chance (0 points, 50 %) lies, percent of the scale
    prior_chance: str
    chance: str


def chance_text(probability: float) -> str:
    """A probability as a reader says it: "1 in 2,500" when small, else a percentage.

    A percentage is never rounded up to 100 % (or down to 0 %) unless it is
    exactly that: 0.9996 reads "99.96 %", not "100 %".
    """
    if 0.0 < probability < 0.01:
        n = number_format(round(1.0 / probability), force_grouping=True)
        return gettext("1 in %(n)s") % {"n": n}
    percent = 100.0 * probability
    for digits in (1, 2, 3):
        shown = round(percent, digits)
        if 0.0 < shown < 100.0 or percent in (0.0, 100.0):
            break
    else:
        if percent > 50:
            return gettext("over %(percent)s") % {"percent": _percent(99.999, 3)}
        return gettext("under %(percent)s") % {"percent": _percent(0.001, 3)}
    return _percent(shown, digits)


def _percent(value: float, digits: int) -> str:
    """A percentage in the reader's language, without trailing zeros: "97,3%", "50%"."""
    return number_format(value, decimal_pos=digits).rstrip("0").rstrip(".,") + "%"


def waterfall(explanation: Explanation) -> Waterfall:
    """The steps of a pair's explanation, from the prior to its match probability."""
    walk: list[tuple[str, float, float, float, str]] = []  # label, points, from, to, direction
    position = explanation["prior"]
    walk.append((str(_("Start: two records picked at random")), position, 0.0, position, "start"))
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
    walk.append((str(_("Result: this pair")), total, 0.0, total, "end"))
    low = min(0.0, *(min(a, b) for _, _, a, b, _ in walk))
    high = max(0.0, *(max(a, b) for _, _, a, b, _ in walk))
    span = (high - low) or 1.0
    prior_chance = chance_text(probability_of_weight(explanation["prior"]))
    chance = chance_text(explanation["probability"])
    steps = []
    for label, points, a, b, direction in walk:
        width = max(MIN_WIDTH, 100.0 * abs(b - a) / span)  # a zero step still shows
        steps.append(
            Step(
                label=label,
                points=points,
                left=min(100.0 * (min(a, b) - low) / span, 100.0 - width),
                width=width,
                direction=direction,
                chance={"start": prior_chance, "end": chance}.get(direction, ""),
            )
        )
    return Waterfall(
        steps=steps,
        silent=silent,
        prior_probability=probability_of_weight(explanation["prior"]),
        probability=explanation["probability"],
        even=100.0 * (0.0 - low) / span,
        prior_chance=prior_chance,
        chance=chance,
    )
