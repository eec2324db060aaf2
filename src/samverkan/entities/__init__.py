"""Entities: the people, phones, addresses, items, vehicles, companies and accounts behind mentions.

Invariant: mentions are never changed; an entity is a cluster over mentions,
held by links (``EntityMention``). A mention with a canonical key joins the
entity with that key in the same transaction as the report that carries it
(instant linking), so the fifth courier who names a phone number lands on the
same entity as the first four, whatever their writing.
"""
