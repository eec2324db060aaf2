"""``samverkan.leads``: leads that are scored, routed, offered against capacity and escalated.

A lead is a target worth follow-up (a backer's phone, a drop address, a
person, or a group of linked entities). Its life, in the modules here:

- ``weights`` — the one configuration of the score; ``scoring`` turns the
  evidence (``evidence``) into terms a reader can check, point by point.
- ``routing`` — which police district answers for the lead, from its places.
- ``allocation`` — the exact optimiser that offers queued leads to districts
  within the capacity they declared (``scipy.optimize.milp``).
- ``chain`` — who is next when a district declines or lets an offer expire.
- ``detection`` — making leads (by score or by an analyst) and rescoring
  them as evidence arrives; ``services`` — offers and decisions; both
  leave a history event and an audit event (``history``) and tell people
  (``notifications``).

The invariant every service keeps (and ``tests/leads`` proves with a stateful
test): every lead always has an owner, a status and a deadline, and no lead
leaves the system without a recorded outcome.
"""
