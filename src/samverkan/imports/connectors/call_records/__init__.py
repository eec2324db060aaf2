"""Call records from an operator's traffic data: who called whom, when, how long, which cell."""

from samverkan.imports.connectors.call_records.connector import CallRecords

__all__ = ["CallRecords"]
