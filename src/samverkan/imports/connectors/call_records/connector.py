"""Call records: the layout of ``call_records.csv`` and of operators' exports like it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from samverkan.access.roles import LAW_ENFORCEMENT, Role
from samverkan.imports.connectors.base import Connector, Field, ValueType
from samverkan.imports.connectors.call_records.models import CallRecord


class CallRecords(Connector):
    name = "call_records"
    label = _("Call records")
    description = _(
        "Calls from an operator's traffic data: A-number, B-number, start, duration, cell."
    )
    model = CallRecord
    organisation_kinds = LAW_ENFORCEMENT
    roles = frozenset({Role.OFFICER, Role.ANALYST})
    kept_from = "started_at"
    fields = (
        Field(
            "a_number",
            _("Calling number (A)"),
            ValueType.IDENTIFIER,
            "a_number",
            kinds=("phone",),
            country_hint=True,
            aliases=("a", "anumber", "caller", "from", "a_nummer", "anr"),
        ),
        Field(
            "b_number",
            _("Called number (B)"),
            ValueType.IDENTIFIER,
            "b_number",
            kinds=("phone",),
            country_hint=True,
            aliases=("b", "bnumber", "callee", "to", "b_nummer", "bnr"),
        ),
        Field(
            "started_at",
            _("Start"),
            ValueType.DATETIME,
            "start",
            aliases=("start_time", "started", "time", "starttid", "tidpunkt"),
        ),
        Field(
            "duration_seconds",
            _("Duration (seconds)"),
            ValueType.INTEGER,
            "duration_seconds",
            minimum=0,
            maximum=7 * 24 * 3600,
            aliases=("duration", "seconds", "varaktighet", "lengde"),
        ),
        Field(
            "cell",
            _("Cell"),
            ValueType.TEXT,
            "cell",
            required=False,
            aliases=("cell_id", "cgi", "mast", "basestation"),
        ),
    )
