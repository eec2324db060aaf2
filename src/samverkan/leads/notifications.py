"""Telling people what happened to a lead: a notification in the app, and an e-mail.

Invariants: a notification is written in the transaction of the change it
reports, so a change that is rolled back tells nobody; the e-mail goes out
from the worker after the commit, in the language of the recipient's country,
and carries no personal data (the lead's number and what happened, and a
link), since e-mail leaves the system.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from samverkan.access.models import Organisation, User
from samverkan.access.roles import Role
from samverkan.leads.models import LeadEvent, LeadEventKind, Notification

LANGUAGE_OF_COUNTRY = {"SE": "sv", "NO": "nb"}


def coordinators_of(organisation_id: int) -> list[User]:
    return _with_role(User.objects.filter(organisation_id=organisation_id), {Role.COORDINATOR})


def people_of(organisation_id: int) -> list[User]:
    """Everyone in an organisation who works with reports or leads."""
    roles = {Role.COORDINATOR, Role.ANALYST, Role.OFFICER, Role.REPORTER}
    return _with_role(User.objects.filter(organisation_id=organisation_id), roles)


def _with_role(users: QuerySet[User], roles: set[Role]) -> list[User]:
    return [u for u in users.filter(is_active=True) if any(u.has_role(r) for r in roles)]


def notify(*, event: LeadEvent, users: Iterable[User]) -> list[Notification]:
    """Tell each user (once) about the event; the e-mails leave after the commit."""
    unique = {user.pk: user for user in users}
    made = Notification.objects.bulk_create(
        [
            Notification(user=user, lead_id=event.lead_id, event=event, created_at=event.at)
            for user in unique.values()
        ]
    )
    ids = [n.pk for n in made]
    if ids:
        from samverkan.leads.tasks import notifications_mail  # the worker's task module

        transaction.on_commit(lambda: notifications_mail(ids))
    return made


def message(event: LeadEvent) -> str:
    """What happened, in one sentence in the active language, without personal data."""
    details = event.details
    organisation = _organisation_name(event.organisation_id)
    texts = {
        LeadEventKind.CREATED: _("Lead %(lead)s was made (score %(score)s).")
        % {"lead": event.lead_id, "score": details.get("score", 0)},
        LeadEventKind.RESCORED: _("The score of lead %(lead)s rose from %(old)s to %(new)s.")
        % {"lead": event.lead_id, "old": details.get("old", 0), "new": details.get("new", 0)},
        LeadEventKind.QUEUED: _(
            "Lead %(lead)s waits for capacity with %(organisation)s until %(deadline)s."
        )
        % {
            "lead": event.lead_id,
            "organisation": organisation,
            "deadline": details.get("deadline", ""),
        },
        LeadEventKind.OFFERED: _(
            "Lead %(lead)s is offered to %(organisation)s; answer by %(deadline)s."
        )
        % {
            "lead": event.lead_id,
            "organisation": organisation,
            "deadline": details.get("deadline", ""),
        },
        LeadEventKind.ACCEPTED: _("%(organisation)s accepted lead %(lead)s.")
        % {"lead": event.lead_id, "organisation": organisation},
        LeadEventKind.DECLINED: _("%(organisation)s declined lead %(lead)s.")
        % {"lead": event.lead_id, "organisation": organisation},
        LeadEventKind.EXPIRED: _("The offer of lead %(lead)s to %(organisation)s expired.")
        % {"lead": event.lead_id, "organisation": organisation},
        LeadEventKind.ESCALATED: _("Lead %(lead)s was escalated to %(organisation)s.")
        % {"lead": event.lead_id, "organisation": organisation},
        LeadEventKind.REASSIGNED: _("Lead %(lead)s was reassigned to %(organisation)s.")
        % {"lead": event.lead_id, "organisation": organisation},
        LeadEventKind.CLOSED: _("Lead %(lead)s was closed by %(organisation)s.")
        % {"lead": event.lead_id, "organisation": organisation},
    }
    return texts[LeadEventKind(event.kind)]


def _organisation_name(organisation_id: int | None) -> str:
    if organisation_id is None:
        return "—"
    names = Organisation.objects.filter(pk=organisation_id).values_list("name", flat=True)
    return names.first() or "—"


def mail_send(*, notification_ids: list[int]) -> int:
    """Send the e-mails of these notifications (from the worker); returns how many went."""
    from django.core.mail import send_mail

    sent = 0
    for notification in Notification.objects.filter(pk__in=notification_ids).select_related(
        "user__organisation", "event"
    ):
        user = notification.user
        if not user.email or not user.is_active:
            continue
        country = user.organisation.country if user.organisation else "SE"
        with translation.override(LANGUAGE_OF_COUNTRY.get(country, "en")):
            text = message(notification.event)
            link = settings.SITE_URL.rstrip("/") + reverse(
                "lead_detail", args=[notification.lead_id]
            )
            send_mail(
                subject=_("Samverkan: lead %(lead)s") % {"lead": notification.lead_id},
                message=f"{text}\n\n{link}\n",
                from_email=None,
                recipient_list=[user.email],
            )
        sent += 1
    return sent
