"""``samverkan load-register FILE``: replace the vehicle register with an extract."""

# ruff: noqa: N999 - the file name is the command's name, hyphen and all

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverkan.registers.services import RegisterError, vehicle_register_load


class Command(BaseCommand):
    help = (
        "Replace the vehicle register (plate and keeper, for the linking rules) with an "
        "extract: a CSV with the columns plate, keeper_kind, keeper."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the extract, e.g. WORLD/vehicle_register.csv")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        try:
            loaded = vehicle_register_load(path=options["file"], say=self.stderr.write)
        except RegisterError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Vehicle register: {loaded.vehicles:,} vehicles ({loaded.with_keeper:,} with a "
            f"keeper's number), {loaded.replaced:,} replaced, "
            f"in {time.monotonic() - started:.1f} s."
        )
