"""Who may import what, and one organisation's jobs and rows are invisible to every other."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from samverkan.access.models import User
from samverkan.access.policy import NotFound
from samverkan.imports.selectors import (
    access_import_job,
    import_jobs_visible_to,
    imported_rows_visible_to,
)
from tests.conftest import login_verified
from tests.imports.conftest import import_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def noa_job_id(police_analyst: User, world_calls: Path) -> int:
    """A finished import of call records by the national unit."""
    return import_file(police_analyst, "call_records", world_calls).pk


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("police_analyst", True),
        ("customs_officer", True),
        ("postnord_reporter", True),
        ("oslo_coordinator", False),  # coordinators decide on leads, they do not import
        ("postal_agent", False),  # a shop reports items one by one
        ("outsider", False),
    ],
)
def test_only_importers_find_the_imports_page(
    client: Client, request: pytest.FixtureRequest, persona: str, allowed: bool
) -> None:
    user: User = request.getfixturevalue(persona)
    login_verified(client, user)
    assert client.get("/imports/").status_code == (200 if allowed else 404)


def test_a_postal_operator_is_offered_its_item_feed_only(
    client: Client, postnord_reporter: User, world_calls: Path
) -> None:
    login_verified(client, postnord_reporter)
    page = client.get("/imports/").content.decode()
    assert 'value="postal_items"' in page
    assert 'value="call_records"' not in page
    with world_calls.open("rb") as handle:
        refused = client.post(
            "/imports/", {"connector": "call_records", "file": handle}, HTTP_ACCEPT_LANGUAGE="en"
        )
    assert refused.status_code == 200
    assert "call_records is not one of the available choices" in refused.content.decode()


def test_another_organisations_job_is_as_missing_as_a_job_that_never_was(
    client: Client, oslo_analyst: User, noa_job_id: int
) -> None:
    login_verified(client, oslo_analyst)
    foreign = client.get(f"/imports/{noa_job_id}/")
    missing = client.get(f"/imports/{noa_job_id + 1000}/")
    assert foreign.status_code == missing.status_code == 404
    assert foreign.content == missing.content
    assert client.post(f"/imports/{noa_job_id}/resume/").status_code == 404
    listed = client.get("/imports/").content.decode()
    assert "call_records.csv" not in listed


def test_only_importers_of_the_same_organisation_see_its_jobs(
    police_analyst: User,
    oslo_analyst: User,
    customs_officer: User,
    postnord_reporter: User,
    noa_job_id: int,
) -> None:
    colleague = User.objects.create_user(
        username="noa_coordinator", organisation=police_analyst.organisation, roles=["coordinator"]
    )
    assert access_import_job(police_analyst, noa_job_id).pk == noa_job_id
    for reader in (oslo_analyst, customs_officer, postnord_reporter, colleague):
        assert not import_jobs_visible_to(reader=reader).exists()
        with pytest.raises(NotFound):
            access_import_job(reader, noa_job_id)


def test_imported_rows_are_filtered_by_organisation_in_the_query(
    police_analyst: User, oslo_analyst: User, postnord_reporter: User, noa_job_id: int
) -> None:
    own = imported_rows_visible_to(reader=police_analyst, connector="call_records")
    assert own.count() > 0
    assert "organisation_id" in str(own.query)
    assert not imported_rows_visible_to(reader=oslo_analyst, connector="call_records").exists()
    assert not imported_rows_visible_to(reader=postnord_reporter, connector="call_records").exists()


def test_an_upload_waiting_for_its_columns_belongs_to_its_session(
    client: Client, police_analyst: User, world_calls: Path
) -> None:
    login_verified(client, police_analyst)
    with world_calls.open("rb") as handle:
        uploaded = client.post("/imports/", {"connector": "call_records", "file": handle})
    assert uploaded.status_code == 302
    other = Client()
    login_verified(other, police_analyst)
    assert other.get(uploaded["Location"]).status_code == 404
    assert client.get(uploaded["Location"]).status_code == 200
