"""Bulk imports: call records, company registers, plate hits and postal item feeds.

A file is uploaded (page or ``samverkan import``), becomes an ``ImportJob`` and
is read by the worker in batches. Each source is a plug-in under
``connectors/`` behind one interface (``connectors.base.Connector``); adding
one is the checklist in ``docs/importers.md``.

Invariants:

- A batch's rows, the job's progress offset and counts, and the batch's COLLECT
  audit event are written in one transaction: a killed worker leaves the job
  at the end of its last whole batch, never inside one.
- Every stored row has a natural identity (SHA-256 of its normalised values
  and the organisation) that is unique per organisation: importing a file
  again, or resuming a job, stores nothing twice.
- Jobs and imported rows belong to one organisation; every selector filters
  on it in the database.
"""
