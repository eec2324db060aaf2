"""The fifth courier who names the same phone makes that phone light up, for those who may see."""

from __future__ import annotations

import pytest
from django.test import Client

from samverkan.access.models import User
from samverkan.audit.models import AuditEvent
from samverkan.entities.models import Entity, EntityMention
from samverkan.intake.models import Report
from samverkan.intake.schemas import ReportIn
from samverkan.intake.services import report_submit
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

WRITINGS = ["0046 70-123 45 67", "+46701234567", "070 123 45 67", "(070) 1234567", "46701234567"]


def _statement(by: User, external_id: str, phone: str, tlp: str = "AMBER") -> Report:
    assert by.organisation is not None
    data = ReportIn.model_validate(
        {
            "kind": "courier_statement",
            "external_id": external_id,
            "occurred_at": "2026-05-02T06:40:00+02:00",
            "handling": {"tlp": tlp},
            "route": {"crossing": "Svinesund"},
            "subjects": [
                {
                    "ref": "b1",
                    "role": "backer",
                    "mentions": [
                        {"kind": "nickname", "value": "Smurfen"},
                        {"kind": "phone", "value": phone},
                    ],
                }
            ],
        }
    )
    report, _ = report_submit(organisation=by.organisation, data=data, by=by, via="test")
    return report


def _read_with_purpose(client: Client, user: User) -> None:
    login_verified(client, user)
    client.post("/purpose/", {"reference": "op-vinterljus"})


def test_two_writings_land_on_one_entity_in_the_same_request(oslo_coordinator: User) -> None:
    first = _statement(oslo_coordinator, "s-1", WRITINGS[0])
    second = _statement(oslo_coordinator, "s-2", WRITINGS[1])
    phones = Entity.objects.filter(kind="phone")
    assert [e.key for e in phones] == ["+46701234567"]
    linked = EntityMention.objects.filter(entity=phones.get())
    assert {link.mention.report_id for link in linked} == {first.pk, second.pk}
    assert not Entity.objects.filter(key="Smurfen").exists()


def test_the_phone_lights_up_on_the_list_and_its_page(
    client: Client, oslo_coordinator: User
) -> None:
    for number, writing in enumerate(WRITINGS):
        _statement(oslo_coordinator, f"s-{number}", writing)
    _read_with_purpose(client, oslo_coordinator)
    listing = client.get("/entities/?kind=phone&role=backer", HTTP_ACCEPT_LANGUAGE="en")
    html = listing.content.decode()
    assert "<strong>5</strong>" in html
    entity = Entity.objects.get(kind="phone")
    page = client.get(f"/entities/{entity.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "+46701234567" in page
    assert '<span class="count">5</span>' in page
    events = AuditEvent.objects.filter(action="consult").values_list("object_type", "purpose")
    assert list(events) == [("entity_list", "op-vinterljus"), ("entity", "op-vinterljus")]


def test_report_page_shows_how_often_each_identifier_is_named(
    client: Client, oslo_coordinator: User
) -> None:
    reports = [_statement(oslo_coordinator, f"s-{n}", w) for n, w in enumerate(WRITINGS[:3])]
    _read_with_purpose(client, oslo_coordinator)
    page = client.get(f"/reports/{reports[0].pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "in 3 reports" in page


def test_counts_only_include_what_the_reader_may_see(
    client: Client, oslo_coordinator: User, customs_officer: User
) -> None:
    _statement(oslo_coordinator, "s-1", WRITINGS[0])
    _statement(oslo_coordinator, "s-2", WRITINGS[1], tlp="AMBER+STRICT")
    hidden_only = _statement(oslo_coordinator, "s-3", "+47 912 34 567", tlp="AMBER+STRICT")
    _read_with_purpose(client, customs_officer)
    shared = Entity.objects.get(key="+46701234567")
    page = client.get(f"/entities/{shared.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<span class="count">1</span>' in page
    hidden = Entity.objects.get(key="+4791234567")
    forbidden = client.get(f"/entities/{hidden.pk}/")
    missing = client.get("/entities/999999/")
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.content == missing.content
    listing = client.get("/entities/?kind=phone", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "+47 912 34 567" not in listing
    assert hidden_only.pk


@pytest.mark.parametrize("persona", ["postal_agent", "outsider"])
def test_entities_are_for_intelligence_readers_only(
    client: Client, persona: str, request: pytest.FixtureRequest, oslo_coordinator: User
) -> None:
    entity_report = _statement(oslo_coordinator, "s-1", WRITINGS[0])
    user = request.getfixturevalue(persona)
    client.force_login(user)
    entity = Entity.objects.get(kind="phone")
    assert client.get(f"/entities/{entity.pk}/").status_code == 404
    assert client.get("/entities/").status_code == 404
    assert entity_report.pk


def test_the_page_says_what_kinds_of_reports_and_which_districts(
    client: Client, oslo_coordinator: User
) -> None:
    assert oslo_coordinator.organisation is not None
    for number, (kind, country, municipality) in enumerate(
        [
            ("courier_statement", "NO", "0301"),
            ("courier_statement", "NO", "0301"),
            ("observation", "SE", "1480"),  # no leading zero: SQLite reads it as a number
        ]
    ):
        data = ReportIn.model_validate(
            {
                "kind": kind,
                "external_id": f"p-{number}",
                "occurred_at": "2026-05-02T06:40:00+02:00",
                "handling": {"tlp": "AMBER"},
                "place": {"country": country, "municipality_code": municipality},
                **(
                    {"route": {"crossing": "Svinesund"}}
                    if kind == "courier_statement"
                    else {"observation": {"source": "surveillance"}}
                ),
                "subjects": [
                    {
                        "ref": "s",
                        "role": "backer",
                        "mentions": [{"kind": "phone", "value": WRITINGS[0]}],
                    }
                ],
            }
        )
        report_submit(organisation=oslo_coordinator.organisation, data=data, by=None, via="test")
    _read_with_purpose(client, oslo_coordinator)
    phone = Entity.objects.get(kind="phone")
    page = client.get(f"/entities/{phone.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Kinds of reports: Courier statement (2), Observation (1)" in page
    assert "Where: Oslo (2), Göteborg City (1)" in page
    assert '<span class="count">2</span><span class="label">districts</span>' in page
