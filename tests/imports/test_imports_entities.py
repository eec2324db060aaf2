"""Imported rows seen from the entity they are about, within access, in one audited read.

The national unit (``police_analyst``) imports call records, a register
extract and plate hits; Oslo (``oslo_analyst``) imports call records of its
own; a postal operator imports its item feed. Customs reports the phone, the
company, a board member, the car, the parcel and an address (AMBER: every
law-enforcement reader knows those entities). Each reader sees on the entity
page the rows the policy lets them read, and nothing of the others.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from samverkan.access.models import User
from samverkan.audit.models import AuditEvent
from samverkan.entities.models import Entity
from samverkan.imports.connectors import connector_named
from samverkan.intake.models import Report
from samverkan.intake.schemas import ReportIn
from samverkan.intake.services import report_submit
from tests.conftest import login_verified
from tests.imports.conftest import import_file, write_csv

pytestmark = pytest.mark.django_db

PHONE = "+46701234567"
FRIEND = "+46709876543"  # named in a report too: linked from the counterparts
STRANGER = "+46731112233"  # in no report: shown, not linked
SECRET = "+46735556677"  # only in a RED report of customs: exists for nobody else
OSLO_ONLY = "+4791234567"
COMPANY = "556677-8899"
MEMBER = "800101-0019"
ADDRESS = "Storgatan 12 B, 123 45 Stockholm"
ITEM = "RR123456785SE"


def _rows_file(tmp_path: Path, connector: str, rows: list[dict[str, str]]) -> Path:
    """A file in the connector's usual columns, one dict of field values per row."""
    source = connector_named(connector)
    mapping = source.default_mapping()
    return write_csv(
        tmp_path / f"{connector}-{len(rows)}.csv",
        [mapping[f.name] for f in source.fields],
        [[row.get(f.name, "") for f in source.fields] for row in rows],
    )


def _call(a: str, b: str, day: int, seconds: int = 60) -> dict[str, str]:
    return {
        "a_number": a,
        "b_number": b,
        "started_at": f"2026-04-{day:02d}T10:00:00+02:00",
        "duration_seconds": str(seconds),
        "cell": f"240-01-1-{day}",
    }


def _report(by: User, external_id: str, mentions: list[dict[str, str]], tlp: str) -> Report:
    assert by.organisation is not None
    data = ReportIn.model_validate(
        {
            "kind": "intelligence",
            "external_id": external_id,
            "occurred_at": "2026-05-02T06:40:00+02:00",
            "handling": {"tlp": tlp},
            "subjects": [{"ref": "s1", "role": "suspect", "mentions": mentions}],
        }
    )
    report, _ = report_submit(organisation=by.organisation, data=data, by=by, via="test")
    return report


@pytest.fixture
def world(
    tmp_path: Path,
    police_analyst: User,
    oslo_analyst: User,
    customs_officer: User,
    postnord_reporter: User,
) -> dict[str, Any]:
    calls = [
        _call("070-123 45 67", "070-987 65 43", 1),
        _call("0701234567", "+46 70 987 65 43", 2),
        _call("+46701234567", "0709876543", 3),
        _call("0731112233", "0701234567", 4),
        _call("0701234567", "0735556677", 5),
        _call("0701234567", "12", 6),  # does not normalise: counted, nobody's counterpart
        _call("0709876543", "0731112233", 7),  # not about the phone
    ]
    import_file(police_analyst, "call_records", _rows_file(tmp_path, "call_records", calls))
    oslo = [_call("+46701234567", "91234567", 8)]
    import_file(oslo_analyst, "call_records", _rows_file(tmp_path / "..", "call_records", oslo))
    register = [
        {
            "organisation_number": COMPANY,
            "company_name": "Bilfix i Strömstad AB",
            "address": ADDRESS,
            "board_member": "Andersson, Karl-Erik",
            "board_member_number": MEMBER,
            "role": "ordinarie ledamot",
        }
    ]
    import_file(
        police_analyst, "company_register", _rows_file(tmp_path, "company_register", register)
    )
    hits = [
        {
            "plate": "ABC 123",
            "camera": "E6 Svinesund S",
            "seen_at": "2026-04-01 23:41:07",
            "place": "Svinesund",
        },
        {
            "plate": "ABC123",
            "camera": "E18 Ørje",
            "seen_at": "2026-04-03 01:02:03",
            "place": "Ørje",
        },
    ]
    import_file(police_analyst, "plate_hits", _rows_file(tmp_path, "plate_hits", hits))
    feed = [
        {
            "item": ITEM,
            "sender_name": "Apotea AB",
            "recipient_name": "Karl Andersson",
            "recipient_address": ADDRESS,
            "weight_grams": "35",
            "format": "Brev",
            "event": "posted",
            "event_at": "2026-04-01T08:15:00+02:00",
        }
    ]
    import_file(postnord_reporter, "postal_items", _rows_file(tmp_path, "postal_items", feed))
    _report(
        customs_officer,
        "c-1",
        [
            {"kind": "phone", "value": PHONE},
            {"kind": "phone", "value": FRIEND},
            {"kind": "se_org_number", "value": COMPANY},
            {"kind": "se_personal_number", "value": MEMBER},
            {"kind": "plate", "value": "ABC 123"},
            {"kind": "postal_item", "value": ITEM},
            {"kind": "address", "value": ADDRESS},
        ],
        "AMBER",
    )
    _report(customs_officer, "c-red", [{"kind": "phone", "value": SECRET}], "RED")
    return {"entity": {(e.kind, e.key): e.pk for e in Entity.objects.all()}}


def _page(client: Client, user: User, entity_id: int) -> tuple[int, str]:
    login_verified(client, user)
    client.post("/purpose/", {"reference": "op-vinterljus"})
    response = client.get(f"/entities/{entity_id}/", HTTP_ACCEPT_LANGUAGE="en")
    return response.status_code, response.content.decode()


def test_a_phone_shows_its_call_records_counterparts_and_latest_calls(
    client: Client, world: dict[str, Any], police_analyst: User
) -> None:
    phone = world["entity"][("phone", PHONE)]
    status, page = _page(client, police_analyst, phone)
    assert status == 200
    assert "In imported data" in page
    assert '<span class="count">6</span><span class="label">calls</span>' in page
    assert "2026-04-01" in page
    assert "2026-04-06" in page
    friend = world["entity"][("phone", FRIEND)]
    # Three calls with the friend, written three ways: one counterpart, linked to its entity.
    assert f'<a href="/entities/{friend}/">+46 70 987 65 43</a>' in page
    assert "<td>3</td>" in page
    # The stranger has no entity, so no link; the secret number's entity is hidden, so no link.
    assert STRANGER in page
    assert SECRET in page
    secret = world["entity"][("phone", SECRET)]
    assert f'href="/entities/{secret}/"' not in page
    assert "was called by" in page
    # Oslo's call record is Oslo's.
    assert "91234567" not in page


def test_one_consultation_event_says_what_imported_rows_were_read(
    client: Client, world: dict[str, Any], police_analyst: User
) -> None:
    phone = world["entity"][("phone", PHONE)]
    before = AuditEvent.objects.filter(action="consult").count()
    _page(client, police_analyst, phone)
    events = AuditEvent.objects.filter(action="consult").order_by("sequence")[before:]
    assert [(e.object_type, e.object_id) for e in events] == [("entity", str(phone))]
    imported = events[0].details["imported"]
    assert imported["call_records"] == 6
    assert len(imported["jobs"]) == 1


def test_another_organisation_sees_only_its_own_rows_and_customs_none(
    client: Client,
    world: dict[str, Any],
    oslo_analyst: User,
    customs_officer: User,
) -> None:
    phone = world["entity"][("phone", PHONE)]
    status, page = _page(client, oslo_analyst, phone)
    assert status == 200
    assert '<span class="count">1</span><span class="label">calls</span>' in page
    assert "91234567" in page
    assert FRIEND not in page
    status, page = _page(client, customs_officer, phone)
    assert status == 200
    assert "In imported data" not in page
    assert STRANGER not in page
    event = AuditEvent.objects.filter(action="consult", actor=customs_officer).last()
    assert event is not None
    assert "imported" not in event.details


def test_an_entity_known_to_the_reader_only_from_imported_rows_does_not_exist_for_them(
    client: Client, world: dict[str, Any], police_analyst: User, customs_officer: User
) -> None:
    """The secret number is in the analyst's call records and in a RED report of customs."""
    secret = world["entity"][("phone", SECRET)]
    status, page = _page(client, police_analyst, secret)
    assert status == 404
    assert SECRET not in page
    status, page = _page(client, customs_officer, secret)
    assert status == 200
    assert "In imported data" not in page


def test_company_member_vehicle_item_and_address_show_their_rows(
    client: Client, world: dict[str, Any], police_analyst: User, oslo_analyst: User
) -> None:
    entity = world["entity"]
    company_key = Entity.objects.get(kind="company").key
    member_key = Entity.objects.get(kind="person", key__contains="800101").key
    plate_key = Entity.objects.get(kind="vehicle").key
    item_key = Entity.objects.get(kind="postal_item").key
    address_key = Entity.objects.get(kind="address").key
    _, page = _page(client, police_analyst, entity[("company", company_key)])
    assert "Bilfix i Strömstad AB" in page
    assert "Andersson, Karl-Erik" in page
    assert "ordinarie ledamot" in page
    _, page = _page(client, police_analyst, entity[("person", member_key)])
    assert "Bilfix i Strömstad AB" in page
    assert "ordinarie ledamot" in page
    _, page = _page(client, police_analyst, entity[("vehicle", plate_key)])
    assert '<span class="count">2</span><span class="label">hits</span>' in page
    assert "E6 Svinesund S" in page
    assert "Ørje" in page
    # The postal operator's feed is read by every law-enforcement intelligence reader.
    for reader in (police_analyst, oslo_analyst):
        _, page = _page(client, reader, entity[("postal_item", item_key)])
        assert "Apotea AB" in page
        assert "PostNord Sverige" in page
        _, page = _page(client, reader, entity[("address", address_key)])
        assert "Karl Andersson" in page
    # The register extract is the national unit's: Oslo sees the company, not the rows.
    _, page = _page(client, oslo_analyst, entity[("company", company_key)])
    assert "Andersson, Karl-Erik" not in page
    _, page = _page(client, oslo_analyst, entity[("address", address_key)])
    assert "Bilfix i Strömstad AB" not in page


def test_imported_rows_are_not_reached_by_those_who_read_no_entities(
    client: Client, world: dict[str, Any], postnord_reporter: User
) -> None:
    """The operator's reporter imported the feed, but entity pages are for intelligence readers."""
    item = Entity.objects.get(kind="postal_item")
    status, _page_text = _page(client, postnord_reporter, item.pk)
    assert status == 404
