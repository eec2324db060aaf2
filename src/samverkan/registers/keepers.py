"""A keeper's number as the vehicle register table keeps it: a keyed digest.

Invariant: ``keeper_digest(kind, key)`` is the same for the same identifier
(its mention kind and canonical key) as long as ``SECRET_KEY`` is; after
rotating the key, load the register again.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings


def keeper_digest(kind: str, key: str) -> str:
    """HMAC-SHA256 of "kind:key" under a key derived from ``SECRET_KEY``."""
    secret = hashlib.sha256(f"samverkan.registers.keeper:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(secret, f"{kind}:{key}".encode(), hashlib.sha256).hexdigest()
