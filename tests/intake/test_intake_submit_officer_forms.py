"""The officers' forms through the test client: seizure, statement, observation, intelligence.

Each test opens the form as a browser would (to get its report id), sends
it, and checks the stored report field by field, or that nothing was stored
and the reason stands next to the box.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from samverkan.access.models import Compartment, Organisation, OrganisationKind, User
from samverkan.intake.models import Report
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

SE_PERSONAL_NUMBER = "19850101-1236"


@pytest.fixture(autouse=True)
def _quick_passwords(settings: Any) -> None:
    """The personas' passwords are never typed here: hash them cheaply."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def border_officer(db: None) -> User:
    """A Norwegian police officer at the border district; registers statements and observations."""
    ost = Organisation.objects.create(
        code="no-district-ost",
        kind=OrganisationKind.POLICE_DISTRICT,
        country="NO",
        name="Øst politidistrikt",
    )
    return User.objects.create_user("ost_officer", organisation=ost, roles=["officer"])


@pytest.fixture
def customs(client: Client, customs_officer: User) -> Client:
    login_verified(client, customs_officer)
    return client


@pytest.fixture
def police(client: Client, border_officer: User) -> Client:
    login_verified(client, border_officer)
    return client


def form_id(client: Client, path: str) -> str:
    page = client.get(path, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    match = re.search(r'name="external_id" value="([0-9a-f-]{36})"', page)
    assert match is not None
    return match[1]


def rows(prefix: str, *filled: dict[str, str]) -> dict[str, str]:
    """A formset's fields as the browser sends them."""
    data = {f"{prefix}-TOTAL_FORMS": str(len(filled)), f"{prefix}-INITIAL_FORMS": "0"}
    for index, row in enumerate(filled):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def marking(source: str, information: str, tlp: str = "AMBER", **more: Any) -> dict[str, Any]:
    return {
        "marking-source": source,
        "marking-information": information,
        "marking-tlp": tlp,
        **more,
    }


def field_error(page: str, field_id: str) -> str:
    match = re.search(rf'<p class="field-error" id="{field_id}_error">([^<]*)</p>', page)
    assert match is not None, f"no error next to {field_id}"
    return match[1]


# ------------------------------------------------------------------ seizure


def seizure(external_id: str, **change: Any) -> dict[str, Any]:
    return {
        "external_id": external_id,
        "occurred_at": "2026-05-02T06:40",
        "item_id": "",
        "plate": "ABC 123",
        "summary": "Vacuum-packed bags under the spare wheel.",
        "place-municipality": "Strömstad",
        "place-description": "Svinesund customs station",
        **rows(
            "lines",
            {"substance": "cannabis", "amount": "2.5", "unit": "kg"},
            {"substance": "mdma", "amount": "500", "unit": "pills"},
        ),
        **rows(
            "persons",
            {
                "role": "courier",
                "name": "Mats Olsen",
                "personal_number": SE_PERSONAL_NUMBER,
                "phone": "070-123 45 67",
                "birth_date": "",
                "address": "",
                "nickname": "",
            },
        ),
        **marking("A", "1"),
        **change,
    }


def test_seizure_is_stored_field_by_field(customs: Client, customs_officer: User) -> None:
    external_id = form_id(customs, "/report/seizure/")
    response = customs.post("/report/seizure/", seizure(external_id))
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.kind, report.organisation, report.submitted_by) == (
        "seizure",
        customs_officer.organisation,
        customs_officer,
    )
    assert (report.source_grading, report.information_grading, report.tlp) == ("A", "1", "AMBER")
    payload = report.payload
    assert payload["external_id"] == external_id
    assert payload["occurred_at"] == "2026-05-02T06:40:00+02:00"
    assert payload["seizure"] == {
        "lines": [
            {"substance": "cannabis", "amount": 2.5, "unit": "kg"},
            {"substance": "mdma", "amount": 500.0, "unit": "pills"},
        ]
    }
    assert payload["place"] == {
        "country": "SE",
        "municipality_code": "1486",
        "postcode": None,
        "description": "Svinesund customs station",
    }
    assert payload["summary"] == "Vacuum-packed bags under the spare wheel."
    assert payload["subjects"] == [
        {"ref": "vehicle", "role": "vehicle", "mentions": [{"kind": "plate", "value": "ABC 123"}]},
        {
            "ref": "person-1",
            "role": "courier",
            "mentions": [
                {"kind": "person_name", "value": "Mats Olsen"},
                {"kind": "se_personal_number", "value": SE_PERSONAL_NUMBER},
                {"kind": "phone", "value": "070-123 45 67"},
            ],
        },
    ]


def test_seizure_defaults_are_a1_amber(customs: Client) -> None:
    page = customs.get("/report/seizure/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<option value="A" selected>' in page
    assert '<option value="1" selected>' in page
    assert 'name="marking-tlp" value="AMBER" id="id_marking-tlp_2" required checked' in page


def test_seizure_needs_a_substance_and_a_positive_amount(customs: Client) -> None:
    external_id = form_id(customs, "/report/seizure/")
    none = customs.post(
        "/report/seizure/",
        seizure(external_id, **rows("lines", {"substance": "", "amount": "", "unit": "g"})),
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()
    assert field_error(none, "id_lines-0-substance") == "This field is required."
    zero = customs.post(
        "/report/seizure/",
        seizure(external_id, **rows("lines", {"substance": "khat", "amount": "0", "unit": "kg"})),
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()
    assert field_error(zero, "id_lines-0-amount") == "The amount must be more than zero."
    assert Report.objects.count() == 0


def test_compartments_are_the_officers_own_and_no_others(
    customs: Client, customs_officer: User
) -> None:
    assert customs_officer.organisation is not None
    mine = Compartment.objects.create(
        code="op-vinterljus", name="Op Vinterljus", owner=customs_officer.organisation
    )
    mine.members.add(customs_officer)
    Compartment.objects.create(
        code="op-secret", name="Op Secret", owner=customs_officer.organisation
    )
    page = customs.get("/report/seizure/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Op Vinterljus" in page
    assert "Op Secret" not in page
    external_id = form_id(customs, "/report/seizure/")
    refused = customs.post(
        "/report/seizure/",
        seizure(
            external_id,
            **marking("A", "1", "AMBER+STRICT", **{"marking-compartments": ["op-secret"]}),
        ),
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()
    assert "Select a valid choice" in refused
    assert Report.objects.count() == 0
    customs.post(
        "/report/seizure/",
        seizure(
            external_id,
            **marking("B", "2", "AMBER+STRICT", **{"marking-compartments": ["op-vinterljus"]}),
        ),
    )
    report = Report.objects.get()
    assert (report.source_grading, report.information_grading) == ("B", "2")
    assert report.tlp == "AMBER+STRICT"
    assert [c.code for c in report.compartments.all()] == ["op-vinterljus"]
    assert report.payload["handling"] == {"tlp": "AMBER+STRICT", "compartments": ["op-vinterljus"]}


# -------------------------------------------------------- courier statement


def statement(external_id: str, *backers: dict[str, str], **change: Any) -> dict[str, Any]:
    return {
        "external_id": external_id,
        "occurred_at": "2026-05-02T09:15",
        "courier-role": "courier",
        "courier-name": "Mats Olsen",
        "statement-origin": "Göteborg",
        "statement-crossing": "Svinesund (old and new Svinesund bridge)",
        "statement-destination": "Oslo",
        "statement-plate": "AB 12345",
        "statement-summary": "Kureren sier at Onkel bestilte turen.",
        **rows("backers", *backers),
        **marking("B", "2"),
        **change,
    }


ALI = {"name": "Ali Hassan", "nickname": "Onkel", "phone": "+47 912 34 567", "address": ""}
KENNETH = {
    "name": "",
    "nickname": "Kenny",
    "phone": "412 34 567",
    "address": "Storgata 5, 0155 Oslo",
}


def test_statement_with_backers_is_stored_field_by_field(
    police: Client, border_officer: User
) -> None:
    external_id = form_id(police, "/report/statement/")
    police.post("/report/statement/", statement(external_id, ALI, KENNETH))
    report = Report.objects.get()
    assert (report.kind, report.submitted_by, report.tlp) == (
        "courier_statement",
        border_officer,
        "AMBER",
    )
    assert (report.source_grading, report.information_grading) == ("B", "2")
    payload = report.payload
    assert payload["route"] == {
        "origin": "Göteborg",
        "crossing": "Svinesund (old and new Svinesund bridge)",
        "destination": {
            "country": "NO",
            "municipality_code": "0301",
            "postcode": None,
            "description": "Oslo",
        },
    }
    assert payload["summary"] == "Kureren sier at Onkel bestilte turen."
    assert payload["place"] is None
    assert payload["subjects"] == [
        {
            "ref": "courier",
            "role": "courier",
            "mentions": [{"kind": "person_name", "value": "Mats Olsen"}],
        },
        {"ref": "vehicle", "role": "vehicle", "mentions": [{"kind": "plate", "value": "AB 12345"}]},
        {
            "ref": "backer-1",
            "role": "backer",
            "mentions": [
                {"kind": "person_name", "value": "Ali Hassan"},
                {"kind": "nickname", "value": "Onkel"},
                {"kind": "phone", "value": "+47 912 34 567"},
            ],
        },
        {
            "ref": "backer-2",
            "role": "backer",
            "mentions": [
                {"kind": "nickname", "value": "Kenny"},
                {"kind": "phone", "value": "412 34 567"},
                {"kind": "address", "value": "Storgata 5, 0155 Oslo"},
            ],
        },
    ]


def test_statement_defaults_are_b2_amber(police: Client) -> None:
    page = police.get("/report/statement/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<option value="B" selected>' in page
    assert '<option value="2" selected>' in page


def test_add_another_backer_works_without_javascript(police: Client) -> None:
    external_id = form_id(police, "/report/statement/")
    data = statement(external_id, ALI, add_row="backers")
    response = police.post("/report/statement/", data, HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="backers-TOTAL_FORMS" value="2"' in page
    assert 'name="backers-1-name"' in page
    assert 'value="Ali Hassan"' in page  # what was typed stays
    assert f'name="external_id" value="{external_id}"' in page  # the same report
    assert "field-error" not in page
    assert "Nothing was stored yet." not in page
    assert Report.objects.count() == 0


def test_a_statement_naming_nobody_is_stored_with_the_courier_only(police: Client) -> None:
    empty = {"name": "", "nickname": "", "phone": "", "address": ""}
    police.post("/report/statement/", statement(form_id(police, "/report/statement/"), empty))
    roles = [s["role"] for s in Report.objects.get().payload["subjects"]]
    assert roles == ["courier", "vehicle"]


@pytest.mark.parametrize(
    ("backer", "field", "message"),
    [
        ({**ALI, "phone": "912 34 56"}, "phone", "too few or too many digits"),
        ({**ALI, "phone": "ring me"}, "phone", "A phone number may contain only digits"),
        ({**ALI, "address": "bak Grønland T-bane"}, "address", "The address needs a postcode"),
    ],
)
def test_bad_backer_details_are_told_next_to_the_box(
    police: Client, backer: dict[str, str], field: str, message: str
) -> None:
    data = statement(form_id(police, "/report/statement/"), KENNETH, backer)
    page = police.post("/report/statement/", data, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert message in field_error(page, f"id_backers-1-{field}")
    assert Report.objects.count() == 0


def test_the_courier_must_be_named_and_the_destination_known(police: Client) -> None:
    data = statement(
        form_id(police, "/report/statement/"),
        ALI,
        **{"courier-name": "", "statement-destination": "Atlantis"},
    )
    page = police.post("/report/statement/", data, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert field_error(page, "id_courier-name") == "This field is required."
    assert "No Swedish or Norwegian municipality has this name" in field_error(
        page, "id_statement-destination"
    )
    assert Report.objects.count() == 0


# -------------------------------------------------------------- observation


def observation(external_id: str, **change: Any) -> dict[str, Any]:
    return {
        "external_id": external_id,
        "occurred_at": "2026-05-02T05:55",
        "source": "number_plate_reader",
        "camera": "ANPR E6 Svinesund N",
        "plate": "AB 12345",
        "summary": "",
        "place-municipality": "Halden",
        "place-description": "E6 northbound",
        **rows(
            "seen",
            {
                "role": "seen",
                "name": "",
                "nickname": "Onkel",
                "phone": "",
                "personal_number": "",
                "birth_date": "",
                "address": "",
            },
        ),
        **marking("A", "2"),
        **change,
    }


def test_observation_is_stored_field_by_field(police: Client) -> None:
    police.post("/report/observation/", observation(form_id(police, "/report/observation/")))
    report = Report.objects.get()
    payload = report.payload
    assert report.kind == "observation"
    assert (report.source_grading, report.information_grading) == ("A", "2")
    assert payload["observation"] == {
        "source": "number_plate_reader",
        "camera": "ANPR E6 Svinesund N",
    }
    assert payload["place"]["municipality_code"] == "3101"
    assert payload["place"]["country"] == "NO"
    assert payload["subjects"] == [
        {"ref": "vehicle", "role": "vehicle", "mentions": [{"kind": "plate", "value": "AB 12345"}]},
        {"ref": "seen-1", "role": "seen", "mentions": [{"kind": "nickname", "value": "Onkel"}]},
    ]


def test_an_observation_must_name_what_was_seen(police: Client) -> None:
    data = observation(
        form_id(police, "/report/observation/"),
        plate="",
        **rows("seen", {"role": "seen", "nickname": ""}),
    )
    page = police.post("/report/observation/", data, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Say what was seen: a plate, or a person." in page
    assert Report.objects.count() == 0


def test_a_norwegian_unit_reads_plates_the_norwegian_way(police: Client) -> None:
    data = observation(form_id(police, "/report/observation/"), plate="ABC 123")
    page = police.post("/report/observation/", data, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert field_error(page, "id_plate") == "This plate looks like another country&#x27;s."
    assert Report.objects.count() == 0


# ------------------------------------------------------------- intelligence


def intelligence(external_id: str, *tags: dict[str, str], **change: Any) -> dict[str, Any]:
    return {
        "external_id": external_id,
        "occurred_at": "2026-05-01T20:00",
        "summary": "Source says Onkel runs the Svinesund route using 0701234567.",
        **rows("tags", *tags),
        **marking("C", "3", "AMBER+STRICT"),
        **change,
    }


def test_intelligence_report_with_tagged_identifiers(customs: Client) -> None:
    data = intelligence(
        form_id(customs, "/report/intelligence/"),
        {"kind": "phone", "value": "0701234567"},
        {"kind": "nickname", "value": "Onkel"},
        {"kind": "personal_number", "value": SE_PERSONAL_NUMBER},
        {"kind": "phone", "value": ""},  # an empty row tags nothing
        {"kind": "se_org_number", "value": "556677-8899"},
    )
    response = customs.post("/report/intelligence/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302, response.content.decode()
    report = Report.objects.get()
    assert (report.kind, report.tlp) == ("intelligence", "AMBER+STRICT")
    assert (report.source_grading, report.information_grading) == ("C", "3")
    assert report.payload["summary"].startswith("Source says Onkel")
    assert [(s["ref"], s["role"], s["mentions"]) for s in report.payload["subjects"]] == [
        ("tag-1", "phone", [{"kind": "phone", "value": "0701234567"}]),
        ("tag-2", "suspect", [{"kind": "nickname", "value": "Onkel"}]),
        ("tag-3", "suspect", [{"kind": "se_personal_number", "value": SE_PERSONAL_NUMBER}]),
        ("tag-4", "company", [{"kind": "se_org_number", "value": "556677-8899"}]),
    ]


def test_intelligence_rows_with_one_letter_are_one_subject(customs: Client) -> None:
    """A person's name, phone and address are one subject; the car and a lone phone stand apart."""
    data = intelligence(
        form_id(customs, "/report/intelligence/"),
        {"subject": "", "kind": "plate", "value": "ABC 123"},
        {"subject": "A", "kind": "person_name", "value": "Kalle Svensson"},
        {"subject": "A", "kind": "phone", "value": "0701234567"},
        {"subject": "B", "kind": "company_name", "value": "Tallbacken Import AB"},
        {"subject": "A", "kind": "address", "value": "Storgatan 1, 111 22 Stockholm"},
        {"subject": "", "kind": "phone", "value": "0709876543"},
        {"subject": "B", "kind": "se_org_number", "value": "556677-8899"},
        {"subject": "C", "kind": "phone", "value": ""},  # an empty row tags nothing
    )
    response = customs.post("/report/intelligence/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302, response.content.decode()
    report = Report.objects.get()
    assert [(s["ref"], s["role"], s["mentions"]) for s in report.payload["subjects"]] == [
        ("tag-1", "vehicle", [{"kind": "plate", "value": "ABC 123"}]),
        (
            "subject-A",
            "suspect",
            [
                {"kind": "person_name", "value": "Kalle Svensson"},
                {"kind": "phone", "value": "0701234567"},
                {"kind": "address", "value": "Storgatan 1, 111 22 Stockholm"},
            ],
        ),
        (
            "subject-B",
            "company",
            [
                {"kind": "company_name", "value": "Tallbacken Import AB"},
                {"kind": "se_org_number", "value": "556677-8899"},
            ],
        ),
        ("tag-6", "phone", [{"kind": "phone", "value": "0709876543"}]),
    ]
    mentions = report.mentions.order_by("subject_ref", "position")
    assert [(m.subject_ref, m.subject_role, m.kind) for m in mentions] == [
        ("subject-A", "suspect", "person_name"),
        ("subject-A", "suspect", "phone"),
        ("subject-A", "suspect", "address"),
        ("subject-B", "company", "company_name"),
        ("subject-B", "company", "se_org_number"),
        ("tag-1", "vehicle", "plate"),
        ("tag-6", "phone", "phone"),
    ]


def test_intelligence_subject_is_not_both_a_person_and_a_company(customs: Client) -> None:
    data = intelligence(
        form_id(customs, "/report/intelligence/"),
        {"subject": "A", "kind": "person_name", "value": "Kalle Svensson"},
        {"subject": "A", "kind": "se_org_number", "value": "556677-8899"},
    )
    page = customs.post("/report/intelligence/", data, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Subject A is both a person and a company" in page
    assert 'id="id_tags-1-subject"' in page  # the rows are shown again to be corrected
    assert Report.objects.count() == 0


def test_intelligence_tags_are_checked_as_their_kind(customs: Client) -> None:
    data = intelligence(
        form_id(customs, "/report/intelligence/"),
        {"kind": "plate", "value": "0701234567"},
        {"kind": "colour", "value": "red"},
    )
    page = customs.post("/report/intelligence/", data, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "A plate is three letters" in field_error(page, "id_tags-0-value")
    assert "Select a valid choice" in field_error(page, "id_tags-1-kind")
    assert Report.objects.count() == 0


def test_intelligence_needs_its_text(customs: Client) -> None:
    data = intelligence(form_id(customs, "/report/intelligence/"), summary="")
    page = customs.post("/report/intelligence/", data, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert field_error(page, "id_summary") == "This field is required."
    assert Report.objects.count() == 0


def test_double_submit_of_an_officer_form_stores_once(customs: Client) -> None:
    data = intelligence(form_id(customs, "/report/intelligence/"))
    customs.post("/report/intelligence/", data)
    customs.post("/report/intelligence/", data)
    assert Report.objects.count() == 1
