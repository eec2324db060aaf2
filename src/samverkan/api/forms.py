"""The administrator's form for a new API token."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.api.models import ApiScope
from samverkan.api.services import NAME_LENGTH


class ApiTokenForm(forms.Form):
    # One id per form shown: sending the same form twice (a reload) makes one token.
    form_id = forms.UUIDField(widget=forms.HiddenInput)
    name = forms.CharField(
        label=_("Name"),
        max_length=NAME_LENGTH,
        help_text=_("Which system uses the token, for example “Sorting centre Rosersberg”."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("The system may"),
        choices=ApiScope.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one thing the system may do.")},
    )
