# ruff: noqa: N999 - the module is named for the command, ``samverkan import``
"""``samverkan import CONNECTOR FILE --organisation CODE``: import a file now, in this process.

The same job and the same batches as the worker runs, with a progress bar on
stderr and the validation summary on stdout. ``--resume JOB`` takes up a job
where its last committed batch ended (after a crash, a kill or a failure).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverkan.access.models import Organisation, User
from samverkan.imports.connectors import CONNECTORS, UnknownConnectorError
from samverkan.imports.files import ImportFileError, file_keep_copy
from samverkan.imports.models import ImportJob, ImportStatus
from samverkan.imports.progress import ProgressBar
from samverkan.imports.running import BATCH_ROWS, import_job_run
from samverkan.imports.services import ImportRefusedError, import_job_create

PROBLEMS_PRINTED = 20


class Command(BaseCommand):
    help = "Import a bulk file (call records, company register, plate hits, postal items)."
    # Starts fast (it is also how a killed import is resumed); the server runs the checks.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("connector", nargs="?", help=f"one of: {', '.join(CONNECTORS)}")
        parser.add_argument("file", nargs="?", type=Path, help="a CSV file with a header line")
        parser.add_argument("--organisation", help="code of the organisation the data is from")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="FIELD=COLUMN",
            help="read FIELD from COLUMN of the file (repeatable)",
        )
        parser.add_argument("--user", help="username of the person importing (for the audit)")
        parser.add_argument("--resume", type=int, metavar="JOB", help="resume job JOB instead")
        parser.add_argument("--batch-rows", type=int, default=BATCH_ROWS)
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        job = self._resumed(options) if options["resume"] else self._created(options)
        progress = None
        if not options["no_progress"]:
            progress = ProgressBar(
                lambda text: self.stderr.write(text, ending=""),
                self.stderr.flush,
                start=job.rows_done,
            )
        self.stderr.write(f"Import job {job.pk}: {job.connector} from {job.file_name}")
        job = import_job_run(job_id=job.pk, batch_rows=options["batch_rows"], progress=progress)
        self._summary(job)
        if job.status != ImportStatus.DONE:
            raise CommandError(f"Import job {job.pk} {job.status}: {job.error}")

    def _resumed(self, options: dict[str, Any]) -> ImportJob:
        job = ImportJob.objects.filter(pk=options["resume"]).first()
        if job is None:
            raise CommandError(f"There is no import job {options['resume']}.")
        if job.status == ImportStatus.DONE:
            raise CommandError(f"Import job {job.pk} is already done.")
        return job

    def _created(self, options: dict[str, Any]) -> ImportJob:
        connector, source = options["connector"], options["file"]
        if not connector or source is None:
            raise CommandError("Give a connector and a file, or --resume JOB.")
        if connector not in CONNECTORS:
            raise CommandError(
                f"There is no connector {connector!r}; the connectors are {', '.join(CONNECTORS)}."
            )
        if not options["organisation"]:
            raise CommandError("Give the organisation the data is from: --organisation CODE.")
        organisation = Organisation.objects.filter(code=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"There is no organisation {options['organisation']!r}.")
        user = None
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"There is no user {options['user']!r}.")
        mapping = _mapping(options["map"])
        try:
            kept = file_keep_copy(source=source)
            return import_job_create(
                organisation=organisation,
                connector=connector,
                file=kept,
                file_name=source.name,
                by=user,
                mapping=mapping,
            )
        except (ImportFileError, ImportRefusedError, UnknownConnectorError) as exc:
            raise CommandError(str(exc)) from exc

    def _summary(self, job: ImportJob) -> None:
        write = self.stdout.write
        write(f"Import job {job.pk} ({job.connector}, {job.file_name}): {job.status}")
        write(f"  rows read                 {job.rows_done:>12,}")
        write(f"  imported                  {job.rows_imported:>12,}")
        write(f"  already there (duplicate) {job.rows_duplicate:>12,}")
        write(f"  refused (invalid)         {job.rows_invalid:>12,}")
        write(f"  identifiers kept, no key  {job.identifiers_invalid:>12,}")
        if not job.problem_counts:
            return
        write("Problems by column and reason:")
        for name, count in sorted(job.problem_counts.items(), key=lambda item: -item[1]):
            column, _, code = name.partition(":")
            write(f"  {column or '(row)'}: {code} × {count:,}")
        shown = job.problems[:PROBLEMS_PRINTED]
        write(f"First {len(shown)} problems:")
        for problem in shown:
            verdict = "row refused" if problem["refused"] else "kept without key"
            column = problem["column"] or "(row)"
            write(f"  line {problem['line']}, {column}: {problem['reason']} ({verdict})")


def _mapping(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        name, sep, column = pair.partition("=")
        if not sep or not name.strip() or not column.strip():
            raise CommandError(f"--map wants FIELD=COLUMN, not {pair!r}.")
        mapping[name.strip()] = column.strip()
    return mapping
