"""The value, the error and the input clean-up that every identifier kind shares.

Invariant: nothing here knows about a particular kind; each kind's module
imports from here and never from another kind's module.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Protocol

# Dashes and minus signs that word processors and PDFs put where a "-" was typed.
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63", "-"))
_WHITESPACE = re.compile(r"\s+")
# Far above any real identifier or address; keeps the regular expressions fast
# on text pasted into the wrong field.
MAX_LENGTH = 400


@dataclass(frozen=True, slots=True)
class Identifier:
    """One identifier reduced to its canonical key.

    ``key`` is what lookups and joins compare; ``display`` is for people and is
    never compared.
    """

    kind: str
    key: str
    display: str


# The name is the package's published interface, hence no "Error" suffix.
class InvalidIdentifier(ValueError):  # noqa: N818
    """The raw text is not a valid identifier of the requested kind.

    ``code`` is short and stable so that the web layer can translate it;
    ``message`` is an English sentence that says what is wrong.
    """

    def __init__(self, kind: str, code: str, message: str) -> None:
        # All three go to args so that the exception survives pickling
        # (task queues, multiprocessing) and comes back equal.
        super().__init__(kind, code, message)
        self.kind = kind
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return self.message


class Normaliser(Protocol):
    """The one interface every kind's module implements."""

    def __call__(self, raw: str, *, region: str | None = None) -> Identifier: ...


def prepare(raw: str, *, kind: str, label: str) -> str:
    """Return ``raw`` with Unicode look-alikes folded and whitespace collapsed.

    NFKC turns full-width digits, non-breaking spaces and ligatures copied from
    PDFs and chat apps into their plain forms; typographic dashes become "-".
    Raises ``empty`` when no letter or digit is left, ``length`` when the
    text is longer than ``MAX_LENGTH``.
    """
    text = unicodedata.normalize("NFKC", raw).translate(_DASHES)
    text = _WHITESPACE.sub(" ", text).strip()
    if not any(char.isalnum() for char in text):
        raise InvalidIdentifier(kind, "empty", f"No {label} was given.")
    if len(text) > MAX_LENGTH:
        raise InvalidIdentifier(
            kind, "length", f"This is too long to be one {label} ({len(text)} characters)."
        )
    return text


def clean_region(region: str | None, *, kind: str) -> str | None:
    """Return the region hint upper-cased, or raise ``country`` if it is not two letters."""
    if region is None:
        return None
    cleaned = region.strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", cleaned):
        raise InvalidIdentifier(
            kind, "country", f"The country hint {region!r} is not a two-letter ISO country code."
        )
    return cleaned


def require_nordic_region(region: str | None, *, kind: str, label: str) -> str | None:
    """Return "SE", "NO" or None; any other country raises ``country``."""
    cleaned = clean_region(region, kind=kind)
    if cleaned not in (None, "SE", "NO"):
        raise InvalidIdentifier(
            kind,
            "country",
            f"Only Swedish and Norwegian {label}s are understood, not country {cleaned}.",
        )
    return cleaned
