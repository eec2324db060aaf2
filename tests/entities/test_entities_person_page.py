"""A person entity's page: the names, nicknames and birth dates as reported, merge and split.

Personas: ``kripos_analyst`` (Kripos) merges and splits; ``customs_officer``
and ``oslo_coordinator`` wrote the reports (``tests.entities.people_world``).
"""

from __future__ import annotations

import pytest
from django.test import Client

from samverkan.access.models import User
from samverkan.entities.models import Entity, EntityJudgement, EntityMention
from samverkan.entities.people import people_resolve
from tests.conftest import login_verified
from tests.entities.people_world import THRESHOLDS, people_world, person, report_about

pytestmark = pytest.mark.django_db


def _browser(user: User) -> Client:
    client = Client(headers={"Accept-Language": "en"})
    login_verified(client, user)
    client.post("/purpose/", {"reference": "op-people-2026"})
    return client


def _person_of(external_id: str, name: str = "Karl Berg") -> int:
    return EntityMention.objects.get(
        mention__report__external_id=external_id, mention__raw=name
    ).entity_id


def test_a_person_shows_what_reports_said_of_them(
    customs_officer: User, oslo_coordinator: User, kripos_analyst: User
) -> None:
    report_about(  # the first report about him gives his birth date before his name
        customs_officer,
        "tull-0",
        person("p1", "courier", born="1985-03-14", name="Karl Berg", nick="Kalle"),
    )
    people_world(customs_officer, oslo_coordinator)
    people_resolve(thresholds=THRESHOLDS)
    karl = _person_of("tull-1")
    assert _person_of("tull-0") == karl

    page = _browser(kripos_analyst).get(f"/entities/{karl}/").content.decode()

    assert "<h1>Karl Berg</h1>" in page  # a name, not the birth date written first
    assert "Reported by: Tullverket (3)" in page
    rows = [
        "<tr><td>Name</td><td>Karl Berg</td><td>3</td></tr>",
        "<tr><td>Nickname</td><td>Kalle</td><td>1</td></tr>",
        "<tr><td>Birth date</td><td>1985-03-14</td><td>3</td></tr>",
    ]
    assert all(row in page for row in rows)
    assert page.index(rows[0]) < page.index(rows[1]) < page.index(rows[2])
    assert "Oslo" not in page  # Oslo's Karl Berg is another entity until someone merges them


def test_an_analyst_merges_and_splits_people_from_the_page(
    customs_officer: User, oslo_coordinator: User, kripos_analyst: User
) -> None:
    people_world(customs_officer, oslo_coordinator)
    people_resolve(thresholds=THRESHOLDS)
    karl, namesake = _person_of("tull-1"), _person_of("oslo-1")
    analyst = _browser(kripos_analyst)

    merged = analyst.post(
        f"/entities/{namesake}/judgement/",
        {"other": karl, "decision": "merge", "reason": "same tattoo on the photos"},
    )
    assert merged["Location"] == f"/entities/{min(karl, namesake)}/"
    assert _person_of("oslo-1") == _person_of("tull-1")
    page = analyst.get(merged["Location"]).content.decode()
    assert "Reported by: Tullverket (2), Oslo politidistrikt (1)" in page
    merge = EntityJudgement.objects.get(judgement="positive")
    assert f'action="/judgements/{merge.pk}/split/"' in page

    split = analyst.post(f"/judgements/{merge.pk}/split/", {"reason": "the tattoo differs"})
    assert split.status_code == 302
    assert (_person_of("tull-1"), _person_of("oslo-1")) == (karl, namesake)
    assert Entity.objects.get(pk=max(karl, namesake)).merged_into_id is None


def test_a_person_named_only_where_the_reader_may_not_look_does_not_exist(
    customs_officer: User, oslo_coordinator: User, kripos_analyst: User
) -> None:
    report_about(
        oslo_coordinator, "oslo-9", person("p1", "suspect", name="Ola Skjult"), tlp="AMBER+STRICT"
    )
    people_resolve(thresholds=THRESHOLDS)
    hidden = _person_of("oslo-9", "Ola Skjult")

    analyst = _browser(kripos_analyst)
    assert analyst.get(f"/entities/{hidden}/").status_code == 404
    refused = analyst.post(
        f"/entities/{hidden}/judgement/", {"other": hidden + 1, "decision": "merge", "reason": "x"}
    )
    assert refused.status_code == 404
