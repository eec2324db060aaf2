"""Retention runs every night in the worker."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from samverkan.retention.services import retention_run


@db_periodic_task(crontab(hour="2", minute="30"))
def retention_nightly() -> int:
    """Erase what is due; the run and each erasure are recorded."""
    return retention_run(dry_run=False).erased
