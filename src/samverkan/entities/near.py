"""Near-key linking as a report arrives: what a slip of the hand kept apart, brought back.

Runs in the transaction that stores the report, right after
``linking.mentions_link``, and applies the rules of
``resolution.near_keys`` to what the database knows at that moment:

- a mention refused as written (a wrong check digit, an impossible number)
  or an address without a postcode is linked to the one known identifier it
  can be, with the reason ``repair``; of several, to the one its report ties
  it to (``repairs_tied``); with none, or several tied, it stays unlinked;
- an entity this report created whose key is one slip from a known entity's,
  and whose report shares another identifier or a name with that
  entity's reports, is merged with it; an address whose street is one letter
  from a known one at the same postcode and number likewise; a plate one
  look-alike character from a known plate read at the same place within
  minutes likewise (a camera's misreading);
- a plate a camera read, that nobody else wrote or read, one look-alike
  character from exactly one known plate, is merged with it (a lone
  reading). If that plate is read again later, it was a car of its own: the
  nightly sweep splits the merge back (``lone_readings_undone``);
- a plate only ever written by hand that the vehicle register does not
  know, one slip from exactly one registered plate known here, is merged
  with it when a report one step from its reports (sharing a name or an
  identifier with them) shares another with that plate's reports (rule
  "network": the surveillance of a backer's address, the car his couriers
  drove). Split back nightly once a newer register extract knows it, or a
  camera reads it.

Phones also merge by a backer's nickname named towards one town (rule
"nickname") and at a post agent's counter (rule "counter", split back
nightly once both numbers are written at two counters:
``counter_merges_undone``); plates by the vehicle register's keeper named
beside the slip (rule "keeper", ``registers``). A candidate no rule ties is recorded as a
``NearPair`` for the analysts' list (``near_review``).

A merge is a judgement by the rule (no person), audited as a combination,
and an analyst splits it back exactly like any merge. A pair anyone ever
judged, including a split of a rule's merge, is never merged by a rule.

Only a new key can make a new near pair, so looking from the entities the
report created finds every pair in either order of arrival. What arrives
later without a new key (the corroborating report, the one known identifier
a refused writing can be) is found by ``sweep.near_sweep``, nightly.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from django.db import transaction
from django.db.models import Q

from samverkan.access.models import OrganisationKind
from samverkan.audit.models import AuditAction
from samverkan.audit.services import audit_record
from samverkan.entities.linking import ENTITY_KIND_OF, entity_current
from samverkan.entities.models import (
    Entity,
    EntityJudgement,
    EntityKind,
    EntityMention,
    Judgement,
    LinkReason,
    NearPair,
    NearRule,
    ReviewStatus,
)
from samverkan.entities.services import entity_merge_by_rule, entity_split_by_rule
from samverkan.identifiers.address import street_and_town
from samverkan.intake.mentions import mention_region
from samverkan.intake.models import Mention, Report
from samverkan.registers.selectors import plates_kept_by, plates_registered
from samverkan.registers.services import KEEPER_KINDS
from samverkan.resolution.near_keys import (
    NETWORK_WRITINGS,
    REPAIRABLE_PROBLEMS,
    Token,
    address_prefix,
    context_tokens,
    counter_token,
    lone_reading_match,
    near_candidates,
    network_tied,
    nickname_tokens,
    plain_tokens,
    read_by_machine,
    register_tokens,
    repair_candidates,
    repairs_tied,
    sighting_tokens,
    slip_rule,
    street_neighbours,
    town_candidates,
    unregistered_reading_match,
    unregistered_slip_match,
)

# Kinds whose untied near pairs go to the analysts' list (``near_review``): a
# person's number is the person review queue's, a postal item one digit off
# is merged without more and one a letter off is another post's item.
OFFERED_KINDS = frozenset(
    {
        EntityKind.PHONE,
        EntityKind.VEHICLE,
        EntityKind.ACCOUNT,
        EntityKind.COMPANY,
        EntityKind.EMAIL,
        EntityKind.DEVICE,
    }
)
# Enough of a big entity's reports to find what it shares with a new one.
_CONTEXT_REPORTS = 500
_TOWNS_READ = 50
# Reports read for each identifier or name one step from a plate (``_reach``).
_STEP_REPORTS = 200
# The reports of a busy plate read for what the register says of them: all
# but the busiest (one IN list; SQLite takes at most 32,766 parameters).
_REGISTER_REPORTS = 10_000
NO_POSTCODE = "missing_postcode"


def near_link(*, report: Report, mentions: Sequence[Mention], created: Iterable[Entity]) -> int:
    """Repair refused mentions and merge new entities with their near keys; returns changes."""
    region = mention_region(report.payload, country=report.organisation.country)
    here = context_tokens((m.kind, m.key, m.raw) for m in mentions)
    here |= _sightings(report.occurred_at, report.payload.get("place"))
    here |= _counter(report.organisation.code, report.organisation.kind)
    here |= nickname_tokens(
        nicknames=[m.raw for m in mentions if m.kind == "nickname"],
        route=report.payload.get("route"),
    )
    if any(mention.kind == "plate" for mention in mentions):
        here |= _register(here)
    changes = sum(
        repair(mention, region=region, here=here) for mention in mentions if refused(mention)
    )
    for entity in created:
        changes += link_near(entity, here=here, report_id=report.pk)
    return changes


def refused(mention: Mention) -> bool:
    """Whether a mention is a writing its kind refused that a repair may link."""
    if mention.key or mention.kind not in ENTITY_KIND_OF:
        return False
    return mention.problem in REPAIRABLE_PROBLEMS or (
        mention.kind == "address" and mention.problem == NO_POSTCODE
    )


def repair(mention: Mention, *, region: str, here: set[Token] | None = None) -> bool:
    """Link a refused mention to the one known identifier it can be; whether it was.

    ``here`` is what the mention's report holds (None: read it).
    """
    kind = ENTITY_KIND_OF[mention.kind].value
    if mention.problem == NO_POSTCODE:
        keys = town_candidates(mention.raw, region=region, known=_known_streets)
    else:
        keys = repair_candidates(
            mention.kind, mention.raw, region=region, known=lambda k: _known(kind, k)
        )
    if not keys:
        return False
    candidates = list(Entity.objects.filter(kind=kind, key__in=keys))
    tied = len(candidates) > 1
    if tied:
        if here is None:
            here = _reports_context([mention.report_id], besides=set())
            if mention.kind == "plate":
                here |= _register(here)
        # Not the writing's own report: what it holds ties it to nothing else.
        theirs = {c.key: _context(c, without=mention.report_id) for c in candidates}
        chosen = repairs_tied(mention.kind, here, theirs)
        candidates = [c for c in candidates if c.key in chosen]
    if len(candidates) != 1:
        return False
    [home] = candidates
    EntityMention.objects.create(
        entity=entity_current(home), home=home, mention=mention, reason=LinkReason.REPAIR
    )
    audit_record(
        actor=None,
        actor_label="near-key rules",
        action=AuditAction.COMBINE,
        object_type="entity",
        object_id=str(home.pk),
        purpose="near-key linking",
        details={
            "change": "repair",
            "mention": mention.pk,
            "problem": mention.problem,
            # Chosen among several known repairs by what the report shares with it.
            "tied": tied,
        },
    )
    return True


def near_keys_known(entity: Entity, *, key: str | None = None) -> set[str]:
    """Known keys one slip from this entity's (an address: one street letter, same postcode).

    ``key``: from that key of the entity instead (one merged into it).
    """
    key = entity.key if key is None else key
    if entity.kind == EntityKind.ADDRESS:
        prefix = address_prefix(key)
        same_postcode = Entity.objects.filter(
            kind=entity.kind, key__gte=prefix, key__lt=prefix[:-1] + ";"
        ).exclude(pk=entity.pk)
        return street_neighbours(key, same_postcode.values_list("key", flat=True)) - {key}
    return near_candidates(_written_kind(entity), key, known=lambda k: _known(entity.kind, k))


def _written_kind(entity: Entity) -> str:
    """The kind the rules know an entity's key by: a vehicle's is a plate."""
    return "plate" if entity.kind == EntityKind.VEHICLE else entity.kind


def link_near(entity: Entity, *, here: set[Token] | None, report_id: int | None) -> int:
    """Merge ``entity`` by the near rules, else by a lone reading, else offer its untied pairs.

    ``here`` is its reports' context (None: read it). Returns the merges made.
    """
    merged, untied = merge_near(entity, here=here, report_id=report_id)
    merged = merged or merge_lone_plate(entity)
    if not merged:
        near_pairs_offer(entity=entity, others=untied)
    return merged


def merge_near(
    entity: Entity, *, here: set[Token] | None, report_id: int | None
) -> tuple[int, list[Entity]]:
    """Merge ``entity`` with its near keys: the merges made, and the candidates no rule ties."""
    candidates = near_keys_known(entity)
    if not candidates:
        return 0, []
    merged = 0
    if entity.kind == EntityKind.ADDRESS:
        for key in sorted(candidates):
            other = Entity.objects.get(kind=entity.kind, key=key)
            merged += _merge(entity, other, NearRule.STREET, {"report": report_id})
        return merged, []
    own = {(kind, entity.key) for kind, ek in ENTITY_KIND_OF.items() if ek == entity.kind}
    mine = (_context(entity) if here is None else here) - own
    untied = []
    for key in sorted(candidates):
        other = Entity.objects.get(kind=entity.kind, key=key)
        theirs = _context(other)
        rule = slip_rule(_written_kind(entity), entity.key, key, mine, theirs)
        if rule is None:
            untied.append(other)
            continue
        shared = sorted({kind for kind, _ in mine & theirs})
        evidence: dict[str, object] = {"report": report_id, "shared": shared}
        merged += _merge(entity, other, NearRule(rule), evidence)
    return merged, untied


def near_pairs_offer(*, entity: Entity, others: Iterable[Entity]) -> None:
    """Put pairs one slip apart that no rule ties in the analysts' list, each once.

    Only between the two entities whose own keys are one slip apart, and
    only while both are merged into nothing: a pair is about those two
    writings, and the list shows it only to a reader who may see a report
    writing each (``access.policy.near_pairs_visible_to``). Not if anyone
    ever judged the two (a judgement, live or undone, has been decided on).
    """
    if entity.kind not in OFFERED_KINDS:
        return
    for other in others:
        fresh = Entity.objects.filter(pk__in=[entity.pk, other.pk], merged_into=None).count()
        if fresh != 2:
            continue
        left, right = (entity, other) if entity.pk < other.pk else (other, entity)
        if EntityJudgement.objects.filter(left=left, right=right).exists():
            continue
        NearPair.objects.get_or_create(
            left=left, right=right, status=ReviewStatus.OPEN, defaults={"kind": left.kind}
        )


def merge_lone_plate(entity: Entity) -> int:
    """Merge a plate alone with the one known plate it must be, if a rule for lone plates holds.

    Read by a camera: rule "unlisted", the register does not know the plate
    and one registered plate looks like it (``unregistered_reading_match``);
    else rule "lone", the plate was read once, and one known plate looks
    like it. Only ever written by hand: rule "network", the register does
    not know the plate, one registered plate is one slip from it
    (``unregistered_slip_match``), and a report one step from its reports
    ties the two (``network_tied``).
    """
    if entity.kind != EntityKind.VEHICLE:
        return 0
    # Read again: the nightly sweep may have merged it since it was loaded.
    entity.refresh_from_db(fields=["merged_into"])
    if entity.merged_into_id is not None:
        return 0
    # A plate alone: a cluster holds other plates, which may be cars of their own.
    if Entity.objects.filter(merged_into=entity).exists():
        return 0
    writings = _writings(entity)
    readings = [machine for _report, machine in writings]
    if readings and not any(readings) and len(readings) <= NETWORK_WRITINGS:
        return _merge_network(entity, reports=[report for report, _machine in writings])
    if any(readings) and not plates_registered([entity.key]):
        match = unregistered_reading_match(entity.key, known_registered=_known_registered)
        if match is not None:
            other = Entity.objects.get(kind=entity.kind, key=match)
            evidence: dict[str, object] = {"key": entity.key, "registered": match}
            return _merge(entity, other, NearRule.UNREGISTERED, evidence)
    if readings != [True]:  # not one reading, by a camera
        return 0
    match = lone_reading_match(entity.key, known=lambda k: _known(entity.kind, k))
    if match is None:
        return 0
    other = Entity.objects.get(kind=entity.kind, key=match)
    return _merge(entity, other, NearRule.LONE_READING, {"key": entity.key, "known": match})


def _merge_network(entity: Entity, *, reports: list[int]) -> int:
    """Rule "network" for a plate written by hand only, in ``reports`` (``merge_lone_plate``)."""
    if plates_registered([entity.key]):
        return 0
    match = unregistered_slip_match(entity.key, known_registered=_known_registered)
    if match is None:
        return 0
    other = Entity.objects.get(kind=entity.kind, key=match)
    reach = _reach(reports, besides={entity.key})
    theirs = _context(other)
    if not network_tied(reach, theirs):
        return 0
    shared = sorted({kind for kind, _ in plain_tokens(reach) & plain_tokens(theirs)})
    evidence: dict[str, object] = {"key": entity.key, "registered": match, "shared": shared}
    return _merge(entity, other, NearRule.NETWORK, evidence)


def _known_registered(keys: set[str]) -> set[str]:
    return plates_registered(_known(EntityKind.VEHICLE, keys))


def _reach(reports: list[int], *, besides: set[str]) -> set[Token]:
    """What the other reports holding one of ``reports``' identifiers or names hold.

    At most the first ``_STEP_REPORTS`` of the reports holding each one: a
    name as common as "Mehmet" is in thousands of reports, and would crowd
    out the one report an address shares (``network_tied``).
    """
    steps: set[int] = set()
    for kind, key in plain_tokens(_reports_context(reports, besides=besides)):
        holding = (
            Mention.objects.filter(kind=kind, key=key)
            .exclude(report_id__in=reports)
            .order_by("report_id")
            .values_list("report_id", flat=True)
        )
        steps.update(holding[:_STEP_REPORTS])
    return _reports_context(sorted(steps), besides=besides)


def lone_readings_undone() -> int:
    """Split back every lone-reading merge whose plate has been read again since.

    Read twice, the plate is no misreading but a car of its own (the rule's
    ground is gone); the split is a judgement, so no rule merges the two
    again. Each in its own transaction; returns how many were split.
    """
    return _undone(
        NearRule.LONE_READING,
        lambda left, right: min(_readings(left), _readings(right)) >= 2,
        "read again: a car of its own",
    )


def counter_merges_undone() -> int:
    """Split back every counter merge both of whose numbers are now written at two counters.

    A slip is written once; a number since left at another counter too is a
    number of its own (``resolution.near_keys.counter_token``). Returns how
    many were split.
    """
    return _undone(
        NearRule.COUNTER,
        lambda left, right: min(_agents_writing(left), _agents_writing(right)) >= 2,
        "written at other counters: a number of its own",
    )


def register_merges_undone() -> int:
    """Split back every register merge both of whose plates the vehicle register now knows.

    The rules "keeper", "unlisted" and "network" join a plate the register
    does not know to a registered car; once a newer extract registers that
    plate too, it is a car of its own. A network merge is split back too
    once a camera has read the plate (``_camera_read_unregistered``).
    """
    registered = sum(
        _undone(
            rule,
            lambda left, right: len(plates_registered(_own_keys(left, right))) == 2,
            "registered since: a car of its own",
        )
        for rule in (NearRule.KEEPER, NearRule.UNREGISTERED, NearRule.NETWORK)
    )
    return registered + _undone(
        NearRule.NETWORK, _camera_read_unregistered, "read by a camera since: a car of its own"
    )


def _camera_read_unregistered(*entity_ids: int) -> bool:
    """Whether a camera has read the plate of the side the register does not know.

    Cameras do not slip: a plate one reads is a plate (rule "network" is
    for plates only ever written by hand).
    """
    known = plates_registered(_own_keys(*entity_ids))
    sides = Entity.objects.filter(pk__in=entity_ids).exclude(key__in=list(known))
    return any(machine for side in sides for _report, machine in _writings(side))


def _own_keys(*entity_ids: int) -> list[str]:
    return list(Entity.objects.filter(pk__in=entity_ids).values_list("key", flat=True))


def _undone(rule: NearRule, apart: Callable[[int, int], bool], reason: str) -> int:
    """Split back the live merges by ``rule`` whose two sides are now ``apart``.

    Not once the kept side was merged further since (an analyst's merge, or
    another rule's, holds the whole cluster now): that merge stands, and an
    analyst splits it if need be.
    """
    merges = EntityJudgement.objects.filter(
        rule=rule, judgement=Judgement.POSITIVE, undone_at__isnull=True, left__merged_into=None
    ).values_list("pk", "left_id", "right_id")
    undone = 0
    for pk, left, right in list(merges):
        if not apart(left, right):
            continue
        with transaction.atomic():
            judgement = EntityJudgement.objects.select_for_update().get(pk=pk)
            kept = Entity.objects.select_for_update().get(pk=judgement.left_id)
            if judgement.undone_at is None and kept.merged_into_id is None:
                entity_split_by_rule(judgement=judgement, reason=reason)
                undone += 1
    return undone


def _readings(entity_id: int) -> int:
    return EntityMention.objects.filter(home_id=entity_id).count()


def _agents_writing(entity_id: int) -> int:
    """The post agents whose reports write this entity's own key (not those merged into it)."""
    mentions = EntityMention.objects.filter(home_id=entity_id).values_list("mention_id", flat=True)
    reports = Mention.objects.filter(pk__in=list(mentions)).values_list("report_id", flat=True)
    return (
        Report.objects.filter(
            pk__in=list(reports), organisation__kind=OrganisationKind.POSTAL_AGENT
        )
        .values("organisation_id")
        .distinct()
        .count()
    )


def _writings(entity: Entity) -> list[tuple[int, bool]]:
    """The first reports writing this entity's own key, each with whether a camera read it."""
    # Plain lookups by key, no join: PostgreSQL planned the three-table join
    # as a scan of every link on a freshly loaded database (seconds a call).
    mentions = EntityMention.objects.filter(home=entity).values_list("mention_id", flat=True)[:20]
    rows = Mention.objects.filter(pk__in=list(mentions)).values_list("report_id", flat=True)
    reports = list(rows)
    payloads = dict(Report.objects.filter(pk__in=reports).values_list("pk", "payload"))
    return [(report, read_by_machine(payloads[report])) for report in reports]


def _sightings(occurred_at: datetime, place: object) -> set[Token]:
    description = place.get("description", "") if isinstance(place, dict) else ""
    return sighting_tokens(occurred_at=occurred_at, place=str(description or ""))


def _counter(organisation: str, kind: str) -> set[Token]:
    return {counter_token(organisation)} if kind == OrganisationKind.POSTAL_AGENT else set()


def _merge(entity: Entity, other: Entity, rule: NearRule, evidence: dict[str, object]) -> int:
    return int(entity_merge_by_rule(a=entity, b=other, rule=rule, evidence=evidence) is not None)


def _known(kind: str, keys: set[str]) -> set[str]:
    return set(Entity.objects.filter(kind=kind, key__in=keys).values_list("key", flat=True))


def _known_streets(number: tuple[str, str]) -> dict[str, set[str]]:
    """Known address keys of a country with this house number, and the towns written with each.

    Reads every such key of the country (the street may be misspelt, so the
    index on the key's start does not help): run for addresses written
    without a postcode only.
    """
    country, house = number
    keys = Entity.objects.filter(
        kind=EntityKind.ADDRESS, key__startswith=f"{country}:", key__endswith=f":{house}"
    ).values_list("key", flat=True)
    towns: dict[str, set[str]] = {}
    for key in keys:
        raws = Mention.objects.filter(kind="address", key=key).values_list("raw", flat=True)
        towns[key] = {
            parts[3] for raw in raws[:_TOWNS_READ] if (parts := street_and_town(raw)) is not None
        }
    return towns


def _context(entity: Entity, *, without: int | None = None) -> set[Token]:
    """What the reports naming an entity (as merged now) hold besides it; not report ``without``."""
    top = entity_current(entity)
    inside = Entity.objects.filter(Q(pk=top.pk) | Q(merged_into=top)).values_list("key", flat=True)
    links = EntityMention.objects.filter(entity=top)
    if without is not None:
        links = links.exclude(mention__report_id=without)
    reports = list(links.values_list("mention__report_id", flat=True).distinct()[:_CONTEXT_REPORTS])
    inside_keys = set(inside)
    tokens = _reports_context(reports, besides=inside_keys)
    if top.kind == EntityKind.VEHICLE:
        # What the register says is read over the cluster's reports, not the
        # capped few: whether they name their own plate's keeper is a fact.
        # Plain lists, no subquery: PostgreSQL planned "IN (a join)" as a scan
        # of every mention on a freshly loaded database (forty seconds a call).
        every = set(links.values_list("mention__report_id", flat=True)[:_REGISTER_REPORTS])
        named = Mention.objects.filter(report_id__in=every, kind__in=KEEPER_KINDS)
        tokens |= register_tokens(
            kept=plates_kept_by(named.values_list("kind", "key").distinct()),
            registered=plates_registered(inside_keys),
        )
    return tokens


def _reports_context(reports: list[int], *, besides: set[str]) -> set[Token]:
    """What ``reports`` hold: their identifiers and names but ``besides``, places, counters."""
    rows = list(
        Mention.objects.filter(report_id__in=reports).values_list("report", "kind", "key", "raw")
    )
    tokens = {token for token in context_tokens(r[1:] for r in rows) if token[1] not in besides}
    nicknames: dict[int, list[str]] = defaultdict(list)
    for report, kind, _key, raw in rows:
        if kind == "nickname":
            nicknames[report].append(raw)
    places = Report.objects.filter(pk__in=reports).values_list(
        "pk",
        "occurred_at",
        "payload__place",
        "payload__route",
        "organisation__code",
        "organisation__kind",
    )
    for report, occurred_at, place, route, organisation, kind in places:
        tokens |= _sightings(occurred_at, place) | _counter(organisation, kind)
        tokens |= nickname_tokens(nicknames=nicknames[report], route=route)
    return tokens


def _register(tokens: set[Token]) -> set[Token]:
    """What the vehicle register says of one report's ``tokens`` (``register_tokens``)."""
    return register_tokens(
        kept=plates_kept_by(tokens),
        registered=plates_registered(key for kind, key in tokens if kind == "plate"),
    )
