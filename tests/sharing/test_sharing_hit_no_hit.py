"""A reader learns that another organisation holds information, asks, and gets an answer."""

from __future__ import annotations

import pytest
from django.test import Client

from samverkan.access.models import Compartment, User
from samverkan.audit.models import AuditEvent
from samverkan.entities.models import Entity
from samverkan.intake.models import Report
from samverkan.sharing.models import InformationRequest
from tests.conftest import login_verified
from tests.entities.test_entities_instant_linking import WRITINGS, _statement

pytestmark = pytest.mark.django_db


def _ready(client: Client, user: User) -> None:
    login_verified(client, user)
    client.post("/purpose/", {"reference": "op-vinterljus"})


def test_hit_ask_grant_then_read(
    client: Client, oslo_coordinator: User, customs_officer: User
) -> None:
    _statement(customs_officer, "c-1", WRITINGS[0])
    strict = _statement(oslo_coordinator, "o-1", WRITINGS[1], tlp="AMBER+STRICT")
    phone = Entity.objects.get(kind="phone")
    _ready(client, customs_officer)
    page = client.get(f"/entities/{phone.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Held elsewhere" in page
    assert "Oslo politidistrikt" in page
    assert client.get(f"/reports/{strict.pk}/").status_code == 404
    assert oslo_coordinator.organisation is not None
    client.post(
        f"/entities/{phone.pk}/ask/",
        {"holder": oslo_coordinator.organisation.pk, "reason": "same number in our seizure"},
    )
    holder = Client()
    _ready(holder, oslo_coordinator)
    incoming = holder.get("/requests/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "same number in our seizure" in incoming
    asked = InformationRequest.objects.get()
    holder.post(f"/requests/{asked.pk}/answer/", {"grant": "1", "answer": "go ahead"})
    assert client.get(f"/reports/{strict.pk}/").status_code == 200
    disclosure = AuditEvent.objects.filter(action="disclose", outcome="granted").get()
    assert disclosure.recipients == ["se-customs"]
    assert disclosure.details["reports"] == [strict.pk]


def test_red_and_compartments_give_no_hit(
    client: Client, oslo_coordinator: User, customs_officer: User
) -> None:
    _statement(customs_officer, "c-1", WRITINGS[0])
    _statement(oslo_coordinator, "o-1", WRITINGS[1], tlp="RED")
    compartmented = _statement(oslo_coordinator, "o-2", WRITINGS[2], tlp="AMBER+STRICT")
    assert oslo_coordinator.organisation is not None
    operation = Compartment.objects.create(
        code="op-x", name="Op X", owner=oslo_coordinator.organisation
    )
    Report.objects.get(pk=compartmented.pk).compartments.add(operation)
    phone = Entity.objects.get(kind="phone")
    _ready(client, customs_officer)
    page = client.get(f"/entities/{phone.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Held elsewhere" not in page
    response = client.post(
        f"/entities/{phone.pk}/ask/",
        {"holder": oslo_coordinator.organisation.pk, "reason": "fishing"},
    )
    assert response.status_code == 404


def test_only_the_holder_answers(
    client: Client, oslo_coordinator: User, customs_officer: User
) -> None:
    _statement(customs_officer, "c-1", WRITINGS[0])
    _statement(oslo_coordinator, "o-1", WRITINGS[1], tlp="AMBER+STRICT")
    phone = Entity.objects.get(kind="phone")
    assert oslo_coordinator.organisation is not None
    _ready(client, customs_officer)
    client.post(
        f"/entities/{phone.pk}/ask/",
        {"holder": oslo_coordinator.organisation.pk, "reason": "need it"},
    )
    asked = InformationRequest.objects.get()
    response = client.post(f"/requests/{asked.pk}/answer/", {"grant": "1", "answer": "self"})
    assert response.status_code == 403
    asked.refresh_from_db()
    assert asked.status == "open"
