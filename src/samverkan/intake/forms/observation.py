"""An observation: a camera, a number-plate reader or officers on surveillance saw a car or people.

Invariant: an observation names what was seen — a plate, or at least one
person — or it is refused with a message that says so.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from samverkan.intake.forms.entry import Part, ReportEntry
from samverkan.intake.forms.identifier_fields import IdentifierField, set_region
from samverkan.intake.forms.people import PersonForm
from samverkan.intake.forms.place import PlaceForm
from samverkan.intake.forms.rows import RowSet, row_set
from samverkan.intake.forms.subjects import item_and_vehicle, numbered_subjects
from samverkan.intake.schemas import ObservationDetails, Place, ReportKind, Subject, SubjectRole

SOURCES: list[tuple[str, Promise]] = [
    ("camera", _("Camera")),
    ("number_plate_reader", _("Number-plate reader")),
    ("surveillance", _("Surveillance")),
]
MAX_SEEN = 20

PersonsSeen = row_set(
    PersonForm, add_label=_("Add another person seen"), row_label=_("Person seen"), max_num=MAX_SEEN
)


class ObservationForm(forms.Form):
    source = forms.ChoiceField(
        label=_("Seen by"),
        choices=SOURCES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say what saw it: a camera, a plate reader or people.")},
    )
    camera = forms.CharField(
        label=_("Camera or reader"),
        required=False,
        max_length=60,
        help_text=_("Its name or number, as in the camera register."),
    )
    plate = IdentifierField(kind="plate", label=_("Registration plate"), max_length=20)
    summary = forms.CharField(
        label=_("What was seen"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, region: str | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_region(self, region)

    def observation(self) -> ObservationDetails:
        return ObservationDetails(
            source=self.cleaned_data["source"], camera=self.cleaned_data["camera"]
        )


class ObservationEntry(ReportEntry):
    slug = "observation"
    kind = ReportKind.OBSERVATION
    title = _("Register an observation")
    description = _("A car or people seen by a camera, a plate reader or surveillance.")
    another = _("Register another observation")
    template_name = "intake/submit/observation.html"

    def build(self, data: Any) -> None:
        self.form = ObservationForm(data, region=self.region)
        self.seen: RowSet = PersonsSeen(
            data, prefix="seen", form_kwargs={"region": self.region, "roles": (SubjectRole.SEEN,)}
        )
        self.where = PlaceForm(data, prefix="place")

    def own_parts(self) -> list[Part]:
        return [self.form, self.where, self.seen]

    def row_limits(self) -> dict[str, int]:
        return {"seen": MAX_SEEN}

    def check(self) -> None:
        if not self.form.cleaned_data["plate"] and not self.seen.filled_forms():
            self.errors.append(gettext("Say what was seen: a plate, or a person."))

    def place(self) -> Place | None:
        return self.where.place(country=self.region)

    def summary(self) -> str:
        text: str = self.form.cleaned_data["summary"]
        return text

    def subjects(self) -> list[Subject]:
        return [
            *item_and_vehicle(item_id="", plate=self.form.cleaned_data["plate"]),
            *numbered_subjects(self.seen.filled_forms(), ref="seen", role=SubjectRole.SEEN),
        ]

    def details(self) -> dict[str, Any]:
        return {"observation": self.form.observation()}
