"""A company's name joins its company: with the number written beside it, else by the name.

The rule of ``resolution.near_keys`` (``_company_names``) applied to the
database, in the transaction that stores a report (after keys and near
keys) and again by the nightly sweep for names still unlinked:

- a company subject that writes an organisation number puts its name in
  that number's entity (reason ``subject``);
- a company written by name alone joins the one company entity whose name
  has the same key (``identifiers.company_name``); if two companies bear
  it, the one whose subjects also wrote an identifier this subject writes
  (its account); otherwise the name stays unlinked (reason ``name``).

A name never makes an entity: an unknown company written by name alone
waits for its number to be reported.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from samverkan.audit.models import AuditAction
from samverkan.audit.services import audit_record
from samverkan.entities.linking import entity_current
from samverkan.entities.models import Entity, EntityKind, EntityMention, LinkReason
from samverkan.intake.models import Mention
from samverkan.resolution.near_keys import (
    COMPANY_NAME,
    ORGANISATION_NUMBER_KINDS,
    Token,
    similar_names,
)

# Enough of a company's subjects to tell two companies of one name apart.
_SUBJECTS_READ = 200


def company_names_link(*, mentions: Sequence[Mention]) -> int:
    """Link the unlinked company names among ``mentions`` (one report's, or several); how many."""
    subjects: dict[tuple[int, str], list[Mention]] = defaultdict(list)
    for mention in mentions:
        subjects[(mention.report_id, mention.subject_ref)].append(mention)
    linked = 0
    for subject in subjects.values():
        names = [m for m in subject if m.kind == COMPANY_NAME and m.key]
        if names:
            linked += _subject_link(names, subject)
    return linked


def _subject_link(names: list[Mention], subject: list[Mention]) -> int:
    numbers = [m.pk for m in subject if m.kind in ORGANISATION_NUMBER_KINDS]
    number_link = EntityMention.objects.filter(mention_id__in=numbers).first()
    if number_link is not None:
        company, reason = entity_current(number_link.entity), LinkReason.SUBJECT
    else:
        written = {(m.kind, m.key) for m in subject if m.key and m.kind != COMPANY_NAME}
        found = _company_named(names[0].key, written=written)
        if found is None:
            return 0
        company, reason = found, LinkReason.NAME
    already = set(
        EntityMention.objects.filter(mention__in=names).values_list("mention_id", flat=True)
    )
    links = [
        EntityMention(entity=company, home=company, mention=name, reason=reason)
        for name in names
        if name.pk not in already
    ]
    EntityMention.objects.bulk_create(links)
    if links and reason == LinkReason.NAME:
        # Joined by name, not by a number written beside it: a combination.
        audit_record(
            actor=None,
            actor_label="near-key rules",
            action=AuditAction.COMBINE,
            object_type="entity",
            object_id=str(company.pk),
            purpose="near-key linking",
            details={"change": "company name", "mentions": [link.mention.pk for link in links]},
        )
    return len(links)


def _company_named(key: str, *, written: set[Token]) -> Entity | None:
    """The one company entity known by this name (told apart by ``written`` if two are).

    A name no company bears exactly is looked for one letter off.
    """
    named = EntityMention.objects.filter(
        mention__kind=COMPANY_NAME, entity__kind=EntityKind.COMPANY
    )
    if not named.filter(mention__key=key).exists():
        alike = named.filter(mention__key__startswith=key[:2]).values_list(
            "mention__key", flat=True
        )
        names = similar_names(key, set(alike))
        if len(names) != 1:
            return None
        key = names[0]
    # A list, not a subquery: PostgreSQL planned ``pk IN (subquery)`` for minutes
    # on a freshly loaded database.
    homes = set(named.filter(mention__key=key).values_list("entity_id", flat=True))
    tops = {top.pk: top for top in map(entity_current, Entity.objects.filter(pk__in=homes))}
    if len(tops) > 1:
        tops = {pk: e for pk, e in tops.items() if not written.isdisjoint(_written_with(e, key))}
    return next(iter(tops.values())) if len(tops) == 1 else None


def _written_with(company: Entity, key: str) -> set[Token]:
    """The identifiers written in the subjects that named this company by this name."""
    subjects = list(
        Mention.objects.filter(kind=COMPANY_NAME, key=key, entity_link__entity=company).values_list(
            "report_id", "subject_ref"
        )[:_SUBJECTS_READ]
    )
    tokens: set[Token] = set()
    for report_id, subject_ref in subjects:
        rows = Mention.objects.filter(report_id=report_id, subject_ref=subject_ref).exclude(key="")
        tokens |= {(kind, k) for kind, k in rows.values_list("kind", "key") if kind != COMPANY_NAME}
    return tokens


def unlinked_company_subjects() -> Iterable[list[Mention]]:
    """Each subject with a company name no entity holds yet, all its mentions: for the sweep."""
    subjects = (
        Mention.objects.filter(kind=COMPANY_NAME, entity_link__isnull=True)
        .exclude(key="")
        .order_by("report_id", "subject_ref")
        .values_list("report_id", "subject_ref")
        .distinct()
    )
    for report_id, subject_ref in subjects.iterator(chunk_size=2000):
        yield list(Mention.objects.filter(report_id=report_id, subject_ref=subject_ref))
