"""The main menu: a link for each page the user may open, decided by the same rules as the page.

A menu that offered pages by role name alone would show a municipality's
administrator an "API tokens" page that answers 404; each entry here asks
the rule its page asks.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samverkan.access.models import User
from samverkan.access.policy import (
    audit_trail_whole,
    connectors_importable_by,
    manages_api_tokens,
    oversees_retention,
    reads_intelligence,
    reviews_matches,
    users_managed_by,
)
from samverkan.access.roles import Role
from samverkan.intake.forms.catalogue import entries_for
from samverkan.leads.selectors import notifications_unread


def menu(request: HttpRequest) -> dict[str, Any]:
    """Template context: ``menu`` as (url, label) pairs for the signed-in user."""
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not user.is_active or user.organisation_id is None:
        return {"menu": []}
    entries: list[tuple[str, Any]] = []
    if reads_intelligence(user) or user.has_role(Role.REPORTER):
        entries.append((reverse("report_list"), _("Reports")))
    if entries_for(user):
        entries.append((reverse("report_new"), _("New report")))
    if reads_intelligence(user):
        entries.append((reverse("entities_named"), _("Named again and again")))
        if reviews_matches(user):
            entries.append((reverse("review_queue"), _("Pairs to review")))
        entries.append((reverse("request_list"), _("Requests")))
        entries.append((reverse("lead_board"), _("Leads")))
    elif user.has_role(Role.REPORTER):
        entries.append((reverse("leads_passed_on"), _("Outcomes")))
    if reads_intelligence(user) or user.has_role(Role.REPORTER):
        unread = notifications_unread(user=user)
        entries.append(
            (
                reverse("notifications"),
                _("Notifications (%(n)s)") % {"n": unread} if unread else _("Notifications"),
            )
        )
    if connectors_importable_by(user):
        entries.append((reverse("import_list"), _("Imports")))
    if users_managed_by(reader=user).exists():
        entries.append((reverse("user_list"), _("Users")))
    if manages_api_tokens(user):
        entries.append((reverse("api_tokens"), _("API tokens")))
    if user.has_role(Role.AUDITOR):
        entries.append((reverse("audit_trail"), _("Audit trail")))
    if oversees_retention(reader=user):
        entries.append((reverse("retention"), _("Retention")))
    return {"menu": entries, "menu_whole_trail": audit_trail_whole(reader=user)}
