"""A courier's statement: who the courier is, the route, and every backer they named.

The backers are why the form exists (``product.md``: the fifth courier who
names the same phone number makes it light up), so each backer is one row
with the name, nickname, phone and address as the courier said them, and
"add another backer" adds as many rows as the courier named — none if they
refused to talk.

Invariant: the courier's name is known; every backer row that says anything
becomes one ``backer`` subject.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan import geography
from samverkan.intake.forms.entry import Part, ReportEntry
from samverkan.intake.forms.identifier_fields import IdentifierField, set_region
from samverkan.intake.forms.people import BackerForm, CourierForm
from samverkan.intake.forms.place import MunicipalityField, PlaceForm
from samverkan.intake.forms.rows import RowSet, row_set
from samverkan.intake.forms.subjects import item_and_vehicle, numbered_subjects
from samverkan.intake.schemas import Place, ReportKind, RouteDetails, Subject, SubjectRole

CROSSINGS_LIST_ID = "crossings"
MAX_BACKERS = 30

Backers = row_set(
    BackerForm, add_label=_("Add another backer"), row_label=_("Backer"), max_num=MAX_BACKERS
)


@cache
def crossing_names() -> tuple[str, ...]:
    """Border crossings, ports and airports to suggest; any other place may be typed."""
    return tuple(crossing.name[:60] for crossing in geography.border_crossings())


class StatementForm(forms.Form):
    """The route and the statement itself."""

    origin = forms.CharField(
        label=_("Came from"),
        required=False,
        max_length=200,
        help_text=_("Town or country where the trip began."),
    )
    crossing = forms.CharField(
        label=_("Border crossing"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"list": CROSSINGS_LIST_ID, "autocomplete": "off"}),
    )
    destination = MunicipalityField(label=_("Going to (municipality)"))
    plate = IdentifierField(kind="plate", label=_("Vehicle plate"), max_length=20)
    summary = forms.CharField(
        label=_("The statement"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the courier said, in their words where it matters."),
    )

    def __init__(self, *args: Any, region: str | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_region(self, region)

    def route(self) -> RouteDetails:
        data = self.cleaned_data
        destination = data["destination"]
        return RouteDetails(
            origin=data["origin"],
            crossing=data["crossing"],
            destination=Place(
                country=destination.country,
                municipality_code=destination.code,
                description=destination.name,
            )
            if destination is not None
            else None,
        )


class CourierStatementEntry(ReportEntry):
    slug = "statement"
    kind = ReportKind.COURIER_STATEMENT
    title = _("Register a courier statement")
    description = _("What a stopped courier said: the route and the backers they named.")
    another = _("Register another statement")
    template_name = "intake/submit/courier_statement.html"

    def build(self, data: Any) -> None:
        self.courier = CourierForm(data, prefix="courier", region=self.region)
        self.statement = StatementForm(data, prefix="statement", region=self.region)
        self.backers: RowSet = Backers(data, prefix="backers", form_kwargs={"region": self.region})
        self.where = PlaceForm(data, prefix="place")

    def own_parts(self) -> list[Part]:
        return [self.courier, self.statement, self.backers, self.where]

    def row_limits(self) -> dict[str, int]:
        return {"backers": MAX_BACKERS}

    def place(self) -> Place | None:
        return self.where.place(country=self.region)

    def summary(self) -> str:
        text: str = self.statement.cleaned_data["summary"]
        return text

    def subjects(self) -> list[Subject]:
        courier = self.courier.subject(ref="courier", role=SubjectRole.COURIER)
        return [
            *([courier] if courier is not None else []),
            *item_and_vehicle(item_id="", plate=self.statement.cleaned_data["plate"]),
            *numbered_subjects(self.backers.filled_forms(), ref="backer", role=SubjectRole.BACKER),
        ]

    def details(self) -> dict[str, Any]:
        return {"route": self.statement.route()}
