"""A seizure by customs or police: what was taken (substance, amount, unit), where, from whom.

Invariant: a seizure has at least one line; each line is a substance from
the fixed list with a positive amount in one of the schema's units. The
item id or plate and the persons are optional: a letter stopped at a
terminal has no person, a car at the border no item id.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from samverkan.intake.forms.entry import Part, ReportEntry
from samverkan.intake.forms.identifier_fields import IdentifierField, set_region
from samverkan.intake.forms.people import PersonForm
from samverkan.intake.forms.place import PlaceForm
from samverkan.intake.forms.rows import RowSet, row_set
from samverkan.intake.forms.subjects import item_and_vehicle, numbered_subjects
from samverkan.intake.schemas import (
    Place,
    ReportKind,
    SeizureDetails,
    SeizureLine,
    Subject,
    SubjectRole,
    Substance,
)

SUBSTANCES: dict[Substance, Promise] = {
    Substance.CANNABIS: _("Cannabis"),
    Substance.COCAINE: _("Cocaine"),
    Substance.AMPHETAMINE: _("Amphetamine"),
    Substance.METHAMPHETAMINE: _("Methamphetamine"),
    Substance.MDMA: _("MDMA (ecstasy)"),
    Substance.HEROIN: _("Heroin"),
    Substance.BENZODIAZEPINES: _("Benzodiazepines"),
    Substance.OPIOID_PILLS: _("Opioid pills"),
    Substance.KHAT: _("Khat"),
    Substance.OTHER: _("Other substance"),
}
UNITS: list[tuple[str, Promise]] = [
    ("g", _("grams")),
    ("kg", _("kilograms")),
    ("pills", _("pills")),
    ("ml", _("millilitres")),
    ("l", _("litres")),
]
SEIZURE_ROLES = (
    SubjectRole.COURIER,
    SubjectRole.SUSPECT,
    SubjectRole.RECIPIENT,
    SubjectRole.SENDER,
    SubjectRole.OWNER,
)
MAX_LINES = 20
MAX_PERSONS = 20


class SeizureLineForm(forms.Form):
    substance = forms.ChoiceField(
        label=_("Substance"),
        choices=[("", "—"), *((s.value, label) for s, label in SUBSTANCES.items())],
    )
    amount = forms.DecimalField(
        label=_("Amount"),
        min_value=0,
        max_value=1_000_000,
        decimal_places=3,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    unit = forms.ChoiceField(label=_("Unit"), choices=UNITS, initial="g")

    def has_changed(self) -> bool:
        """The unit alone, left at its first choice, says nothing."""
        return any(name != "unit" for name in self.changed_data)

    def clean_amount(self) -> Any:
        amount = self.cleaned_data["amount"]
        if amount is not None and amount <= 0:
            raise forms.ValidationError(_("The amount must be more than zero."), code="zero")
        return amount

    def line(self) -> SeizureLine:
        data = self.cleaned_data
        return SeizureLine(
            substance=Substance(data["substance"]), amount=float(data["amount"]), unit=data["unit"]
        )


SeizureLines = row_set(
    SeizureLineForm,
    add_label=_("Add another substance"),
    row_label=_("Substance"),
    min_num=1,
    extra=0,
    max_num=MAX_LINES,
)
Persons = row_set(
    PersonForm, add_label=_("Add another person"), row_label=_("Person"), max_num=MAX_PERSONS
)


class SeizureForm(forms.Form):
    item_id = IdentifierField(kind="postal_item", label=_("Item id"), max_length=60)
    plate = IdentifierField(kind="plate", label=_("Registration plate"), max_length=20)
    summary = forms.CharField(
        label=_("What was found, and how"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, region: str | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_region(self, region)


class SeizureEntry(ReportEntry):
    slug = "seizure"
    kind = ReportKind.SEIZURE
    title = _("Register a seizure")
    description = _("Substances taken by customs or police: what, how much, where, from whom.")
    another = _("Register another seizure")
    template_name = "intake/submit/seizure.html"

    def build(self, data: Any) -> None:
        self.form = SeizureForm(data, region=self.region)
        self.lines: RowSet = SeizureLines(data, prefix="lines")
        self.persons: RowSet = Persons(
            data, prefix="persons", form_kwargs={"region": self.region, "roles": SEIZURE_ROLES}
        )
        self.where = PlaceForm(data, prefix="place")

    def own_parts(self) -> list[Part]:
        return [self.form, self.lines, self.where, self.persons]

    def row_limits(self) -> dict[str, int]:
        return {"lines": MAX_LINES, "persons": MAX_PERSONS}

    def place(self) -> Place | None:
        return self.where.place(country=self.region)

    def summary(self) -> str:
        text: str = self.form.cleaned_data["summary"]
        return text

    def subjects(self) -> list[Subject]:
        data = self.form.cleaned_data
        return [
            *item_and_vehicle(item_id=data["item_id"], plate=data["plate"]),
            *numbered_subjects(self.persons.filled_forms(), ref="person"),
        ]

    def details(self) -> dict[str, Any]:
        lines = [
            form.line() for form in self.lines.filled_forms() if isinstance(form, SeizureLineForm)
        ]
        return {"seizure": SeizureDetails(lines=lines)}
