"""Who is reading, for views: the intelligence reader, and where to state a purpose.

The rules themselves live in ``samverkan.access.policy``; these two helpers
turn them into HTTP answers the same way on every page.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from samverkan.access.models import User
from samverkan.access.policy import reads_intelligence


def intelligence_reader(request: HttpRequest) -> User:
    """The signed-in officer, analyst or coordinator; anyone else gets 404 as for no page."""
    user = request.user
    if not isinstance(user, User) or not reads_intelligence(user):
        raise Http404
    return user


def purpose_asked(request: HttpRequest) -> HttpResponse:
    """Send the reader to state a purpose, and back here afterwards."""
    return redirect(f"{reverse('purpose')}?{urlencode({'next': request.get_full_path()})}")
