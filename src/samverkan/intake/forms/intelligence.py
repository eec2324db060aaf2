"""An intelligence report: free text, and the identifiers in it tagged one per row (kind + value).

Invariants:

- Every tagged value is checked as its kind, exactly as in the other forms;
  the text itself is required, since it is the report.
- Rows given the same subject letter are one subject (a person's name,
  phone and address together), ``subject-<letter>``; a row without a letter
  is a subject on its own, ``tag-<n>``. Subjects come in the order their
  first row stands.
- A subject's role follows from its kinds (a phone is a phone, a plate a
  vehicle, a name a suspect); when it has several, the person or company
  they belong to wins (``ROLE_PRECEDENCE``). One subject is never both a
  person and a company.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
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
# Who a subject is when its rows name several kinds of thing: a name with a
# phone and an address is the person, an org number with an account the company.
ROLE_PRECEDENCE = [
    SubjectRole.SUSPECT,
    SubjectRole.COMPANY,
    SubjectRole.VEHICLE,
    SubjectRole.ITEM,
    SubjectRole.ACCOUNT,
    SubjectRole.PHONE,
    SubjectRole.PLACE,
]
SUBJECT_LETTERS = [chr(code) for code in range(ord("A"), ord("Z") + 1)]


class TagForm(forms.Form):
    """One identifier the text mentions: which subject it belongs to, its kind, its value."""

    subject = forms.ChoiceField(
        label=_("Subject"),
        required=False,
        choices=[("", _("On its own")), *((letter, letter) for letter in SUBJECT_LETTERS)],
    )
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

    @property
    def role(self) -> SubjectRole:
        return TAG_ROLES[self.cleaned_data["kind"]]

    def mention(self) -> Mention:
        data = self.cleaned_data
        return Mention(kind=MentionKind(data["mention_kind"]), value=data["value"])


def subjects_of(rows: list[TagForm]) -> list[Subject]:
    """The subjects the rows make: one per letter, and one per row without a letter."""
    grouped: dict[str, list[TagForm]] = {}
    for number, row in enumerate(rows, start=1):
        letter = row.cleaned_data.get("subject") or ""
        grouped.setdefault(f"subject-{letter}" if letter else f"tag-{number}", []).append(row)
    return [
        Subject(
            ref=ref,
            role=min((row.role for row in members), key=ROLE_PRECEDENCE.index),
            mentions=[row.mention() for row in members],
        )
        for ref, members in grouped.items()
    ]


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

    def check(self) -> None:
        roles: dict[str, set[SubjectRole]] = {}
        for row in self._rows():
            if letter := row.cleaned_data.get("subject"):
                roles.setdefault(letter, set()).add(row.role)
        for letter, found in roles.items():
            if {SubjectRole.SUSPECT, SubjectRole.COMPANY} <= found:
                self.errors.append(
                    gettext(
                        "Subject %(letter)s is both a person and a company:"
                        " give the company another letter."
                    )
                    % {"letter": letter}
                )

    def subjects(self) -> list[Subject]:
        return subjects_of(self._rows())

    def _rows(self) -> list[TagForm]:
        return [form for form in self.tags.filled_forms() if isinstance(form, TagForm)]
