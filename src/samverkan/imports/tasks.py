"""Imports run in the worker; a job whose worker was lost is queued again within minutes.

A task may run twice or find its job taken over by another run: the job's
claim (``running``) makes that harmless, so queuing again is always safe.
"""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from samverkan.imports.running import import_job_run


@db_task()
def import_job_task(job_id: int) -> str:
    """Run or resume one job; returns its status at the end."""
    return str(import_job_run(job_id=job_id).status)


@db_periodic_task(crontab(minute="*/2"))
def import_jobs_revive_task() -> int:
    """Queue again the jobs whose worker died (killed, machine restarted)."""
    # services queues through this module's task: import it here, not at the top.
    from samverkan.imports.services import import_jobs_revive

    return len(import_jobs_revive())
