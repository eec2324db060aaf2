"""Form fields for identifiers: checked with ``samverkan.identifiers``, kept as written.

Invariant: a field's cleaned value is the text as the person wrote it
(trimmed), because mentions are never rewritten; the check only decides
whether it may be stored. The same ``identifier_check`` answers the
as-you-type requests, so the browser and the server can never disagree.

``personal_number`` is a form-only kind: one box for Swedish and Norwegian
numbers, told apart by their digits (eleven are Norwegian, ten or twelve
Swedish) and stored under the kind that accepted it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django import forms

from samverkan.identifiers import KINDS, InvalidIdentifier, normalise
from samverkan.intake.forms.identifier_messages import identifier_message

PERSONAL_NUMBER = "personal_number"
CHECKABLE_KINDS: frozenset[str] = frozenset({*KINDS, PERSONAL_NUMBER})

# What a phone keyboard should offer for each kind, and how it should not "help".
_WIDGET_ATTRS: dict[str, dict[str, str]] = {
    "postal_item": {"autocapitalize": "characters", "enterkeyhint": "next"},
    "plate": {"autocapitalize": "characters"},
    "phone": {"type": "tel", "inputmode": "tel"},
    PERSONAL_NUMBER: {"inputmode": "text"},
    "email": {"type": "email", "inputmode": "email"},
    "iban": {"autocapitalize": "characters"},
    "imei": {"inputmode": "numeric"},
    "person_name": {"autocapitalize": "words"},
    "address": {"autocapitalize": "words"},
}
_NAMES_AND_PLACES = {"person_name", "address"}


@dataclass(frozen=True, slots=True)
class CheckedIdentifier:
    kind: str  # the mention kind it is stored under
    written: str
    display: str


def identifier_check(kind: str, raw: str, *, region: str | None) -> CheckedIdentifier:
    """Check ``raw`` as an identifier of ``kind``; ``InvalidIdentifier`` if it is not one."""
    written = raw.strip()
    if kind == PERSONAL_NUMBER:
        kind = _personal_number_kind(written, region)
    identifier = normalise(kind, written, region=region)
    return CheckedIdentifier(kind=identifier.kind, written=written, display=identifier.display)


def _personal_number_kind(written: str, region: str | None) -> str:
    digits = len(re.sub(r"\D", "", written))
    if digits == 11:
        return "no_personal_number"
    if digits in (10, 12):
        return "se_personal_number"
    return "no_personal_number" if region == "NO" else "se_personal_number"


class IdentifierField(forms.CharField):
    """A text box for one identifier of ``kind``; the form sets ``region`` for its country."""

    def __init__(self, *, kind: str, **kwargs: Any) -> None:
        if kind not in CHECKABLE_KINDS:
            raise ValueError(f"no identifier kind {kind!r}")
        self.kind = kind
        self.region: str | None = None
        kwargs.setdefault("max_length", 500)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.update(
            {
                "data-identifier": self.kind,
                "autocomplete": "off",
                "spellcheck": "false",
            }
        )
        if self.kind not in _NAMES_AND_PLACES:
            attrs["autocorrect"] = "off"
        attrs.update(_WIDGET_ATTRS.get(self.kind, {}))
        if attrs.get("type") and isinstance(widget, forms.TextInput):
            widget.input_type = attrs.pop("type")
        return attrs

    def clean(self, value: Any) -> str:
        text: str = super().clean(value)
        if text:
            self.checked(text)
        return text

    def checked(self, text: str) -> CheckedIdentifier:
        try:
            return identifier_check(self.kind, text, region=self.region)
        except InvalidIdentifier as error:
            raise forms.ValidationError(
                identifier_message(error, kind=self.kind), code=error.code
            ) from None


def set_region(form: forms.Form, region: str | None) -> None:
    """Tell every identifier field of ``form`` which country's habits to read it in."""
    for field in form.fields.values():
        if isinstance(field, IdentifierField):
            field.region = region
