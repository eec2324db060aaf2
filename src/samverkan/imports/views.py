"""Import pages: upload, confirm the columns, follow the job.

Thin views: who may import what is ``policy``; who sees which job is
``selectors``; everyone else gets 404, as if the page or job did not exist.
An upload waits in the session (its kept file, name and header) until its
mapping is confirmed; the session is the only place its token is valid.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from samverkan.access.models import User
from samverkan.access.policy import NotFound, connectors_importable_by
from samverkan.imports.connectors import Connector, connector_named
from samverkan.imports.files import ImportFileError, KeptFile, mapping_suggest
from samverkan.imports.forms import MappingForm, UploadForm
from samverkan.imports.selectors import import_job_problems_read, import_jobs_visible_to
from samverkan.imports.services import (
    ImportRefusedError,
    import_job_create,
    import_job_enqueue,
    import_job_resume,
    import_upload_receive,
    resumable,
)

UPLOADS = "samverkan_import_uploads"
JOBS_LISTED = 50
# Seconds between refreshes of a job that is still queued or running.
REFRESH_SECONDS = 2


def _importer(request: HttpRequest) -> tuple[User, list[type[Connector]]]:
    user = request.user
    if not isinstance(user, User):
        raise Http404
    connectors = connectors_importable_by(user)
    if not connectors:
        raise Http404
    return user, connectors


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def import_list(request: HttpRequest) -> HttpResponse:
    """The organisation's jobs, newest first, and the upload form."""
    user, connectors = _importer(request)
    form = UploadForm(connectors, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        try:
            upload = import_upload_receive(
                by=user, connector=form.cleaned_data["connector"], source=uploaded
            )
        except (ImportFileError, ImportRefusedError) as exc:
            form.add_error("file", str(exc))
        else:
            token = uuid.uuid4().hex
            uploads = request.session.get(UPLOADS, {})
            uploads[token] = {
                "connector": upload.connector,
                "path": upload.file.path,
                "sha256": upload.file.sha256,
                "size": upload.file.size,
                "name": str(uploaded.name or ""),
                "header": list(upload.shape.header),
                "rows": upload.shape.rows,
            }
            request.session[UPLOADS] = uploads
            return redirect("import_mapping", token=token)
    jobs = import_jobs_visible_to(reader=user).select_related("user")[:JOBS_LISTED]
    context = {"form": form, "jobs": jobs, "connectors": connectors}
    return render(request, "imports/job_list.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def import_mapping(request: HttpRequest, token: str) -> HttpResponse:
    """Which column holds which field, prefilled from the file's header; then start."""
    user, connectors = _importer(request)
    upload: dict[str, Any] | None = request.session.get(UPLOADS, {}).get(token)
    if upload is None or upload["connector"] not in {c.name for c in connectors}:
        raise Http404
    connector = connector_named(upload["connector"])
    header = tuple(upload["header"])
    form = MappingForm(connector, header, mapping_suggest(connector, header), request.POST or None)
    if request.method == "POST" and form.is_valid():
        assert user.organisation is not None  # connectors_importable_by checked it
        try:
            job = import_job_create(
                organisation=user.organisation,
                connector=connector.name,
                file=KeptFile(upload["path"], upload["sha256"], upload["size"]),
                file_name=upload["name"],
                by=user,
                mapping=form.mapping(),
            )
        except (ImportFileError, ImportRefusedError) as exc:
            form.add_error(None, str(exc))
        else:
            import_job_enqueue(job=job)
            uploads = request.session.get(UPLOADS, {})
            uploads.pop(token, None)
            request.session[UPLOADS] = uploads
            return redirect("import_detail", job_id=job.pk)
    context = {"form": form, "connector": connector, "upload": upload}
    return render(request, "imports/job_mapping.html", context)


@never_cache
@login_required
def import_detail(request: HttpRequest, job_id: int) -> HttpResponse:
    """Progress while the job runs (the page refreshes itself); counts and problems after."""
    user, _connectors = _importer(request)
    try:
        job, problems = import_job_problems_read(reader=user, job_id=job_id)
    except NotFound:
        raise Http404 from None
    context = {
        "job": job,
        "connector": connector_named(job.connector),
        "problems": problems,
        "problem_counts": [
            (*name.split(":", 1), count)
            for name, count in sorted(job.problem_counts.items(), key=lambda item: -item[1])
        ],
        "resumable": resumable(job),
        "percent": round(100 * job.share_done, 1),
    }
    response = render(request, "imports/job_detail.html", context)
    if not job.finished:
        # The browser reloads the page by itself: no script, nothing for the CSP to allow.
        response["Refresh"] = str(REFRESH_SECONDS)
    return response


@never_cache
@login_required
@require_POST
def import_resume(request: HttpRequest, job_id: int) -> HttpResponse:
    user, _connectors = _importer(request)
    try:
        import_job_resume(by=user, job_id=job_id)
    except NotFound:
        raise Http404 from None
    except ImportRefusedError:
        messages.info(request, _("This import is still moving or already done."))
    else:
        messages.success(request, _("The import goes on from where it stopped."))
    return redirect("import_detail", job_id=job_id)
