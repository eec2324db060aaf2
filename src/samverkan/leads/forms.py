"""The forms of the lead pages: declare capacity, accept, decline, reassign, close.

Forms only check what was typed; whether the reader may act, and whether the
lead's state allows it, is for ``access.policy`` and ``leads.services``.
Every form carries ``version``, the newest history event the reader saw: a
form sent again after the lead moved on does nothing twice.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from samverkan.access.models import Organisation, User
from samverkan.leads.models import DeclineReason, Outcome


# What ``services.LeadError`` says, marked for translation here (the services
# speak English to logs and tests; the pages show it in the reader's language).
def service_message(error: Exception) -> str:
    """A service's refusal in the reader's language (its message is lazy), as a sentence."""
    return capfirst(str(error))


def _person(user: User) -> str:
    return user.get_full_name() or user.get_username()


class CapacityForm(forms.Form):
    week = forms.TypedChoiceField(label=_("Week"), coerce=datetime.date.fromisoformat, choices=())
    leads = forms.IntegerField(label=_("New leads we can take"), min_value=0, max_value=10_000)

    def __init__(self, *args: Any, weeks: list[datetime.date], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["week"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(monday.isoformat(), _week_label(monday)) for monday in weeks]


def _week_label(monday: datetime.date) -> str:
    number = monday.isocalendar().week
    return gettext("Week %(number)s (from %(monday)s)") % {
        "number": number,
        "monday": monday.isoformat(),
    }


class _LeadForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class AcceptForm(_LeadForm):
    assignee = forms.TypedChoiceField(label=_("Who follows it up"), coerce=int, choices=())

    def __init__(self, *args: Any, people: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(user.pk, _person(user)) for user in people]


class DeclineForm(_LeadForm):
    reason = forms.ChoiceField(label=_("Reason"), choices=DeclineReason.choices)
    text = forms.CharField(
        label=_("In a few words"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("reason") == DeclineReason.OTHER and not data.get("text", "").strip():
            self.add_error("text", gettext("Say why when the reason is 'other'."))
        return data


class ReassignForm(_LeadForm):
    organisation = forms.TypedChoiceField(
        label=_("To another unit"), coerce=int, choices=(), required=False, empty_value=None
    )
    assignee = forms.TypedChoiceField(
        label=_("Or to another person"), coerce=int, choices=(), required=False, empty_value=None
    )
    text = forms.CharField(
        label=_("Why"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self,
        *args: Any,
        units: list[Organisation],
        people: list[User],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        unit_field, person_field = self.fields["organisation"], self.fields["assignee"]
        assert isinstance(unit_field, forms.TypedChoiceField)
        assert isinstance(person_field, forms.TypedChoiceField)
        unit_field.choices = [("", "—"), *((org.pk, org.name) for org in units)]
        person_field.choices = [("", "—"), *((user.pk, _person(user)) for user in people)]
        if not people:
            del self.fields["assignee"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("organisation") is None) == (data.get("assignee") is None):
            raise forms.ValidationError(gettext("Choose another unit or another person, not both."))
        return data


class EntityAddForm(_LeadForm):
    entity = forms.IntegerField(label=_("Linked entity (number)"), min_value=1, max_value=2**63 - 1)


class CloseForm(_LeadForm):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    text = forms.CharField(
        label=_("What happened"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        needs_words = (Outcome.NO_ACTION, Outcome.HANDED_OVER)
        if data.get("outcome") in needs_words and not data.get("text", "").strip():
            self.add_error(
                "text", gettext("Say why (no action) or to which case it was handed over.")
            )
        return data
