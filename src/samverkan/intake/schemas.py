"""The shape of a report, exactly as partners submit it.

This module is the contract of the intake door: the JSON API, the bulk
loader and the scenario generator all produce or accept these models, so a
report that validates here can be submitted through any of them. It imports
no Django so the generator can use it on its own.

A report talks about *subjects* (a person, a company, a vehicle, a postal
item, a phone, an address); each subject carries *mentions*: identifiers and
names exactly as they were written. Mentions are never rewritten; the
canonical keys are computed later by ``samverkan.identifiers``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from samverkan.intake.grading import admiralty_from

EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)


class ReportKind(StrEnum):
    POSTAL_ITEM = "postal_item"
    SEIZURE = "seizure"
    COURIER_STATEMENT = "courier_statement"
    OBSERVATION = "observation"
    INTELLIGENCE = "intelligence"


class SourceGrading(StrEnum):
    """Admiralty scale: reliability of the source."""

    A = "A"  # completely reliable
    B = "B"  # usually reliable
    C = "C"  # fairly reliable
    D = "D"  # not usually reliable
    E = "E"  # unreliable
    F = "F"  # reliability cannot be judged


class InformationGrading(StrEnum):
    """Admiralty scale: credibility of the information."""

    CONFIRMED = "1"
    PROBABLY_TRUE = "2"
    POSSIBLY_TRUE = "3"
    DOUBTFUL = "4"
    IMPROBABLE = "5"
    CANNOT_BE_JUDGED = "6"


class Tlp(StrEnum):
    """Traffic Light Protocol 2.0."""

    CLEAR = "CLEAR"
    GREEN = "GREEN"
    AMBER = "AMBER"
    AMBER_STRICT = "AMBER+STRICT"
    RED = "RED"


class MentionKind(StrEnum):
    """What a mention is: an identifier kind of ``samverkan.identifiers`` or a plain attribute."""

    PHONE = "phone"
    SE_PERSONAL_NUMBER = "se_personal_number"
    NO_PERSONAL_NUMBER = "no_personal_number"
    SE_ORG_NUMBER = "se_org_number"
    NO_ORG_NUMBER = "no_org_number"
    IBAN = "iban"
    SE_BANK_ACCOUNT = "se_bank_account"
    PLATE = "plate"
    POSTAL_ITEM = "postal_item"
    EMAIL = "email"
    IMEI = "imei"
    PERSON_NAME = "person_name"
    ADDRESS = "address"
    NICKNAME = "nickname"
    BIRTH_DATE = "birth_date"
    COMPANY_NAME = "company_name"


class SubjectRole(StrEnum):
    """The part a subject plays in the report."""

    COURIER = "courier"
    BACKER = "backer"
    SENDER = "sender"
    RECIPIENT = "recipient"
    SUSPECT = "suspect"
    OWNER = "owner"
    SEEN = "seen"
    ITEM = "item"
    VEHICLE = "vehicle"
    PHONE = "phone"
    COMPANY = "company"
    ACCOUNT = "account"
    PLACE = "place"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: object) -> object:
        """NUL cannot be stored in PostgreSQL text or JSON: refuse it at the door."""
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("text must not contain NUL characters")
        return value


class Mention(_Strict):
    kind: MentionKind
    value: Annotated[str, Field(min_length=1, max_length=500)]


class Subject(_Strict):
    ref: Annotated[str, Field(min_length=1, max_length=40)]
    role: SubjectRole
    mentions: Annotated[list[Mention], Field(min_length=1, max_length=50)]


class Place(_Strict):
    country: Literal["SE", "NO"]
    municipality_code: Annotated[str | None, Field(pattern=r"^\d{4}$")] = None
    postcode: Annotated[str | None, Field(max_length=10)] = None
    description: Annotated[str, Field(max_length=500)] = ""


class Handling(_Strict):
    tlp: Tlp = Tlp.AMBER
    compartments: Annotated[list[str], Field(max_length=10)] = []


class GivenGrading(_Strict):
    """A grading as the partner gave it in another scheme (see ``intake.grading``)."""

    scheme: Literal["uk_3x5x2", "eu_4x4"]
    source: Annotated[str, Field(min_length=1, max_length=1)]
    information: Annotated[str, Field(min_length=1, max_length=1)]


class Grading(_Strict):
    """Admiralty grading. Given in another scheme (``given``), it is mapped here."""

    source: SourceGrading = SourceGrading.F
    information: InformationGrading = InformationGrading.CANNOT_BE_JUDGED
    given: GivenGrading | None = None

    @model_validator(mode="before")
    @classmethod
    def _map_given(cls, data: Any) -> Any:
        if not isinstance(data, dict) or not isinstance(data.get("given"), dict):
            return data
        given = data["given"]
        source, information = admiralty_from(
            str(given.get("scheme", "")),
            str(given.get("source", "")),
            str(given.get("information", "")),
        )
        return {**data, "source": source, "information": information}


class SuspicionSign(StrEnum):
    """The postal agent's checklist: what made the item suspicious."""

    SMELL = "smell"
    POWDER_OR_PILLS_FELT = "powder_or_pills_felt"
    VACUUM_PACKED = "vacuum_packed"
    UNUSUAL_WEIGHT = "unusual_weight"
    MANY_ITEMS_SAME_RECIPIENT = "many_items_same_recipient"
    RECIPIENT_NAME_MISMATCH = "recipient_name_mismatch"
    NERVOUS_COLLECTOR = "nervous_collector"
    COLLECTED_WITH_OTHERS_ID = "collected_with_others_id"
    HANDWRITTEN_PRINTED_LABEL = "handwritten_printed_label"
    OTHER = "other"


class PostalItemDetails(_Strict):
    format: Literal["letter", "large_letter", "parcel"]
    weight_grams: Annotated[int | None, Field(ge=0, le=100_000)] = None
    suspicion: Annotated[list[SuspicionSign], Field(min_length=1, max_length=10)]


class Substance(StrEnum):
    CANNABIS = "cannabis"
    COCAINE = "cocaine"
    AMPHETAMINE = "amphetamine"
    METHAMPHETAMINE = "methamphetamine"
    MDMA = "mdma"
    HEROIN = "heroin"
    BENZODIAZEPINES = "benzodiazepines"
    OPIOID_PILLS = "opioid_pills"
    KHAT = "khat"
    OTHER = "other"


class SeizureLine(_Strict):
    substance: Substance
    amount: Annotated[float, Field(gt=0, le=1_000_000)]
    unit: Literal["g", "kg", "pills", "ml", "l"]


class SeizureDetails(_Strict):
    lines: Annotated[list[SeizureLine], Field(min_length=1, max_length=20)]


class RouteDetails(_Strict):
    origin: Annotated[str, Field(max_length=200)] = ""
    crossing: Annotated[str, Field(max_length=60)] = ""
    destination: Place | None = None


class ObservationDetails(_Strict):
    source: Literal["camera", "number_plate_reader", "surveillance"]
    camera: Annotated[str, Field(max_length=60)] = ""


class ReportIn(_Strict):
    """One report as a partner submits it."""

    kind: ReportKind
    external_id: Annotated[str, Field(min_length=1, max_length=100)]
    occurred_at: AwareDatetime
    reported_at: AwareDatetime | None = None
    grading: Grading = Grading()
    handling: Handling = Handling()
    place: Place | None = None
    summary: Annotated[str, Field(max_length=5000)] = ""
    subjects: Annotated[list[Subject], Field(max_length=100)] = []
    item: PostalItemDetails | None = None
    seizure: SeizureDetails | None = None
    route: RouteDetails | None = None
    observation: ObservationDetails | None = None
    linked_reports: Annotated[list[str], Field(max_length=20)] = []

    @field_validator("occurred_at", "reported_at", mode="after")
    @classmethod
    def _plausible_time(cls, value: datetime | None) -> datetime | None:
        if value is not None and not EARLIEST <= value <= LATEST:
            raise ValueError("the time must lie between 1970 and 2100")
        return value

    @model_validator(mode="after")
    def _details_match_kind(self) -> ReportIn:
        required = {
            ReportKind.POSTAL_ITEM: "item",
            ReportKind.SEIZURE: "seizure",
            ReportKind.COURIER_STATEMENT: "route",
            ReportKind.OBSERVATION: "observation",
        }
        needed = required.get(self.kind)
        if needed and getattr(self, needed) is None:
            raise ValueError(f"a {self.kind.value} report needs its '{needed}' details")
        for name in set(required.values()) - {needed}:
            if getattr(self, name) is not None:
                raise ValueError(f"'{name}' details do not belong in a {self.kind.value} report")
        refs = [subject.ref for subject in self.subjects]
        if len(refs) != len(set(refs)):
            raise ValueError("subject refs must be unique within a report")
        return self


class OrganisationKind(StrEnum):
    POLICE_DISTRICT = "police_district"
    POLICE_REGION = "police_region"
    NATIONAL_POLICE = "national_police"
    CUSTOMS = "customs"
    POSTAL_OPERATOR = "postal_operator"
    POSTAL_AGENT = "postal_agent"
    MUNICIPALITY = "municipality"


class OrganisationIn(_Strict):
    """An organisation of the world: who submits reports."""

    code: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{1,79}$")]
    kind: OrganisationKind
    country: Literal["SE", "NO"]
    name: Annotated[str, Field(min_length=1, max_length=200)]
    parent_code: str | None = None
    municipality_codes: list[str] = []


class Submission(_Strict):
    """One line of a world's report stream: who submitted which report."""

    organisation: str
    report: ReportIn


__all__ = [
    "Grading",
    "Handling",
    "InformationGrading",
    "Mention",
    "MentionKind",
    "ObservationDetails",
    "OrganisationIn",
    "OrganisationKind",
    "Place",
    "PostalItemDetails",
    "ReportIn",
    "ReportKind",
    "RouteDetails",
    "SeizureDetails",
    "SeizureLine",
    "SourceGrading",
    "Subject",
    "SubjectRole",
    "Submission",
    "Substance",
    "SuspicionSign",
    "Tlp",
]
