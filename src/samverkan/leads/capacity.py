"""Capacity per district and week: what was declared, what offers have used.

Invariant: an offer uses capacity of the week it was made in while it is
open or accepted; a declined, expired or withdrawn offer gives it back. A
district that declared nothing for a week has no capacity that week.
"""

from __future__ import annotations

import datetime

from django.db.models import Count

from samverkan.leads.models import Capacity, Offer, OfferState

USING = (OfferState.OPEN, OfferState.ACCEPTED)


def week_of(moment: datetime.datetime | datetime.date) -> datetime.date:
    """The Monday of the (local) week a moment falls in."""
    day = moment.date() if isinstance(moment, datetime.datetime) else moment
    return day - datetime.timedelta(days=day.weekday())


def declared(*, week: datetime.date) -> dict[int, int]:
    return dict(Capacity.objects.filter(week=week).values_list("organisation_id", "leads"))


def used(*, week: datetime.date) -> dict[int, int]:
    rows = (
        Offer.objects.filter(week=week, state__in=USING)
        .values("organisation_id")
        .annotate(n=Count("pk"))
        .values_list("organisation_id", "n")
    )
    return dict(rows)


def free(*, week: datetime.date) -> dict[int, int]:
    """Capacity left per organisation that declared any (never below zero)."""
    taken = used(week=week)
    return {org: max(leads - taken.get(org, 0), 0) for org, leads in declared(week=week).items()}
