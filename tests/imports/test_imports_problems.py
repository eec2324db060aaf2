"""Bad rows are reported by line, column and reason; bad identifiers are kept, not dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from samverkan.access.models import User
from samverkan.identifiers import InvalidIdentifier, normalise
from samverkan.imports import running
from samverkan.imports.connectors.call_records.models import CallRecord
from samverkan.imports.models import ImportStatus
from tests.imports.conftest import import_file, write_csv

pytestmark = pytest.mark.django_db

HEADER = ["a_number", "b_number", "start", "duration_seconds", "cell"]
GOOD = ["+46701234567", "+4791234567", "2024-03-01T10:00:00+01:00", "60", "240-01-1-1"]


def _reason(kind: str, raw: str) -> InvalidIdentifier:
    with pytest.raises(InvalidIdentifier) as caught:
        normalise(kind, raw, region="SE")
    return caught.value


def test_each_problem_names_its_line_column_and_reason(
    police_analyst: User, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "calls.csv",
        HEADER,
        [
            GOOD,  # line 2
            ["+46701234567", "070-123", *GOOD[2:]],  # 3: B-number in no allocated range, kept
            [*GOOD[:2], "yesterday", "60", ""],  # 4: time refused
            ["", *GOOD[1:]],  # 5: A-number missing, refused
            [*GOOD[:3], "-5", "x"],  # 6: negative duration, refused
            GOOD[:3],  # 7: too few values
            ["+46701234567", "+4791234567", "2024-03-02T10:00:00+01:00", "", ""],  # 8: no duration
        ],
    )
    job = import_file(police_analyst, "call_records", path)
    assert job.status == ImportStatus.DONE
    assert (job.rows_done, job.rows_imported, job.rows_invalid) == (7, 2, 5)
    assert job.identifiers_invalid == 1
    by_line = {p["line"]: p for p in job.problems}
    short = _reason("phone", "070-123")
    assert by_line[3] == {
        "line": 3,
        "field": "b_number",
        "column": "b_number",
        "code": short.code,
        "reason": short.message,
        "refused": False,
    }
    assert (by_line[4]["column"], by_line[4]["code"], by_line[4]["refused"]) == (
        "start",
        "format",
        True,
    )
    assert "'yesterday' is not a time" in by_line[4]["reason"]
    assert (by_line[5]["column"], by_line[5]["code"]) == ("a_number", "missing")
    assert (by_line[6]["column"], by_line[6]["code"]) == ("duration_seconds", "range")
    assert (by_line[7]["column"], by_line[7]["code"]) == ("", "row")
    assert "3 values; the header has 5" in by_line[7]["reason"]
    assert (by_line[8]["column"], by_line[8]["code"]) == ("duration_seconds", "missing")
    assert job.problem_counts == {
        f"b_number:{short.code}": 1,
        "start:format": 1,
        "a_number:missing": 1,
        "duration_seconds:range": 1,
        ":row": 1,
        "duration_seconds:missing": 1,
    }


def test_an_identifier_that_does_not_normalise_is_kept_as_written(
    police_analyst: User, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "calls.csv", HEADER, [["+46701234567", "070-123", *GOOD[2:]]])
    import_file(police_analyst, "call_records", path)
    row = CallRecord.objects.get()
    assert (row.b_number_raw, row.b_number_key) == ("070-123", None)
    assert row.b_number_error == _reason("phone", "070-123").code
    assert (row.a_number_key, row.a_number_error) == ("+46701234567", "")


def test_the_kept_list_is_capped_and_the_counts_are_not(
    police_analyst: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(running, "PROBLEMS_KEPT", 3)
    bad = [[*GOOD[:2], f"not a time {n}", "60", ""] for n in range(10)]
    path = write_csv(tmp_path / "calls.csv", HEADER, bad)
    job = import_file(police_analyst, "call_records", path, batch_rows=4)
    assert [p["line"] for p in job.problems] == [2, 3, 4]
    assert job.problem_counts == {"start:format": 10}
    assert job.rows_invalid == 10


def test_cells_too_long_or_with_nul_are_refused_and_blank_lines_skipped(
    police_analyst: User, tmp_path: Path
) -> None:
    path = tmp_path / "calls.csv"
    path.write_text(
        ",".join(HEADER)
        + "\n"
        + ",".join(GOOD)
        + "\n\n"
        + ",".join([*GOOD[:4], "x" * 600])
        + "\n"
        + ",".join([*GOOD[:4], "a\x00b"])
        + "\n",
        encoding="utf-8",
    )
    job = import_file(police_analyst, "call_records", path)
    assert (job.rows_done, job.rows_imported, job.rows_invalid) == (3, 1, 2)
    assert [(p["line"], p["code"]) for p in job.problems] == [(4, "length"), (5, "format")]


def test_a_file_that_disappears_fails_the_job_with_a_reason(
    police_analyst: User, tmp_path: Path
) -> None:
    from samverkan.imports.files import file_keep_copy, kept_path
    from samverkan.imports.running import import_job_run
    from samverkan.imports.services import import_job_create

    assert police_analyst.organisation is not None
    path = write_csv(tmp_path / "calls.csv", HEADER, [GOOD])
    job = import_job_create(
        organisation=police_analyst.organisation,
        connector="call_records",
        file=file_keep_copy(source=path),
        file_name="calls.csv",
        by=police_analyst,
    )
    kept_path(job.file_path).unlink()
    job = import_job_run(job_id=job.pk)
    assert job.status == ImportStatus.FAILED
    assert "No such file" in job.error
