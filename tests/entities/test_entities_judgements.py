"""Analysts merge and split entities; a split returns exactly the state before the merge."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from samverkan.access.models import User
from samverkan.access.policy import Forbidden, NotFound
from samverkan.audit.models import AuditEvent
from samverkan.audit.verification import audit_verify
from samverkan.entities.models import Entity, EntityJudgement, EntityMention, Judgement
from samverkan.entities.services import (
    JudgementError,
    entity_judge,
    entity_merge,
    entity_split,
)
from samverkan.intake.schemas import ReportIn
from samverkan.intake.services import report_submit
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

KALLE = "19811218-9876"
KARL = "19811218-9884"


def _named(by: User, external_id: str, number: str, tlp: str = "AMBER") -> None:
    assert by.organisation is not None
    data = ReportIn.model_validate(
        {
            "kind": "intelligence",
            "external_id": external_id,
            "occurred_at": "2026-05-02T06:40:00+02:00",
            "handling": {"tlp": tlp},
            "subjects": [
                {
                    "ref": "p",
                    "role": "suspect",
                    "mentions": [{"kind": "se_personal_number", "value": number}],
                }
            ],
        }
    )
    report_submit(organisation=by.organisation, data=data, by=by, via="test")


def _state() -> list[tuple[int, int, int | None]]:
    links = sorted(EntityMention.objects.values_list("mention_id", "entity_id"))
    merged = dict(Entity.objects.values_list("pk", "merged_into_id"))
    return [(m, e, merged[e]) for m, e in links]


def _people() -> tuple[Entity, Entity]:
    kalle = Entity.objects.get(key=f"{KALLE[:8]}{KALLE[9:]}")
    karl = Entity.objects.get(key=f"{KARL[:8]}{KARL[9:]}")
    return kalle, karl


def test_merge_then_split_returns_exactly_the_state_before(kripos_analyst: User) -> None:
    _named(kripos_analyst, "r-1", KALLE)
    _named(kripos_analyst, "r-2", KARL)
    _named(kripos_analyst, "r-3", KARL)
    before = _state()
    kalle, karl = _people()
    merge = entity_merge(
        by=kripos_analyst, a_id=karl.pk, b_id=kalle.pk, reason="same man, two numbers"
    )
    assert set(EntityMention.objects.values_list("entity_id", flat=True)) == {kalle.pk}
    entity_split(by=kripos_analyst, judgement_id=merge.pk, reason="different birth places")
    assert _state() == before
    changes = AuditEvent.objects.filter(action="combine").values_list("details__change", flat=True)
    assert list(changes) == ["merge", "split"]
    assert audit_verify().ok


def test_a_mention_arriving_while_merged_goes_home_on_split(kripos_analyst: User) -> None:
    _named(kripos_analyst, "r-1", KALLE)
    _named(kripos_analyst, "r-2", KARL)
    kalle, karl = _people()
    merge = entity_merge(by=kripos_analyst, a_id=kalle.pk, b_id=karl.pk, reason="same man")
    _named(kripos_analyst, "r-3", KARL)
    assert EntityMention.objects.filter(entity=kalle).count() == 3
    entity_split(by=kripos_analyst, judgement_id=merge.pk, reason="not the same")
    assert EntityMention.objects.filter(entity=kalle).count() == 1
    assert EntityMention.objects.filter(entity=karl).count() == 2


def test_not_the_same_blocks_a_merge_until_undone(kripos_analyst: User) -> None:
    _named(kripos_analyst, "r-1", KALLE)
    _named(kripos_analyst, "r-2", KARL)
    kalle, karl = _people()
    entity_judge(
        by=kripos_analyst,
        a_id=kalle.pk,
        b_id=karl.pk,
        judgement=Judgement.NEGATIVE,
        reason="twins",
    )
    with translation.override("sv"), pytest.raises(JudgementError, match="inte är samma"):
        entity_merge(by=kripos_analyst, a_id=kalle.pk, b_id=karl.pk, reason="same")
    with translation.override("en"), pytest.raises(JudgementError, match="not to be the same"):
        entity_merge(by=kripos_analyst, a_id=kalle.pk, b_id=karl.pk, reason="same")


def test_only_analysts_who_see_both_may_merge(
    kripos_analyst: User, oslo_coordinator: User, customs_officer: User
) -> None:
    _named(kripos_analyst, "r-1", KALLE)
    _named(kripos_analyst, "r-2", KARL, tlp="AMBER+STRICT")
    kalle, karl = _people()
    with pytest.raises(Forbidden):
        entity_merge(by=oslo_coordinator, a_id=kalle.pk, b_id=karl.pk, reason="same")
    customs_officer.roles = ["analyst"]
    customs_officer.save()
    with pytest.raises(NotFound):
        entity_merge(by=customs_officer, a_id=kalle.pk, b_id=karl.pk, reason="same")
    assert not Entity.objects.exclude(merged_into=None).exists()


def test_analyst_merges_and_splits_from_the_entity_page(
    client: Client, kripos_analyst: User
) -> None:
    _named(kripos_analyst, "r-1", KALLE)
    _named(kripos_analyst, "r-2", KARL)
    before = _state()
    kalle, karl = _people()
    login_verified(client, kripos_analyst)
    client.post("/purpose/", {"reference": "op-vinterljus"})
    client.post(
        f"/entities/{kalle.pk}/judgement/",
        {"other": karl.pk, "decision": "merge", "reason": "same flat, same car"},
    )
    page = client.get(f"/entities/{kalle.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "same flat, same car" in page
    assert '<span class="count">2</span>' in page
    merge = EntityJudgement.objects.get()
    client.post(f"/judgements/{merge.pk}/split/", {"reason": "different mothers"})
    assert _state() == before


def test_an_officer_may_look_but_not_merge(
    client: Client, kripos_analyst: User, oslo_coordinator: User
) -> None:
    _named(kripos_analyst, "r-1", KALLE)
    _named(kripos_analyst, "r-2", KARL)
    kalle, karl = _people()
    login_verified(client, oslo_coordinator)
    response = client.post(
        f"/entities/{kalle.pk}/judgement/", {"other": karl.pk, "decision": "merge", "reason": "x"}
    )
    assert response.status_code == 403
    assert not EntityJudgement.objects.exists()


def test_split_without_reason_never_sends_the_browser_elsewhere(
    client: Client, kripos_analyst: User
) -> None:
    login_verified(client, kripos_analyst)
    response = client.post(
        "/judgements/1/split/", {"reason": "", "back": "https://evil.example/phish"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/entities/"
