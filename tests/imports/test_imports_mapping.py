"""Columns are found by their usual names, can be mapped by hand, and missing ones are named."""

from __future__ import annotations

from pathlib import Path

import pytest

from samverkan.access.models import User
from samverkan.imports.connectors import CONNECTORS
from samverkan.imports.connectors.call_records.models import CallRecord
from samverkan.imports.files import (
    ImportFileError,
    MissingColumnsError,
    file_shape,
    mapping_resolve,
    mapping_suggest,
)
from tests.imports.conftest import import_file, write_csv

CALLS = CONNECTORS["call_records"]
OPERATOR_HEADER = ["Anropande", "Mottagare", "Starttid", "Varaktighet", "Cell-ID"]
ROW = ["0701234567", "+4791234567", "2024-03-01 10:00:00", "60", "240-01-1-1"]


def test_hand_mapping_reads_an_operators_own_header_and_finds_usual_names(
    db: None, police_analyst: User, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "export.csv", OPERATOR_HEADER, [ROW], delimiter=";")
    mapping = {"a_number": "Anropande", "b_number": "Mottagare", "duration_seconds": "Varaktighet"}
    job = import_file(police_analyst, "call_records", path, mapping=mapping)
    assert job.delimiter == ";"
    assert job.mapping == {**mapping, "started_at": "Starttid", "cell": "Cell-ID"}
    row = CallRecord.objects.get()
    assert row.a_number_key == "+46701234567"
    # A time without an offset is Swedish local time (CET in March).
    assert row.started_at.isoformat() == "2024-03-01T09:00:00+00:00"
    assert row.cell == "240-01-1-1"


def test_missing_columns_are_named_with_the_columns_the_file_has(tmp_path: Path) -> None:
    columns = ["Anropande", "Mottagare", "Klockan", "Längd", "Cell-ID"]
    path = write_csv(tmp_path / "export.csv", columns, [ROW])
    header = file_shape(path).header
    with pytest.raises(MissingColumnsError) as caught:
        mapping_resolve(CALLS, header, {"a_number": "Anropande"})
    assert set(caught.value.missing) == {"b_number", "started_at", "duration_seconds"}
    message = str(caught.value)
    assert "'b_number' (for b_number)" in message
    assert "'start' (for started_at)" in message
    assert "Its columns are: 'Anropande', 'Mottagare', 'Klockan', 'Längd', 'Cell-ID'." in message


def test_a_chosen_column_must_exist_and_a_field_must_be_known(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "calls.csv", ["a_number", "b_number", "start", "duration_seconds"], []
    )
    header = file_shape(path).header
    assert mapping_resolve(CALLS, header, {}) == {
        "a_number": "a_number",
        "b_number": "b_number",
        "started_at": "start",
        "duration_seconds": "duration_seconds",
    }
    with pytest.raises(MissingColumnsError, match="'mast' \\(for cell\\)"):
        mapping_resolve(CALLS, header, {"cell": "mast"})
    with pytest.raises(ImportFileError, match="has no field colour"):
        mapping_resolve(CALLS, header, {"colour": "a_number"})


def test_suggestions_match_usual_names_whatever_their_case_and_marks() -> None:
    header = ("A-Nummer", "B number", "Starttid", "Duration", "CGI", "Övrigt")
    assert mapping_suggest(CALLS, header) == {
        "a_number": "A-Nummer",
        "b_number": "B number",
        "started_at": "Starttid",
        "duration_seconds": "Duration",
        "cell": "CGI",
    }
    assert mapping_suggest(CALLS, ("x", "y"))["a_number"] == ""


def test_a_windows_export_is_read_as_windows_1252(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "plates.csv",
        ["plate", "camera", "time", "place"],
        [["ABC123", "Svinesund N", "2024-03-01T10:00:00", "Tullstation Svinesund, Strömstad"]],
        encoding="cp1252",
    )
    shape = file_shape(path)
    assert (shape.encoding, shape.rows) == ("cp1252", 1)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty"),
        (b"a,b,a\n1,2,3\n", "names these columns twice: a"),
        (b"\x81\x8d\x8f\x90\x9d\n", "cannot be read as UTF-8 or Windows-1252"),
    ],
)
def test_files_that_cannot_be_imported_say_why(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match=message):
        file_shape(path)
