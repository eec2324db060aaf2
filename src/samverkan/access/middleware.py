"""Session rules that Django does not have built in."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from samverkan.access.authentication import second_factor_given, second_factor_required
from samverkan.access.models import User

LOGIN_AT = "samverkan_login_at"


class SessionLifetimeMiddleware:
    """End every session ``SESSION_ABSOLUTE_SECONDS`` after login, however active it is.

    The idle limit is Django's own (``SESSION_COOKIE_AGE``, renewed on each
    request); this adds the absolute one.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = request.session.setdefault(LOGIN_AT, time.time())
            if time.time() - float(started) > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)


class SecondFactorRequiredMiddleware:
    """Hold a user who needs a second factor at its pages until they have given it."""

    OPEN_PREFIXES = ("/login/", "/logout/", "/i18n/", "/static/", "/health")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            isinstance(user, User)
            and user.is_authenticated
            and second_factor_required(user)
            and not second_factor_given(user)
            and not request.path.startswith(self.OPEN_PREFIXES)
        ):
            return redirect(f"{reverse('second_factor')}?next={request.get_full_path()}")
        return self.get_response(request)
