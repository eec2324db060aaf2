"""What the API accepts and answers, as the OpenAPI document shows it.

The report itself is ``samverkan.intake.schemas.ReportIn``, the one contract
of every way in. A submission is either one report or ``{"reports": [...]}``;
which one is decided by the presence of ``reports``, so validation errors name
the report's own fields (``report.subjects.0.mentions.0.kind`` or
``reports.3.external_id``) instead of every branch of a union.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    RootModel,
    Tag,
)

from samverkan.intake.schemas import ReportIn, ReportKind

BATCH_LIMIT = 500
PAGE_LIMIT = 500
LARGEST_ID = 2**63 - 1  # a database bigint; larger numbers are not ids and must not reach SQL


_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")


def _rfc3339(value: Any) -> Any:
    """Only an RFC 3339 date and time, as the document says; no Unix times or bare dates."""
    if not isinstance(value, str) or not _RFC3339.match(value):
        raise ValueError("expected a date and time like 2026-03-02T08:15:00+01:00")
    return value


def within_calendar(value: datetime) -> datetime:
    """Refuse instants that have no UTC equivalent inside the calendar (year 1 to 9999)."""
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValueError("date and time out of range") from None


InstantIn = Annotated[AwareDatetime, BeforeValidator(_rfc3339), AfterValidator(within_calendar)]


class ReportBatchIn(BaseModel):
    """Up to 500 reports, stored all together or not at all."""

    model_config = ConfigDict(extra="forbid")

    reports: Annotated[list[ReportIn], Field(min_length=1, max_length=BATCH_LIMIT)]


def _submission_shape(value: Any) -> str:
    return "batch" if isinstance(value, dict) and "reports" in value else "report"


class ReportSubmission(
    RootModel[
        Annotated[
            Annotated[ReportIn, Tag("report")] | Annotated[ReportBatchIn, Tag("batch")],
            Discriminator(_submission_shape),
        ]
    ]
):
    """One report, or a batch of them under ``reports``."""

    @property
    def reports(self) -> list[ReportIn]:
        return self.root.reports if isinstance(self.root, ReportBatchIn) else [self.root]

    @property
    def is_batch(self) -> bool:
        return isinstance(self.root, ReportBatchIn)


class ReportStatusQuery(Schema):
    """Which of the organisation's reports to list."""

    since: InstantIn | None = Field(None, description="Received at or after this.")
    after: int = Field(0, ge=0, le=LARGEST_ID, description="Ids above this (the paging cursor).")
    limit: int = Field(100, ge=1, le=PAGE_LIMIT)


class ReportReceipt(Schema):
    """The answer to a stored (or already stored) report."""

    id: int
    external_id: str
    status: Literal["received"] = "received"
    received_at: datetime


class ReportStatus(Schema):
    id: int
    external_id: str
    kind: ReportKind
    received_at: datetime
    status: Literal["received"] = "received"


class PhotoReceipt(Schema):
    """The photo a report has: as stored, re-encoded, without the metadata it was sent with."""

    report_id: int
    content_type: Literal["image/jpeg"]
    width: int = Field(description="Pixels, after turning it upright and scaling it down.")
    height: int
    bytes: int = Field(description="The size of the stored JPEG.")
    sha256: str = Field(description="SHA-256 of the stored JPEG, in hexadecimal.")
    added_at: datetime


class ReportDetail(ReportStatus):
    report: ReportIn = Field(description="The report exactly as it was submitted.")
    photo: PhotoReceipt | None = Field(
        default=None, description="The report's photo, if it has one (PUT …/photo to add it)."
    )


class ReportStatusPage(Schema):
    count: int = Field(description="How many of your reports match `since` in all.")
    reports: list[ReportStatus]
    next: str | None = Field(description="The URL of the next page, or null on the last one.")


class ErrorOut(Schema):
    field: str | None = Field(
        description="Where the problem is, as a dotted path (`report.subjects.0.mentions.0.kind`),"
        " or null when it concerns the request as a whole."
    )
    code: str
    message: str


class ErrorsOut(Schema):
    errors: list[ErrorOut]


_LETTER: dict[str, Any] = {
    "kind": "postal_item",
    "external_id": "PN-2026-000123",
    "occurred_at": "2026-03-02T08:15:00+01:00",
    "handling": {"tlp": "AMBER"},
    "place": {"country": "SE", "municipality_code": "0180", "postcode": "11122"},
    "summary": "Letter smells strongly; feels like pills.",
    "subjects": [
        {
            "ref": "item",
            "role": "item",
            "mentions": [{"kind": "postal_item", "value": "RR123456785SE"}],
        },
        {
            "ref": "recipient",
            "role": "recipient",
            "mentions": [
                {"kind": "person_name", "value": "Kalle Svensson"},
                {"kind": "address", "value": "Storgatan 1, 111 22 Stockholm"},
            ],
        },
    ],
    "item": {"format": "letter", "weight_grams": 40, "suspicion": ["smell"]},
}
SUBMISSION_EXAMPLES = {
    "report": {"summary": "One suspicious letter", "value": _LETTER},
    "batch": {
        "summary": "A batch (up to 500, all or nothing)",
        "value": {"reports": [_LETTER, {**_LETTER, "external_id": "PN-2026-000124"}]},
    },
}
