"""An analyst works through the review queue: compares a pair, reads why, decides."""

from __future__ import annotations

import pytest
from django.test import Client

from samverkan.access.models import User
from samverkan.audit.models import AuditEvent
from samverkan.entities.models import EntityJudgement, ReviewPair
from samverkan.entities.people import people_resolve
from tests.conftest import login_verified
from tests.entities.people_world import THRESHOLDS, people_world, person, report_about

pytestmark = pytest.mark.django_db


def _browser(user: User) -> Client:
    client = Client()
    login_verified(client, user)
    client.post("/purpose/", {"reference": "op-review-2026"})
    return client


def test_the_analyst_compares_reads_why_and_decides(
    customs_officer: User, oslo_coordinator: User, kripos_analyst: User
) -> None:
    people_world(customs_officer, oslo_coordinator)
    people_resolve(thresholds=THRESHOLDS)
    pair = ReviewPair.objects.get()
    analyst = _browser(kripos_analyst)

    queue = analyst.get("/review/", headers={"Accept-Language": "en"})
    assert queue.status_code == 200
    menu_link = '<a href="/review/" aria-current="page">Pairs to review</a>'
    assert menu_link in queue.content.decode()
    assert f"/review/{pair.pk}/" in queue.content.decode()
    assert "Karl Berg" in queue.content.decode()

    page = analyst.get(f"/review/{pair.pk}/", headers={"Accept-Language": "en"}).content.decode()
    assert "Same full name: <strong>+11.7</strong>" in page
    assert "Reported in different countries: <strong>-3.2</strong>" in page
    assert "1985-03-14" in page  # what customs said about Karl
    assert "070-111 22 33" in page  # his phone, as the compared record had it
    assert page.count("Karl Berg") >= 2

    answer = analyst.post(
        f"/review/{pair.pk}/decision/",
        {"decision": "negative", "reason": "Oslo's man is twenty years younger"},
    )
    assert answer.status_code == 302
    assert answer["Location"] == "/review/"
    pair.refresh_from_db()
    judgement = EntityJudgement.objects.get()
    assert (pair.status, pair.judgement_id) == ("decided", judgement.pk)
    assert (judgement.judgement, judgement.by_id) == ("negative", kripos_analyst.pk)
    assert judgement.reason == "Oslo's man is twenty years younger"
    event = AuditEvent.objects.filter(action="combine", actor_id=kripos_analyst.pk).get()
    assert event.details["change"] == "negative"
    assert AuditEvent.objects.filter(object_type="review_pair", action="consult").count() == 1
    assert f"/review/{pair.pk}/" not in analyst.get("/review/").content.decode()
    assert analyst.get(f"/review/{pair.pk}/").status_code == 404


def test_the_same_person_merges_the_two(
    customs_officer: User, oslo_coordinator: User, kripos_analyst: User
) -> None:
    people_world(customs_officer, oslo_coordinator)
    people_resolve(thresholds=THRESHOLDS)
    pair = ReviewPair.objects.get()
    _browser(kripos_analyst).post(
        f"/review/{pair.pk}/decision/", {"decision": "merge", "reason": "same tattoo"}
    )
    judgement = EntityJudgement.objects.get()
    assert (judgement.judgement, judgement.left_id, judgement.right_id) == (
        "positive",
        pair.left_id,
        pair.right_id,
    )


def test_a_pair_with_a_side_the_analyst_may_not_see_does_not_exist(
    customs_officer: User, oslo_coordinator: User, kripos_analyst: User
) -> None:
    born = "1985-03-14"
    report_about(customs_officer, "tull-1", person("p1", "courier", name="Karl Berg", born=born))
    # Only Oslo may read this one (AMBER+STRICT): Kripos must not learn the pair exists.
    report_about(
        oslo_coordinator, "oslo-1", person("p1", "suspect", name="Karl Berg"), tlp="AMBER+STRICT"
    )
    people_resolve(thresholds=THRESHOLDS)
    pair = ReviewPair.objects.get()
    analyst = _browser(kripos_analyst)

    assert f"/review/{pair.pk}/" not in analyst.get("/review/").content.decode()
    assert analyst.get(f"/review/{pair.pk}/").status_code == 404
    refused = analyst.post(f"/review/{pair.pk}/decision/", {"decision": "merge", "reason": "x"})
    assert refused.status_code == 404
    assert not EntityJudgement.objects.exists()


def test_officers_have_no_queue(customs_officer: User) -> None:
    officer = _browser(customs_officer)
    assert officer.get("/review/").status_code == 404
    assert 'href="/review/"' not in officer.get("/reports/").content.decode()  # nor a menu link
