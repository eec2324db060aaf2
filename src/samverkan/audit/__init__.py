"""The audit trail: an append-only, hash-chained record of every use of personal data.

Invariant: event ``n`` stores ``prev_hash`` = entry hash of event ``n - 1`` and
``entry_hash`` = SHA-256(prev_hash + canonical JSON of its own fields). Events
are written in the same transaction as what they record, by one writer at a
time (the head row is locked), and the database refuses UPDATE and DELETE on
them. ``samverkan audit verify`` recomputes the chain.
"""
