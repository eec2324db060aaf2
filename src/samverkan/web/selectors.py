"""Reads for the start page. Aggregates only: no personal data leaves here."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from samverkan.access.models import User
from samverkan.access.policy import reports_visible_to
from samverkan.intake.models import ReportKind


@dataclass(frozen=True, slots=True)
class KindCount:
    kind: str
    label: str
    count: int


def report_counts_visible_to(*, reader: User) -> list[KindCount]:
    """How many reports of each kind the reader's organisation submitted, as far as visible."""
    if reader.organisation_id is None:
        return []
    rows = dict(
        reports_visible_to(reader=reader)
        .filter(organisation_id=reader.organisation_id)
        .values_list("kind")
        .annotate(n=Count("id"))
        .values_list("kind", "n")
    )
    return [KindCount(kind.value, str(kind.label), rows.get(kind.value, 0)) for kind in ReportKind]
