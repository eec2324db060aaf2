"""An operator loads the vehicle register: all of it or nothing, and no readable keeper."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from samverkan.audit.models import AuditEvent
from samverkan.registers.models import RegisteredVehicle
from samverkan.registers.selectors import plates_kept_by

pytestmark = pytest.mark.django_db

EXTRACT = """plate,keeper_kind,keeper
ABC 123,se_personal_number,19800101-0019
AB 12345,no_org_number,923609016
XYZ 12A,,
"""


def _load(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("load-register", str(path), stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_register_answers_who_keeps_a_plate_and_holds_no_readable_number(
    tmp_path: Path,
) -> None:
    said = _load(tmp_path / "register.csv", EXTRACT)
    assert "3 vehicles (2 with a keeper's number), 0 replaced" in said
    assert set(RegisteredVehicle.objects.values_list("plate_key", flat=True)) == {
        "SE:ABC123",
        "NO:AB12345",
        "SE:XYZ12A",
    }
    stored = " ".join(" ".join(map(str, row)) for row in RegisteredVehicle.objects.values_list())
    assert "19800101" not in stored
    assert "923609016" not in stored
    assert plates_kept_by([("se_personal_number", "198001010019")]) == {"SE:ABC123"}
    assert plates_kept_by([("no_org_number", "923609016"), ("phone", "+4791234567")]) == {
        "NO:AB12345"
    }
    assert plates_kept_by([("se_personal_number", "199001010016")]) == set()
    event = AuditEvent.objects.get(object_type="vehicle_register")
    assert (event.action, event.details["vehicles"], event.details["with_keeper"]) == (
        "collect",
        3,
        2,
    )


def test_a_bad_extract_names_its_lines_and_the_register_stays_as_it_was(tmp_path: Path) -> None:
    _load(tmp_path / "first.csv", EXTRACT)
    bad = EXTRACT + "ABC 12,se_personal_number,19800101-0019\nABC 123,,\nDEF 456,passport,X1\n"
    with pytest.raises(CommandError) as caught:
        _load(tmp_path / "second.csv", bad)
    message = str(caught.value)
    assert "nothing loaded, 3 bad lines" in message
    assert "line 5: A plate is three letters" in message
    assert "line 6: plate SE:ABC123 is on line 2 too" in message
    assert "line 7: keeper_kind 'passport'" in message
    assert RegisteredVehicle.objects.count() == 3
    with pytest.raises(CommandError, match="lacks the column"):
        _load(tmp_path / "third.csv", "plate,owner\nABC 123,x\n")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("load-register", str(tmp_path / "missing.csv"), stdout=StringIO())
    assert RegisteredVehicle.objects.count() == 3


def test_a_new_extract_replaces_the_old(tmp_path: Path) -> None:
    _load(tmp_path / "first.csv", EXTRACT)
    said = _load(tmp_path / "second.csv", "plate,keeper_kind,keeper\nGHK 789,,\n")
    assert "1 vehicles (0 with a keeper's number), 3 replaced" in said
    assert list(RegisteredVehicle.objects.values_list("plate_key", flat=True)) == ["SE:GHK789"]


def test_a_spreadsheets_export_loads_and_a_latin1_file_is_a_clear_error(tmp_path: Path) -> None:
    exported = "\ufeffPlate, keeper_kind ,KEEPER\r\n"  # a BOM, spaces, capitals, CRLF
    exported += "ABC 123,se_personal_number,19800101-0019\r\n\r\nXYZ 12A,,\r\n"
    assert "2 vehicles (1 with a keeper's number)" in _load(tmp_path / "export.csv", exported)
    latin = tmp_path / "latin.csv"
    latin.write_bytes("plate,keeper_kind,keeper\nÅBC 123,,\n".encode("latin-1"))
    with pytest.raises(CommandError, match="is not UTF-8 text"):
        call_command("load-register", str(latin), stdout=StringIO(), stderr=StringIO())
    bad = "plate,keeper_kind,keeper\nABC 123,,\n\nABC 123,,\n"
    with pytest.raises(CommandError, match="line 4: plate SE:ABC123 is on line 2 too"):
        _load(tmp_path / "blank.csv", bad)
