"""Where something happened: a municipality picked by name, and a few words.

Invariant: a municipality is stored by its official code (``Place.
municipality_code``), because leads are routed by it; people pick it by name
from the shipped reference list (``samverkan.geography``). Names that occur
twice (Lund, Herøy, Våler) carry their county or country in brackets, so
every name in the list means one municipality.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan import geography
from samverkan.geography import Municipality
from samverkan.intake.schemas import Place

DATALIST_ID = "municipalities"


@cache
def municipality_names() -> dict[str, Municipality]:
    """Every municipality under the one name people pick it by."""
    everyone = geography.municipalities()
    counts = Counter(m.name for m in everyone)
    return {_name(m, counts[m.name] > 1): m for m in everyone}


def _name(municipality: Municipality, shared: bool) -> str:
    return f"{municipality.name} ({municipality.county})" if shared else municipality.name


def municipality_options() -> list[tuple[str, str]]:
    """(name, county and country) for the list the browser suggests from."""
    return [(name, f"{m.county}, {m.country}") for name, m in sorted(municipality_names().items())]


def find_municipality(name: str) -> Municipality | None:
    wanted = " ".join(name.split()).casefold()
    for known, municipality in municipality_names().items():
        if known.casefold() == wanted:
            return municipality
    return None


class MunicipalityField(forms.CharField):
    """A municipality typed or picked by name; cleaned to the municipality, or None."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 80)
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {**super().widget_attrs(widget), "list": DATALIST_ID, "autocomplete": "off"}

    def clean(self, value: Any) -> Any:
        text = super().clean(value)
        if not text:
            return None
        municipality = find_municipality(text)
        if municipality is None:
            raise forms.ValidationError(
                _("No Swedish or Norwegian municipality has this name: pick one from the list."),
                code="municipality",
            )
        return municipality


def place_of(municipality: Municipality | None, description: str, *, country: str) -> Place | None:
    """A Place, in the municipality's country if one is named; None when nothing was said."""
    if municipality is None and not description:
        return None
    if municipality is not None:
        return Place(
            country=municipality.country,
            municipality_code=municipality.code,
            description=description,
        )
    return Place(country="NO" if country == "NO" else "SE", description=description)


class PlaceForm(forms.Form):
    """Where it happened; the organisation's country when no municipality is named."""

    municipality = MunicipalityField(label=_("Municipality"))
    description = forms.CharField(
        label=_("Place"),
        required=False,
        max_length=500,
        help_text=_("For example: Svinesund customs station, E6 northbound."),
    )

    def place(self, *, country: str) -> Place | None:
        return place_of(
            self.cleaned_data["municipality"], self.cleaned_data["description"], country=country
        )
