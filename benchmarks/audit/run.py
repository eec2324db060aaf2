"""Benchmark the audit trail: write cost per event and `audit verify` over a long chain.

    .venv/bin/python benchmarks/audit/run.py --events 1000000
    .venv/bin/python scripts/throwaway_postgres.py -- .venv/bin/python benchmarks/audit/run.py

Uses a fresh database (a temporary SQLite file unless SAMVERKAN_DATABASE_URL
is set). Figures are ratios against a baseline in the same run:

- write: `audit_record` (lock head, hash, insert, move head) per event, against
  a bare INSERT of the same row (the ORM's `create`), both one transaction each;
- verify: events per second of `audit_verify` over the whole chain, against
  the same rows merely fetched from the database (`values_list` iteration).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from samverkan.audit.models import AuditEvent


def _setup() -> None:
    if "SAMVERKAN_DATABASE_URL" not in os.environ:
        folder = tempfile.mkdtemp(prefix="samverkan-bench-audit-")
        os.environ["SAMVERKAN_DATA_DIR"] = folder
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _chain(count: int, start: int, prev: str) -> tuple[list[AuditEvent], str]:
    """Build ``count`` chained events in memory, as audit_record would."""
    from django.utils import timezone

    from samverkan.audit.chain import canonical_time, entry_hash
    from samverkan.audit.models import AuditEvent

    events: list[AuditEvent] = []
    now = timezone.now()
    for offset in range(count):
        fields = {
            "sequence": start + offset,
            "occurred_at": canonical_time(now),
            "actor_id": None,
            "actor_label": "benchmark",
            "organisation_code": "se-noa",
            "roles": ["analyst"],
            "action": "consult",
            "object_type": "report",
            "object_id": str(start + offset),
            "purpose": "op-benchmark",
            "recipients": [],
            "request_id": "",
            "outcome": "ok",
            "details": {"page": offset % 7},
            "personal_data_hash": "",
        }
        digest = entry_hash(prev, fields)
        events.append(
            AuditEvent(**{**fields, "occurred_at": now}, prev_hash=prev, entry_hash=digest)
        )
        prev = digest
    return events, prev


def bench_write(samples: int) -> dict[str, float]:
    from django.db import transaction

    from samverkan.audit.models import AuditAction, AuditEvent
    from samverkan.audit.services import audit_record

    started = time.perf_counter()
    for number in range(samples):
        with transaction.atomic():
            audit_record(
                actor=None,
                actor_label="benchmark",
                action=AuditAction.CONSULT,
                object_type="report",
                object_id=str(number),
                purpose="op-benchmark",
            )
    audited = time.perf_counter() - started
    from samverkan.retention.models import ReportTally

    started = time.perf_counter()
    for number in range(samples):
        with transaction.atomic():
            ReportTally.objects.create(
                month="2026-01-01", kind="seizure", organisation_code=f"bench-{number}"
            )
    bare = time.perf_counter() - started
    assert AuditEvent.objects.count() >= samples
    return {
        "audited_per_s": samples / audited,
        "bare_insert_per_s": samples / bare,
        "overhead_ratio": audited / bare,
    }


def bench_verify(total: int) -> dict[str, float]:
    from samverkan.audit.models import AuditEvent, AuditHead
    from samverkan.audit.verification import _COLUMNS, audit_verify

    head = AuditHead.objects.get(id=1)
    prev, sequence = head.entry_hash, head.sequence + 1
    while sequence <= total:
        batch, prev = _chain(min(20_000, total - sequence + 1), sequence, prev)
        AuditEvent.objects.bulk_create(batch, batch_size=5000)
        sequence += len(batch)
        sys.stderr.write(f"\r  building chain {sequence - 1:,}/{total:,}")
    AuditHead.objects.filter(id=1).update(sequence=total, entry_hash=prev)
    sys.stderr.write("\n")
    started = time.perf_counter()
    rows = sum(
        1 for _ in AuditEvent.objects.order_by("sequence").values_list(*_COLUMNS).iterator(10_000)
    )
    fetch = time.perf_counter() - started
    started = time.perf_counter()
    result = audit_verify()
    verify = time.perf_counter() - started
    assert result.ok, result.problem
    assert rows == result.checked == total
    return {
        "events": total,
        "verify_s": verify,
        "fetch_only_s": fetch,
        "verify_ratio": verify / fetch,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--write-samples", type=int, default=2000)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
    _setup()
    from django.db import connection

    print(f"database: {connection.vendor}")
    for key, value in bench_write(args.write_samples).items():
        print(f"write {key}: {value:,.2f}")
    for key, value in bench_verify(args.events).items():
        print(f"verify {key}: {value:,.2f}")


if __name__ == "__main__":
    main()
