"""Repeating rows (backers, persons, seizure lines, tagged identifiers) with "add another".

Invariant: adding a row works the same with and without JavaScript. Without
it, the "add another" button submits the form with ``add_row=<prefix>``; the
entry then shows the same data with one more empty row and stores nothing.
With ``forms.js`` the button copies the formset's empty row in the page and
raises ``TOTAL_FORMS``, exactly what the server would have done.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from django import forms
from django.forms.formsets import TOTAL_FORM_COUNT
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ADD_ROW = "add_row"

if TYPE_CHECKING:
    _FormSet = forms.BaseFormSet[forms.Form]
else:
    _FormSet = forms.BaseFormSet  # not subscriptable at run time


class RowSet(_FormSet):
    """A formset that says how to add a row and what a row is called."""

    add_label: ClassVar[Promise | str] = _("Add another")
    row_label: ClassVar[Promise | str] = ""

    def filled_forms(self) -> list[forms.Form]:
        """The rows that say something; call after ``is_valid``."""
        return [form for form in self.forms if form.has_changed()]


def row_set(
    form: type[forms.Form],
    *,
    add_label: Promise,
    row_label: Promise,
    extra: int = 1,
    max_num: int = 20,
    min_num: int = 0,
) -> type[RowSet]:
    """A ``RowSet`` class of ``form`` rows with its labels."""
    formset = cast(
        "type[RowSet]",
        forms.formset_factory(
            form,
            formset=RowSet,
            extra=extra,
            min_num=min_num,
            validate_min=bool(min_num),
            max_num=max_num,
            validate_max=True,
        ),
    )
    formset.add_label = add_label
    formset.row_label = row_label
    return formset


def with_added_row(data: QueryDict, prefix: str, *, max_num: int) -> QueryDict:
    """The submitted data with room for one more row of the formset ``prefix``."""
    copy = data.copy()
    key = f"{prefix}-{TOTAL_FORM_COUNT}"
    try:
        total = int(copy.get(key, "0"))
    except ValueError:
        total = 0
    copy[key] = str(min(total + 1, max_num))
    return copy


def requested_row(data: QueryDict | None, prefixes: Any) -> str | None:
    """The formset the "add another" button asked to grow, if it is one of ``prefixes``."""
    if data is None:
        return None
    wanted = data.get(ADD_ROW)
    return wanted if wanted in prefixes else None
