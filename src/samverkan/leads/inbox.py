"""A user's notifications marked as read: the one write of the notifications page.

Invariant: a user marks only their own notifications, and a notification is
read once (the first time stays). Notifications carry no personal data, so
reading them is not a consultation and is not audited.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from samverkan.access.models import User
from samverkan.leads.models import Notification


def notifications_read_all(*, user: User, now: datetime.datetime | None = None) -> int:
    """Mark every unread notification of the user as read now; returns how many."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=now or timezone.now()
    )
