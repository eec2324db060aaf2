"""A report's photo goes with the report when retention erases it, and stays while it is held."""

from __future__ import annotations

import pytest

from samverkan.access.models import User
from samverkan.audit.models import AuditEvent
from samverkan.audit.verification import audit_verify
from samverkan.intake.models import ReportPhoto
from samverkan.intake.photos import photo_clean
from samverkan.intake.services import report_photo_attach
from samverkan.retention.services import retention_run
from tests.intake.photo_files import phone_jpeg, plain_jpeg
from tests.intake.test_intake_report_pages import _report
from tests.retention.test_retention_run import AFTER_DUE, BEFORE_DUE

pytestmark = pytest.mark.django_db


def test_the_photo_is_erased_with_its_report_and_a_held_one_stays(customs_officer: User) -> None:
    erased, held = _report(customs_officer, "s-1"), _report(customs_officer, "s-2")
    for report, raw in ((erased, phone_jpeg()), (held, plain_jpeg())):
        report_photo_attach(report=report, photo=photo_clean(raw), by=customs_officer, via="web")
    held.retention_hold = True
    held.save(update_fields=["retention_hold"])
    assert retention_run(now=BEFORE_DUE, dry_run=False).erased == 0
    assert ReportPhoto.objects.count() == 2
    assert retention_run(now=AFTER_DUE, dry_run=False).erased == 1
    assert list(ReportPhoto.objects.values_list("report_id", flat=True)) == [held.pk]
    erasure = AuditEvent.objects.get(action="erase", object_id=str(erased.pk))
    assert erasure.object_type == "report"
    # The photo's collection event keeps its fingerprint only: nothing to erase there.
    collected = AuditEvent.objects.get(object_type="report_photo", object_id=str(erased.pk))
    assert set(collected.details) == {"via", "sha256", "bytes", "width", "height"}
    assert audit_verify().ok
