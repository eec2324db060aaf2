"""Plate hits: one camera read per row."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from samverkan.access.roles import LAW_ENFORCEMENT, Role
from samverkan.imports.connectors.base import Connector, Field, ValueType
from samverkan.imports.connectors.plate_hits.models import PlateHit


class PlateHits(Connector):
    name = "plate_hits"
    label = _("Number-plate hits")
    description = _("Reads of number-plate cameras: plate, camera, time, place.")
    model = PlateHit
    organisation_kinds = LAW_ENFORCEMENT
    roles = frozenset({Role.OFFICER, Role.ANALYST})
    kept_from = "seen_at"
    fields = (
        Field(
            "plate",
            _("Plate"),
            ValueType.IDENTIFIER,
            "plate",
            kinds=("plate",),
            aliases=("registration", "reg", "regnr", "registreringsnummer", "kjennemerke"),
        ),
        Field(
            "camera",
            _("Camera"),
            ValueType.TEXT,
            "camera",
            aliases=("camera_id", "reader", "kamera"),
        ),
        Field(
            "seen_at",
            _("Time"),
            ValueType.DATETIME,
            "time",
            aliases=("seen_at", "timestamp", "read_at", "tid", "tidpunkt"),
        ),
        Field(
            "place",
            _("Place"),
            ValueType.TEXT,
            "place",
            required=False,
            aliases=("location", "site", "plats", "sted"),
        ),
    )
