"""Template helpers of the lead pages: a lead's title as the reader may see it, and
whether the reader may make a lead (the entity page's button)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from samverkan.access.models import User
from samverkan.access.policy import may_make_lead
from samverkan.leads.models import Lead

register = template.Library()


@register.simple_tag
def title_of(titles: dict[int, str], lead: Lead) -> str:
    """The title the selector allowed for this reader, else the lead's number."""
    return titles.get(lead.pk) or _("Lead %(lead)s") % {"lead": lead.pk}


@register.simple_tag
def lead_makeable(user: Any) -> bool:
    return isinstance(user, User) and may_make_lead(user)


@register.simple_tag
def lead_of(leads: dict[int, Lead], report: Any) -> Lead | None:
    """The lead a report is evidence of, from the view's ``leads_of_reports``."""
    return leads.get(report.pk)
