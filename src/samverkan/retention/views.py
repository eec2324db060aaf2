"""Retention at a glance for administrators and auditors: rules, past runs, a dry run now."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from samverkan.access.models import User
from samverkan.access.policy import oversees_retention
from samverkan.retention.models import RetentionRule, RetentionRunRecord
from samverkan.retention.services import retention_run


@never_cache
@login_required
def retention_overview(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not isinstance(user, User) or not oversees_retention(reader=user):
        raise Http404
    if request.method == "POST":
        retention_run(dry_run=True, triggered_by=user.get_username())
        return redirect("retention")
    return render(
        request,
        "retention/overview.html",
        {
            "rules": RetentionRule.objects.order_by("months"),
            "runs": RetentionRunRecord.objects.all()[:20],
        },
    )
