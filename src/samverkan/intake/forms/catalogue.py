"""Which report forms exist, and who may fill in which.

Rules (``product.md``, "Who uses it"), one condition per line:

- Reporters of postal operators and agents use the postal item form, and no
  other.
- Officers, analysts and coordinators of police and customs use the
  seizure, courier statement, observation and intelligence forms.
- Everyone else (partners, administrators, auditors, people without an
  organisation) has no report form: for them the pages do not exist.
"""

from __future__ import annotations

from samverkan.access.models import User
from samverkan.access.policy import reads_intelligence
from samverkan.access.roles import POSTAL, Role
from samverkan.intake.forms.courier_statement import CourierStatementEntry
from samverkan.intake.forms.entry import ReportEntry
from samverkan.intake.forms.intelligence import IntelligenceEntry
from samverkan.intake.forms.observation import ObservationEntry
from samverkan.intake.forms.postal_item import PostalItemEntry
from samverkan.intake.forms.seizure import SeizureEntry

POSTAL_ENTRIES: tuple[type[ReportEntry], ...] = (PostalItemEntry,)
OFFICER_ENTRIES: tuple[type[ReportEntry], ...] = (
    SeizureEntry,
    CourierStatementEntry,
    ObservationEntry,
    IntelligenceEntry,
)
ENTRIES: dict[str, type[ReportEntry]] = {
    entry.slug: entry for entry in (*POSTAL_ENTRIES, *OFFICER_ENTRIES)
}


def reports_postal_items(user: User) -> bool:
    return (
        user.is_active
        and user.organisation is not None
        and user.organisation.kind in POSTAL
        and user.has_role(Role.REPORTER)
    )


def entries_for(user: User) -> tuple[type[ReportEntry], ...]:
    """The forms this user may fill in, in the order they are offered."""
    if reports_postal_items(user):
        return POSTAL_ENTRIES
    if reads_intelligence(user):
        return OFFICER_ENTRIES
    return ()


def entry_for(user: User, slug: str) -> type[ReportEntry] | None:
    """The form ``slug`` if this user may fill it in; None for unknown and forbidden alike."""
    entry = ENTRIES.get(slug)
    if entry is None or entry not in entries_for(user):
        return None
    return entry
