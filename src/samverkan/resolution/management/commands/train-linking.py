"""``samverkan train-linking``: train the person model on a generated world and save it.

With no arguments it reproduces the versioned model file of the package
(``models/person-v2.json``): a ``small`` world, seed 1, noise 0.2.
"""

# ruff: noqa: N999 - the file name is the command's name, hyphen and all

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverkan.resolution.model import MODEL_VERSION, bundled_model_path
from samverkan.resolution.progress import Progress
from samverkan.resolution.training import train_person_model
from samverkan.resolution.world import read_world
from samverkan.scenario import SIZES, generate_world


class Command(BaseCommand):
    help = (
        "Train the person-linking model by expectation-maximisation on a generated world "
        "(no labels are read) and write it as JSON. The defaults reproduce "
        f"models/{MODEL_VERSION}.json."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", default="small", help=f"one of {', '.join(SIZES)}")
        parser.add_argument("--seed", type=int, default=1, help="world and sampling seed")
        parser.add_argument("--noise", type=float, default=0.2)
        parser.add_argument("--world", type=Path, help="train on this world instead")
        parser.add_argument(
            "--out", type=Path, default=None, help="where to write (default: the bundled file)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        say = Progress(quiet=int(options["verbosity"]) == 0)
        out: Path = options["out"] or bundled_model_path()
        seed = int(options["seed"])
        with tempfile.TemporaryDirectory(prefix="samverkan-world-") as scratch:
            folder = options["world"] or self._generate(options, Path(scratch), say)
            say(f"reading person records from {folder}")
            records = read_world(Path(folder)).records
            say(f"training on {len(records):,} person records")
            model = train_person_model(records, seed=seed, progress=say)
        out.write_text(json.dumps(model, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        self.stdout.write(f"Wrote the model trained on {len(records):,} records to {out}.")

    def _generate(self, options: dict[str, Any], folder: Path, say: Progress) -> Path:
        size = str(options["size"])
        if size not in SIZES:
            raise CommandError(f"Unknown size {size!r}: choose one of {', '.join(SIZES)}.")
        say(f"generating a {size} world (seed {options['seed']}, noise {options['noise']})")
        generate_world(
            size=size, seed=int(options["seed"]), noise=float(options["noise"]), out=folder
        )
        return folder
