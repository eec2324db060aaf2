"""A postal operator's item feed: one event of one item per row."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from samverkan.access.models import OrganisationKind
from samverkan.access.roles import Role
from samverkan.imports.connectors.base import Connector, Field, ValueType
from samverkan.imports.connectors.postal_items.models import ItemFormat, PostalItemEvent

# The operators' own words for the three formats, in the three languages.
_FORMATS = {
    "letter": ItemFormat.LETTER,
    "brev": ItemFormat.LETTER,
    "large_letter": ItemFormat.LARGE_LETTER,
    "large letter": ItemFormat.LARGE_LETTER,
    "storbrev": ItemFormat.LARGE_LETTER,
    "parcel": ItemFormat.PARCEL,
    "paket": ItemFormat.PARCEL,
    "pakke": ItemFormat.PARCEL,
}


class PostalItems(Connector):
    name = "postal_items"
    label = _("Postal item feed")
    description = _(
        "A postal operator's item events: item id (S10), sender, recipient, weight, "
        "format, event, time."
    )
    model = PostalItemEvent
    organisation_kinds = frozenset({OrganisationKind.POSTAL_OPERATOR})
    roles = frozenset({Role.REPORTER, Role.ADMIN})
    kept_from = "event_at"
    fields = (
        Field(
            "item",
            _("Item id"),
            ValueType.IDENTIFIER,
            "item_id",
            kinds=("postal_item",),
            aliases=("item", "s10", "barcode", "forsandelse", "sendingsnummer", "kolli"),
        ),
        Field(
            "sender_name",
            _("Sender"),
            ValueType.IDENTIFIER,
            "sender",
            kinds=("person_name",),
            required=False,
            aliases=("sender_name", "avsandare", "avsender", "from"),
        ),
        Field(
            "sender_address",
            _("Sender's address"),
            ValueType.IDENTIFIER,
            "sender_address",
            kinds=("address",),
            required=False,
            aliases=("avsandaradress", "avsenderadresse", "from_address"),
        ),
        Field(
            "recipient_name",
            _("Recipient"),
            ValueType.IDENTIFIER,
            "recipient",
            kinds=("person_name",),
            required=False,
            aliases=("recipient_name", "mottagare", "mottaker", "to"),
        ),
        Field(
            "recipient_address",
            _("Recipient's address"),
            ValueType.IDENTIFIER,
            "recipient_address",
            kinds=("address",),
            required=False,
            aliases=("mottagaradress", "mottakeradresse", "to_address", "delivery_address"),
        ),
        Field(
            "weight_grams",
            _("Weight (grams)"),
            ValueType.INTEGER,
            "weight_grams",
            required=False,
            minimum=0,
            maximum=100_000,
            aliases=("weight", "vikt", "vekt", "gram"),
        ),
        Field(
            "format",
            _("Format"),
            ValueType.CHOICE,
            "format",
            choices=_FORMATS,
            aliases=("item_format", "typ", "type", "sendingstype"),
        ),
        Field(
            "event",
            _("Event"),
            ValueType.TEXT,
            "event",
            aliases=("event_code", "status", "handelse", "hendelse"),
        ),
        Field(
            "event_at",
            _("Time"),
            ValueType.DATETIME,
            "time",
            aliases=("event_time", "timestamp", "tid", "tidpunkt"),
        ),
    )
