"""What the vehicle register says about identifiers written in reports."""

from __future__ import annotations

from collections.abc import Iterable

from samverkan.registers.keepers import keeper_digest
from samverkan.registers.models import RegisteredVehicle
from samverkan.registers.services import KEEPER_KINDS


def plates_kept_by(identifiers: Iterable[tuple[str, str]]) -> set[str]:
    """The plate keys registered to any of ``identifiers`` ((mention kind, key) pairs)."""
    digests = {keeper_digest(kind, key) for kind, key in identifiers if kind in KEEPER_KINDS}
    if not digests:
        return set()
    return set(
        RegisteredVehicle.objects.filter(keeper_digest__in=digests).values_list(
            "plate_key", flat=True
        )
    )


def plates_registered(plates: Iterable[str]) -> set[str]:
    """Those of ``plates`` (plate keys) that the register knows."""
    wanted = set(plates)
    if not wanted:
        return set()
    return set(
        RegisteredVehicle.objects.filter(plate_key__in=wanted).values_list("plate_key", flat=True)
    )
