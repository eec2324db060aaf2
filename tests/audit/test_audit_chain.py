"""The audit trail is append-only and any tampering shows at the right event."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from samverkan.access.models import User
from samverkan.audit.models import AuditAction, AuditEvent, AuditHead
from samverkan.audit.services import AuditOutsideTransactionError, audit_record
from samverkan.audit.verification import audit_verify

pytestmark = pytest.mark.django_db


def _record_events(actor: User, count: int) -> None:
    for number in range(count):
        with transaction.atomic():
            audit_record(
                actor=actor,
                action=AuditAction.CONSULT,
                object_type="report",
                object_id=str(number),
                purpose="case 2026-117",
                details={"page": number, "name": "Åsa Öberg"},
                personal_data={"phone": "+46701234567"},
            )


@contextmanager
def _guard_lifted() -> Iterator[None]:
    """What an attacker with database rights does first: switch off the triggers."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")
            yield
            cursor.execute("SET session_replication_role = origin")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
            cursor.execute("DROP TRIGGER IF EXISTS audit_event_no_delete")
            yield


def _sql(statement: str, *params: str) -> None:
    with _guard_lifted(), connection.cursor() as cursor:
        cursor.execute(statement, params)


def test_events_chain_and_verify(customs_officer: User) -> None:
    _record_events(customs_officer, 5)
    result = audit_verify()
    assert result.ok, result.problem
    assert result.checked == 5
    head = AuditHead.objects.get(id=1)
    last = AuditEvent.objects.get(sequence=5)
    assert (head.sequence, head.entry_hash) == (5, last.entry_hash)
    assert last.prev_hash == AuditEvent.objects.get(sequence=4).entry_hash
    assert last.organisation_code == "se-customs"
    assert "46701234567" not in str(last.details) + last.personal_data_hash


def test_details_keyed_by_numbers_verify(customs_officer: User) -> None:
    # A page's hits per organisation id: 2 before 12 as numbers, "12" before "2" as JSON.
    with transaction.atomic():
        audit_record(
            actor=customs_officer,
            action=AuditAction.CONSULT,
            object_type="entity",
            object_id="1",
            purpose="case 2026-117",
            details={"hits": {2: 1, 12: 3}},
        )
    result = audit_verify()
    assert result.ok, result.problem
    assert AuditEvent.objects.get().details == {"hits": {"2": 1, "12": 3}}


@pytest.mark.django_db(transaction=True)
def test_an_event_outside_a_transaction_is_refused(customs_officer: User) -> None:
    with pytest.raises(AuditOutsideTransactionError):
        audit_record(actor=customs_officer, action=AuditAction.CONSULT, object_type="report")


def test_the_database_refuses_update_and_delete(customs_officer: User) -> None:
    _record_events(customs_officer, 1)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(sequence=1).update(purpose="nothing to see")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(sequence=1).delete()
    assert AuditEvent.objects.get(sequence=1).purpose == "case 2026-117"


def test_a_changed_byte_is_found_at_its_event(customs_officer: User) -> None:
    _record_events(customs_officer, 6)
    _sql("UPDATE audit_auditevent SET purpose = %s WHERE sequence = 4", "case 2026-118")
    result = audit_verify()
    assert (result.first_bad_sequence, result.checked) == (4, 3)
    assert "altered" in result.problem


def test_a_deleted_event_is_found(customs_officer: User) -> None:
    _record_events(customs_officer, 6)
    _sql("DELETE FROM audit_auditevent WHERE sequence = 3")
    result = audit_verify()
    assert result.first_bad_sequence == 4
    assert "#3 is missing" in result.problem


def test_a_deleted_and_renumbered_event_is_found(customs_officer: User) -> None:
    _record_events(customs_officer, 6)
    _sql("DELETE FROM audit_auditevent WHERE sequence = 3")
    # In two steps: PostgreSQL checks the unique sequence row by row, in storage order.
    _sql("UPDATE audit_auditevent SET sequence = sequence + 100 WHERE sequence > 3")
    _sql("UPDATE audit_auditevent SET sequence = sequence - 101 WHERE sequence > 100")
    result = audit_verify()
    assert result.first_bad_sequence == 3
    assert "does not follow" in result.problem


def test_an_inserted_event_is_found(customs_officer: User) -> None:
    _record_events(customs_officer, 4)
    _sql("UPDATE audit_auditevent SET sequence = sequence + 100 WHERE sequence > 2")
    _sql("UPDATE audit_auditevent SET sequence = sequence - 99 WHERE sequence > 100")
    forged = AuditEvent.objects.get(sequence=1)
    _sql(
        "INSERT INTO audit_auditevent (sequence, occurred_at, actor_label, organisation_code,"
        " roles, action, object_type, object_id, purpose, recipients, request_id, outcome,"
        " details, personal_data_hash, prev_hash, entry_hash)"
        " SELECT 3, occurred_at, actor_label, organisation_code, roles, action, object_type,"
        " object_id, purpose, recipients, request_id, outcome, details, personal_data_hash,"
        " prev_hash, %s FROM audit_auditevent WHERE sequence = 1",
        "f" * 64,
    )
    assert forged.sequence == 1
    result = audit_verify()
    assert result.first_bad_sequence == 3


def test_swapped_events_are_found(customs_officer: User) -> None:
    _record_events(customs_officer, 5)
    _sql("UPDATE audit_auditevent SET sequence = 100 WHERE sequence = 2")
    _sql("UPDATE audit_auditevent SET sequence = 2 WHERE sequence = 3")
    _sql("UPDATE audit_auditevent SET sequence = 3 WHERE sequence = 100")
    result = audit_verify()
    assert result.first_bad_sequence == 2


def test_a_truncated_tail_is_found(customs_officer: User) -> None:
    _record_events(customs_officer, 5)
    _sql("DELETE FROM audit_auditevent WHERE sequence >= 4")
    result = audit_verify()
    assert result.first_bad_sequence == 4
    assert "removed from the end" in result.problem


@pytest.mark.django_db(transaction=True)
def test_committed_events_verify_and_the_command_says_so(customs_officer: User) -> None:
    _record_events(customs_officer, 3)
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert "3 events verified" in out.getvalue()
    head = StringIO()
    call_command("audit", "head", stdout=head)
    assert head.getvalue().split() == ["3", AuditEvent.objects.get(sequence=3).entry_hash]


def test_verify_command_fails_loudly_on_tampering(customs_officer: User) -> None:
    _record_events(customs_officer, 3)
    _sql("UPDATE audit_auditevent SET object_id = 'x' WHERE sequence = 2")
    with pytest.raises(CommandError, match="BROKEN at event #2"):
        call_command("audit", "verify", stdout=StringIO())
