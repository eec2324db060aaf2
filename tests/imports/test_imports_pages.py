"""Uploading through the pages: choose the source, confirm the columns, follow the job."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from samverkan.access.models import User
from samverkan.audit.models import AuditEvent
from samverkan.imports.connectors.call_records.models import CallRecord
from samverkan.imports.files import file_keep_copy
from samverkan.imports.models import ImportJob, ImportStatus
from samverkan.imports.services import import_job_create
from tests.conftest import login_verified
from tests.imports.conftest import write_csv

pytestmark = pytest.mark.django_db

Capture = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]
HEADER = ["Anropande", "B-nummer", "Starttid", "Varaktighet", "Mast"]
ROWS = [
    ["070-123 45 67", "+4791234567", "2024-03-01 10:00:00", "60", "240-01-1-1"],
    ["070-123 45 67", "070-123", "2024-03-01 10:05:00", "30", "240-01-1-1"],
    ["070-123 45 67", "+4791234567", "i går", "30", "240-01-1-1"],
]


def _upload(client: Client, path: Path, connector: str = "call_records") -> Any:
    with path.open("rb") as handle:
        return client.post(
            "/imports/", {"connector": connector, "file": handle}, HTTP_ACCEPT_LANGUAGE="en"
        )


def test_upload_choose_columns_and_see_the_result(
    client: Client,
    police_analyst: User,
    tmp_path: Path,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    path = write_csv(tmp_path / "operator-export.csv", HEADER, ROWS, delimiter=";")
    login_verified(client, police_analyst)
    uploaded = _upload(client, path)
    assert uploaded.status_code == 302
    mapping_page = client.get(uploaded["Location"], HTTP_ACCEPT_LANGUAGE="en")
    html = mapping_page.content.decode()
    # Prefilled from the header: the usual names are found, the others left to choose.
    assert '<option value="Starttid" selected>' in html
    assert '<option value="B-nummer" selected>' in html
    assert '<option value="Anropande" selected>' not in html
    assert "3 rows" in html
    missing = client.post(
        uploaded["Location"],
        {"b_number": "B-nummer", "started_at": "Starttid"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Choose the column that holds this" in missing.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(
            uploaded["Location"],
            {
                "a_number": "Anropande",
                "b_number": "B-nummer",
                "started_at": "Starttid",
                "duration_seconds": "Varaktighet",
                "cell": "",
            },
        )
    job = ImportJob.objects.get()
    assert started["Location"] == f"/imports/{job.pk}/"
    assert job.status == ImportStatus.DONE  # the worker ran it (immediate in tests)
    assert "cell" not in job.mapping  # left out by choice, though "Mast" is a usual name
    assert CallRecord.objects.filter(job=job).count() == 2
    page = client.get(started["Location"], HTTP_ACCEPT_LANGUAGE="en")
    assert "Refresh" not in page
    assert "no-store" in page["Cache-Control"]
    text = page.content.decode()
    assert "The number +46070123 is not in any range" in text
    assert "is not a time" in text
    consulted = AuditEvent.objects.get(action="consult", object_type="import_job")
    assert consulted.actor == police_analyst
    assert consulted.details == {"problems_shown": 2}


def test_a_running_job_refreshes_and_shows_no_rows_yet(
    client: Client, police_analyst: User, tmp_path: Path
) -> None:
    assert police_analyst.organisation is not None
    path = write_csv(tmp_path / "calls.csv", HEADER, ROWS)
    job = import_job_create(
        organisation=police_analyst.organisation,
        connector="call_records",
        file=file_keep_copy(source=path),
        file_name=path.name,
        by=police_analyst,
        mapping={"a_number": "Anropande", "duration_seconds": "Varaktighet"},
    )
    login_verified(client, police_analyst)
    page = client.get(f"/imports/{job.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert page["Refresh"] == "2"
    assert 'class="import-progress"' in page.content.decode()
    assert not AuditEvent.objects.filter(action="consult").exists()
    listed = client.get("/imports/").content.decode()
    assert "calls.csv" in listed


def test_a_file_without_a_header_is_refused_on_the_form(
    client: Client, police_analyst: User, tmp_path: Path
) -> None:
    login_verified(client, police_analyst)
    for content, message in [
        (b"", "The submitted file is empty"),
        (b"\n\n+46701234567,+4791234567\n", "The file is empty: its first line should name"),
    ]:
        path = tmp_path / "no-header.csv"
        path.write_bytes(content)
        page = _upload(client, path)
        assert page.status_code == 200
        assert message in page.content.decode()
    assert not list((tmp_path / "data" / "imports" / "pending").iterdir())


def test_a_failed_job_goes_on_from_where_it_stopped(
    client: Client,
    police_analyst: User,
    tmp_path: Path,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    assert police_analyst.organisation is not None
    path = write_csv(tmp_path / "calls.csv", HEADER, ROWS)
    job = import_job_create(
        organisation=police_analyst.organisation,
        connector="call_records",
        file=file_keep_copy(source=path),
        file_name=path.name,
        by=police_analyst,
        mapping={"a_number": "Anropande", "duration_seconds": "Varaktighet"},
    )
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.FAILED, error="disk full")
    login_verified(client, police_analyst)
    page = client.get(f"/imports/{job.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert "disk full" in page.content.decode()
    assert "Go on from where it stopped" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        resumed = client.post(f"/imports/{job.pk}/resume/")
    assert resumed.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.rows_imported, job.error) == (ImportStatus.DONE, 2, "")
    again = client.post(f"/imports/{job.pk}/resume/", follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "already done" in again.content.decode()


def test_an_upload_never_confirmed_is_removed_after_a_day(
    client: Client, police_analyst: User, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "calls.csv", HEADER, ROWS)
    login_verified(client, police_analyst)
    _upload(client, path)
    pending = tmp_path / "data" / "imports" / "pending"
    [left] = list(pending.iterdir())
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(left, (two_days_ago, two_days_ago))
    _upload(client, path)
    assert left not in list(pending.iterdir())
    assert len(list(pending.iterdir())) == 1
