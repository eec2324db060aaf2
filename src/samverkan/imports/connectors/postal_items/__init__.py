"""A postal operator's item feed: item id, sender, recipient, weight, format, event, time."""

from samverkan.imports.connectors.postal_items.connector import PostalItems

__all__ = ["PostalItems"]
