"""What the public registers say, kept only as far as the linking rules ask it."""

from __future__ import annotations

from django.db import models


class RegisteredVehicle(models.Model):
    """One plate of the vehicle register and a keyed digest of its keeper's number.

    The digest (``registers.keepers.keeper_digest``) answers "is the person
    or company named here the keeper of this plate?" and nothing else: the
    table holds no readable personal number, and no name or address.
    """

    plate_key = models.CharField(max_length=40, unique=True)
    keeper_digest = models.CharField(max_length=64, db_index=True)

    def __str__(self) -> str:
        return self.plate_key
