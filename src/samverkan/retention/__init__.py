"""Retention: personal data that led nowhere is erased on schedule, counts are kept.

Invariant: a report is erased only when a rule for its kind says its period
is over and nothing holds it (``Report.retention_hold``, set while a lead or
case depends on it). Each erasure is one audit event in the same transaction
as the delete, and the report's contribution to the statistics (``ReportTally``)
is recorded first, so trends survive the data.
"""
