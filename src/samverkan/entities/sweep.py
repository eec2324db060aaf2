"""The nightly second look: what arrived later without a new key, linked after all.

Instant linking looks from the entities a report creates (``near``) and at
the company names it writes (``companies``). What arrives later without a
new key is found here, nightly in the worker and as ``samverkan link-near``:
every refused writing not yet linked, every entity named in at most
``RARE`` reports (a slip makes a rare key; a corroborating report may have
come since; a lone camera reading may have a look-alike known since) and
every company name no entity holds yet, each in its own transaction so
that a crash loses nothing already done. Lone-reading merges whose plate
has been read again, and counter merges whose numbers are both written at
other counters since, are split back first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q

from samverkan.entities.companies import company_names_link, unlinked_company_subjects
from samverkan.entities.linking import ENTITY_KIND_OF
from samverkan.entities.models import Entity, EntityKind
from samverkan.entities.near import (
    NO_POSTCODE,
    counter_merges_undone,
    link_near,
    lone_readings_undone,
    register_merges_undone,
    repair,
)
from samverkan.intake.mentions import mention_region
from samverkan.intake.models import Mention
from samverkan.resolution.near_keys import REPAIRABLE_PROBLEMS

# An entity named in this many reports or fewer is looked at again.
RARE = 2


@dataclass(frozen=True, slots=True)
class NearSwept:
    refused: int
    repaired: int
    rare: int
    merged: int
    company_names: int = 0
    lone_readings_split: int = 0
    counter_merges_split: int = 0
    register_merges_split: int = 0


def near_sweep(*, progress: Callable[[str], None] | None = None) -> NearSwept:
    """Apply the near-key rules again to everything stored that a slip may have kept apart."""
    say = progress or (lambda _: None)
    split = lone_readings_undone()
    say(f"{split:,} lone readings read again and split back")
    split_counters = counter_merges_undone()
    say(f"{split_counters:,} counter merges of numbers written at other counters split back")
    split_register = register_merges_undone()
    say(f"{split_register:,} register merges of plates registered since split back")
    refused = (
        Mention.objects.filter(key="", entity_link__isnull=True, kind__in=list(ENTITY_KIND_OF))
        .filter(Q(problem__in=sorted(REPAIRABLE_PROBLEMS)) | Q(kind="address", problem=NO_POSTCODE))
        .select_related("report__organisation")
        .order_by("pk")
    )
    repaired = looked = 0
    for mention in refused.iterator(chunk_size=2000):
        looked += 1
        region = mention_region(mention.report.payload, country=mention.report.organisation.country)
        with transaction.atomic():
            repaired += repair(mention, region=region)
    say(f"{looked:,} refused writings looked at, {repaired:,} repaired")
    rare = (
        Entity.objects.filter(merged_into=None)
        .exclude(key="")
        .exclude(kind=EntityKind.PERSON)
        .annotate(named=Count("links"))
        .filter(named__lte=RARE)
        .order_by("pk")
    )
    merged = seen = 0
    for entity in rare.iterator(chunk_size=2000):
        seen += 1
        with transaction.atomic():
            merged += link_near(entity, here=None, report_id=None)
        if seen % 10_000 == 0:
            say(f"{seen:,} rare keys looked at, {merged:,} merged")
    say(f"{seen:,} rare keys looked at, {merged:,} merged")
    names = 0
    for subject in unlinked_company_subjects():
        with transaction.atomic():
            names += company_names_link(mentions=subject)
    say(f"{names:,} company names linked")
    return NearSwept(
        refused=looked,
        repaired=repaired,
        rare=seen,
        merged=merged,
        company_names=names,
        lone_readings_split=split,
        counter_merges_split=split_counters,
        register_merges_split=split_register,
    )
