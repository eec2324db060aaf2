"""Who may open and send which report form, and the as-you-type identifier check.

The matrix restates the rules of ``product.md`` in the table below, without
asking ``samverkan.access``: reporters of postal organisations have the item
form only; officers, analysts and coordinators of police and customs have
the four officers' forms; everyone else meets 404 everywhere, exactly as
for a form that does not exist, and a refused POST stores nothing.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from samverkan.access.models import Organisation, OrganisationKind, User
from samverkan.audit.models import AuditEvent
from samverkan.intake.models import Report
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

OFFICER_FORMS = ("seizure", "statement", "observation", "intelligence")
FORMS = ("item", *OFFICER_FORMS, "no-such-form")

ORGANISATIONS = {
    "agent": (OrganisationKind.POSTAL_AGENT, "SE"),
    "operator": (OrganisationKind.POSTAL_OPERATOR, "NO"),
    "customs": (OrganisationKind.CUSTOMS, "SE"),
    "district": (OrganisationKind.POLICE_DISTRICT, "NO"),
    "region": (OrganisationKind.POLICE_REGION, "SE"),
    "national": (OrganisationKind.NATIONAL_POLICE, "SE"),
    "municipality": (OrganisationKind.MUNICIPALITY, "SE"),
}
# persona: (organisation, roles, which forms they have: "item", "officer" or "none")
PERSONAS: dict[str, tuple[str | None, list[str], str]] = {
    "agent_reporter": ("agent", ["reporter"], "item"),
    "operator_reporter": ("operator", ["reporter"], "item"),
    "agent_admin": ("agent", ["admin"], "none"),
    "customs_officer": ("customs", ["officer"], "officer"),
    "customs_analyst": ("customs", ["analyst"], "officer"),
    "customs_auditor": ("customs", ["auditor"], "none"),
    "district_coordinator": ("district", ["coordinator"], "officer"),
    "region_officer": ("region", ["officer"], "officer"),
    "national_analyst": ("national", ["analyst"], "officer"),
    "district_admin": ("district", ["admin"], "none"),
    "municipality_partner": ("municipality", ["partner"], "none"),
    "no_organisation": (None, ["officer"], "none"),
}


@pytest.fixture(autouse=True)
def _quick_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def persona(name: str) -> tuple[Client, str]:
    """A signed-in client (second factor given) for the persona, and what forms they have."""
    organisation_key, roles, forms = PERSONAS[name]
    organisation = None
    if organisation_key is not None:
        kind, country = ORGANISATIONS[organisation_key]
        organisation, _ = Organisation.objects.get_or_create(
            code=f"org-{organisation_key}",
            defaults={"kind": kind, "country": country, "name": organisation_key},
        )
    user = User.objects.create_user(name, organisation=organisation, roles=roles)
    client = Client()
    login_verified(client, user)
    return client, forms


def allowed(forms: str, slug: str) -> bool:
    if forms == "item":
        return slug == "item"
    return forms == "officer" and slug in OFFICER_FORMS


@pytest.mark.parametrize("name", PERSONAS)
def test_each_persona_meets_exactly_the_forms_the_rules_give(name: str) -> None:
    client, forms = persona(name)
    for slug in FORMS:
        path = f"/report/{slug}/"
        expected = 200 if allowed(forms, slug) else 404
        assert client.get(path).status_code == expected, f"GET {path} as {name}"
        if expected == 404:
            answer = client.post(path, {"external_id": "00000000-0000-4000-8000-000000000000"})
            assert answer.status_code == 404, f"POST {path} as {name}"
    chooser = client.get("/report/")
    if forms == "item":
        assert (chooser.status_code, chooser["Location"]) == (302, "/report/item/")
    elif forms == "officer":
        assert chooser.status_code == 200
        page = chooser.content.decode()
        assert all(f'href="/report/{slug}/"' in page for slug in OFFICER_FORMS)
        assert 'href="/report/item/"' not in page
    else:
        assert chooser.status_code == 404
    check = client.post("/report/identifier/", {"kind": "phone", "value": "070-123 45 67"})
    assert check.status_code == (404 if forms == "none" else 200)
    assert Report.objects.count() == 0
    assert not AuditEvent.objects.filter(action="collect").exists()


def test_the_nav_offers_a_new_report_to_those_who_have_forms() -> None:
    reporter, _ = persona("agent_reporter")
    partner, _ = persona("municipality_partner")
    assert 'href="/report/"' in reporter.get("/").content.decode()
    assert 'href="/report/"' not in partner.get("/").content.decode()


@pytest.mark.parametrize("path", ["/report/", "/report/item/", "/report/seizure/", "/report/sent/"])
def test_visitors_are_sent_to_log_in(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_a_visitor_cannot_check_identifiers(client: Client) -> None:
    response = client.post("/report/identifier/", {"kind": "phone", "value": "070-123 45 67"})
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_the_receipt_without_a_report_goes_back_to_the_forms() -> None:
    client, _ = persona("customs_officer")
    response = client.get("/report/sent/")
    assert (response.status_code, response["Location"]) == (302, "/report/")


# ------------------------------------------------------- identifier check


def ask(client: Client, kind: str, value: str, language: str = "en") -> dict[str, Any]:
    response = client.post(
        "/report/identifier/", {"kind": kind, "value": value}, HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    answer: dict[str, Any] = json.loads(response.content)
    return answer


def test_a_good_identifier_is_read_back_in_its_canonical_writing() -> None:
    client, _ = persona("customs_officer")
    assert ask(client, "postal_item", "rr123456785se") == {
        "ok": True,
        "message": "",
        "display": "RR 123 456 785 SE",
    }
    assert ask(client, "phone", "070-123 45 67")["display"] == "+46 70 123 45 67"
    assert ask(client, "personal_number", "19850101-1236")["ok"] is True
    assert ask(client, "phone", "   ") == {"ok": True, "message": "", "display": ""}


def test_a_bad_identifier_gets_the_message_for_its_code() -> None:
    client, _ = persona("customs_officer")
    answer = ask(client, "postal_item", "RR123456784SE")
    assert answer["ok"] is False
    assert answer["code"] == "checksum"
    assert answer["message"].startswith("The check digit of this item id (the ninth digit)")
    assert "expected" not in answer["message"]  # the table's words, not the package's


def test_the_check_reads_numbers_in_the_habits_of_the_readers_country() -> None:
    norwegian, _ = persona("district_coordinator")
    swedish, _ = persona("customs_officer")
    assert ask(norwegian, "plate", "AB 12345")["ok"] is True
    assert ask(swedish, "plate", "AB 12345")["ok"] is False
    assert ask(norwegian, "phone", "412 34 567")["display"] == "+47 41 23 45 67"


def test_the_check_answers_in_the_readers_language() -> None:
    """The message comes from the table by code, in the reader's language."""
    client, _ = persona("customs_officer")
    english = ask(client, "se_org_number", "12345", "en")["message"]
    swedish = ask(client, "se_org_number", "12345", "sv")["message"]
    norwegian = ask(client, "se_org_number", "12345", "nb")["message"]
    assert english.startswith("Swedish organisation number: ")
    assert swedish.startswith("Svenskt organisationsnummer: ")
    assert norwegian.startswith("Svensk organisasjonsnummer: ")


def test_unknown_kinds_and_reads_are_refused() -> None:
    client, _ = persona("customs_officer")
    unknown = client.post("/report/identifier/", {"kind": "colour", "value": "red"})
    assert unknown.status_code == 400
    assert client.get("/report/identifier/").status_code == 405
    assert client.put("/report/seizure/").status_code == 405
