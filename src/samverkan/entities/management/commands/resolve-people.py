"""``samverkan resolve-people``: re-resolve every person record into person entities."""

# ruff: noqa: N999 - the file name is the command's name, hyphen and all

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from samverkan.entities.people import people_resolve
from samverkan.resolution.clustering import DEFAULT_THRESHOLDS, Thresholds
from samverkan.resolution.progress import Progress


class Command(BaseCommand):
    help = "Re-resolve every person record the database holds and write person entities."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--auto-link", type=float, default=DEFAULT_THRESHOLDS.auto_link)
        parser.add_argument("--review", type=float, default=DEFAULT_THRESHOLDS.review)
        parser.add_argument("--quiet", action="store_true", help="no progress lines")

    def handle(self, *args: Any, **options: Any) -> None:
        thresholds = Thresholds(auto_link=options["auto_link"], review=options["review"])
        result = people_resolve(thresholds=thresholds, progress=Progress(quiet=options["quiet"]))
        self.stdout.write(
            f"{result.records} person records, {result.entities} person entities "
            f"({result.created} new), {result.review} pairs to review"
        )
