"""Who may import which source. One condition per line, as in ``samverkan.access.policy``.

- Officers and analysts of law enforcement (police, customs) import call
  records, plate hits and company registers.
- Reporters and administrators of a postal operator import their own item
  feed; postal agents (shops) do not import.
- Each connector says this with its ``organisation_kinds`` and ``roles``;
  a user needs both: their organisation's kind and one of the roles.
- Nobody inactive or without an organisation imports anything.

The same rule decides who sees an organisation's jobs of a source on the
import pages: those of the organisation who may import that source. Who
reads imported rows on entity pages is ``access.policy.imported_rows_visible_to``.
"""

from __future__ import annotations

from samverkan.access.models import Organisation, User
from samverkan.imports.connectors import CONNECTORS, Connector


def organisation_may_import(organisation: Organisation, connector: type[Connector]) -> bool:
    return organisation.kind in connector.organisation_kinds


def may_import(user: User, connector: type[Connector]) -> bool:
    return (
        user.is_active
        and user.organisation is not None
        and organisation_may_import(user.organisation, connector)
        and any(user.has_role(role) for role in connector.roles)
    )


def connectors_importable_by(user: User) -> list[type[Connector]]:
    return [connector for connector in CONNECTORS.values() if may_import(user, connector)]
