"""Each connector keeps to the interface, and reads a file of its source as its users write it."""

from __future__ import annotations

from pathlib import Path

import pytest

from samverkan.access.models import User
from samverkan.imports.connectors import (
    CONNECTORS,
    Connector,
    UnknownConnectorError,
    connector_named,
)
from samverkan.imports.connectors.base import Record, RowError
from samverkan.imports.connectors.company_register.models import CompanyRegisterRow
from samverkan.imports.connectors.plate_hits.models import PlateHit
from samverkan.imports.connectors.postal_items.models import PostalItemEvent
from tests.imports.conftest import import_file, write_csv

BOOKKEEPING = {"id", "job_id", "organisation_id", "line", "row_hash"}
SAMPLES: dict[str, dict[str, str]] = {
    "call_records": {
        "a_number": "070-123 45 67",
        "b_number": "+4791234567",
        "started_at": "2024-03-01T10:00:00+01:00",
        "duration_seconds": "61",
        "cell": "240-01-1-1",
    },
    "company_register": {
        "organisation_number": "556677-8899",
        "company_name": "Bilfix i Strömstad AB",
        "address": "Storgatan 12 B, 123 45 Stockholm",
        "board_member": "Andersson, Karl-Erik",
        "board_member_number": "800101-0019",
        "role": "ordinarie ledamot",
    },
    "plate_hits": {
        "plate": "AB 12345",
        "camera": "E6 Svinesund S",
        "seen_at": "2024-03-01 23:41:07",
        "place": "Svinesund",
    },
    "postal_items": {
        "item": "RR123456785SE",
        "sender_name": "Apotea AB",
        "sender_address": "",
        "recipient_name": "Karl Andersson",
        "recipient_address": "Storgatan 12 B, 123 45 Stockholm",
        "weight_grams": "35",
        "format": "Brev",
        "event": "posted",
        "event_at": "2024-03-01T08:15:00+01:00",
    },
}


@pytest.mark.parametrize("name", list(CONNECTORS))
def test_a_record_fills_exactly_the_tables_data_columns(name: str) -> None:
    connector = CONNECTORS[name](country="SE")
    record = connector.parse_row(SAMPLES[name])
    assert isinstance(record, Record), record
    columns = {f.attname for f in connector.model._meta.concrete_fields}
    assert set(record.columns) == columns - BOOKKEEPING
    assert len(record.identity) == len(connector.fields)
    assert set(connector.default_mapping()) == {f.name for f in connector.fields}


@pytest.mark.parametrize("name", list(CONNECTORS))
def test_an_empty_row_is_refused_for_each_required_field(name: str) -> None:
    connector = CONNECTORS[name](country="SE")
    result = connector.parse_row({})
    assert isinstance(result, RowError)
    required = {f.name for f in connector.fields if f.required}
    assert {p.field for p in result.problems} == required
    assert {p.code for p in result.problems} == {"missing"}


def test_a_connector_that_leaves_out_part_of_the_interface_is_refused() -> None:
    with pytest.raises(TypeError, match=r"does not set .*model"):

        class Half(Connector):
            name = "half"
            label = "Half"
            description = "Half a connector"
            fields = ()
            organisation_kinds = frozenset()
            roles = frozenset()


def test_an_unknown_connector_is_named_with_those_there_are() -> None:
    with pytest.raises(UnknownConnectorError, match="call_records, company_register"):
        connector_named("mobile_phone_dumps")


@pytest.mark.django_db
def test_a_register_extract_keeps_one_row_per_board_seat(
    police_analyst: User, tmp_path: Path
) -> None:
    header = [
        "organisation_number",
        "name",
        "address",
        "board_member",
        "board_member_number",
        "role",
    ]
    path = write_csv(
        tmp_path / "register.csv",
        header,
        [
            [
                "556677-8899",
                "Bilfix AB",
                "Storgatan 12 B, 123 45 Stockholm",
                "Karl Andersson",
                "800101-0019",
                "ledamot",
            ],
            [
                "556677-8899",
                "Bilfix AB",
                "Storgatan 12 B, 123 45 Stockholm",
                "Eva Berg",
                "",
                "suppleant",
            ],
            ["NO923609016MVA", "Fjordfrakt AS", "Karl Johans gate 1, 0154 Oslo", "", "", ""],
            ["556677-8890", "Felfirma AB", "Storgatan", "", "", ""],
            ["556677-8899", "Bilfix AB", "", "", "", "ledamot"],
        ],
    )
    job = import_file(police_analyst, "company_register", path)
    assert (job.rows_imported, job.rows_invalid, job.identifiers_invalid) == (4, 1, 2)
    rows = {r.line: r for r in CompanyRegisterRow.objects.all()}
    assert rows[2].organisation_number_key == rows[3].organisation_number_key == "5566778899"
    assert rows[2].board_member_key == "karl andersson"
    assert rows[2].board_member_number_key == "198001010019"
    assert rows[2].board_member_number_kind == "se_personal_number"
    assert (rows[4].organisation_number_key, rows[4].organisation_number_kind) == (
        "923609016",
        "no_org_number",
    )
    assert rows[4].address_key == "NO:0154:karl johans gata:1"
    assert (rows[5].organisation_number_key, rows[5].organisation_number_error) == (
        None,
        "checksum",
    )
    assert rows[5].address_key is None
    assert [p["code"] for p in job.problems if p["line"] == 6] == ["missing"]


@pytest.mark.django_db
def test_plate_hits_keep_the_neighbours_plates(police_analyst: User, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "anpr.csv",
        ["plate", "camera", "time", "place"],
        [
            ["AB 12345", "E6 Svinesund S", "2024-03-01 23:41:07", "Svinesund"],
            ["abc-123", "E6 Svinesund S", "2024-03-01T23:45:00+01:00", "Svinesund"],
            ["MYCAR1", "E6 Svinesund S", "2024-03-01T23:50:00+01:00", ""],
        ],
    )
    job = import_file(police_analyst, "plate_hits", path)
    assert (job.rows_imported, job.identifiers_invalid) == (3, 1)
    keys = list(PlateHit.objects.order_by("line").values_list("plate_key", flat=True))
    assert keys == ["NO:AB12345", "SE:ABC123", None]


@pytest.mark.django_db
def test_a_postal_feed_reads_formats_in_the_operators_words(
    postnord_reporter: User, tmp_path: Path
) -> None:
    posted = {
        "item_id": "RR123456785SE",
        "sender": "Apotea AB",
        "sender_address": "",
        "recipient": "Karl Andersson",
        "recipient_address": "Storgatan 12 B, 123 45 Stockholm",
        "weight_grams": "35",
        "format": "Brev",
        "event": "posted",
        "time": "2024-03-01T08:15:00+01:00",
    }
    sorted_ = {**posted, "weight_grams": "", "format": "large letter", "event": "sorted"}
    sorted_["time"] = "2024-03-01T12:15:00+01:00"
    odd = {**dict.fromkeys(posted, ""), "item_id": "RR123456786SE", "format": "kuvert"}
    odd.update(event="posted", time=posted["time"])
    rows = [list(row.values()) for row in (posted, sorted_, odd)]
    path = write_csv(tmp_path / "feed.csv", list(posted), rows)
    job = import_file(postnord_reporter, "postal_items", path)
    assert (job.rows_imported, job.rows_invalid) == (2, 1)
    events = list(PostalItemEvent.objects.order_by("line"))
    assert [e.format for e in events] == ["letter", "large_letter"]
    assert events[0].item_key == events[1].item_key == "RR123456785SE"
    assert (events[0].weight_grams, events[1].weight_grams) == (35, None)
    assert events[0].sender_address_error == ""
    assert events[0].recipient_address_key == "SE:12345:storgatan:12b"
    bad = [p for p in job.problems if p["line"] == 4]
    assert [(p["column"], p["code"], p["refused"]) for p in bad] == [
        ("format", "choice", True),
        ("item_id", "checksum", True),
    ]
