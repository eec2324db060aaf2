"""``samverkan link-near``: apply the near-key rules again to everything stored."""

# ruff: noqa: N999 - the file name is the command's name, hyphen and all

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from samverkan.entities.sweep import near_sweep
from samverkan.resolution.progress import Progress


class Command(BaseCommand):
    help = (
        "Repair refused identifier writings and merge rare keys with their corroborated "
        "one-slip neighbours (what the worker does nightly)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quiet", action="store_true", help="no progress lines")

    def handle(self, *args: Any, **options: Any) -> None:
        swept = near_sweep(progress=Progress(quiet=options["quiet"]))
        self.stdout.write(
            f"{swept.refused} refused writings ({swept.repaired} repaired), "
            f"{swept.rare} rare keys ({swept.merged} merged), "
            f"{swept.company_names} company names linked, "
            f"{swept.lone_readings_split} lone readings, "
            f"{swept.counter_merges_split} counter merges and "
            f"{swept.register_merges_split} register merges split back"
        )
