"""Thin views: check who asks, call one selector, render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from samverkan.access.models import User
from samverkan.web.selectors import report_counts_visible_to


@never_cache
@login_required
def home(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    counts = report_counts_visible_to(reader=request.user)
    return render(request, "web/home.html", {"counts": counts})


@require_GET
def health(request: HttpRequest) -> HttpResponse:
    """Liveness for load balancers: answers without touching personal data."""
    return JsonResponse({"status": "ok"})
