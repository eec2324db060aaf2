"""The lead score: evidence in, additive terms out, each a count times its points.

Invariant: ``score_terms`` is a pure function of the facts and the weights;
the score is the sum of the terms' points, and every term with a count of
zero is left out, so the explanation lists exactly what the points are for.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from samverkan.leads.evidence import Fact
from samverkan.leads.weights import WEIGHTS, LeadWeights

_BY_KIND = {
    "courier_statement": "courier_statement",
    "seizure": "seizure",
    "postal_item": "postal_item",
    "observation": "observation",
    "intelligence": "intelligence",
}


@dataclass(frozen=True, slots=True)
class Term:
    """``count`` pieces of evidence of one ``code``, worth ``points`` together."""

    code: str
    count: int
    points: int

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def score_terms(facts: Sequence[Fact], weights: LeadWeights = WEIGHTS) -> list[Term]:
    """The terms of the score over the facts within the window before the newest one."""
    if not facts:
        return []
    newest = max(f.occurred_at for f in facts)
    recent = [f for f in facts if newest - f.occurred_at <= datetime.timedelta(weights.window_days)]
    counts: dict[str, int] = {}
    for fact in recent:
        code = _BY_KIND.get(fact.kind)
        if code:
            counts[code] = counts.get(code, 0) + 1
    counts["reliable_source"] = sum(1 for f in recent if f.source_grading in ("A", "B"))
    countries = {p.country for f in recent for p in f.places}
    counts["both_countries"] = 1 if {"SE", "NO"} <= countries else 0
    terms = [
        Term(code=code, count=count, points=count * getattr(weights, code))
        for code, count in counts.items()
        if count > 0
    ]
    # Counted from the second: one organisation alone, or one name, is no signal.
    organisations = len({f.organisation_id for f in recent})
    names = len({name for f in recent for name in f.recipient_names})
    for code, count in (("organisation", organisations), ("recipient_name", names)):
        if count > 1:
            terms.append(Term(code=code, count=count, points=(count - 1) * getattr(weights, code)))
    return sorted(terms, key=lambda t: (-t.points, t.code))


def score_of(terms: Sequence[Term]) -> int:
    return sum(term.points for term in terms)
