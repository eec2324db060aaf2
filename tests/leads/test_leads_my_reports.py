"""A postal agent's "my reports" says what became of each: received, or the lead it started."""

from __future__ import annotations

import pytest
from django.test import Client

from samverkan.intake.schemas import ReportIn
from samverkan.intake.services import report_submit
from samverkan.leads.detection import leads_detect
from samverkan.leads.models import Lead
from tests.leads.world import LeadsWorld, leads_world

pytestmark = pytest.mark.django_db
BACKER = "070-123 45 67"


def _parcel(world: LeadsWorld, external_id: str, phone: str) -> int:
    reporter = world.reporter
    assert reporter is not None
    assert reporter.organisation is not None
    data = ReportIn.model_validate(
        {
            "kind": "postal_item",
            "external_id": external_id,
            "occurred_at": "2026-04-01T10:00:00+02:00",
            "handling": {"tlp": "GREEN"},
            "item": {"format": "parcel", "suspicion": ["smell"]},
            "subjects": [
                {"ref": "r", "role": "recipient", "mentions": [{"kind": "phone", "value": phone}]}
            ],
        }
    )
    report, _created = report_submit(
        organisation=reporter.organisation, data=data, by=reporter, via="test"
    )
    return report.pk


def _my_reports(world: LeadsWorld) -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert world.reporter is not None
    client.force_login(world.reporter)
    client.post("/purpose/", {"reference": "own reports"})
    return client.get("/reports/").content.decode()


def test_the_shop_sees_its_parcel_received_then_in_the_lead_it_started() -> None:
    world = leads_world()
    started = _parcel(world, "ica-1", BACKER)
    _parcel(world, "ica-2", "+46709999999")
    assert "Received" in _my_reports(world)

    for _ in range(5):
        world.statement(phone=BACKER)
    leads_detect()

    lead = Lead.objects.get()
    assert lead.originator == world.org("se-agent-ica")  # her parcel came first
    page = _my_reports(world)
    assert f"Lead {lead.pk}: Waiting for capacity (LPO Södermalm)" in page
    assert page.count("Received") == 1  # the other parcel started nothing
    assert f'href="/reports/{started}/"' in page
    assert "Kurt Kurir" not in page  # the statements are not hers to see
