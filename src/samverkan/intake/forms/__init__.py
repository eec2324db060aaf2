"""The web forms that put reports in: one module per report kind, and the parts they share.

Invariant: every form ends in one ``ReportIn`` (``entry.ReportEntry.report_in``)
that the view hands to ``intake.services.report_submit`` — the same door as
the API. Nothing here writes to the database; identifiers are checked with
``samverkan.identifiers`` and their errors shown in the reader's language
(``identifier_messages``).

``catalogue`` says which forms exist and who may use them.
"""
