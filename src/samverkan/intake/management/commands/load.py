"""``samverkan load WORLD_DIR``: load a generated world through the intake services."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverkan.intake.loading import WorldError, world_load, world_report_count


class Command(BaseCommand):
    help = "Load a world made by 'samverkan generate' through the same door as the API."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path, help="the folder 'samverkan generate' wrote")

    def handle(self, *args: Any, **options: Any) -> None:
        folder: Path = options["folder"]
        try:
            total = world_report_count(folder)
        except WorldError as exc:
            raise CommandError(str(exc)) from exc
        started = time.monotonic()

        def progress(done: int) -> None:
            if done % 250 == 0 or done == total:
                rate = done / max(time.monotonic() - started, 1e-9)
                sys.stderr.write(f"\r  loading reports {done:,}/{total:,} ({rate:,.0f}/s)")
                sys.stderr.flush()

        try:
            result = world_load(folder=folder, progress=progress)
        except WorldError as exc:
            raise CommandError(str(exc)) from exc
        sys.stderr.write("\n")
        self.stdout.write(
            f"Loaded {result.organisations} organisations, {result.reports_created} new reports"
            f" ({result.reports_existing} already stored) and {result.registered_vehicles:,}"
            f" registered vehicles in {time.monotonic() - started:.1f} s."
        )
