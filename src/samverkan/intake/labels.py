"""Words people read for the schema's codes: subject roles and mention kinds."""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

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


def subjects_for_display(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """The report's subjects with their role and mention kinds in the reader's language."""
    return [
        {
            "role": SUBJECT_ROLES.get(subject["role"], subject["role"]),
            "mentions": [
                (MENTION_KINDS.get(mention["kind"], mention["kind"]), mention["value"])
                for mention in subject["mentions"]
            ],
        }
        for subject in payload.get("subjects", [])
    ]
