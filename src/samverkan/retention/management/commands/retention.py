"""``samverkan retention [--dry-run]``: erase reports and imported rows past their period."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from samverkan.retention.models import RetentionRule
from samverkan.retention.services import retention_run


class Command(BaseCommand):
    help = "Erase reports and imported rows past their retention period (see first with --dry-run)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count, erase nothing")
        parser.add_argument(
            "--now", help="pretend it is this date (YYYY-MM-DD), to preview a future run"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        if options["now"]:
            try:
                now = datetime.fromisoformat(options["now"]).replace(
                    tzinfo=timezone.get_current_timezone()
                )
            except ValueError as exc:
                raise CommandError(f"--now must be a date like 2027-01-31: {exc}") from exc
        for rule in RetentionRule.objects.order_by("kind"):
            self.stdout.write(f"  rule: {rule.kind} after {rule.months} months")

        def progress(erased: int) -> None:
            sys.stderr.write(f"\r  erased {erased:,}")
            sys.stderr.flush()

        run = retention_run(
            now=now, dry_run=options["dry_run"], triggered_by="command", progress=progress
        )
        for kind, count in sorted(run.due_by_kind.items()):
            self.stdout.write(f"  due: {count:,} {kind}")
        if options["dry_run"]:
            files = run.due_by_kind.get("import_files", 0)
            self.stdout.write(
                f"Dry run: {run.due:,} reports would be erased, with {run.rows_due:,}"
                f" imported rows and {files:,} import files. Nothing changed."
            )
        else:
            sys.stderr.write("\n" if run.erased else "")
            rows = sum(run.rows_erased.values())
            self.stdout.write(
                f"Erased {run.erased:,} reports, {rows:,} imported rows and"
                f" {run.files_removed:,} import files; each erasure is in the audit trail."
            )
