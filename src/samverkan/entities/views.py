"""Entity pages: one entity as far as the reader may see it, and the most-named list."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from samverkan.access.policy import Forbidden, NotFound
from samverkan.access.purpose import PurposeRequiredError, purpose_of
from samverkan.access.readers import intelligence_reader, purpose_asked
from samverkan.entities.models import EntityKind, Judgement
from samverkan.entities.selectors import entities_most_named, entity_read
from samverkan.entities.services import JudgementError, entity_judge, entity_merge, entity_split
from samverkan.intake.labels import MENTION_KINDS, SUBJECT_ROLES
from samverkan.intake.models import ReportKind


@never_cache
@login_required
def entity_detail(request: HttpRequest, entity_id: int) -> HttpResponse:
    reader = intelligence_reader(request)
    try:
        purpose = purpose_of(session=request.session, reader=reader)
        summary = entity_read(reader=reader, entity_id=entity_id, purpose=purpose)
    except PurposeRequiredError:
        return purpose_asked(request)
    except NotFound:
        raise Http404 from None
    roles = {SUBJECT_ROLES.get(role, role): n for role, n in summary.roles.items()}
    written = [(MENTION_KINDS.get(kind, kind), raw, n) for kind, raw, n in summary.written]
    report_kinds = [(ReportKind(kind).label, n) for kind, n in summary.kinds.items()]
    return render(
        request,
        "entities/entity_detail.html",
        {
            "summary": summary,
            "roles": roles,
            "written": written,
            "report_kinds": sorted(report_kinds, key=lambda row: -row[1]),
            "judgements": summary.judgements,
            "can_judge": reader.has_role("analyst"),
            "form": JudgementForm(),
        },
    )


@never_cache
@login_required
def entities_named(request: HttpRequest) -> HttpResponse:
    reader = intelligence_reader(request)
    kind = request.GET.get("kind", EntityKind.PHONE)
    if kind not in EntityKind.values:
        kind = EntityKind.PHONE
    role = request.GET.get("role", "")
    if role not in SUBJECT_ROLES:
        role = ""
    try:
        purpose = purpose_of(session=request.session, reader=reader)
    except PurposeRequiredError:
        return purpose_asked(request)
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


class JudgementForm(forms.Form):
    other = forms.IntegerField(label=gettext_lazy("Other entity (number)"), min_value=1)
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[
            ("merge", gettext_lazy("The same: merge")),
            (Judgement.NEGATIVE.value, gettext_lazy("Not the same")),
            (Judgement.UNSURE.value, gettext_lazy("Unsure")),
        ],
    )
    reason = forms.CharField(label=gettext_lazy("Why"), max_length=500)


@never_cache
@login_required
@require_POST
def entity_judgement(request: HttpRequest, entity_id: int) -> HttpResponse:
    """An analyst's decision about this entity and another one."""
    reader = intelligence_reader(request)
    form = JudgementForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the other entity's number, a decision and a reason."))
        return redirect("entity_detail", entity_id=entity_id)
    other, reason = form.cleaned_data["other"], form.cleaned_data["reason"]
    try:
        if form.cleaned_data["decision"] == "merge":
            entity_merge(by=reader, a_id=entity_id, b_id=other, reason=reason)
        else:
            entity_judge(
                by=reader,
                a_id=entity_id,
                b_id=other,
                judgement=Judgement(form.cleaned_data["decision"]),
                reason=reason,
            )
    except NotFound:
        raise Http404 from None
    except Forbidden:
        return HttpResponseForbidden(_("Only analysts merge and split entities."))
    except JudgementError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Recorded."))
    return redirect("entity_detail", entity_id=min(entity_id, other))


@never_cache
@login_required
@require_POST
def entity_split_view(request: HttpRequest, judgement_id: int) -> HttpResponse:
    reader = intelligence_reader(request)
    reason = request.POST.get("reason", "").strip()[:500]
    if not reason:
        messages.error(request, _("Say why the merge was wrong."))
        back = request.POST.get("back", "")
        safe = url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure())
        return redirect(back if back and safe else "entities_named")
    try:
        judgement = entity_split(by=reader, judgement_id=judgement_id, reason=reason)
    except NotFound:
        raise Http404 from None
    except Forbidden:
        return HttpResponseForbidden(_("Only analysts merge and split entities."))
    except JudgementError as error:
        messages.error(request, str(error))
        return redirect("entities_named")
    messages.success(request, _("Split: both entities are as they were before the merge."))
    return redirect("entity_detail", entity_id=judgement.right_id)
