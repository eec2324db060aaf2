"""Load a generated world through the same door as a partner's system.

A world folder (see ``samverkan.scenario``) holds ``organisations.jsonl`` and
``reports.jsonl``. Each line is validated with the intake schema and stored
by the intake services, so loading exercises exactly what the API does.
The world's ``vehicle_register.csv``, if it has one, is loaded first, as an
operator loads the register's extract (``registers``), so that reports are
linked with it as they arrive.
Loading twice stores nothing twice. Compartments named in the world are
created on first use, owned by the organisation that first marks a report
with them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from samverkan.access.models import Compartment, Organisation
from samverkan.access.services import organisation_register
from samverkan.intake.schemas import OrganisationIn, Submission
from samverkan.intake.services import report_submit
from samverkan.registers.services import RegisterError, vehicle_register_load


class WorldError(Exception):
    """The world folder or one of its lines cannot be loaded."""


@dataclass(frozen=True, slots=True)
class LoadResult:
    organisations: int
    reports_created: int
    reports_existing: int
    registered_vehicles: int = 0


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    if not path.is_file():
        raise WorldError(f"{path} is missing: is this a folder made by 'samverkan generate'?")
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield number, line


def _organisations(path: Path) -> list[OrganisationIn]:
    parsed = []
    for number, line in _lines(path):
        try:
            parsed.append(OrganisationIn.model_validate_json(line))
        except ValidationError as exc:
            raise WorldError(f"{path.name} line {number}: {exc}") from exc
    # Parents before children, whatever order the file has.
    ordered: list[OrganisationIn] = []
    known: set[str] = set()
    pending = parsed
    while pending:
        ready = [o for o in pending if o.parent_code is None or o.parent_code in known]
        if not ready:
            missing = sorted({str(o.parent_code) for o in pending})
            raise WorldError(f"{path.name}: unknown parent organisations {missing}")
        ordered.extend(ready)
        known.update(o.code for o in ready)
        pending = [o for o in pending if o.code not in known]
    return ordered


def world_load(*, folder: Path, progress: Callable[[int], None] | None = None) -> LoadResult:
    """Register the world's organisations, then submit its reports one by one."""
    organisations = _organisations(folder / "organisations.jsonl")
    register = folder / "vehicle_register.csv"
    try:
        registered = vehicle_register_load(path=register).vehicles if register.is_file() else 0
    except RegisterError as exc:
        raise WorldError(str(exc)) from exc
    by_code = {o.code: organisation_register(data=o) for o in organisations}
    created = existing = 0
    for number, line in _lines(folder / "reports.jsonl"):
        try:
            submission = Submission.model_validate_json(line)
        except ValidationError as exc:
            raise WorldError(f"reports.jsonl line {number}: {exc}") from exc
        organisation = by_code.get(submission.organisation)
        if organisation is None:
            organisation = Organisation.objects.filter(code=submission.organisation).first()
        if organisation is None:
            raise WorldError(
                f"reports.jsonl line {number}: unknown organisation {submission.organisation!r}"
            )
        for code in submission.report.handling.compartments:
            Compartment.objects.get_or_create(
                code=code, defaults={"name": code, "owner": organisation}
            )
        _, was_created = report_submit(
            organisation=organisation, data=submission.report, by=None, via="world-load"
        )
        created += was_created
        existing += not was_created
        if progress is not None:
            progress(number)
    return LoadResult(len(organisations), created, existing, registered)


def world_report_count(folder: Path) -> int:
    """How many reports the world holds, from its manifest when there is one."""
    manifest = folder / "manifest.json"
    if manifest.is_file():
        counts = json.loads(manifest.read_text(encoding="utf-8")).get("counts", {})
        total = counts.get("reports")
        if isinstance(total, int):
            return total
    return sum(1 for _ in _lines(folder / "reports.jsonl"))
