"""``samverkan evaluate-linking``: resolve generated worlds and score them against the truth."""

# ruff: noqa: N999 - the file name is the command's name, hyphen and all

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverkan.resolution.clustering import Thresholds
from samverkan.resolution.evaluation import WorldEvaluation, evaluate_world, format_evaluations
from samverkan.resolution.model import load_model
from samverkan.resolution.progress import Progress
from samverkan.scenario import SIZES, generate_world


class Command(BaseCommand):
    help = (
        "Resolve a generated world and print pairwise and B-cubed precision, recall and F1 "
        "per entity kind: persons by the probabilistic model, identifiers by key. "
        "Several --noise levels give one world each."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", default="demo", help=f"one of {', '.join(SIZES)}")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--noise", type=float, nargs="+", default=[0.2])
        parser.add_argument("--world", type=Path, help="evaluate this world instead of generating")
        parser.add_argument("--model", type=Path, help="a model file (default: the bundled one)")
        parser.add_argument("--auto-link", type=float, default=Thresholds().auto_link)
        parser.add_argument("--review", type=float, default=Thresholds().review)

    def handle(self, *args: Any, **options: Any) -> None:
        say = Progress(quiet=int(options["verbosity"]) == 0)
        try:
            thresholds = Thresholds(auto_link=options["auto_link"], review=options["review"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        model = load_model(options["model"])
        evaluations: list[WorldEvaluation] = []
        if options["world"] is not None:
            evaluations.append(
                evaluate_world(
                    options["world"],
                    label="world",
                    model=model,
                    thresholds=thresholds,
                    progress=say,
                )
            )
        else:
            size = str(options["size"])
            if size not in SIZES:
                raise CommandError(f"Unknown size {size!r}: choose one of {', '.join(SIZES)}.")
            for noise in options["noise"]:
                if not 0.0 <= noise <= 1.0:
                    raise CommandError(f"--noise must be between 0 and 1, not {noise}.")
                with tempfile.TemporaryDirectory(prefix="samverkan-world-") as scratch:
                    say(f"generating a {size} world (seed {options['seed']}, noise {noise})")
                    generate_world(
                        size=size, seed=int(options["seed"]), noise=noise, out=Path(scratch)
                    )
                    evaluations.append(
                        evaluate_world(
                            Path(scratch),
                            label=f"noise {noise}",
                            model=model,
                            thresholds=thresholds,
                            progress=say,
                        )
                    )
        self.stdout.write(format_evaluations(evaluations))
