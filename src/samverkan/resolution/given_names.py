"""Groups of given names that name one person ("Kalle" is Karl, "Mohamed" is Mohammed).

Invariant: ``given_name_group`` maps every name of a group to the group's
first name and any other name to itself, so two given names are
interchangeable exactly when their groups are equal. Names are compared in
folded form (``samverkan.identifiers.folding.fold``).

The groups are data (``data/given_names.txt``), kept small and deliberate:
a pet form that belongs to two names (Kalle for Karl and, rarely, Khalid)
is put with the commoner one, because a group is one equivalence class and
joining two classes would make every Karl a Khalid.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from samverkan.identifiers.folding import fold


@cache
def _groups() -> dict[str, str]:
    """Every grouped name with its group key, read once from the package data."""
    text = (
        resources.files("samverkan.resolution")
        .joinpath("data/given_names.txt")
        .read_text(encoding="utf-8")
    )
    groups: dict[str, str] = {}
    for line in text.splitlines():
        names = [fold(name) for name in line.split()] if not line.startswith("#") else []
        for name in names:
            if name in groups:
                raise ValueError(f"The given name {name!r} is in two groups of given_names.txt.")
            groups[name] = names[0]
    return groups


def given_name_group(first: str) -> str:
    """The key of the group of the folded given name ``first``: itself when it has none."""
    return _groups().get(first, first)
