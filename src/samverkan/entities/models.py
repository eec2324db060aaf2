"""Entities and the links that put mentions into them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from samverkan.intake.models import Mention, Report


class EntityKind(models.TextChoices):
    PERSON = "person", _("Person")
    PHONE = "phone", _("Phone")
    ADDRESS = "address", _("Address")
    POSTAL_ITEM = "postal_item", _("Postal item")
    VEHICLE = "vehicle", _("Vehicle")
    COMPANY = "company", _("Company")
    ACCOUNT = "account", _("Bank account")
    EMAIL = "email", _("Email address")
    DEVICE = "device", _("Device")


class Entity(models.Model):
    kind = models.CharField(max_length=20, choices=EntityKind.choices)
    # The canonical key that identifies it (a phone's E.164, a plate, a personal
    # number); empty for entities found by probabilistic resolution.
    key = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set while an analyst's merge has put this entity inside another.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "key"], condition=~Q(key=""), name="entity_unique_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key or self.pk}"


class LinkReason(models.TextChoices):
    KEY = "key", _("Same identifier")
    JUDGEMENT = "judgement", _("Analyst's judgement")
    MODEL = "model", _("Probabilistic match")
    # Written with a slip (refused as written, or without a postcode) and linked
    # to the one known identifier it can be: ``entities.near``.
    REPAIR = "repair", _("Repaired writing")
    # A company's name: written with its organisation number, or by the name
    # alone that one company bears (``entities.companies``).
    SUBJECT = "subject", _("Written with its identifier")
    NAME = "name", _("Same company name")


class EntityMention(models.Model):
    """A mention's place in an entity. A mention is in at most one entity.

    ``home`` is the entity the mention was first linked to (by its key, or by
    resolution); ``entity`` is where it is now, after merges. Invariant: a
    link's ``entity`` is its ``home`` followed along ``merged_into`` to the
    end, which is what lets a split undo a merge exactly.
    """

    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="links")
    home = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="home_links")
    mention = models.OneToOneField(Mention, on_delete=models.CASCADE, related_name="entity_link")
    reason = models.CharField(max_length=10, choices=LinkReason.choices)
    linked_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.mention_id} → {self.entity_id} ({self.reason})"


class Judgement(models.TextChoices):
    POSITIVE = "positive", _("Same")
    NEGATIVE = "negative", _("Not the same")
    UNSURE = "unsure", _("Unsure")


class NearRule(models.TextChoices):
    """The rule that merged two keyed entities without an analyst (``resolution.near_keys``)."""

    SLIP = "slip", _("One keystroke apart, and their reports share another identifier or name")
    STREET = "street", _("Street name one letter apart, same postcode and house number")
    MISREAD = (
        "misread",
        _(
            "Plates one look-alike character apart (a camera's misreading), "
            "read at one place within minutes"
        ),
    )
    LONE_READING = (
        "lone",
        _(
            "A plate read once by a camera, "
            "one look-alike character from the one known plate like it"
        ),
    )
    NICKNAME = (
        "nickname",
        _(
            "Phones one keystroke apart, each named beside the same nickname "
            "by couriers heading for the same town"
        ),
    )
    COUNTER = (
        "counter",
        _(
            "Phones one keystroke apart, one written only at a post agent's counter "
            "where the other is written too"
        ),
    )
    UNREGISTERED = (
        "unlisted",
        _(
            "A plate no register knows, read by a camera, "
            "one look-alike character from the one registered plate like it"
        ),
    )
    KEEPER = (
        "keeper",
        _(
            "Plates one keystroke apart, written beside the person or company the vehicle "
            "register gives as the other plate's keeper"
        ),
    )
    NETWORK = (
        "network",
        _(
            "A plate no register knows, only ever written by hand, one slip from the one "
            "registered plate like it; a report that shares a name or identifier with "
            "this plate's reports shares one with that plate's reports"
        ),
    )


class EntityJudgement(models.Model):
    """A decision about two entities: never updated, only undone by a new decision.

    One live judgement per pair (``left`` < ``right``); a positive one is a
    merge of ``right`` into ``left``, a negative one forbids any automatic merge.
    An analyst's has ``by``; a merge by the near-key rules has ``rule`` and no
    ``by``, and is split back like any other.
    """

    left = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="+")
    right = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="+")
    judgement = models.CharField(max_length=10, choices=Judgement.choices)
    reason = models.CharField(max_length=500)
    score = models.FloatField(null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rule = models.CharField(max_length=10, choices=NearRule.choices, blank=True)
    at = models.DateTimeField()
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    undone_at = models.DateTimeField(null=True)
    undo_reason = models.CharField(max_length=500, blank=True)
    # Person entities: the records (``PersonRecordRow.ref``) inside each side when
    # judged, {"left": [...], "right": [...]}. Resolution may later move every
    # record out of an entity; the judgement is about these records and still holds.
    records = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["left", "right"],
                condition=Q(undone_at__isnull=True),
                name="judgement_one_live_per_pair",
            ),
            models.CheckConstraint(condition=Q(left__lt=F("right")), name="judgement_ordered"),
            models.CheckConstraint(
                condition=Q(by__isnull=False, rule="") | Q(by__isnull=True) & ~Q(rule=""),
                name="judgement_by_analyst_or_rule",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.left_id} {self.judgement} {self.right_id}"


class PersonRecordRow(models.Model):
    """One person subject of a report as the person model compares it.

    Derived from the report's mentions (``resolution.records``) and erased with
    the report. The blocking columns are indexed so that a new report's people
    find their candidates without reading every record. ``home`` is the person
    entity resolution put the record in (None while it has no descriptive
    mention, see ``entities.people``).
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")
    ref = models.CharField(max_length=200, unique=True)
    fields = models.JSONField()
    given_group = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    birth_date = models.CharField(max_length=10, blank=True)
    personal_number = models.CharField(max_length=40, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    nickname = models.CharField(max_length=100, blank=True)
    email = models.CharField(max_length=200, blank=True)
    street = models.CharField(max_length=200, blank=True)
    house_number = models.CharField(max_length=20, blank=True)
    postcode = models.CharField(max_length=20, blank=True)
    home = models.ForeignKey(
        Entity, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        indexes = [
            models.Index(fields=["given_group", "last_name"]),
            models.Index(fields=["last_name", "birth_date"]),
            models.Index(fields=["given_group", "birth_date"]),
            models.Index(fields=["personal_number"]),
            models.Index(fields=["phone"]),
            models.Index(fields=["nickname"]),
            models.Index(fields=["email"]),
        ]

    def __str__(self) -> str:
        return self.ref


class ReviewStatus(models.TextChoices):
    OPEN = "open", _("To review")
    DECIDED = "decided", _("Decided")


class ReviewPair(models.Model):
    """Two person entities the model finds possibly the same, for an analyst to decide.

    Derived by resolution: the strongest scored record pair between the two
    entities (``left_ref``, ``right_ref``), its match probability and the
    match weight each comparison added (``weights``, see
    ``resolution.explanation``). Open pairs are rewritten by each run; a
    decided pair keeps the judgement that closed it.
    """

    left = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="+")
    right = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="+")
    left_ref = models.CharField(max_length=200)
    right_ref = models.CharField(max_length=200)
    score = models.FloatField()
    weights = models.JSONField()
    status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.OPEN
    )
    judgement = models.ForeignKey(
        EntityJudgement, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["left", "right"],
                condition=Q(status="open"),
                name="review_pair_one_open_per_pair",
            ),
            models.CheckConstraint(condition=Q(left__lt=F("right")), name="review_pair_ordered"),
        ]
        indexes = [models.Index(fields=["status", "-score"])]

    def __str__(self) -> str:
        return f"{self.left_id} ? {self.right_id} ({self.score:.3f})"


class NearPair(models.Model):
    """Two keyed entities one slip apart that no rule could tie, for an analyst to decide.

    Found by the near-key rules (``entities.near``) as a report arrives and
    nightly: the keys are one keystroke (or, for plates, one look-alike
    character) apart, and nothing their reports say corroborates it. Open
    until anyone judges the two (``entities.services`` closes it); a pair one
    of whose sides was since merged into another entity is not listed.
    """

    left = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="+")
    right = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=EntityKind.choices)
    status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.OPEN
    )
    found_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["left", "right"],
                condition=Q(status="open"),
                name="near_pair_one_open_per_pair",
            ),
            models.CheckConstraint(condition=Q(left__lt=F("right")), name="near_pair_ordered"),
        ]
        indexes = [models.Index(fields=["status", "-found_at"])]

    def __str__(self) -> str:
        return f"{self.left_id} ~ {self.right_id} ({self.kind})"
