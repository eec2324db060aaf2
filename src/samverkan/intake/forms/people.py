"""People a report names: one small form per person, turned into a ``Subject`` with its mentions.

Invariant: a person's mentions are the boxes that were filled, each as
written, in the order of the form; a row left empty names nobody and is
dropped. Identifier boxes are checked in the organisation's country habits
(``region``), so "070-123 45 67" is Swedish for a Swedish unit.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.intake.forms.identifier_fields import IdentifierField, set_region
from samverkan.intake.labels import SUBJECT_ROLES
from samverkan.intake.schemas import Mention, MentionKind, Subject, SubjectRole


class SubjectForm(forms.Form):
    """A form whose filled boxes become the mentions of one subject."""

    # Boxes that are not identifier fields, with the mention kind each becomes.
    plain_mentions: ClassVar[dict[str, MentionKind]] = {}

    def __init__(self, *args: Any, region: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.region = region
        set_region(self, region)

    def mentions(self) -> list[Mention]:
        found: list[Mention] = []
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if not value:
                continue
            if isinstance(field, IdentifierField):
                kind = field.checked(value).kind
                found.append(Mention(kind=MentionKind(kind), value=value))
            elif name in self.plain_mentions:
                text = value.isoformat() if hasattr(value, "isoformat") else str(value)
                found.append(Mention(kind=self.plain_mentions[name], value=text))
        return found

    def subject(self, *, ref: str, role: SubjectRole) -> Subject | None:
        mentions = self.mentions()
        return Subject(ref=ref, role=role, mentions=mentions) if mentions else None


class PersonForm(SubjectForm):
    """Someone an officer met or saw: whatever of name, numbers and phone is known."""

    plain_mentions: ClassVar[dict[str, MentionKind]] = {
        "nickname": MentionKind.NICKNAME,
        "birth_date": MentionKind.BIRTH_DATE,
    }

    role = forms.ChoiceField(label=_("Part in the report"))
    name = IdentifierField(kind="person_name", label=_("Name"), max_length=200)
    nickname = forms.CharField(label=_("Nickname"), required=False, max_length=100)
    personal_number = IdentifierField(kind="personal_number", label=_("Personal number"))
    birth_date = forms.DateField(
        label=_("Birth date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    phone = IdentifierField(kind="phone", label=_("Phone"))
    address = IdentifierField(kind="address", label=_("Address"))

    def __init__(
        self, *args: Any, roles: tuple[SubjectRole, ...] = (SubjectRole.SUSPECT,), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        role = self.fields["role"]
        assert isinstance(role, forms.ChoiceField)
        role.choices = [(r.value, SUBJECT_ROLES[r.value]) for r in roles]
        role.initial = roles[0].value
        if len(roles) == 1:
            role.widget = forms.HiddenInput()

    def has_changed(self) -> bool:
        """A row with only its role chosen names nobody."""
        return any(name != "role" for name in self.changed_data)

    def chosen_role(self) -> SubjectRole:
        return SubjectRole(self.cleaned_data["role"])


class CourierForm(PersonForm):
    """The courier a statement is about; the name at least must be known."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, roles=(SubjectRole.COURIER,), **kwargs)
        self.fields["name"].required = True


class BackerForm(SubjectForm):
    """A backer as the courier named them: any of name, nickname, phone, address."""

    plain_mentions: ClassVar[dict[str, MentionKind]] = {"nickname": MentionKind.NICKNAME}

    name = IdentifierField(kind="person_name", label=_("Name"), max_length=200)
    nickname = forms.CharField(label=_("Nickname"), required=False, max_length=100)
    phone = IdentifierField(kind="phone", label=_("Phone"))
    address = IdentifierField(
        kind="address",
        label=_("Address"),
        help_text=_("Street, number and postcode; vaguer directions go in the statement."),
    )
