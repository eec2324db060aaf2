"""Making leads and scoring them: from entities named again and again, and by analysts.

Invariants: the stored score counts only widely shared evidence
(``evidence.shared_reports``), so a lead never tells its holders that a
strictly held report exists; one report alone never makes a lead; a lead
holds its evidence against retention while it is open.
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverkan.access.models import Organisation, User
from samverkan.access.policy import (
    Forbidden,
    may_make_lead,
)
from samverkan.audit.models import AuditAction
from samverkan.entities.models import Entity, EntityMention
from samverkan.intake.models import Report
from samverkan.leads.evidence import (
    Fact,
    facts_for,
    facts_grouped,
    shared_links,
    shared_reports,
)
from samverkan.leads.history import LeadError, lead_audit, lead_event, lead_locked
from samverkan.leads.models import (
    EvidenceMark,
    Lead,
    LeadEventKind,
    LeadOrigin,
    LeadStatus,
)
from samverkan.leads.notifications import coordinators_of, notify
from samverkan.leads.routing import Districts, route
from samverkan.leads.scoring import Term, score_of, score_terms
from samverkan.leads.weights import WEIGHTS

# Entities scored per round of queries in ``leads_detect``.
DETECT_CHUNK = 500


@dataclass(frozen=True, slots=True)
class Detection:
    created: int
    rescored: int


def leads_detect(
    *, entity_ids: Iterable[int] | None = None, now: datetime.datetime | None = None
) -> Detection:
    """Score entities (all, or these) over shared evidence; make leads, rescore open ones.

    An entity becomes a lead when its score reaches ``WEIGHTS.threshold`` and
    it is named in at least two reports: one report alone never makes a lead.
    An entity whose last lead was closed makes a new one only when its score
    rose by ``WEIGHTS.jump`` since.
    """
    now = now or timezone.now()
    districts = Districts.load()
    links = shared_links().filter(entity__merged_into__isnull=True)
    if entity_ids is not None:
        links = links.filter(entity_id__in=list(entity_ids))
    shared = shared_reports()
    named = (
        links.values("entity_id")
        .annotate(reports=Count("mention__report", distinct=True))
        .filter(reports__gte=2)
        .values_list("entity_id", flat=True)
        .order_by("entity_id")
    )
    candidates = sorted(named)
    created = rescored = 0
    done: set[int] = set()  # leads rescored in this run (a lead may hold several entities)
    for start in range(0, len(candidates), DETECT_CHUNK):
        chunk = candidates[start : start + DETECT_CHUNK]
        latest = _latest_leads(chunk)
        groups: dict[Hashable, list[int]] = {}
        for entity_id in chunk:
            lead = latest.get(entity_id)
            if lead is not None and lead.status != LeadStatus.CLOSED:
                groups[("lead", lead.pk)] = list(lead.entities.values_list("pk", flat=True))
            else:
                groups[("entity", entity_id)] = [entity_id]
        facts = facts_grouped(groups=groups, reports=shared)
        for entity_id in chunk:
            lead = latest.get(entity_id)
            if lead is not None and lead.status != LeadStatus.CLOSED:
                if lead.pk in done:
                    continue
                done.add(lead.pk)
                found = facts.get(("lead", lead.pk), [])
                if score_of(score_terms(found)) == lead.score:
                    continue
                with transaction.atomic():
                    locked = lead_locked(lead)
                    if locked.status != LeadStatus.CLOSED:
                        rescored += lead_rescore(lead=locked, now=now, facts=found)
                continue
            found = facts.get(("entity", entity_id), [])
            terms = score_terms(found)
            score = score_of(terms)
            if score < WEIGHTS.threshold:
                continue
            if lead is not None and score < lead.score + WEIGHTS.jump:
                continue
            with transaction.atomic():
                if Lead.objects.filter(entities=entity_id).exclude(status=LeadStatus.CLOSED):
                    continue  # made meanwhile, by an analyst or another run
                entity = Entity.objects.get(pk=entity_id)
                _create(
                    entity=entity, facts=found, terms=terms, by=None, now=now, districts=districts
                )
                created += 1
    return Detection(created=created, rescored=rescored)


def _latest_leads(entity_ids: Sequence[int]) -> dict[int, Lead]:
    """The newest lead of each entity that has one."""
    latest: dict[int, Lead] = {}
    through = Lead.entities.through.objects.filter(entity_id__in=entity_ids).order_by("lead_id")
    leads = {lead.pk: lead for lead in Lead.objects.filter(entities__in=entity_ids).distinct()}
    for link in through:
        latest[link.entity_id] = leads[link.lead_id]
    return latest


def leads_refresh(*, now: datetime.datetime | None = None) -> int:
    """Score the entities that new mentions linked into since the last call.

    The mark moves in the same transaction as the scoring, so a worker that
    dies midway scores the same links again next time: nothing is skipped.
    """
    with transaction.atomic():
        mark, _created = EvidenceMark.objects.select_for_update().get_or_create(pk=1)
        newest = EntityMention.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        if newest <= mark.last_link_id:
            return 0
        touched = (
            EntityMention.objects.filter(pk__gt=mark.last_link_id, pk__lte=newest)
            .values_list("entity_id", flat=True)
            .distinct()
        )
        done = leads_detect(entity_ids=set(touched), now=now)
        mark.last_link_id = newest
        mark.save(update_fields=["last_link_id"])
        return done.created + done.rescored


def lead_make(*, entity: Entity, by: User, now: datetime.datetime | None = None) -> Lead:
    """An analyst makes a lead from an entity, whatever its score."""
    if not may_make_lead(by):
        raise Forbidden
    now = now or timezone.now()
    with transaction.atomic():
        existing = Lead.objects.filter(entities=entity).exclude(status=LeadStatus.CLOSED).first()
        if existing is not None:
            return existing
        facts = facts_for(entity_ids=[entity.pk], reports=shared_reports())
        return _create(
            entity=entity,
            facts=facts,
            terms=score_terms(facts),
            by=by,
            now=now,
            districts=Districts.load(),
        )


def lead_entity_add(
    *, lead: Lead, entity: Entity, by: User, now: datetime.datetime | None = None
) -> Lead:
    """An analyst adds a linked entity (the backer's second phone, a drop address) to a lead.

    The lead then scores and routes over the evidence of all its entities.
    """
    if not may_make_lead(by):
        raise Forbidden
    now = now or timezone.now()
    with transaction.atomic():
        lead = lead_locked(lead)
        if lead.status == LeadStatus.CLOSED:
            raise LeadError(_("a closed lead takes no more entities"))
        if lead.entities.filter(pk=entity.pk).exists():
            return lead
        lead.entities.add(entity)
        lead_audit(lead, AuditAction.COMBINE, by=by, details={"entity_added": entity.pk})
        lead_rescore(lead=lead, now=now)
        return lead


def _create(
    *,
    entity: Entity,
    facts: Sequence[Fact],
    terms: Sequence[Term],
    by: User | None,
    now: datetime.datetime,
    districts: Districts,
) -> Lead:
    # An analyst's lead starts with the analyst's organisation; a scored one
    # with whoever reported first.
    originator_id = by.organisation_id if by is not None else facts[0].organisation_id
    assert originator_id is not None
    originator = Organisation.objects.get(pk=originator_id)
    way = route(facts=facts, districts=districts, fallback_country=originator.country)
    lead = Lead.objects.create(
        origin=LeadOrigin.ANALYST if by else LeadOrigin.SCORE,
        created_by=by,
        created_at=now,
        originator=originator,
        routed_to_id=way.organisation_id,
        route_votes=way.votes,
        route_places=way.places,
        cross_border=way.cross_border,
        affinity={str(org): value for org, value in sorted(way.affinity.items())},
        status=LeadStatus.QUEUED,
        owner_id=way.organisation_id,
        deadline=now + datetime.timedelta(days=settings.LEAD_QUEUE_DAYS),
        score=score_of(terms),
        score_terms=[t.as_json() for t in terms],
        scored_at=now,
    )
    lead.entities.add(entity)
    Report.objects.filter(pk__in=[f.report_id for f in facts]).update(retention_hold=True)
    lead_event(lead, LeadEventKind.CREATED, at=now, by=by, details={"score": lead.score})
    lead_audit(
        lead,
        AuditAction.COMBINE,
        by=by,
        details={"entity": entity.pk, "score": lead.score, "routed_to": way.organisation_id},
    )
    return lead


def lead_rescore(
    *, lead: Lead, now: datetime.datetime | None = None, facts: Sequence[Fact] | None = None
) -> int:
    """Score an open lead again over its shared evidence; 1 if the score changed.

    A rise of ``WEIGHTS.jump`` or more tells its owner: the named person if
    accepted, else the coordinators of the organisation that holds it.
    """
    now = now or timezone.now()
    if facts is None:
        entity_ids = list(lead.entities.values_list("pk", flat=True))
        facts = facts_for(entity_ids=entity_ids, reports=shared_reports())
    terms = score_terms(facts)
    score = score_of(terms)
    if score == lead.score:
        return 0
    old = lead.score
    lead.score, lead.score_terms, lead.scored_at = score, [t.as_json() for t in terms], now
    lead.save(update_fields=["score", "score_terms", "scored_at"])
    Report.objects.filter(pk__in=[f.report_id for f in facts]).update(retention_hold=True)
    event = lead_event(lead, LeadEventKind.RESCORED, at=now, details={"old": old, "new": score})
    if score - old >= WEIGHTS.jump:
        owners = [lead.assignee] if lead.assignee else coordinators_of(lead.owner_id)
        notify(event=event, users=owners)
    return 1
