"""Leads, the offers made of them, the districts' capacity, their history and notifications.

Invariants the database itself keeps:
- A lead always has an owner (an organisation), a status and a deadline.
- A closed lead has an outcome; an open lead has none.
- An accepted lead names the person who owns its follow-up.
- A lead has at most one open offer at a time.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samverkan.access.models import Organisation
from samverkan.entities.models import Entity


class LeadStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for capacity")
    OFFERED = "offered", _("Offered")
    ACCEPTED = "accepted", _("Accepted")
    CLOSED = "closed", _("Closed")


class Outcome(models.TextChoices):
    ARREST = "arrest", _("Arrest")
    SEIZURE = "seizure", _("Seizure")
    HANDED_OVER = "handed_over", _("Handed to another case")
    NO_ACTION = "no_action", _("No action")


class DeclineReason(models.TextChoices):
    NO_CAPACITY = "no_capacity", _("No capacity")
    NOT_OUR_AREA = "not_our_area", _("Not our area")
    ALREADY_KNOWN = "already_known", _("Already part of an investigation")
    TOO_WEAK = "too_weak", _("Evidence too weak")
    OTHER = "other", _("Other reason")


class LeadOrigin(models.TextChoices):
    SCORE = "score", _("Score passed the threshold")
    ANALYST = "analyst", _("Made by an analyst")


class Lead(models.Model):
    entities = models.ManyToManyField(Entity, related_name="leads")
    origin = models.CharField(max_length=10, choices=LeadOrigin.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    # The organisation whose information started the lead: it follows every step.
    originator = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    # The district that answers for the lead by its places (``routing``).
    routed_to = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    # Of ``route_places`` places in the evidence, ``route_votes`` lie in its area.
    route_votes = models.PositiveIntegerField(default=0)
    route_places = models.PositiveIntegerField(default=0)
    cross_border = models.BooleanField(default=False)
    # Organisation id (as text) -> how well it fits the lead; who may be offered it.
    affinity = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=LeadStatus.choices)
    owner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="owned_leads")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.DateTimeField()
    escalations = models.PositiveSmallIntegerField(default=0)
    # The score over evidence every law-enforcement reader may see (``scoring``).
    score = models.IntegerField(default=0)
    score_terms = models.JSONField(default=list)
    scored_at = models.DateTimeField()
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    outcome_text = models.CharField(max_length=2000, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(status=LeadStatus.CLOSED) & ~Q(outcome=""))
                | (~Q(status=LeadStatus.CLOSED) & Q(outcome="")),
                name="lead_closed_exactly_with_outcome",
            ),
            models.CheckConstraint(
                condition=~Q(status=LeadStatus.ACCEPTED) | Q(assignee__isnull=False),
                name="lead_accepted_has_assignee",
            ),
        ]
        indexes = [models.Index(fields=["status", "deadline"]), models.Index(fields=["owner"])]

    def __str__(self) -> str:
        # Never the entity's key: a lead is named to a reader through what they may see.
        return f"Lead {self.pk}"


class OfferState(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Expired")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class OfferVia(models.TextChoices):
    ALLOCATION = "allocation", _("Allocated within capacity")
    ESCALATION = "escalation", _("Escalated")
    REASSIGNMENT = "reassignment", _("Reassigned")


class Offer(models.Model):
    """A lead offered to one organisation, answered once (or expired, or withdrawn)."""

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="offers")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="offers")
    via = models.CharField(max_length=12, choices=OfferVia.choices)
    offered_at = models.DateTimeField()
    # Monday of the week whose capacity the offer uses.
    week = models.DateField()
    answer_by = models.DateTimeField()
    state = models.CharField(max_length=10, choices=OfferState.choices, default=OfferState.OPEN)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(max_length=20, choices=DeclineReason.choices, blank=True)
    text = models.CharField(max_length=2000, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["lead"], condition=Q(state="open"), name="offer_one_open_per_lead"
            )
        ]
        indexes = [models.Index(fields=["organisation", "week", "state"])]

    def __str__(self) -> str:
        return f"lead {self.lead_id} → {self.organisation_id} ({self.state})"


class Capacity(models.Model):
    """How many new leads an organisation can take in one week, as its coordinator declared."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="capacities"
    )
    week = models.DateField()  # a Monday
    leads = models.PositiveIntegerField()
    # Empty when set up for the demo rather than declared by a person.
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    declared_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "week"], name="capacity_one_per_week")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.week}: {self.leads}"


class LeadEventKind(models.TextChoices):
    CREATED = "created", _("Lead created")
    RESCORED = "rescored", _("Score changed")
    QUEUED = "queued", _("Waiting for capacity")
    OFFERED = "offered", _("Offered")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Offer expired")
    ESCALATED = "escalated", _("Escalated")
    REASSIGNED = "reassigned", _("Reassigned")
    CLOSED = "closed", _("Closed")


class LeadEvent(models.Model):
    """One step in a lead's history, as its originator and its owners see it."""

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField()
    kind = models.CharField(max_length=12, choices=LeadEventKind.choices)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    details = models.JSONField(default=dict)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"lead {self.lead_id}: {self.kind}"


class Notification(models.Model):
    """A message to one user about a lead, shown in the app and sent by e-mail."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(LeadEvent, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.event_id}"


class EvidenceMark(models.Model):
    """How far the worker has looked at new links of mentions into entities (one row)."""

    last_link_id = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"links up to {self.last_link_id}"
