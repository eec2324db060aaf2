"""The access matrix for imported rows: every role of every organisation kind against every source.

Rows of each source are imported by one organisation of each kind that may
import it. The expected answer is ``_may_read`` below, the rule of
``access.policy.imported_rows_visible_to`` restated plainly; the system's
answer is the database query. Any difference is a leak or a wrongful denial.
Then the rule that imported rows never make an entity exist for a reader.
"""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass

import pytest

from samverkan.access.models import Organisation, OrganisationKind, User
from samverkan.access.policy import (
    Action,
    NotFound,
    access_entity,
    entities_visible_to,
    imported_rows_visible_to,
)
from samverkan.access.roles import LAW_ENFORCEMENT, ROLES_BY_ORGANISATION_KIND, Role
from samverkan.entities.models import Entity
from samverkan.imports.connectors import CONNECTORS
from samverkan.imports.connectors.base import Record
from samverkan.imports.models import ImportJob
from samverkan.imports.storage import ImportedRow
from samverkan.intake.schemas import ReportIn
from samverkan.intake.services import report_submit
from tests.imports.test_imports_connectors import SAMPLES

pytestmark = pytest.mark.django_db

# Sources law enforcement collects itself: read inside the importing organisation only.
OWN_SOURCES = {"call_records", "plate_hits", "company_register"}


@dataclass
class Row:
    connector: str
    organisation: Organisation
    pk: int


def _organisations() -> list[Organisation]:
    return [
        Organisation.objects.create(
            code=f"{kind.value.replace('_', '-')}-{number}",
            kind=kind,
            country="SE",
            name=f"{kind.label} {number}",
        )
        for kind, number in itertools.product(OrganisationKind, (1, 2))
    ]


def _readers(organisations: list[Organisation]) -> list[User]:
    readers = [
        User.objects.create(
            username=f"{organisation.code}-{role or 'none'}",
            organisation=organisation,
            roles=[role] if role else [],
        )
        for organisation in organisations
        for role in [*sorted(ROLES_BY_ORGANISATION_KIND[organisation.kind]), None]
    ]
    readers.append(User.objects.create(username="no-organisation", roles=[Role.ANALYST]))
    readers.append(
        User.objects.create(
            username="disabled-analyst",
            organisation=organisations[0],
            roles=[Role.ANALYST],
            is_active=False,
        )
    )
    return readers


def _rows(organisations: list[Organisation]) -> list[Row]:
    """One row of every source from the first organisation of each kind that imports it."""
    rows = []
    for name, connector in CONNECTORS.items():
        for organisation in organisations:
            if (
                organisation.kind not in connector.organisation_kinds
                or organisation.code[-1] != "1"
            ):
                continue
            job = ImportJob.objects.create(
                organisation=organisation,
                connector=name,
                file_path="imports/none.csv",
                file_name="none.csv",
                file_sha256="0" * 64,
                file_bytes=0,
            )
            record = connector(country="SE").parse_row(SAMPLES[name])
            assert isinstance(record, Record), record
            stored: ImportedRow = connector(country="SE").stored_row(
                record,
                job_id=job.pk,
                organisation_id=organisation.pk,
                line=2,
                row_hash=hashlib.sha256(f"{name}{organisation.code}".encode()).digest(),
            )
            stored.save()
            rows.append(Row(name, organisation, stored.pk))
    return rows


def _may_read(reader: User, row: Row) -> bool:
    """The rule, restated plainly."""
    if not reader.is_active or reader.organisation is None:
        return False
    if reader.organisation.kind not in LAW_ENFORCEMENT:
        return False
    if not set(reader.roles) & {"officer", "analyst", "coordinator"}:
        return False
    if row.connector in OWN_SOURCES:
        return row.organisation.pk == reader.organisation.pk
    return True


def test_every_reader_reads_exactly_the_imported_rows_the_rule_allows() -> None:
    organisations = _organisations()
    readers = _readers(organisations)
    rows = _rows(organisations)
    assert {row.connector for row in rows} == set(CONNECTORS)
    leaks, denials, outcomes = [], [], set()
    for reader, row in itertools.product(readers, rows):
        readable = imported_rows_visible_to(reader=reader, connector=CONNECTORS[row.connector])
        seen = readable.filter(pk=row.pk).exists()
        expected = _may_read(reader, row)
        outcomes.add(expected)
        case = f"{reader.username} → {row.connector} of {row.organisation.code}"
        if seen and not expected:
            leaks.append(case)
        if expected and not seen:
            denials.append(case)
    assert not leaks, f"{len(leaks)} leaks: {leaks[:20]}"
    assert not denials, f"{len(denials)} wrongful denials: {denials[:20]}"
    assert outcomes == {True, False}
    assert len(readers) * len(rows) > 300


def test_imported_rows_never_make_an_entity_exist_for_a_reader() -> None:
    """A phone named only in a RED report, and in every organisation's call records."""
    organisations = _organisations()
    readers = _readers(organisations)
    _rows(organisations)
    submitter = next(r for r in readers if r.username == "customs-1-officer")
    data = ReportIn.model_validate(
        {
            "kind": "intelligence",
            "external_id": "red-1",
            "occurred_at": "2026-05-02T06:40:00+02:00",
            "handling": {"tlp": "RED"},
            "subjects": [
                {
                    "ref": "s",
                    "role": "suspect",
                    "mentions": [{"kind": "phone", "value": "070-123 45 67"}],
                }
            ],
        }
    )
    assert submitter.organisation is not None
    report_submit(organisation=submitter.organisation, data=data, by=submitter, via="test")
    phone = Entity.objects.get(kind="phone", key="+46701234567")  # the sample call's a-number
    for reader in readers:
        exists = entities_visible_to(reader=reader).filter(pk=phone.pk).exists()
        assert exists == (reader == submitter), reader.username
        if reader != submitter:
            with pytest.raises(NotFound):
                access_entity(reader, phone.pk, Action.VIEW)
