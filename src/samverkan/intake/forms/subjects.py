"""Subjects made from single boxes: the item by its id, the vehicle by its plate.

Invariant: a subject exists only if at least one of its boxes was filled;
values go in as written.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import forms

from samverkan.intake.forms.people import SubjectForm
from samverkan.intake.schemas import Mention, MentionKind, Subject, SubjectRole


def subject_of(
    ref: str, role: SubjectRole, mentions: Iterable[tuple[MentionKind, str]]
) -> Subject | None:
    """A subject of the filled ``(kind, value)`` pairs, or None if none is filled."""
    filled = [Mention(kind=kind, value=value) for kind, value in mentions if value]
    return Subject(ref=ref, role=role, mentions=filled) if filled else None


def item_and_vehicle(*, item_id: str, plate: str) -> list[Subject]:
    """The postal item and the vehicle a report names by id or plate, if it names them."""
    found = [
        subject_of("item", SubjectRole.ITEM, [(MentionKind.POSTAL_ITEM, item_id)]),
        subject_of("vehicle", SubjectRole.VEHICLE, [(MentionKind.PLATE, plate)]),
    ]
    return [subject for subject in found if subject is not None]


def numbered_subjects(
    rows: Iterable[forms.Form], *, ref: str, role: SubjectRole | None = None
) -> list[Subject]:
    """One subject per filled row, ``ref-1``, ``ref-2``…; each row's own role unless given."""
    found: list[Subject] = []
    for row in rows:
        if not isinstance(row, SubjectForm):
            continue
        chosen = role or SubjectRole(row.cleaned_data.get("role") or SubjectRole.SUSPECT)
        subject = row.subject(ref=f"{ref}-{len(found) + 1}", role=chosen)
        if subject is not None:
            found.append(subject)
    return found
