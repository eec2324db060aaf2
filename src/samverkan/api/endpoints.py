"""The JSON API for partner systems: ``/api/v1/``, described at ``/api/openapi.json``.

Each handler checks nothing itself and calls one service or selector: the
token and its scope are checked by ``TokenAuth``, input by the schemas, and
every failure is answered by ``samverkan.api.problems`` in one JSON shape.
Every answer carries ``Cache-Control: no-store``: reports hold personal data,
and an error may echo a piece of it.
"""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from ninja import Header, NinjaAPI, Path, Query, Router
from ninja.openapi.schema import OpenAPISchema
from ninja.responses import Status
from ninja.schema import NinjaGenerateJsonSchema
from ninja.types import DictStrAny

from samverkan.api.authentication import TokenAuth
from samverkan.api.models import ApiScope, ApiToken
from samverkan.api.parsing import query_unknown_refuse, submission_body_parse
from samverkan.api.photos import MEDIA_TYPES, api_report_photo_put, photo_receipt
from samverkan.api.problems import problems_register
from samverkan.api.reading import api_report_read, api_reports_status
from samverkan.api.schemas import (
    LARGEST_ID,
    SUBMISSION_EXAMPLES,
    ErrorsOut,
    PhotoReceipt,
    ReportDetail,
    ReportReceipt,
    ReportStatus,
    ReportStatusPage,
    ReportStatusQuery,
    ReportSubmission,
)
from samverkan.api.submission import api_reports_submit
from samverkan.intake.schemas import ReportKind
from samverkan.intake.selectors import report_photo_about

ERRORS = frozenset({400, 401, 403, 404, 413, 422, 429})
IDEMPOTENCY_KEY = r"^[\x21-\x7e]{1,200}$"  # visible ASCII, as a header can carry it


class SamverkanApi(NinjaAPI):
    """django-ninja, with answers never cached and the strictly read body documented."""

    def create_response(
        self,
        request: HttpRequest,
        data: Any,
        *,
        status: int | None = None,
        temporal_response: HttpResponse | None = None,
    ) -> HttpResponse:
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        patch_cache_control(response, no_store=True)
        return response

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: DictStrAny | None = None
    ) -> OpenAPISchema:
        """Add the schemas of the submission, which django-ninja does not read (see below)."""
        document = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        submission = ReportSubmission.model_json_schema(
            ref_template=_COMPONENT, schema_generator=NinjaGenerateJsonSchema
        )
        known = document["components"]["schemas"]
        for name, definition in {**submission.pop("$defs"), "ReportSubmission": submission}.items():
            if known.setdefault(name, definition) != definition:
                raise ValueError(f"two different OpenAPI schemas are named {name}")
        return document


_COMPONENT = "#/components/schemas/{model}"
_SUBMISSION_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {"$ref": _COMPONENT.format(model="ReportSubmission")},
                "examples": SUBMISSION_EXAMPLES,
            }
        },
    }
}


_PHOTO_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            media_type: {"schema": {"type": "string", "format": "binary"}}
            for media_type in MEDIA_TYPES
        },
    }
}
PHOTO_ERRORS = ERRORS | {409, 415}


api = SamverkanApi(
    title="Samverkan API",
    version="1",
    description=(
        "Partner systems submit reports, attach photos to them and follow their status."
        " Authenticate with `Authorization: Bearer svk_…`. See docs/api.md."
    ),
    urls_namespace="api",
    docs_url=None,
)
problems_register(api)
v1 = Router(tags=["reports"])


def _token(request: HttpRequest) -> ApiToken:
    token = getattr(request, "auth", None)
    assert isinstance(token, ApiToken)  # TokenAuth put it there
    return token


@v1.post(
    "/reports",
    auth=TokenAuth(ApiScope.REPORTS_SUBMIT),
    response={
        201: ReportReceipt | list[ReportReceipt],
        200: ReportReceipt | list[ReportReceipt],
        ERRORS: ErrorsOut,
    },
    summary="Submit one report or a batch of up to 500",
    openapi_extra=_SUBMISSION_BODY,
)
def reports_submit(
    request: HttpRequest,
    response: HttpResponse,
    idempotency_key: Annotated[
        str | None, Header(alias="Idempotency-Key", pattern=IDEMPOTENCY_KEY)
    ] = None,
) -> Status[Any]:
    """Store the reports; 201 if any is new, 200 if all were stored before (same `external_id`).

    A batch is stored all together or not at all. With an `Idempotency-Key`, repeating the
    request answers exactly the first answer.
    """
    # The body is read by samverkan.api.parsing, not django-ninja: see why there.
    answer = api_reports_submit(
        token=_token(request),
        body=submission_body_parse(request.body),
        idempotency_key=idempotency_key,
    )
    if answer.replayed:
        response["Idempotent-Replayed"] = "true"
    return Status(answer.status, answer.body)


@v1.get(
    "/reports/{report_id}",
    auth=TokenAuth(ApiScope.REPORTS_READ),
    response={200: ReportDetail, ERRORS: ErrorsOut},
    summary="One of your organisation's reports",
)
def report_detail(
    request: HttpRequest, report_id: Annotated[int, Path(ge=1, le=LARGEST_ID)]
) -> ReportDetail:
    """The report as submitted, with its status. Another organisation's report is 404."""
    report = api_report_read(token=_token(request), report_id=report_id)
    photo = report_photo_about(report=report)
    return ReportDetail(
        id=report.pk,
        external_id=report.external_id,
        kind=ReportKind(report.kind),
        received_at=report.received_at,
        report=report.payload,
        photo=photo_receipt(photo) if photo is not None else None,
    )


@v1.put(
    "/reports/{report_id}/photo",
    auth=TokenAuth(ApiScope.REPORTS_SUBMIT),
    response={201: PhotoReceipt, 200: PhotoReceipt, PHOTO_ERRORS: ErrorsOut},
    summary="Attach a photo to one of your organisation's reports",
    openapi_extra=_PHOTO_BODY,
)
def report_photo_put(
    request: HttpRequest, report_id: Annotated[int, Path(ge=1, le=LARGEST_ID)]
) -> Status[Any]:
    """The photo of the item is the body (JPEG, PNG or WebP, at most 15 MB).

    It is stored upright, at most 2048 pixels on its longest side, as a JPEG without any of
    the metadata it came with (EXIF, GPS, XMP, comments, colour profiles). 201 when added;
    the same picture again is 200 and changes nothing; another picture for a report that has
    one is 409. Another organisation's report is 404.
    """
    # The body is read here, not by django-ninja, and never past the limit.
    answer = api_report_photo_put(
        token=_token(request),
        report_id=report_id,
        content_type=request.content_type or "",
        content_length=_length(request),
        read=request.read,
    )
    return Status(answer.status, answer.receipt)


def _length(request: HttpRequest) -> int | None:
    try:
        return int(request.META.get("CONTENT_LENGTH") or "")
    except ValueError:
        return None


@v1.get(
    "/reports",
    auth=TokenAuth(ApiScope.REPORTS_READ),
    response={200: ReportStatusPage, ERRORS: ErrorsOut},
    summary="The status of your organisation's reports",
)
def reports_status(request: HttpRequest, filters: Query[ReportStatusQuery]) -> ReportStatusPage:
    """Your reports by id, oldest first; follow `next` for the following page."""
    query_unknown_refuse(request.GET, ReportStatusQuery)
    found = api_reports_status(
        token=_token(request), since=filters.since, after=filters.after, limit=filters.limit
    )
    following = None
    if found.more:
        query: dict[str, Any] = {"after": found.reports[-1].pk, "limit": filters.limit}
        if filters.since is not None:
            query["since"] = filters.since.isoformat()
        following = f"{request.path}?{urlencode(query)}"
    return ReportStatusPage(
        count=found.count,
        reports=[
            ReportStatus(
                id=report.pk,
                external_id=report.external_id,
                kind=ReportKind(report.kind),
                received_at=report.received_at,
            )
            for report in found.reports
        ],
        next=following,
    )


api.add_router("/v1", v1)
