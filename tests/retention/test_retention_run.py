"""With the clock moved past retention: due reports go, held ones stay, counts and chain survive."""

from __future__ import annotations

from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from samverkan.access.models import User
from samverkan.audit.models import AuditEvent
from samverkan.audit.verification import audit_verify
from samverkan.intake.models import Report
from samverkan.retention.models import ReportTally, RetentionRunRecord
from samverkan.retention.services import retention_run
from samverkan.retention.tasks import retention_nightly
from tests.conftest import login_verified
from tests.intake.test_intake_report_pages import _report

pytestmark = pytest.mark.django_db

# Reports made by _report happened on 2026-05-02; courier statements keep 36 months.
BEFORE_DUE = datetime(2029, 5, 1, tzinfo=UTC)
AFTER_DUE = datetime(2029, 5, 3, tzinfo=UTC)


def test_dry_run_counts_and_changes_nothing(customs_officer: User) -> None:
    _report(customs_officer, "s-1")
    events = AuditEvent.objects.count()
    run = retention_run(now=AFTER_DUE, dry_run=True)
    assert run.due_by_kind == {"courier_statement": 1}
    assert Report.objects.count() == 1
    assert AuditEvent.objects.count() == events


def test_nothing_goes_before_its_time(customs_officer: User) -> None:
    _report(customs_officer, "s-1")
    assert retention_run(now=BEFORE_DUE, dry_run=False).erased == 0
    assert Report.objects.count() == 1


def test_erasure_is_logged_tallied_and_the_chain_still_verifies(customs_officer: User) -> None:
    erased = _report(customs_officer, "s-1")
    held = _report(customs_officer, "s-2")
    Report.objects.filter(pk=held.pk).update(retention_hold=True)
    run = retention_run(now=AFTER_DUE, dry_run=False)
    assert run.erased == 1
    assert list(Report.objects.values_list("pk", flat=True)) == [held.pk]
    event = AuditEvent.objects.get(action="erase")
    assert event.object_id == str(erased.pk)
    assert event.personal_data_hash
    assert "Ali Hassan" not in str(event.details)
    tally = ReportTally.objects.get()
    assert (tally.kind, tally.erased, str(tally.month)) == ("courier_statement", 1, "2026-05-01")
    assert audit_verify().ok


def test_the_command_previews_a_future_run(customs_officer: User) -> None:
    _report(customs_officer, "s-1")
    out = StringIO()
    call_command("retention", "--dry-run", "--now", "2029-06-01", stdout=out)
    assert "1 reports would be erased" in out.getvalue()
    assert Report.objects.count() == 1
    call_command("retention", "--now", "2029-06-01", stdout=out)
    assert Report.objects.count() == 0


def test_the_nightly_job_erases_and_records_its_run(customs_officer: User) -> None:
    report = _report(customs_officer, "s-1")
    Report.objects.filter(pk=report.pk).update(occurred_at=datetime(2020, 1, 1, tzinfo=UTC))
    erased = retention_nightly.call_local()
    assert erased == 1
    record = RetentionRunRecord.objects.get()
    assert (record.dry_run, record.erased, record.triggered_by) == (False, 1, "schedule")
    assert record.due_by_kind == {"courier_statement": 1}


def test_admin_sees_rules_and_starts_a_dry_run(
    client: Client, customs_officer: User, oslo_coordinator: User
) -> None:
    admin = User.objects.create_user(
        username="oslo_admin", organisation=oslo_coordinator.organisation, roles=["admin"]
    )
    _report(customs_officer, "s-1")
    login_verified(client, admin)
    page = client.get("/retention/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Courier statement" in page
    client.post("/retention/")
    record = RetentionRunRecord.objects.get()
    assert (record.dry_run, record.triggered_by) == (True, "oslo_admin")
    assert Report.objects.count() == 1
    login_verified(client, customs_officer)
    assert client.get("/retention/").status_code == 404
