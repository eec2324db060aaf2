"""The suite runs on the database it was asked for: SQLite by default, PostgreSQL in its run."""

from __future__ import annotations

import os

import pytest
from django.db import connection


@pytest.mark.django_db
def test_runs_on_the_configured_database() -> None:
    url = os.environ.get("SAMVERKAN_DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected
