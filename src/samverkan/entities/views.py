"""Entity pages: one entity as far as the reader may see it, and the most-named list."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from samverkan.access.models import User
from samverkan.access.policy import NotFound, reads_intelligence
from samverkan.access.purpose import PurposeRequiredError, purpose_of
from samverkan.entities.models import EntityKind
from samverkan.entities.selectors import entities_most_named, entity_read
from samverkan.intake.labels import SUBJECT_ROLES


def _reader(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not reads_intelligence(user):
        raise Http404
    return user


@never_cache
@login_required
def entity_detail(request: HttpRequest, entity_id: int) -> HttpResponse:
    reader = _reader(request)
    try:
        purpose = purpose_of(session=request.session, reader=reader)
        summary = entity_read(reader=reader, entity_id=entity_id, purpose=purpose)
    except PurposeRequiredError:
        return redirect(f"{reverse('purpose')}?next={request.get_full_path()}")
    except NotFound:
        raise Http404 from None
    roles = {SUBJECT_ROLES.get(role, role): n for role, n in summary.roles.items()}
    return render(request, "entities/entity_detail.html", {"summary": summary, "roles": roles})


@never_cache
@login_required
def entities_named(request: HttpRequest) -> HttpResponse:
    reader = _reader(request)
    kind = request.GET.get("kind", EntityKind.PHONE)
    if kind not in EntityKind.values:
        kind = EntityKind.PHONE
    role = request.GET.get("role", "")
    if role not in SUBJECT_ROLES:
        role = ""
    try:
        purpose = purpose_of(session=request.session, reader=reader)
    except PurposeRequiredError:
        return redirect(f"{reverse('purpose')}?next={request.get_full_path()}")
    named = entities_most_named(reader=reader, purpose=purpose, kind=kind, role=role)
    return render(
        request,
        "entities/entities_named.html",
        {
            "named": named,
            "kind": kind,
            "role": role,
            "kinds": EntityKind.choices,
            "roles": SUBJECT_ROLES.items(),
            "purpose": purpose,
        },
    )
