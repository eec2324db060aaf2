"""E-mail addresses, keyed as lower-case local part "@" IDNA-encoded domain.

Invariant: a key has exactly one "@", a non-empty local part without
spaces, and an ASCII domain of at least two dot-separated labels, each 1-63
letters, digits or hyphens.

Pitfalls:

- The local part is lower-cased although RFC 5321 lets servers treat it
  case-sensitively: no provider in use does, and writers change case freely.
  Provider tricks such as Gmail's dots and "+tags" are *not* removed: they
  would merge different mailboxes on other providers.
- Domains are encoded with Python's ``idna`` codec (IDNA 2003), so
  "exämple.se" and "xn--exmple-cua.se" give the same key; the display shows
  the Unicode form. IDNA 2003 maps "ß" to "ss", so "straße.de" and
  "strasse.de" meet although IDNA 2008 keeps them apart.
- "mailto:" prefixes (with any "?subject=" tail) and "<...>" brackets are
  dropped. Syntax checking is deliberately minimal: this is for matching
  what was written, not for deciding whether mail would be delivered.
"""

from __future__ import annotations

import re

from samverkan.identifiers._base import Identifier, InvalidIdentifier, prepare

KIND = "email"
_LABEL = "e-mail address"
_MAILTO = re.compile(r"^mailto:([^?]*)(?:\?.*)?$", re.IGNORECASE)
_ASCII_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")


def normalise(raw: str, *, region: str | None = None) -> Identifier:
    """Parse an e-mail address; ``region`` is not used."""
    text = prepare(raw, kind=KIND, label=_LABEL)
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1].strip()
    if mailto := _MAILTO.match(text):
        text = mailto[1].strip()
    if text.count("@") != 1:
        raise InvalidIdentifier(
            KIND, "format", f"An e-mail address has exactly one @; this has {text.count('@')}."
        )
    local, domain = text.split("@")
    if not local or re.search(r"\s", local):
        raise InvalidIdentifier(
            KIND, "format", "The part before the @ is empty or contains spaces."
        )
    ascii_domain, unicode_domain = _domain_forms(domain)
    local = local.lower()
    return Identifier(kind=KIND, key=f"{local}@{ascii_domain}", display=f"{local}@{unicode_domain}")


def _domain_forms(domain: str) -> tuple[str, str]:
    """Return the domain in lower-case ASCII (IDNA) and in Unicode, or raise ``format``."""
    domain = domain.strip().rstrip(".").lower()
    if "." not in domain:
        raise InvalidIdentifier(
            KIND, "format", "The domain after the @ needs a dot, as in example.se."
        )
    try:
        encoded = domain.encode("idna").decode("ascii")
        decoded = encoded.encode("ascii").decode("idna")
    except UnicodeError:
        raise InvalidIdentifier(
            KIND, "format", f"The domain {domain!r} is not a valid internet domain name."
        ) from None
    if not all(_ASCII_LABEL.fullmatch(label) for label in encoded.split(".")):
        raise InvalidIdentifier(
            KIND,
            "format",
            f"The domain {domain!r} is not valid: each part between dots is letters, digits "
            "and hyphens, and does not start or end with a hyphen.",
        )
    return encoded, decoded
