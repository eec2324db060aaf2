"""Who may see and do what. Every read and write of shared data asks here first.

Rules (``product.md``, ``security.md``), one condition per line below:

- Nobody without an organisation, or inactive, sees anything.
- Reporters (postal operators and agents) see the reports their own
  organisation submitted (the staff of one shop share its counter), and
  nothing else: not another shop's, not their operator's.
- Partners (municipalities), administrators and auditors see no reports:
  aggregates and the audit trail are their pages.
- Officers, analysts and coordinators of police and customs see reports by
  handling code: CLEAR, GREEN and AMBER across law enforcement; AMBER+STRICT
  inside the originating organisation only; RED for the submitter and the
  named recipients only.
- An AMBER+STRICT report also reaches an organisation whose request for it
  the holder granted (``samverkan.sharing``).
- A report in compartments is seen only by members of *all* of them.
- Hit/no-hit: of the reports an intelligence reader may not see, only
  AMBER+STRICT ones without compartments show, as a count per holding
  organisation, so that the reader can ask; RED and compartments never show.
- Imported bulk rows show on the page of an entity the reader already sees:
  law enforcement's own sources (call records, plate hits, register
  extracts) to the importing organisation's intelligence readers only; a
  postal operator's item feed to every law-enforcement intelligence reader.
  They never make an entity exist for a reader.

Selectors filter in the database query, so counts and pages never include
what the reader may not see. ``access_*`` functions answer "missing" and
"forbidden" with the same ``NotFound``; ``Forbidden`` only when the reader
may see the object but not do the action.
"""

from __future__ import annotations

from enum import StrEnum

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from samverkan.access.models import Compartment, Organisation, OrganisationKind, User
from samverkan.access.roles import LAW_ENFORCEMENT, POSTAL, Role
from samverkan.api.models import ApiToken
from samverkan.audit.models import AuditEvent
from samverkan.entities.models import (
    Entity,
    EntityJudgement,
    EntityMention,
    NearPair,
    ReviewPair,
    ReviewStatus,
)
from samverkan.imports.connectors import CONNECTORS, Connector
from samverkan.imports.storage import ImportedRow
from samverkan.intake.models import Report
from samverkan.leads.models import Lead, LeadStatus, Offer
from samverkan.sharing.models import InformationRequest, ReportDisclosure


class NotFound(Exception):  # noqa: N818 - it says what the reader is told
    """The object does not exist for this reader (absent and forbidden look alike)."""


class Forbidden(Exception):  # noqa: N818 - it says what the reader is told
    """The reader may see the object but not do this to it (HTTP 403)."""


class Action(StrEnum):
    VIEW = "view"
    CHANGE = "change"


_INTELLIGENCE_ROLES = (Role.OFFICER, Role.ANALYST, Role.COORDINATOR)


def reads_intelligence(reader: User) -> bool:
    """Whether the reader's organisation and roles give access to shared reports at all."""
    return (
        reader.is_active
        and reader.organisation is not None
        and reader.organisation.kind in LAW_ENFORCEMENT
        and any(reader.has_role(role) for role in _INTELLIGENCE_ROLES)
    )


def reports_visible_to(*, reader: User) -> QuerySet[Report]:
    """Every report the reader may view, as one database query."""
    reports = Report.objects.all()
    if not reader.is_active or reader.organisation_id is None:
        return reports.none()
    if reads_intelligence(reader):
        by_handling = (
            Q(tlp__in=["CLEAR", "GREEN", "AMBER"])
            | Q(tlp="AMBER+STRICT", organisation_id=reader.organisation_id)
            | Q(Exists(_disclosed_to(reader)), tlp="AMBER+STRICT")
            | Q(tlp="RED", submitted_by=reader)
            | Q(Exists(_red_recipient(reader)), tlp="RED")
        )
        return reports.filter(by_handling).exclude(Exists(_compartment_closed_to(reader)))
    if reader.has_role(Role.REPORTER):
        return reports.filter(organisation_id=reader.organisation_id)
    return reports.none()


def _red_recipient(reader: User) -> QuerySet[User]:
    """The reader, if named as a recipient of the outer report."""
    return User.objects.filter(pk=reader.pk, red_reports=OuterRef("pk"))


def _disclosed_to(reader: User) -> QuerySet[ReportDisclosure]:
    """The outer report, if its holder granted the reader's organisation a request for it."""
    return ReportDisclosure.objects.filter(
        report_id=OuterRef("pk"), organisation=reader.organisation
    )


def _compartment_closed_to(reader: User) -> QuerySet[Compartment]:
    """Compartments of the outer report that the reader is not a member of."""
    return Compartment.objects.filter(reports=OuterRef("pk")).exclude(members=reader)


def access_report(reader: User, report_id: int, action: Action) -> Report:
    """The report, if the reader may do ``action`` to it; else ``NotFound``."""
    report = reports_visible_to(reader=reader).filter(pk=report_id).first()
    if report is None:
        raise NotFound
    if action is Action.CHANGE and report.organisation_id != reader.organisation_id:
        raise Forbidden
    return report


def reports_visible_to_system(*, organisation_id: int) -> QuerySet[Report]:
    """What a partner system (an API token of one organisation) may read: its own reports."""
    return Report.objects.filter(organisation_id=organisation_id)


def audit_events_visible_to(*, reader: User) -> QuerySet[AuditEvent]:
    """The audit trail for auditors: all of it in law enforcement, else their own people's."""
    if not reader.has_role(Role.AUDITOR) or reader.organisation is None:
        return AuditEvent.objects.none()
    if reader.organisation.kind in LAW_ENFORCEMENT:
        return AuditEvent.objects.all()
    return AuditEvent.objects.filter(organisation_code=reader.organisation.code)


def users_managed_by(*, reader: User) -> QuerySet[User]:
    """The users an administrator manages: those of their own organisation."""
    if not reader.has_role(Role.ADMIN) or reader.organisation_id is None:
        return User.objects.none()
    return User.objects.filter(organisation_id=reader.organisation_id)


def access_managed_user(reader: User, user_id: int) -> User:
    """A user the administrator may change; anyone else does not exist for them."""
    user = users_managed_by(reader=reader).filter(pk=user_id).first()
    if user is None:
        raise NotFound
    return user


def entities_visible_to(*, reader: User) -> QuerySet[Entity]:
    """Entities the reader may know of: those named in at least one report they may view."""
    visible = EntityMention.objects.filter(mention__report__in=reports_visible_to(reader=reader))
    return Entity.objects.filter(pk__in=visible.values("entity_id"))


def access_entity(reader: User, entity_id: int, action: Action) -> Entity:
    """The entity if the reader may know of it; merging and splitting are for analysts."""
    entity = entities_visible_to(reader=reader).filter(pk=entity_id).first()
    if entity is None:
        raise NotFound
    if action is Action.CHANGE and not reader.has_role(Role.ANALYST):
        raise Forbidden
    return entity


def imported_rows_visible_to(*, reader: User, connector: type[Connector]) -> QuerySet[ImportedRow]:
    """Rows of one bulk source the reader may read, on the page of an entity they already see.

    - Sources law enforcement collects itself (call records, plate hits,
      register extracts: ``organisation_kinds`` all law enforcement) are read
      by the intelligence readers (officers, analysts, coordinators) of the
      importing organisation only. They come in under that organisation's
      own authority and purpose (a court's order for one case's call records,
      its cameras, an extract bought for an investigation), in bulk and
      mostly about people of no interest; another organisation learns what
      matters through a report with a handling code, a lead, or the answer to
      an information request, which the holder decides on. Unlike an
      AMBER+STRICT report they give no hit count either: nothing tells
      another organisation that rows exist, since bulk rows about a number
      say little until someone has judged them worth a report.
    - A partner's feed (a postal operator's item events) is supplied for law
      enforcement to follow up what is reported, so every law-enforcement
      intelligence reader reads it, as they read the operator's GREEN reports.
    - Nobody else: the importers' own pages (``imports.selectors``) show
      their jobs, not rows on entities.

    Rows are shown only on the page of an entity the reader may already see
    (by a report): imported rows never make an entity exist for a reader,
    and no page lists the rows themselves.
    """
    rows: QuerySet[ImportedRow] = connector.model._default_manager.all()
    if not reads_intelligence(reader) or reader.organisation_id is None:
        return rows.none()
    if connector.organisation_kinds <= LAW_ENFORCEMENT:
        return rows.filter(organisation_id=reader.organisation_id)
    return rows


def reviews_matches(reader: User) -> bool:
    """Whether the reader decides on the model's doubtful pairs: analysts of police and customs."""
    return reads_intelligence(reader) and reader.has_role(Role.ANALYST)


def review_pairs_visible_to(*, reader: User) -> QuerySet[ReviewPair]:
    """Open review pairs for an analyst, where both entities exist for the reader.

    An entity whose every mention is in a report the reader may not see does
    not exist for them, so neither does a pair with such a side.
    """
    if not reviews_matches(reader):
        return ReviewPair.objects.none()
    visible = entities_visible_to(reader=reader)
    return ReviewPair.objects.filter(status=ReviewStatus.OPEN, left__in=visible, right__in=visible)


def entities_written_visible_to(*, reader: User) -> QuerySet[Entity]:
    """Entities whose own key a report the reader may see writes.

    Stricter than ``entities_visible_to``: an entity seen only through a
    writing merged into it is left out, so that what is near its own key
    says nothing of a key the reader may not see. A writing of its own key,
    exactly: not a refused writing repaired to it, nor a company's name
    linked to the company its number made.
    """
    written = EntityMention.objects.filter(
        mention__report__in=reports_visible_to(reader=reader), mention__key=F("home__key")
    ).exclude(mention__key="")
    return Entity.objects.filter(pk__in=written.values("home_id"))


def near_pairs_visible_to(*, reader: User) -> QuerySet[NearPair]:
    """Open near pairs for an analyst: a report they may see writes each side's own key.

    Both sides are merged into nothing (a pair is about two writings one
    slip apart). As for review pairs, a pair with a side the reader may not
    see does not exist for them.
    """
    if not reviews_matches(reader):
        return NearPair.objects.none()
    visible = entities_written_visible_to(reader=reader)
    # A judgement closes its pair; read here too, for one made while the
    # nightly sweep was offering the same pair.
    judged = EntityJudgement.objects.filter(left=OuterRef("left"), right=OuterRef("right"))
    return NearPair.objects.filter(
        ~Exists(judged),
        status=ReviewStatus.OPEN,
        left__merged_into=None,
        right__merged_into=None,
        left__in=visible,
        right__in=visible,
    )


def access_review_pair(reader: User, pair_id: int) -> ReviewPair:
    """An open pair the analyst may see and decide on; anything else does not exist."""
    pair = review_pairs_visible_to(reader=reader).filter(pk=pair_id).first()
    if pair is None:
        raise NotFound
    return pair


def entity_hits_for(*, reader: User, entity: Entity) -> dict[int, int]:
    """Organisations holding reports on the entity that the reader may not see: id → count."""
    organisation_id = reader.organisation_id
    if organisation_id is None or not reads_intelligence(reader):
        return {}
    naming = Report.objects.filter(mentions__entity_link__entity=entity)
    hidden = (
        naming.filter(tlp="AMBER+STRICT", compartments__isnull=True)
        .exclude(organisation_id=organisation_id)
        .exclude(pk__in=reports_visible_to(reader=reader).values("pk"))
    )
    return dict(hidden.values_list("organisation_id").annotate(n=Count("pk", distinct=True)))


def information_requests_for(*, reader: User) -> QuerySet[InformationRequest]:
    """Requests the reader's organisation asked or is asked to answer."""
    if not reads_intelligence(reader):
        return InformationRequest.objects.none()
    return InformationRequest.objects.filter(
        Q(requester_id=reader.organisation_id) | Q(holder_id=reader.organisation_id)
    )


def access_information_request(reader: User, request_id: int, action: Action) -> InformationRequest:
    """A request the reader's organisation is part of; only the holder answers it."""
    request = information_requests_for(reader=reader).filter(pk=request_id).first()
    if request is None:
        raise NotFound
    if action is Action.CHANGE and request.holder_id != reader.organisation_id:
        raise Forbidden
    return request


def audit_trail_whole(*, reader: User) -> bool:
    """Whether the auditor sees the whole trail (law enforcement), with its sequence and chain.

    Other auditors see only their own people's events, without sequence
    numbers: the gaps between them would count what others did.
    """
    return (
        reader.has_role(Role.AUDITOR)
        and reader.organisation is not None
        and reader.organisation.kind in LAW_ENFORCEMENT
    )


def oversees_retention(*, reader: User) -> bool:
    """Retention runs over every organisation's reports: law enforcement's admins and auditors."""
    return (
        (reader.has_role(Role.ADMIN) or reader.has_role(Role.AUDITOR))
        and reader.organisation is not None
        and reader.organisation.kind in LAW_ENFORCEMENT
    )


# Leads (``samverkan.leads``). A lead is seen by the organisations it was
# offered or routed to, by its originator, and by the national units, which
# oversee every lead; only intelligence readers see its page. Deciding on a
# lead is a coordinator's work in the organisation that holds it.

_DISTRICT_KINDS = (
    OrganisationKind.POLICE_DISTRICT,
    OrganisationKind.POLICE_REGION,
    OrganisationKind.NATIONAL_POLICE,
)


def leads_visible_to(*, reader: User) -> QuerySet[Lead]:
    """The leads whose page the reader may open."""
    if not reads_intelligence(reader) or reader.organisation is None:
        return Lead.objects.none()
    if reader.organisation.kind == OrganisationKind.NATIONAL_POLICE:
        return Lead.objects.all()
    org = reader.organisation.pk
    offered = Offer.objects.filter(lead_id=OuterRef("pk"), organisation_id=org)
    return Lead.objects.filter(
        Q(owner_id=org) | Q(routed_to_id=org) | Q(originator_id=org) | Q(Exists(offered))
    )


def access_lead(reader: User, lead_id: int) -> Lead:
    lead = leads_visible_to(reader=reader).filter(pk=lead_id).first()
    if lead is None:
        raise NotFound
    return lead


def leads_passed_on_by(*, reader: User) -> QuerySet[Lead]:
    """What became of what the reader's organisation passed on: the leads it originated."""
    if reader.organisation_id is None or not (
        reads_intelligence(reader) or reader.has_role(Role.REPORTER)
    ):
        return Lead.objects.none()
    return Lead.objects.filter(originator_id=reader.organisation_id)


def coordinates_leads(reader: User) -> bool:
    """Whether the reader runs a police organisation's board: declares capacity, decides offers."""
    return (
        reader.has_role(Role.COORDINATOR)
        and reader.organisation is not None
        and reader.organisation.kind in _DISTRICT_KINDS
    )


def may_answer_offer(reader: User, lead: Lead) -> bool:
    return (
        coordinates_leads(reader)
        and lead.status == LeadStatus.OFFERED
        and lead.owner_id == reader.organisation_id
    )


def may_close_lead(reader: User, lead: Lead) -> bool:
    if lead.status == LeadStatus.CLOSED:
        return False
    return (coordinates_leads(reader) and lead.owner_id == reader.organisation_id) or (
        lead.assignee_id is not None and lead.assignee_id == reader.pk and reader.is_active
    )


def may_reassign_lead(reader: User, lead: Lead) -> bool:
    if lead.status == LeadStatus.CLOSED or not coordinates_leads(reader):
        return False
    assert reader.organisation is not None  # coordinates_leads says so
    return (
        lead.owner_id == reader.organisation_id
        or reader.organisation.kind == OrganisationKind.NATIONAL_POLICE
    )


def may_make_lead(reader: User) -> bool:
    """Analysts make leads from any entity they can see."""
    return reads_intelligence(reader) and reader.has_role(Role.ANALYST)


def lead_owners_in(*, organisation_id: int) -> list[User]:
    """Who may be named owner of a lead accepted by an organisation: its intelligence staff."""
    users = User.objects.filter(organisation_id=organisation_id, is_active=True)
    return [
        user
        for user in users.select_related("organisation").order_by("username")
        if reads_intelligence(user)
    ]


# API tokens (``samverkan.api``). Only an administrator manages tokens, and
# only their own organisation's: another organisation's token does not exist
# for them. Only organisations that submit reports hold tokens (postal
# operators and agents, customs, police); a municipality's partners see no
# reports, so their systems need none.

TOKEN_ORGANISATION_KINDS = POSTAL | LAW_ENFORCEMENT


def manages_api_tokens(user: User) -> bool:
    """Whether the user may list, create and revoke their organisation's tokens."""
    return (
        user.is_active
        and user.organisation is not None
        and user.organisation.kind in TOKEN_ORGANISATION_KINDS
        and user.has_role(Role.ADMIN)
    )


def api_tokens_of(*, reader: User) -> QuerySet[ApiToken]:
    """The tokens of the reader's organisation, if the reader manages them; else none."""
    if not manages_api_tokens(reader) or reader.organisation_id is None:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(organisation_id=reader.organisation_id).select_related(
        "created_by", "revoked_by"
    )


def access_api_token(reader: User, token_id: int) -> ApiToken:
    """The token, if the reader manages it; else ``NotFound``, as for a missing id."""
    token = api_tokens_of(reader=reader).filter(pk=token_id).first()
    if token is None:
        raise NotFound
    return token


# Bulk imports (``samverkan.imports``). Officers and analysts of law
# enforcement import call records, plate hits and company registers; reporters
# and administrators of a postal operator import their own item feed; postal
# agents (shops) import nothing. Each connector says this with its
# ``organisation_kinds`` and ``roles``: a user needs both. The same rule
# decides who sees an organisation's jobs of a source.


def organisation_may_import(organisation: Organisation, connector: type[Connector]) -> bool:
    return organisation.kind in connector.organisation_kinds


def may_import(user: User, connector: type[Connector]) -> bool:
    return (
        user.is_active
        and user.organisation is not None
        and organisation_may_import(user.organisation, connector)
        and any(user.has_role(role) for role in connector.roles)
    )


def connectors_importable_by(user: User) -> list[type[Connector]]:
    return [connector for connector in CONNECTORS.values() if may_import(user, connector)]
