"""The postal agent's item form through the test client: what is stored, once; what is refused."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from samverkan.access.models import Organisation, OrganisationKind, User
from samverkan.audit.models import AuditEvent
from samverkan.intake.models import Report

pytestmark = pytest.mark.django_db

FORM = "/report/item/"
S10 = "RR123456785SE"
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def form_id(client: Client) -> str:
    """Open the form as a browser would and return the report id it was given."""
    page = client.get(FORM, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    match = re.search(r'name="external_id" value="([0-9a-f-]{36})"', page)
    assert match is not None
    return match[1]


def minimal(external_id: str, **change: Any) -> dict[str, Any]:
    return {
        "external_id": external_id,
        "item_id": S10,
        "format": "letter",
        "suspicion": ["smell"],
        **change,
    }


def collections() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action="collect", object_type="report"))


@pytest.fixture(autouse=True)
def _quick_passwords(settings: Any) -> None:
    """The personas' passwords are never typed here: hash them cheaply."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def agent(client: Client, postal_agent: User) -> Client:
    client.force_login(postal_agent)
    return client


def test_form_is_made_for_a_phone_and_names_a_new_report_each_time(agent: Client) -> None:
    response = agent.get(FORM, HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    box = re.search(r"<input[^>]*name=\"item_id\"[^>]*>", page)
    assert box is not None
    for attribute in ('autocapitalize="characters"', 'autocomplete="off"', 'autocorrect="off"',
                      'spellcheck="false"', 'data-identifier="postal_item"'):  # fmt: skip
        assert attribute in box[0]
    assert 'type="radio" name="format" value="parcel"' in page
    assert page.count('type="checkbox" name="suspicion"') == 10
    assert '<script src="/static/samverkan/forms.js" defer></script>' in page
    # A blank form may stay in the browser's history, so "back" keeps its report id.
    assert "no-store" not in response["Cache-Control"]
    assert form_id(agent) != form_id(agent)


def test_report_is_stored_field_by_field_with_the_shop_defaults(
    agent: Client, postal_agent: User
) -> None:
    external_id = form_id(agent)
    response = agent.post(
        FORM,
        minimal(
            external_id,
            item_id="rr 123 456 785 se",
            format="parcel",
            suspicion=["vacuum_packed", "smell"],
            recipient_name="Sara Lind",
            recipient_address="Storgatan 1, 123 45 Tallbacken",
            sender_name="Anna Berg",
            sender_address="Box 55, 411 01 Göteborg",
            weight_grams="850",
            occurred_at="2026-05-02T14:30",
            note="Collected by a man who was not Sara.",
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == "/report/sent/"
    report = Report.objects.get()
    assert report.organisation == postal_agent.organisation
    assert report.submitted_by == postal_agent
    assert report.external_id == external_id
    assert report.kind == "postal_item"
    assert report.occurred_at == datetime(2026, 5, 2, 14, 30, tzinfo=STOCKHOLM)
    assert (report.source_grading, report.information_grading, report.tlp) == ("C", "3", "AMBER")
    assert list(report.compartments.all()) == []
    payload = report.payload
    assert payload["kind"] == "postal_item"
    assert payload["external_id"] == external_id
    assert payload["grading"]["source"] == "C"
    assert payload["grading"]["information"] == "3"
    assert payload["handling"] == {"tlp": "AMBER", "compartments": []}
    assert payload["place"] == {
        "country": "SE",
        "municipality_code": None,
        "postcode": None,
        "description": "ICA Nära Tallbacken",
    }
    assert payload["summary"] == "Collected by a man who was not Sara."
    assert payload["item"] == {
        "format": "parcel",
        "weight_grams": 850,
        "suspicion": ["smell", "vacuum_packed"],  # in the checklist's order
    }
    assert payload["subjects"] == [
        {
            "ref": "item",
            "role": "item",
            "mentions": [{"kind": "postal_item", "value": "rr 123 456 785 se"}],  # as written
        },
        {
            "ref": "recipient",
            "role": "recipient",
            "mentions": [
                {"kind": "person_name", "value": "Sara Lind"},
                {"kind": "address", "value": "Storgatan 1, 123 45 Tallbacken"},
            ],
        },
        {
            "ref": "sender",
            "role": "sender",
            "mentions": [
                {"kind": "person_name", "value": "Anna Berg"},
                {"kind": "address", "value": "Box 55, 411 01 Göteborg"},
            ],
        },
    ]
    assert payload["seizure"] is None
    assert payload["route"] is None
    [event] = collections()
    assert (event.actor, event.object_id) == (postal_agent, str(report.pk))
    assert event.details["via"] == "web"
    receipt = agent.get("/report/sent/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Report received" in receipt
    assert f"Reference number {report.pk}" in receipt
    assert 'href="/reports/"' in receipt
    assert "My reports" in receipt


def test_an_empty_time_is_now_and_the_shop_municipality_is_used(
    client: Client, postal_agent: User
) -> None:
    shop = postal_agent.organisation
    assert shop is not None
    shop.municipality_codes = ["1486"]
    shop.save()
    client.force_login(postal_agent)
    before = timezone.now()
    client.post(FORM, minimal(form_id(client)))
    report = Report.objects.get()
    assert before <= report.occurred_at <= timezone.now()
    assert report.payload["place"]["municipality_code"] == "1486"


def test_postal_operator_terminal_is_graded_b3(client: Client) -> None:
    operator = Organisation.objects.create(
        code="se-postnord", kind=OrganisationKind.POSTAL_OPERATOR, country="SE", name="PostNord"
    )
    terminal = User.objects.create_user("terminal", organisation=operator, roles=["reporter"])
    client.force_login(terminal)
    client.post(FORM, minimal(form_id(client)))
    report = Report.objects.get()
    assert (report.source_grading, report.information_grading) == ("B", "3")


def test_reporters_cannot_mark_their_own_reports(agent: Client) -> None:
    """Grading and handling are the shop's defaults whatever the request carries."""
    forged = {"marking-source": "A", "marking-information": "1", "marking-tlp": "CLEAR"}
    agent.post(FORM, minimal(form_id(agent), **forged))
    report = Report.objects.get()
    assert (report.source_grading, report.information_grading, report.tlp) == ("C", "3", "AMBER")


def test_double_submit_stores_once_and_says_so(agent: Client) -> None:
    data = minimal(form_id(agent))
    first = agent.post(FORM, data)
    second = agent.post(FORM, data)
    assert first.status_code == second.status_code == 302
    assert Report.objects.count() == 1
    assert len(collections()) == 1
    receipt = agent.get("/report/sent/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Already received" in receipt
    assert "stored once" in receipt


def test_sending_the_same_form_with_changes_stores_nothing_new_and_says_so(agent: Client) -> None:
    external_id = form_id(agent)
    agent.post(FORM, minimal(external_id))
    agent.post(FORM, minimal(external_id, item_id="RR000000005SE"))
    report = Report.objects.get()
    assert report.payload["subjects"][0]["mentions"][0]["value"] == S10
    receipt = agent.get("/report/sent/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-outcome="repeat_changed"' in receipt
    assert "what you changed was not stored" in receipt


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("item_id", "RR123456784SE", "The check digit of this item id (the ninth digit)"),
        ("item_id", "RR12345SE", "An item id is two letters, nine digits and two letters"),
        ("item_id", "123", "A barcode has 10 to 35 digits."),
        ("recipient_address", "Storgatan 1", "The address needs a postcode"),
        ("recipient_name", "12345", "A name must contain letters"),
        ("weight_grams", "-5", "Ensure this value is greater than or equal to 1."),
        ("occurred_at", "2099-01-01T10:00", "This time has not come yet."),
    ],
)
def test_bad_input_is_told_next_to_its_box_and_nothing_is_stored(
    agent: Client, field: str, value: str, message: str
) -> None:
    response = agent.post(
        FORM, minimal(form_id(agent), **{field: value}), HTTP_ACCEPT_LANGUAGE="en"
    )
    page = response.content.decode()
    assert response.status_code == 200
    error = re.search(rf'<p class="field-error" id="id_{field}_error">([^<]*)</p>', page)
    assert error is not None
    assert message in error[0]
    assert "Nothing was stored yet." in page
    assert f'value="{value}"' in page  # what was typed is kept for correcting
    assert "no-store" in response["Cache-Control"]
    assert Report.objects.count() == 0
    assert collections() == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"format": ""}, "Choose letter, large letter or parcel."),
        ({"suspicion": []}, "Tick at least one thing that made you suspicious."),
        ({"item_id": ""}, "Give the item id, or the recipient&#x27;s name or address"),
    ],
)
def test_what_the_report_needs_is_asked_for(
    agent: Client, change: dict[str, Any], message: str
) -> None:
    response = agent.post(FORM, minimal(form_id(agent), **change), HTTP_ACCEPT_LANGUAGE="en")
    assert message in response.content.decode()
    assert Report.objects.count() == 0


def test_a_letter_without_a_number_is_named_by_its_recipient(agent: Client) -> None:
    agent.post(FORM, minimal(form_id(agent), item_id="", recipient_name="Sara Lind"))
    [subject] = Report.objects.get().payload["subjects"]
    assert subject["role"] == "recipient"


def test_a_forged_or_missing_report_id_is_refused(agent: Client) -> None:
    response = agent.post(FORM, minimal("not-a-uuid"), HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert "This form had expired" in page
    assert 'name="external_id" value="not-a-uuid"' not in page  # a fresh id to send with
    assert Report.objects.count() == 0


def test_the_form_speaks_swedish_and_norwegian(agent: Client) -> None:
    swedish = agent.get(FORM, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    norwegian = agent.get(FORM, HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert '<html lang="sv">' in swedish
    assert '<html lang="nb">' in norwegian
    assert "Försändelse-id" in swedish  # the item id's word, from the shared catalogue
    assert "Sendings-id" in norwegian
