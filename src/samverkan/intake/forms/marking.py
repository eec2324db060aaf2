"""Grading and handling of a report: each kind of reporter's defaults, and the officers' form.

Invariant: a report from the web always carries a grading and a handling
code. Reporters (postal staff) cannot change theirs; officers and analysts
start from the defaults below and may change them, and may put the report
in compartments they are members of — no others are offered or accepted.

The defaults follow how each source is usually judged: a postal agent is a
fairly reliable source of possibly true information (C3), an operator's
terminal a usually reliable one (B3); a seizure is confirmed by the items in
custody (A1); a courier's statement about others is usually reliable and
probably true (B2); cameras and plate readers are reliable, what they show
probably true (A2); an intelligence report starts as C3 until the officer
judges it. Everything starts as TLP:AMBER: shared within law enforcement,
no further.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.access.models import OrganisationKind, User
from samverkan.intake.schemas import Grading, Handling, InformationGrading, SourceGrading, Tlp

_DEFAULT_GRADES: dict[str, tuple[str, str]] = {
    "postal_item": ("C", "3"),
    "seizure": ("A", "1"),
    "courier_statement": ("B", "2"),
    "observation": ("A", "2"),
    "intelligence": ("C", "3"),
}
_OPERATOR_GRADES = ("B", "3")  # a postal operator's terminal, not a shop counter

SOURCE_CHOICES = [
    (SourceGrading.A.value, _("A — completely reliable")),
    (SourceGrading.B.value, _("B — usually reliable")),
    (SourceGrading.C.value, _("C — fairly reliable")),
    (SourceGrading.D.value, _("D — not usually reliable")),
    (SourceGrading.E.value, _("E — unreliable")),
    (SourceGrading.F.value, _("F — reliability cannot be judged")),
]
INFORMATION_CHOICES = [
    (InformationGrading.CONFIRMED.value, _("1 — confirmed by other sources")),
    (InformationGrading.PROBABLY_TRUE.value, _("2 — probably true")),
    (InformationGrading.POSSIBLY_TRUE.value, _("3 — possibly true")),
    (InformationGrading.DOUBTFUL.value, _("4 — doubtful")),
    (InformationGrading.IMPROBABLE.value, _("5 — improbable")),
    (InformationGrading.CANNOT_BE_JUDGED.value, _("6 — truth cannot be judged")),
]
TLP_CHOICES = [
    (Tlp.CLEAR.value, _("CLEAR — may be shared freely")),
    (Tlp.GREEN.value, _("GREEN — within the community, not in public")),
    (Tlp.AMBER.value, _("AMBER — within law enforcement, as needed")),
    (Tlp.AMBER_STRICT.value, _("AMBER+STRICT — within my organisation only")),
    (Tlp.RED.value, _("RED — for me only, and the recipients named later")),
]


def default_grading(*, organisation_kind: str, report_kind: str) -> Grading:
    source, information = _DEFAULT_GRADES[report_kind]
    if organisation_kind == OrganisationKind.POSTAL_OPERATOR and report_kind == "postal_item":
        source, information = _OPERATOR_GRADES
    return Grading(source=SourceGrading(source), information=InformationGrading(information))


def default_handling() -> Handling:
    return Handling(tlp=Tlp.AMBER, compartments=[])


class MarkingForm(forms.Form):
    """How reliable the source and the information are, and who may see the report."""

    source = forms.ChoiceField(label=_("Source"), choices=SOURCE_CHOICES)
    information = forms.ChoiceField(label=_("Information"), choices=INFORMATION_CHOICES)
    tlp = forms.ChoiceField(
        label=_("Handling code (TLP)"), choices=TLP_CHOICES, widget=forms.RadioSelect
    )
    compartments = forms.MultipleChoiceField(
        label=_("Compartments"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only members of every compartment chosen will see the report."),
    )

    def __init__(self, *args: Any, user: User, report_kind: str, **kwargs: Any) -> None:
        assert user.organisation is not None
        grading = default_grading(organisation_kind=user.organisation.kind, report_kind=report_kind)
        kwargs.setdefault(
            "initial",
            {
                "source": grading.source.value,
                "information": grading.information.value,
                "tlp": default_handling().tlp.value,
            },
        )
        super().__init__(*args, **kwargs)
        compartments = self.fields["compartments"]
        assert isinstance(compartments, forms.MultipleChoiceField)
        compartments.choices = [(c.code, c.name) for c in user.compartments.order_by("name")]

    @property
    def offers_compartments(self) -> bool:
        field = self.fields["compartments"]
        assert isinstance(field, forms.MultipleChoiceField)
        return bool(field.choices)

    def grading(self) -> Grading:
        return Grading(
            source=SourceGrading(self.cleaned_data["source"]),
            information=InformationGrading(self.cleaned_data["information"]),
        )

    def handling(self) -> Handling:
        return Handling(
            tlp=Tlp(self.cleaned_data["tlp"]), compartments=self.cleaned_data["compartments"]
        )
