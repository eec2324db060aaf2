"""The token string: ``svk_<prefix>_<secret>``, made and checked without Django.

The prefix (8 lowercase hex digits) is public: it finds the token's row and
names the token in lists and audit events. The secret (43 URL-safe characters,
256 random bits) is never stored; its SHA-256 digest is. A slow password hash
would add nothing here: the secret is random and long, so guessing it is
hopeless however fast the digest, and every API request must check one.
Digests are compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

_PREFIX_LENGTH = 8
_TOKEN = re.compile(r"^svk_(?P<prefix>[0-9a-f]{8})_(?P<secret>[A-Za-z0-9_-]{43})$")


@dataclass(frozen=True, slots=True)
class Credential:
    prefix: str
    secret: str

    def __str__(self) -> str:
        return f"svk_{self.prefix}_{self.secret}"

    def __repr__(self) -> str:
        return f"Credential(prefix={self.prefix!r}, secret=…)"


def credential_new() -> Credential:
    """A fresh token: random prefix, random 256-bit secret."""
    return Credential(secrets.token_hex(_PREFIX_LENGTH // 2), secrets.token_urlsafe(32))


def credential_parse(raw: str) -> Credential | None:
    """The token's parts, or ``None`` when ``raw`` is not shaped like a token at all."""
    match = _TOKEN.match(raw.strip())
    if match is None:
        return None
    return Credential(match["prefix"], match["secret"])


def secret_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


def secret_matches(secret: str, digest: str) -> bool:
    """Whether ``secret`` hashes to ``digest``, compared in constant time."""
    return hmac.compare_digest(secret_digest(secret), digest)
