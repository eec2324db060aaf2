"""Words people read for the schema's codes: subject roles and mention kinds."""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from samverkan.intake.models import Report

SUBJECT_ROLES: dict[str, Promise] = {
    "courier": _("Courier"),
    "backer": _("Backer"),
    "sender": _("Sender"),
    "recipient": _("Recipient"),
    "suspect": _("Suspect"),
    "owner": _("Owner"),
    "seen": _("Seen"),
    "item": _("Postal item"),
    "vehicle": _("Vehicle"),
    "phone": _("Phone"),
    "company": _("Company"),
    "account": _("Account"),
    "place": _("Place"),
}

MENTION_KINDS: dict[str, Promise] = {
    "phone": _("Phone"),
    "se_personal_number": _("Swedish personal number"),
    "no_personal_number": _("Norwegian national identity number"),
    "se_org_number": _("Swedish organisation number"),
    "no_org_number": _("Norwegian organisation number"),
    "iban": _("IBAN"),
    "se_bank_account": _("Swedish bank account"),
    "plate": _("Registration plate"),
    "postal_item": _("Item id"),
    "email": _("Email"),
    "imei": _("IMEI"),
    "person_name": _("Name"),
    "address": _("Address"),
    "nickname": _("Nickname"),
    "birth_date": _("Birth date"),
    "company_name": _("Company name"),
}


def subjects_for_display(
    report: Report, *, entities: dict[int, tuple[int, int]]
) -> list[dict[str, Any]]:
    """The report's subjects in the reader's language; each mention with its key and entity.

    ``entities`` maps a mention's id to its entity's id and the number of
    reports the reader may see that name it.
    """
    subjects: dict[str, dict[str, Any]] = {}
    for mention in report.mentions.order_by("pk"):
        subject = subjects.setdefault(
            mention.subject_ref,
            {"role": SUBJECT_ROLES.get(mention.subject_role, mention.subject_role), "mentions": []},
        )
        subject["mentions"].append(
            {
                "label": MENTION_KINDS.get(mention.kind, mention.kind),
                "raw": mention.raw,
                "key": mention.key,
                "invalid": bool(mention.problem),
                "entity": entities.get(mention.pk),
            }
        )
    return list(subjects.values())
