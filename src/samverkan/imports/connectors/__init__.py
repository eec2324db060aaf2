"""The connectors: one folder per bulk source, each a ``base.Connector``.

To add one, follow ``docs/importers.md``; the last step is one line in
``CONNECTORS`` below. Importing this package registers every connector's
table with Django (``samverkan.imports.models`` does so at start-up).
"""

from __future__ import annotations

from samverkan.imports.connectors.base import Connector
from samverkan.imports.connectors.call_records import CallRecords
from samverkan.imports.connectors.company_register import CompanyRegister
from samverkan.imports.connectors.plate_hits import PlateHits
from samverkan.imports.connectors.postal_items import PostalItems

CONNECTORS: dict[str, type[Connector]] = {
    connector.name: connector
    for connector in (CallRecords, CompanyRegister, PlateHits, PostalItems)
}


class UnknownConnectorError(LookupError):
    """No connector has this name; the message lists those there are."""


def connector_named(name: str) -> type[Connector]:
    try:
        return CONNECTORS[name]
    except KeyError:
        raise UnknownConnectorError(
            f"There is no connector {name!r}; the connectors are {', '.join(CONNECTORS)}."
        ) from None


__all__ = ["CONNECTORS", "Connector", "UnknownConnectorError", "connector_named"]
