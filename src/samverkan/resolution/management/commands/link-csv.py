"""``samverkan link-csv IN.csv OUT.csv --id COLUMN --map FIELD=COLUMN ...``."""

# ruff: noqa: N999 - the file name is the command's name, hyphen and all

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverkan.resolution.clustering import Thresholds
from samverkan.resolution.csv_linking import CsvLinkingError, link_csv, parse_mapping
from samverkan.resolution.csv_records import CSV_FIELDS
from samverkan.resolution.progress import Progress


class Command(BaseCommand):
    help = (
        "Deduplicate a CSV of person records: writes OUT.csv with the columns id,cluster_id, "
        "one row per input row. The model is trained on the file itself (no labels). "
        f"FIELD is one of {', '.join(CSV_FIELDS)}."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", type=Path, metavar="IN.csv")
        parser.add_argument("target", type=Path, metavar="OUT.csv")
        parser.add_argument("--id", required=True, dest="id_column", metavar="COLUMN")
        parser.add_argument(
            "--map", required=True, nargs="+", action="extend", metavar="FIELD=COLUMN"
        )
        parser.add_argument("--auto-link", type=float, default=Thresholds().auto_link)
        parser.add_argument("--review", type=float, default=Thresholds().review)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, **options: Any) -> None:
        say = Progress(quiet=int(options["verbosity"]) == 0)
        try:
            result = link_csv(
                options["source"],
                options["target"],
                id_column=options["id_column"],
                mapping=parse_mapping(options["map"]),
                thresholds=Thresholds(auto_link=options["auto_link"], review=options["review"]),
                seed=int(options["seed"]),
                progress=say,
            )
        except (CsvLinkingError, ValueError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"{result.rows:,} rows in {result.clusters:,} clusters; "
            f"{result.review_pairs:,} pairs between the thresholds left for review."
        )
