"""Person resolution writes person entities: in the nightly batch and on a report's arrival."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from samverkan.access.models import User
from samverkan.audit.models import AuditEvent
from samverkan.entities.arrival import people_arrivals_score, reports_waiting
from samverkan.entities.models import (
    Entity,
    EntityMention,
    Judgement,
    LinkReason,
    PersonRecordRow,
    ReviewPair,
)
from samverkan.entities.people import people_resolve
from samverkan.entities.services import entity_judge, entity_merge, entity_split
from samverkan.resolution.clustering import Thresholds
from tests.entities.people_world import EAGER, THRESHOLDS, people_world, person, report_about

pytestmark = pytest.mark.django_db


def _person_of(external_id: str, name: str = "Karl Berg") -> int:
    return EntityMention.objects.get(
        mention__report__external_id=external_id, mention__raw=name
    ).entity_id


def _state() -> dict[str, Any]:
    return {
        "entities": list(Entity.objects.order_by("pk").values_list("pk", "kind", "merged_into")),
        "links": list(
            EntityMention.objects.order_by("pk").values_list(
                "pk", "entity_id", "home_id", "mention_id", "reason"
            )
        ),
        "rows": list(PersonRecordRow.objects.order_by("pk").values_list("pk", "ref", "home")),
        "review": list(
            ReviewPair.objects.order_by("pk").values_list(
                "pk", "left", "right", "score", "status", "weights"
            )
        ),
    }


def test_one_person_entity_per_person_holding_names_and_birth_dates(
    customs_officer: User, oslo_coordinator: User
) -> None:
    people_world(customs_officer, oslo_coordinator)
    assert not Entity.objects.filter(kind="person").exists()

    result = people_resolve(thresholds=THRESHOLDS)

    karl = _person_of("tull-1")
    assert _person_of("tull-2") == karl
    assert _person_of("tull-3", "Eva Lund") != karl
    held = EntityMention.objects.filter(entity_id=karl)
    assert sorted(held.values_list("mention__kind", flat=True)) == [
        "birth_date",
        "birth_date",
        "person_name",
        "person_name",
    ]
    assert set(held.values_list("reason", flat=True)) == {LinkReason.MODEL}
    # Phones stay in their phone entity.
    phone = EntityMention.objects.get(mention__report__external_id="tull-1", mention__kind="phone")
    assert Entity.objects.get(pk=phone.entity_id).kind == "phone"
    assert (result.records, result.entities, result.review) == (4, 3, 1)
    event = AuditEvent.objects.get(object_type="person_resolution")
    assert (event.action, event.actor_id, event.actor_label) == ("combine", None, "resolution")
    assert event.details["entities"] == 3


def test_running_again_changes_nothing(customs_officer: User, oslo_coordinator: User) -> None:
    people_world(customs_officer, oslo_coordinator)
    people_resolve(thresholds=THRESHOLDS)
    before = _state()

    again = people_resolve(thresholds=THRESHOLDS)

    assert _state() == before
    assert (again.created, again.moved, again.linked) == (0, 0, 0)


def test_the_unsure_namesake_waits_for_review_with_its_weights(
    customs_officer: User, oslo_coordinator: User
) -> None:
    people_world(customs_officer, oslo_coordinator)
    people_resolve(thresholds=THRESHOLDS)

    pair = ReviewPair.objects.get()
    assert {pair.left_id, pair.right_id} == {_person_of("tull-1"), _person_of("oslo-1")}
    assert 0.5 <= pair.score < 0.9999
    weights = {f["comparison"]: f["weight"] for f in pair.weights["features"]}
    assert weights["name"] > 10  # the same full name
    assert weights["reporter"] < 0  # written in another country
    total = pair.weights["prior"] + sum(weights.values())
    assert pair.weights["match_weight"] == pytest.approx(total)
    assert pair.weights["probability"] == pytest.approx(pair.score)


def test_analysts_decisions_hold_when_resolution_runs_again(
    customs_officer: User, oslo_coordinator: User, kripos_analyst: User
) -> None:
    people_world(customs_officer, oslo_coordinator)
    people_resolve(thresholds=EAGER)
    karl, namesake = _person_of("tull-1"), _person_of("oslo-1")
    assert karl == namesake  # an eager model links them at once

    # Nothing below auto-link joins: the namesake is separate and asked about.
    people_resolve(thresholds=THRESHOLDS)
    karl, namesake = _person_of("tull-1"), _person_of("oslo-1")
    assert karl != namesake
    entity_judge(
        by=kripos_analyst,
        a_id=karl,
        b_id=namesake,
        judgement=Judgement.NEGATIVE,
        reason="different ages",
    )
    people_resolve(thresholds=EAGER)
    assert _person_of("tull-1") != _person_of("oslo-1")  # the negative judgement wins
    assert not ReviewPair.objects.filter(status="open").exists()


def test_a_merge_is_kept_and_can_still_be_split(
    customs_officer: User, oslo_coordinator: User, kripos_analyst: User
) -> None:
    people_world(customs_officer, oslo_coordinator)
    people_resolve(thresholds=THRESHOLDS)
    karl, namesake = _person_of("tull-1"), _person_of("oslo-1")
    merge = entity_merge(by=kripos_analyst, a_id=karl, b_id=namesake, reason="same tattoo")

    people_resolve(thresholds=THRESHOLDS)
    assert _person_of("oslo-1") == min(karl, namesake)

    entity_split(by=kripos_analyst, judgement_id=merge.pk, reason="wrong tattoo")
    assert _person_of("oslo-1") == max(karl, namesake)


def test_a_new_report_joins_the_person_on_arrival(
    customs_officer: User, oslo_coordinator: User
) -> None:
    people_world(customs_officer, oslo_coordinator)
    people_resolve(thresholds=THRESHOLDS)
    karl = _person_of("tull-1")
    assert reports_waiting(limit=10) == []

    report = report_about(
        customs_officer,
        "tull-4",
        person("p1", "courier", name="Karl Berg", born="1985-03-14", phone="0701112233"),
        person("p2", "courier", name="Okänd Okändsson"),
    )
    assert reports_waiting(limit=10) == [report.pk]  # stored; nothing scored in the request

    assert people_arrivals_score() == 1  # the worker's sweep

    assert _person_of("tull-4") == karl
    stranger = _person_of("tull-4", "Okänd Okändsson")
    assert stranger not in {karl, _person_of("tull-3", "Eva Lund"), _person_of("oslo-1")}
    event = AuditEvent.objects.filter(object_type="report", action="combine").get()
    assert (event.details["joined"], event.details["created"]) == (1, 1)
    assert reports_waiting(limit=10) == []
    assert people_arrivals_score() == 0


def test_a_report_without_people_waits_for_nothing(customs_officer: User) -> None:
    report_about(
        customs_officer,
        "tull-9",
        {"ref": "x", "role": "phone", "mentions": [{"kind": "phone", "value": "0701112233"}]},
    )
    assert reports_waiting(limit=10) == []


def test_a_bulk_load_is_resolved_in_one_batch(
    customs_officer: User, oslo_coordinator: User
) -> None:
    people_world(customs_officer, oslo_coordinator)
    assert people_arrivals_score(batch=2) == 4  # more waiting than a sweep takes one by one
    assert reports_waiting(limit=10) == []
    assert not AuditEvent.objects.filter(object_type="report", action="combine").exists()


def test_the_command_prints_what_it_did(customs_officer: User, oslo_coordinator: User) -> None:
    people_world(customs_officer, oslo_coordinator)
    out, err = StringIO(), StringIO()
    call_command(
        "resolve-people", "--auto-link", "0.9999", "--review", "0.5", stdout=out, stderr=err
    )
    assert "4 person records, 3 person entities (3 new), 1 pairs to review" in out.getvalue()


def test_a_judgement_holds_after_its_entity_was_emptied(
    customs_officer: User, oslo_coordinator: User, kripos_analyst: User
) -> None:
    people_world(customs_officer, oslo_coordinator)
    people_resolve(thresholds=THRESHOLDS)
    karl, namesake = _person_of("tull-1"), _person_of("oslo-1")
    judged = entity_judge(
        by=kripos_analyst,
        a_id=karl,
        b_id=namesake,
        judgement=Judgement.NEGATIVE,
        reason="different ages",
    )
    assert {side: set(refs) for side, refs in judged.records.items()} == {
        "left": {"se-customs/tull-1/p1", "se-customs/tull-2/p1"},
        "right": {"no-district-oslo/oslo-1/p1"},
    }
    # Oslo names him again, with a nickname; a strict run keeps that record apart...
    report_about(
        oslo_coordinator, "oslo-3", person("p1", "suspect", name="Karl Berg", nick="Kalle")
    )
    people_resolve(thresholds=Thresholds(auto_link=0.999999, review=0.5))
    again = _person_of("oslo-3")
    assert again not in {karl, namesake}
    # ...an eager one joins Oslo's two records in the entity that holds more of them:
    # the judged entity is left empty.
    people_resolve(thresholds=EAGER)
    assert _person_of("oslo-1") == _person_of("oslo-3") == again
    assert not EntityMention.objects.filter(entity_id=namesake).exists()

    people_resolve(thresholds=EAGER)  # the judgement still keeps Oslo's man apart from Karl

    assert _person_of("oslo-1") == again != _person_of("tull-1") == karl


def test_a_father_of_the_same_name_sharing_the_phone_does_not_join_on_arrival(
    customs_officer: User, oslo_coordinator: User
) -> None:
    people_world(customs_officer, oslo_coordinator)
    people_resolve(thresholds=THRESHOLDS)
    karl = _person_of("tull-1")

    report_about(
        customs_officer,
        "tull-5",
        person("p1", "courier", name="Karl Berg", born="1961-08-30", phone="070-111 22 33"),
    )
    people_arrivals_score()  # the model scores the pair 0.999: name and phone agree

    assert _person_of("tull-5") != karl  # but births 24 years apart are two people
