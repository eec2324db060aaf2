"""Every lead always has an owner, a status and a deadline; none leaves without an outcome.

A hypothesis state machine makes leads and then accepts, declines, lets
expire, reassigns, allocates and closes them in random order, by the right
people and the wrong ones, moving the clock; after every step the invariant
is checked against the database. Each run happens inside a savepoint that is
rolled back, so runs do not see each other.
"""

from __future__ import annotations

import datetime
import os
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    invariant,
    rule,
    run_state_machine_as_test,
)

from samverkan.access.policy import Forbidden
from samverkan.entities.models import Entity
from samverkan.leads.detection import lead_make
from samverkan.leads.history import LeadError
from samverkan.leads.models import Lead, LeadEventKind, LeadStatus, Offer, OfferState, Outcome
from samverkan.leads.services import (
    capacity_declare,
    lead_accept,
    lead_close,
    lead_decline,
    lead_reassign,
    leads_allocate,
    leads_expire,
)
from tests.leads.world import LeadsWorld, leads_world

pytestmark = pytest.mark.django_db
RUNS = int(os.environ.get("LEADS_INVARIANT_RUNS", "200"))


class _Rollback(Exception):  # noqa: N818 - a signal, not an error
    pass


class LeadLife(RuleBasedStateMachine):
    world: LeadsWorld
    entities: list[Entity]

    leads = Bundle("leads")

    def __init__(self) -> None:
        super().__init__()
        self.savepoint = transaction.atomic()
        self.savepoint.__enter__()
        self.now = timezone.now()
        self.made: set[int] = set()
        self.users = [*self.world.coordinators.values(), *self.world.officers.values()]
        self.organisations = list(self.world.organisations.values())

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self.savepoint.__exit__(None, None, None)

    # --- steps ---

    @rule(target=leads, entity=st.integers(0, 3))
    def make(self, entity: int) -> int:
        assert self.world.analyst is not None
        lead = lead_make(entity=self.entities[entity], by=self.world.analyst, now=self.now)
        self.made.add(lead.pk)
        return lead.pk

    @rule(who=st.integers(0, 13), leads=st.integers(0, 3))
    def declare(self, who: int, leads: int) -> None:
        user = self.users[who % len(self.users)]
        try:
            capacity_declare(by=user, week=timezone.localdate(self.now), leads=leads, now=self.now)
        except Forbidden:
            assert not user.has_role("coordinator")

    @rule()
    def allocate(self) -> None:
        leads_allocate(now=self.now)

    @rule(lead=leads, who=st.integers(0, 13), owner=st.integers(0, 13))
    def accept(self, lead: int, who: int, owner: int) -> None:
        self._try(
            lambda: lead_accept(
                lead=self._lead(lead),
                by=self.users[who % len(self.users)],
                assignee=self.users[owner % len(self.users)],
                now=self.now,
            )
        )

    @rule(lead=leads, who=st.integers(0, 13), reason=st.sampled_from(["no_capacity", "other"]))
    def decline(self, lead: int, who: int, reason: str) -> None:
        text = "" if who % 3 == 0 else "Busy with Operation Vinterljus."
        self._try(
            lambda: lead_decline(
                lead=self._lead(lead),
                by=self.users[who % len(self.users)],
                reason=reason,  # type: ignore[arg-type]
                text=text,
                now=self.now,
            )
        )

    # The right people act far more often than chance would have them.

    @rule(lead=leads, owner=st.booleans())
    def holder_accepts(self, lead: int, owner: bool) -> None:
        current = self._lead(lead)
        code = current.owner.code
        assignee = self.world.officers[code] if owner else self.world.coordinators[code]
        self._try(
            lambda: lead_accept(
                lead=current, by=self.world.coordinators[code], assignee=assignee, now=self.now
            )
        )

    @rule(lead=leads, reason=st.sampled_from(["no_capacity", "not_our_area", "other"]))
    def holder_declines(self, lead: int, reason: str) -> None:
        current = self._lead(lead)
        self._try(
            lambda: lead_decline(
                lead=current,
                by=self.world.coordinators[current.owner.code],
                reason=reason,  # type: ignore[arg-type]
                text="Full this month.",
                now=self.now,
            )
        )

    @rule(lead=leads, outcome=st.sampled_from(list(Outcome)))
    def holder_closes(self, lead: int, outcome: Outcome) -> None:
        current = self._lead(lead)
        self._try(
            lambda: lead_close(
                lead=current,
                by=current.assignee or self.world.coordinators[current.owner.code],
                outcome=outcome,
                text="Seized 2 kg in the raid.",
                now=self.now,
            )
        )

    @rule(lead=leads, to=st.integers(0, 6))
    def holder_reassigns(self, lead: int, to: int) -> None:
        current = self._lead(lead)
        self._try(
            lambda: lead_reassign(
                lead=current,
                by=self.world.coordinators[current.owner.code],
                organisation=self.organisations[to],
                text="Their case.",
                now=self.now,
            )
        )

    @rule(district=st.integers(0, 6), leads=st.integers(0, 3))
    def coordinator_declares(self, district: int, leads: int) -> None:
        coordinator = self.world.coordinators[self.organisations[district].code]
        capacity_declare(
            by=coordinator, week=timezone.localdate(self.now), leads=leads, now=self.now
        )

    @rule(days=st.integers(0, 10))
    def time_passes(self, days: int) -> None:
        self.now += datetime.timedelta(days=days, minutes=1)
        leads_expire(now=self.now)

    @rule(lead=leads, who=st.integers(0, 13), to=st.integers(0, 7), person=st.integers(0, 13))
    def reassign(self, lead: int, who: int, to: int, person: int) -> None:
        by = self.users[who % len(self.users)]
        if person % 2:
            self._try(
                lambda: lead_reassign(
                    lead=self._lead(lead),
                    by=by,
                    assignee=self.users[person % len(self.users)],
                    now=self.now,
                )
            )
        else:
            self._try(
                lambda: lead_reassign(
                    lead=self._lead(lead),
                    by=by,
                    organisation=self.organisations[to % len(self.organisations)],
                    now=self.now,
                )
            )

    @rule(lead=leads, who=st.integers(0, 13), outcome=st.sampled_from(list(Outcome)))
    def close(self, lead: int, who: int, outcome: Outcome) -> None:
        text = "" if who % 4 == 0 else "Handed to case 2026-4411."
        self._try(
            lambda: lead_close(
                lead=self._lead(lead),
                by=self.users[who % len(self.users)],
                outcome=outcome,
                text=text,
                now=self.now,
            )
        )

    def _lead(self, pk: int) -> Lead:
        return Lead.objects.get(pk=pk)

    def _try(self, step: Any) -> None:
        """Do a step; a refused step must change nothing."""
        before = _snapshot()
        try:
            step()
        except (Forbidden, LeadError) as refused:
            event(f"refused: {type(refused).__name__}")
            assert _snapshot() == before
        else:
            event("done")

    # --- the invariant ---

    @invariant()
    def every_lead_has_owner_status_deadline_and_outcome_when_closed(self) -> None:
        leads = list(Lead.objects.all())
        assert {lead.pk for lead in leads} == self.made  # no lead ever leaves
        for lead in leads:
            assert lead.owner_id is not None
            assert lead.status in LeadStatus.values
            assert lead.deadline is not None
            assert (lead.status == LeadStatus.CLOSED) == bool(lead.outcome)
            open_offers = list(Offer.objects.filter(lead=lead, state=OfferState.OPEN))
            if lead.status == LeadStatus.OFFERED:
                assert [o.organisation_id for o in open_offers] == [lead.owner_id]
                assert lead.deadline == open_offers[0].answer_by
            else:
                assert open_offers == []
            if lead.status == LeadStatus.ACCEPTED:
                assert lead.assignee is not None
                assert lead.assignee.organisation_id == lead.owner_id
            if lead.status in (LeadStatus.QUEUED, LeadStatus.OFFERED):
                # Nothing waits past its deadline: the expiry job (run whenever
                # time passes here) has handed on every overdue offer and wait.
                assert lead.deadline > self.now
            kinds = list(lead.events.values_list("kind", flat=True))
            event(f"status {lead.status}")
            for kind in set(kinds):
                event(f"history has {kind}")
            assert kinds[0] == LeadEventKind.CREATED
            assert (kinds[-1] == LeadEventKind.CLOSED) == (lead.status == LeadStatus.CLOSED)
            # Every decline or expiry is followed by a hand-on: an offer or a wait.
            for i, kind in enumerate(kinds):
                if kind in (LeadEventKind.DECLINED, LeadEventKind.EXPIRED):
                    assert kinds[i + 1] in (LeadEventKind.ESCALATED, LeadEventKind.QUEUED)


def _snapshot() -> list[tuple[Any, ...]]:
    leads = Lead.objects.order_by("pk").values_list(
        "pk", "status", "owner_id", "assignee_id", "deadline", "outcome"
    )
    offers = Offer.objects.order_by("pk").values_list("pk", "state")
    return [*leads, *offers]


def test_no_lead_is_ever_dropped() -> None:
    world = leads_world()
    phones = ["+46701111111", "+46702222222", "+4791111111", "+4792222222"]
    for phone, (destination, country) in zip(
        phones, [("0180", "SE"), ("0580", "SE"), ("0301", "NO"), ("3107", "NO")], strict=True
    ):
        world.statement(phone=phone, destination=destination, country=country)
    LeadLife.world = world
    LeadLife.entities = [Entity.objects.get(key=phone) for phone in phones]
    run_state_machine_as_test(
        LeadLife,
        settings=settings(
            max_examples=RUNS,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
