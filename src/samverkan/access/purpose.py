"""The purpose a reader states before consulting personal data.

Directive 2016/680 Article 25 asks that every consultation be logged with its
justification. Officers and analysts state a purpose (a case or operation
reference and, optionally, a few words) once per session; it goes into every
audit event of their reads until they change it or log out. Reporters reading
their own organisation's reports have an implicit purpose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.sessions.backends.base import SessionBase
from django.utils.translation import gettext as _

from samverkan.access.models import User
from samverkan.access.policy import reads_intelligence

SESSION_KEY = "samverkan_purpose"
REFERENCE = re.compile(r"^[A-Za-z0-9ÅÄÖÆØåäöæø][A-Za-z0-9ÅÄÖÆØåäöæø ./:_-]{2,59}$")
OWN_REPORTS = "own reports: status and feedback"


class PurposeRequiredError(Exception):
    """The reader must state a purpose before this read."""


@dataclass(frozen=True, slots=True)
class Purpose:
    reference: str
    note: str = ""

    def __str__(self) -> str:
        """The purpose as logged: stable text, whatever the reader's language."""
        return f"{self.reference}: {self.note}" if self.note else self.reference

    @property
    def display(self) -> str:
        """The purpose as shown to the reader, in their language."""
        return str(_("your own reports")) if self.reference == OWN_REPORTS else str(self)


def purpose_set(*, session: SessionBase, reference: str, note: str) -> Purpose:
    reference, note = reference.strip(), " ".join(note.split())[:200]
    if not REFERENCE.match(reference):
        raise ValueError(reference)
    session[SESSION_KEY] = {"reference": reference, "note": note}
    return Purpose(reference, note)


def purpose_of(*, session: SessionBase, reader: User) -> Purpose:
    """The stated purpose, or the implicit one; raise if the reader must state one."""
    stated = session.get(SESSION_KEY)
    if stated:
        return Purpose(stated["reference"], stated.get("note", ""))
    if not reads_intelligence(reader):
        return Purpose(OWN_REPORTS)
    raise PurposeRequiredError
