"""Report forms in the browser: choose, fill in, see it received; identifiers checked as typed.

Thin views: who may use which form is ``forms.catalogue``; what a form
holds and how it becomes a ``ReportIn`` is its entry; storing is
``report_submit``, the same door as the API, which also writes the audit
event. A form nobody may use here answers 404, exactly like one that does
not exist.

A blank form may stay in the browser's history (no ``no-store``), so that
"back" brings back the same hidden report id and sending again stores
nothing new; pages that show what someone typed are never stored. A browser
that fetches the form anew gets a new id; ``intake.resending`` then knows
the report by its content.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from samverkan.access.models import User
from samverkan.identifiers import InvalidIdentifier
from samverkan.intake.forms.catalogue import entries_for, entry_for
from samverkan.intake.forms.courier_statement import CROSSINGS_LIST_ID, crossing_names
from samverkan.intake.forms.entry import ReportEntry
from samverkan.intake.forms.identifier_fields import CHECKABLE_KINDS, identifier_check
from samverkan.intake.forms.identifier_messages import identifier_message
from samverkan.intake.forms.place import DATALIST_ID, municipality_options
from samverkan.intake.resending import report_form_submit
from samverkan.intake.services import ReportRejectedError

SENT_KEY = "samverkan_report_sent"


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@never_cache
@login_required
def report_new(request: HttpRequest) -> HttpResponse:
    """The forms this user may fill in; straight to the form when there is only one."""
    entries = entries_for(_user(request))
    if not entries:
        raise Http404
    if len(entries) == 1:
        return redirect("report_entry", slug=entries[0].slug)
    return render(request, "intake/submit/choose.html", {"entries": entries})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def report_entry(request: HttpRequest, slug: str) -> HttpResponse:
    user = _user(request)
    entry_class = entry_for(user, slug)
    if entry_class is None:
        raise Http404
    if request.method != "POST":
        response = _show(request, entry_class(user=user))
        patch_cache_control(response, private=True)
        return response
    entry = entry_class(user=user, data=request.POST, files=request.FILES)
    if entry.is_valid() and entry.report_in is not None:
        try:
            sent = report_form_submit(by=user, data=entry.report_in, photo=entry.photo())
        except ReportRejectedError as error:
            entry.reject(str(error))
        else:
            request.session[SENT_KEY] = {
                "id": sent.report.pk,
                "slug": slug,
                "outcome": sent.outcome,
            }
            return redirect("report_sent")
    response = _show(request, entry)
    patch_cache_control(response, no_store=True, private=True)
    return response


def _show(request: HttpRequest, entry: ReportEntry) -> HttpResponse:
    context: dict[str, Any] = {
        "entry": entry,
        "municipalities": municipality_options() if entry.marked_by_user else [],
        "municipalities_id": DATALIST_ID,
        "crossings": crossing_names(),
        "crossings_id": CROSSINGS_LIST_ID,
    }
    return render(request, entry.template_name, context)


@never_cache
@login_required
def report_sent(request: HttpRequest) -> HttpResponse:
    """The receipt: which report, and whether this sending stored it or it was there already."""
    sent = request.session.get(SENT_KEY)
    if not sent:
        return redirect("report_new")
    entry_class = entry_for(_user(request), sent["slug"])
    if entry_class is None:
        raise Http404
    return render(request, "intake/submit/sent.html", {"sent": sent, "entry": entry_class})


@never_cache
@login_required
@require_POST
def identifier_check_view(request: HttpRequest) -> JsonResponse:
    """Check one identifier as it is typed; the answer is in the reader's language."""
    user = _user(request)
    if not entries_for(user):
        raise Http404
    kind = request.POST.get("kind", "")
    value = request.POST.get("value", "")[:500]
    if kind not in CHECKABLE_KINDS:
        return JsonResponse({"ok": False, "message": ""}, status=400)
    if not value.strip():
        return JsonResponse({"ok": True, "message": "", "display": ""})
    assert user.organisation is not None
    try:
        checked = identifier_check(kind, value, region=user.organisation.country)
    except InvalidIdentifier as error:
        return JsonResponse(
            {"ok": False, "code": error.code, "message": identifier_message(error, kind=kind)}
        )
    return JsonResponse({"ok": True, "message": "", "display": checked.display})
