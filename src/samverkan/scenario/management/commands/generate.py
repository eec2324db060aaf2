"""``samverkan generate``: write a synthetic world (reports, calls, ground truth) to a folder."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverkan.scenario import SIZES, generate_world
from samverkan.scenario.progress import ProgressLine


class Command(BaseCommand):
    help = (
        "Generate a seeded synthetic year of reports with its ground truth. "
        "The same seed, size and noise give byte-identical files."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--size", default="demo", help=f"one of {', '.join(SIZES)} (default demo)"
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--noise", type=float, default=0.2, help="0 = clean, 1 = very messy (default 0.2)"
        )
        parser.add_argument("--out", required=True, help="folder to write the world to")
        parser.add_argument(
            "--force", action="store_true", help="write into a folder that is not empty"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        size = str(options["size"])
        if size not in SIZES:
            raise CommandError(f"Unknown size {size!r}: choose one of {', '.join(SIZES)}.")
        noise = float(options["noise"])
        if not 0.0 <= noise <= 1.0:
            raise CommandError(f"--noise must be between 0 and 1, not {noise}.")
        # call_command passes options unconverted, so "out" may still be a str.
        out = Path(options["out"])
        if out.exists() and not out.is_dir():
            raise CommandError(f"{out} exists and is not a folder.")
        if out.is_dir() and any(out.iterdir()) and not options["force"]:
            raise CommandError(
                f"{out} is not empty; choose another folder or pass --force to overwrite."
            )
        manifest = generate_world(
            size=size,
            seed=int(options["seed"]),
            noise=noise,
            out=out,
            progress=ProgressLine(sys.stderr),
        )
        kinds = ", ".join(f"{count:,} {kind}" for kind, count in manifest.reports_by_kind.items())
        self.stdout.write(
            f"Wrote {manifest.counts['reports']:,} reports ({kinds}), "
            f"{manifest.counts['call_records']:,} call records and the ground truth to {out}."
        )
