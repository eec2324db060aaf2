"""Login's second step: enrol an authenticator app once, then give its code at each login."""

from __future__ import annotations

from base64 import b32encode

import segno
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from samverkan.access.models import User
from samverkan.access.purpose import REFERENCE, purpose_set


class CodeForm(forms.Form):
    code = forms.RegexField(
        regex=r"^\s*\d{6}\s*$",
        label=_("Six-digit code from your authenticator app"),
        error_messages={"invalid": _("Enter the six digits your app shows.")},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


def _qr_data_uri(device: TOTPDevice) -> str:
    return str(segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2))


@never_cache
@login_required
def second_factor(request: HttpRequest) -> HttpResponse:
    """Ask for the TOTP code; the first time, show the QR code to enrol the app."""
    user = request.user
    assert isinstance(user, User)
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = confirmed or TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _why = device.verify_is_allowed()
        if not allowed:
            form.add_error("code", _("Too many wrong codes. Wait a few seconds and try again."))
        elif device.verify_token(form.cleaned_data["code"].strip()):
            if not device.confirmed:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(_next_url(request))
        else:
            form.add_error("code", _("That code is not right, or it has expired."))
    context = {"form": form, "enrolling": not device.confirmed, "next": _next_url(request)}
    if not device.confirmed:
        context["qr_data_uri"] = _qr_data_uri(device)
        context["secret"] = b32encode(device.bin_key).decode().rstrip("=")
    return render(request, "access/second_factor.html", context)


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None, credentials: object
) -> HttpResponse:
    """django-axes' answer once a username has failed too often (HTTP 429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"cooloff_minutes": minutes}, status=429)


class PurposeForm(forms.Form):
    reference = forms.RegexField(
        regex=REFERENCE,
        label=_("Case or operation reference"),
        help_text=_("For example 5000-K123456-26 or op-vinterljus."),
        error_messages={"invalid": _("Give a case or operation reference (3–60 characters).")},
        widget=forms.TextInput(attrs={"autofocus": True}),
    )
    note = forms.CharField(label=_("Why (optional)"), required=False, max_length=200)


@never_cache
@login_required
def purpose(request: HttpRequest) -> HttpResponse:
    """State the purpose that every following read of personal data is logged with."""
    form = PurposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        purpose_set(
            session=request.session,
            reference=form.cleaned_data["reference"],
            note=form.cleaned_data["note"],
        )
        return redirect(_next_url(request))
    return render(request, "access/purpose.html", {"form": form, "next": _next_url(request)})
