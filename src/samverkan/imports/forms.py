"""The two forms of an upload: which source and file, then which column holds each field."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.imports.connectors import Connector


class UploadForm(forms.Form):
    connector = forms.ChoiceField(label=_("What the file holds"))
    file = forms.FileField(
        label=_("File"),
        help_text=_("A CSV file whose first line names the columns (comma, semicolon or tab)."),
    )

    def __init__(self, connectors: Sequence[type[Connector]], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["connector"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(c.name, c.label) for c in connectors]


class MappingForm(forms.Form):
    """One choice per connector field: the column of the file that holds it."""

    def __init__(
        self,
        connector: type[Connector],
        header: Sequence[str],
        suggested: Mapping[str, str],
        *args: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.connector = connector
        columns = [(column, column) for column in header]
        for spec in connector.fields:
            self.fields[spec.name] = forms.ChoiceField(
                label=spec.label,
                choices=[("", _("— not in the file —")), *columns],
                required=spec.required,
                initial=suggested.get(spec.name, ""),
                error_messages={"required": _("Choose the column that holds this; it is needed.")},
            )

    def mapping(self) -> dict[str, str]:
        """Every field's column; "" for a field left out of the file."""
        return {spec.name: self.cleaned_data.get(spec.name) or "" for spec in self.connector.fields}
