"""The administrators' page of API tokens: list, create (shown once), revoke.

Thin views: who may see the page is ``manages_api_tokens``; everyone else gets
404, as if the page did not exist.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from samverkan.access.models import User
from samverkan.access.policy import NotFound, api_tokens_of, manages_api_tokens
from samverkan.api.forms import ApiTokenForm
from samverkan.api.services import ApiTokenRejectedError, api_token_create
from samverkan.api.services import api_token_revoke as token_revoke

SENT_FORMS = "samverkan_api_token_forms"


def _token_manager(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not manages_api_tokens(user):
        raise Http404
    return user


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    """The organisation's tokens; a POST makes one and shows it this once."""
    user = _token_manager(request)
    form = ApiTokenForm(request.POST or None, initial={"form_id": uuid.uuid4()})
    created = None
    sent: list[str] = request.session.get(SENT_FORMS, [])
    if request.method == "POST" and form.is_valid() and str(form.cleaned_data["form_id"]) in sent:
        messages.warning(
            request,
            _(
                "That form was already sent: its token was made and shown once. If nobody"
                " copied it, revoke it below and make a new one."
            ),
        )
        return redirect("api_tokens")
    if request.method == "POST" and form.is_valid():
        request.session[SENT_FORMS] = [*sent[-19:], str(form.cleaned_data["form_id"])]
        try:
            token, secret = api_token_create(
                by=user, name=form.cleaned_data["name"], scopes=form.cleaned_data["scopes"]
            )
        except ApiTokenRejectedError as exc:
            form.add_error("name", str(exc))
        else:
            created = {"token": token, "secret": secret}
            form = ApiTokenForm(initial={"form_id": uuid.uuid4()})
    context = {"form": form, "tokens": api_tokens_of(reader=user), "created": created}
    return render(request, "api/tokens.html", context)


@never_cache
@login_required
@require_POST
def api_token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    user = _token_manager(request)
    try:
        token = token_revoke(by=user, token_id=token_id)
    except NotFound:
        raise Http404 from None
    messages.success(
        request,
        _("Token “%(name)s” is revoked: requests with it are refused from now on.")
        % {"name": token.name},
    )
    return redirect("api_tokens")
