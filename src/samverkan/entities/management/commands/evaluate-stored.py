"""``samverkan evaluate-stored WORLD``: score the stored entities against a loaded world's truth."""

# ruff: noqa: N999 - the file name is the command's name, hyphen and all

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverkan.entities.stored_evaluation import WorldNotStoredError, stored_results
from samverkan.resolution.evaluation import WorldEvaluation, format_evaluations


class Command(BaseCommand):
    help = (
        "Score the entities this database holds (as instant linking, the nightly sweep and "
        "the person batch left them) against the truth of the generated world WORLD, "
        "loaded with `samverkan load`: pairwise and B-cubed precision, recall and F1 per kind."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("world", type=Path, help="the world's folder (samverkan generate)")

    def handle(self, *args: Any, **options: Any) -> None:
        folder: Path = options["world"]
        if not (folder / "truth" / "reports.jsonl").is_file():
            raise CommandError(f"{folder} is not a generated world: it has no truth/reports.jsonl.")
        started = time.perf_counter()
        try:
            results = stored_results(folder)
        except WorldNotStoredError as error:
            raise CommandError(str(error)) from None
        evaluation = WorldEvaluation(label=folder.name[:14], results=results)
        evaluation.seconds = time.perf_counter() - started
        self.stdout.write(format_evaluations([evaluation]))
