"""``samverkan audit verify | head``: check the trail, or print its head for anchoring."""

from __future__ import annotations

import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverkan.audit.models import AuditHead
from samverkan.audit.verification import audit_verify


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain, or print its head to record elsewhere."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["verify", "head"])

    def handle(self, *args: Any, **options: Any) -> None:
        if options["what"] == "head":
            head = AuditHead.objects.filter(id=1).first() or AuditHead(entry_hash="0" * 64)
            self.stdout.write(f"{head.sequence} {head.entry_hash}")
            return
        started = time.monotonic()
        total = AuditHead.objects.filter(id=1).values_list("sequence", flat=True).first() or 0

        def progress(sequence: int) -> None:
            if sequence % 50_000 == 0:
                sys.stderr.write(f"\r  verified {sequence:,}/{total:,} events")
                sys.stderr.flush()

        result = audit_verify(progress=progress)
        if total >= 50_000:
            sys.stderr.write("\n")
        elapsed = time.monotonic() - started
        if not result.ok:
            raise CommandError(
                f"Audit trail BROKEN at event #{result.first_bad_sequence}: {result.problem}."
                f" {result.checked:,} events before it verified."
            )
        self.stdout.write(
            f"Audit trail intact: {result.checked:,} events verified in {elapsed:.1f} s;"
            f" head #{result.head_sequence} {result.head_hash}"
        )
