"""Fixtures for imports: a generated world's call records, files, and the people who import.

Personas added here (besides those of ``tests/conftest.py``):

- ``police_analyst``: analyst at the national operations unit (SE); imports
  call records, plate hits and company registers.
- ``oslo_analyst``: analyst in Oslo police district; another organisation,
  must see none of the national unit's jobs or rows.
- ``postnord_reporter``: reporter at a postal operator; imports its item feed
  and nothing else.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from samverkan.access.models import Organisation, OrganisationKind, User
from samverkan.imports.files import file_keep_copy
from samverkan.imports.models import ImportJob
from samverkan.imports.running import import_job_run
from samverkan.imports.services import import_job_create
from samverkan.scenario import generate_world
from tests.conftest import PASSWORD


@pytest.fixture(autouse=True)
def _data_dir(settings: Any, tmp_path: Path) -> None:
    """Kept files go to the test's own folder, never the developer's data folder."""
    settings.DATA_DIR = tmp_path / "data"


@pytest.fixture(scope="session")
def world_calls(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``call_records.csv`` of the demo world, as ``samverkan generate`` writes it."""
    folder = tmp_path_factory.mktemp("world")
    generate_world(size="demo", seed=1, noise=0.2, out=folder)
    return folder / "call_records.csv"


def _member(username: str, code: str, kind: str, country: str, name: str, role: str) -> User:
    organisation, _ = Organisation.objects.get_or_create(
        code=code, defaults={"kind": kind, "country": country, "name": name}
    )
    return User.objects.create_user(
        username=username, password=PASSWORD, organisation=organisation, roles=[role]
    )


@pytest.fixture
def police_analyst(db: None) -> User:
    return _member(
        "police_analyst",
        "se-noa",
        OrganisationKind.NATIONAL_POLICE,
        "SE",
        "Nationella operativa avdelningen",
        "analyst",
    )


@pytest.fixture
def oslo_analyst(db: None) -> User:
    return _member(
        "oslo_analyst",
        "no-district-oslo",
        OrganisationKind.POLICE_DISTRICT,
        "NO",
        "Oslo politidistrikt",
        "analyst",
    )


@pytest.fixture
def postnord_reporter(db: None) -> User:
    return _member(
        "postnord_reporter",
        "se-postnord",
        OrganisationKind.POSTAL_OPERATOR,
        "SE",
        "PostNord Sverige",
        "reporter",
    )


def write_csv(
    path: Path,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def import_file(
    by: User,
    connector: str,
    path: Path,
    *,
    mapping: dict[str, str] | None = None,
    batch_rows: int = 1000,
) -> ImportJob:
    """Create the job as the upload or the CLI does, and run it here to its end."""
    assert by.organisation is not None
    job = import_job_create(
        organisation=by.organisation,
        connector=connector,
        file=file_keep_copy(source=path),
        file_name=path.name,
        by=by,
        mapping=mapping,
    )
    return import_job_run(job_id=job.pk, batch_rows=batch_rows)
