"""The review queue's pages: the list, one pair side by side, and the analyst's decision."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from samverkan.access.models import User
from samverkan.access.policy import NotFound, reviews_matches
from samverkan.access.purpose import PurposeRequiredError, purpose_of
from samverkan.access.readers import intelligence_reader, purpose_asked
from samverkan.entities.models import EntityKind, Judgement
from samverkan.entities.near import OFFERED_KINDS
from samverkan.entities.near_review import near_pairs_list
from samverkan.entities.review import MERGE, review_pair_decide, review_pair_read, review_pairs_list
from samverkan.entities.services import JudgementError
from samverkan.entities.waterfall import chance_text


class ReviewDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        widget=forms.RadioSelect,
        choices=[
            (MERGE, gettext_lazy("The same person")),
            (Judgement.NEGATIVE.value, gettext_lazy("Not the same person")),
            (Judgement.UNSURE.value, gettext_lazy("Unsure")),
        ],
    )
    reason = forms.CharField(label=gettext_lazy("Why"), max_length=500)


def _reviewer(request: HttpRequest) -> User:
    """An analyst of police or customs; for anyone else the queue does not exist."""
    reader = intelligence_reader(request)
    if not reviews_matches(reader):
        raise Http404
    return reader


def _page_number(request: HttpRequest) -> int:
    raw = request.GET.get("page", "1")
    return int(raw) if raw.isdigit() and len(raw) < 9 else 1


@never_cache
@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    reader = _reviewer(request)
    try:
        purpose = purpose_of(session=request.session, reader=reader)
    except PurposeRequiredError:
        return purpose_asked(request)
    page, displays = review_pairs_list(reader=reader, purpose=purpose, page=_page_number(request))
    rows = [
        (pair, displays[pair.left_id], displays[pair.right_id], chance_text(pair.score))
        for pair in page
    ]
    return render(request, "entities/review_queue.html", {"page": page, "rows": rows})


@never_cache
@login_required
def near_pairs(request: HttpRequest) -> HttpResponse:
    """Keyed entities one slip apart that no rule could tie: decided on the entity page."""
    reader = _reviewer(request)
    try:
        purpose = purpose_of(session=request.session, reader=reader)
    except PurposeRequiredError:
        return purpose_asked(request)
    kind = request.GET.get("kind", "")
    kind = kind if kind in OFFERED_KINDS else ""
    page, rows = near_pairs_list(
        reader=reader, purpose=purpose, page=_page_number(request), kind=kind
    )
    kinds = [(value, label) for value, label in EntityKind.choices if value in OFFERED_KINDS]
    return render(
        request,
        "entities/near_pairs.html",
        {"page": page, "rows": rows, "kinds": kinds, "kind": kind},
    )


@never_cache
@login_required
def review_pair(request: HttpRequest, pair_id: int) -> HttpResponse:
    reader = _reviewer(request)
    try:
        purpose = purpose_of(session=request.session, reader=reader)
        view = review_pair_read(reader=reader, pair_id=pair_id, purpose=purpose)
    except PurposeRequiredError:
        return purpose_asked(request)
    except NotFound:
        raise Http404 from None
    return render(
        request, "entities/review_pair.html", {"view": view, "form": ReviewDecisionForm()}
    )


@never_cache
@login_required
@require_POST
def review_pair_decision(request: HttpRequest, pair_id: int) -> HttpResponse:
    reader = _reviewer(request)
    form = ReviewDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision and say why."))
        return redirect("review_queue")
    try:
        review_pair_decide(
            by=reader,
            pair_id=pair_id,
            decision=form.cleaned_data["decision"],
            reason=form.cleaned_data["reason"],
        )
    except NotFound:
        raise Http404 from None
    except JudgementError as error:
        messages.error(request, str(error))
        return redirect("review_pair", pair_id=pair_id)
    messages.success(request, _("Recorded. The pair has left the queue."))
    return redirect("review_queue")
