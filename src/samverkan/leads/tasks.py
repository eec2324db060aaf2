"""The leads' scheduled work in the worker: new evidence, offers, deadlines, e-mail."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from samverkan.leads.detection import leads_detect, leads_refresh
from samverkan.leads.notifications import mail_send
from samverkan.leads.services import leads_allocate, leads_expire


@db_periodic_task(crontab(minute="*/5"))
def leads_every_few_minutes() -> dict[str, int]:
    """Score entities with new evidence, expire what is overdue, offer what waits."""
    refreshed = leads_refresh()
    expired = leads_expire()
    offered = leads_allocate()
    return {"rescored": refreshed, "expired": expired, "offered": offered}


@db_periodic_task(crontab(hour="3", minute="15"))
def leads_nightly() -> int:
    """Score every entity again: merges and erasures change evidence without new links."""
    return leads_detect().created


@db_task(retries=3, retry_delay=60)
def notifications_mail(notification_ids: list[int]) -> int:
    return mail_send(notification_ids=notification_ids)
