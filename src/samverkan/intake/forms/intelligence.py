"""An intelligence report: free text, and the identifiers in it tagged one per row (kind + value).

Invariant: every tagged value is checked as its kind, exactly as in the
other forms, and becomes one subject whose role follows from the kind (a
phone is a phone, a plate a vehicle, a name a suspect); the text itself is
required, since it is the report.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.identifiers import InvalidIdentifier
from samverkan.intake.forms.entry import Part, ReportEntry
from samverkan.intake.forms.identifier_fields import (
    CHECKABLE_KINDS,
    PERSONAL_NUMBER,
    identifier_check,
)
from samverkan.intake.forms.identifier_messages import identifier_message, kind_label
from samverkan.intake.forms.place import PlaceForm
from samverkan.intake.forms.rows import RowSet, row_set
from samverkan.intake.schemas import (
    Mention,
    MentionKind,
    Place,
    ReportKind,
    Subject,
    SubjectRole,
)

# What each tag says the thing is; the order is the order of the list offered.
TAG_ROLES: dict[str, SubjectRole] = {
    "phone": SubjectRole.PHONE,
    "person_name": SubjectRole.SUSPECT,
    "nickname": SubjectRole.SUSPECT,
    PERSONAL_NUMBER: SubjectRole.SUSPECT,
    "address": SubjectRole.PLACE,
    "plate": SubjectRole.VEHICLE,
    "postal_item": SubjectRole.ITEM,
    "email": SubjectRole.SUSPECT,
    "imei": SubjectRole.PHONE,
    "company_name": SubjectRole.COMPANY,
    "se_org_number": SubjectRole.COMPANY,
    "no_org_number": SubjectRole.COMPANY,
    "iban": SubjectRole.ACCOUNT,
    "se_bank_account": SubjectRole.ACCOUNT,
}
MAX_TAGS = 50


class TagForm(forms.Form):
    """One identifier the text mentions: its kind and its value as written."""

    kind = forms.ChoiceField(label=_("Kind"))
    value = forms.CharField(
        label=_("Value"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, region: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.region = region
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [(tag, kind_label(tag)) for tag in TAG_ROLES]
        kind.initial = next(iter(TAG_ROLES))
        # forms.js reads the kind from the neighbouring list to check as you type.
        self.fields["value"].widget.attrs["data-identifier-kind-from"] = self["kind"].auto_id

    def has_changed(self) -> bool:
        """A kind chosen with no value tags nothing."""
        return "value" in self.changed_data

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        kind, value = cleaned.get("kind"), cleaned.get("value")
        if not value:
            self.add_error("value", _("Write the value, or leave the row empty."))
        elif kind in CHECKABLE_KINDS:
            try:
                cleaned["mention_kind"] = identifier_check(kind, value, region=self.region).kind
            except InvalidIdentifier as error:
                self.add_error("value", identifier_message(error, kind=kind))
        elif kind is not None:
            cleaned["mention_kind"] = kind
        return cleaned

    def subject(self, ref: str) -> Subject:
        data = self.cleaned_data
        return Subject(
            ref=ref,
            role=TAG_ROLES[data["kind"]],
            mentions=[Mention(kind=MentionKind(data["mention_kind"]), value=data["value"])],
        )


Tags = row_set(
    TagForm,
    add_label=_("Add another identifier"),
    row_label=_("Identifier"),
    extra=3,
    max_num=MAX_TAGS,
)


class IntelligenceForm(forms.Form):
    summary = forms.CharField(
        label=_("The report"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Tag below every phone, name, plate and number the text mentions."),
    )


class IntelligenceEntry(ReportEntry):
    slug = "intelligence"
    kind = ReportKind.INTELLIGENCE
    title = _("Write an intelligence report")
    description = _("Free text, with the phones, names and numbers in it tagged.")
    another = _("Write another intelligence report")
    template_name = "intake/submit/intelligence.html"

    def build(self, data: Any) -> None:
        self.form = IntelligenceForm(data)
        self.tags: RowSet = Tags(data, prefix="tags", form_kwargs={"region": self.region})
        self.where = PlaceForm(data, prefix="place")

    def own_parts(self) -> list[Part]:
        return [self.form, self.tags, self.where]

    def row_limits(self) -> dict[str, int]:
        return {"tags": MAX_TAGS}

    def place(self) -> Place | None:
        return self.where.place(country=self.region)

    def summary(self) -> str:
        text: str = self.form.cleaned_data["summary"]
        return text

    def subjects(self) -> list[Subject]:
        rows = [form for form in self.tags.filled_forms() if isinstance(form, TagForm)]
        return [row.subject(f"tag-{number}") for number, row in enumerate(rows, start=1)]
