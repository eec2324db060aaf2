"""One report being entered: its parts (forms and rows), checked together, making one ``ReportIn``.

Invariants:

- ``external_id`` is a UUID made when the form is first shown and sent back
  in a hidden box, so sending the same form twice (a double tap, back and
  send again) names the same report and the service stores it once.
- ``is_valid`` is true only when every part is valid, the cross-part rules
  hold and the ``ReportIn`` was built; until then nothing can be stored.
- After "add another" the data is shown again, one row longer, without
  error messages: nobody has asked to send it yet.

Each report kind subclasses ``ReportEntry`` and says which parts it has and
how they become the report's place, summary, subjects and details.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any, ClassVar

import pydantic
from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.http import QueryDict
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from samverkan.access.models import Organisation, User
from samverkan.intake.forms.marking import MarkingForm, default_grading, default_handling
from samverkan.intake.forms.rows import RowSet, requested_row, with_added_row
from samverkan.intake.photos import CleanPhoto
from samverkan.intake.schemas import (
    EARLIEST,
    Grading,
    Handling,
    Place,
    ReportIn,
    ReportKind,
    Subject,
)

Part = forms.Form | RowSet
_CLOCK_SKEW = timedelta(minutes=5)


class WhenForm(forms.Form):
    """When it happened; empty means now where the form allows it."""

    occurred_at = forms.DateTimeField(
        label=_("When"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args: Any, now_if_empty: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["occurred_at"]
        field.required = not now_if_empty
        if now_if_empty:
            field.help_text = _("Leave empty if it is now.")
        else:
            field.initial = timezone.localtime().replace(second=0, microsecond=0)

    def clean_occurred_at(self) -> datetime | None:
        when: datetime | None = self.cleaned_data["occurred_at"]
        if when is None:
            return None
        if when > timezone.now() + _CLOCK_SKEW:
            raise forms.ValidationError(_("This time has not come yet."), code="future")
        if when < EARLIEST:
            raise forms.ValidationError(_("This time is too long ago."), code="past")
        return when


class ReportEntry:
    """The parts of one report form and the ``ReportIn`` they make together."""

    slug: ClassVar[str]
    kind: ClassVar[ReportKind]
    title: ClassVar[Promise]
    description: ClassVar[Promise]
    another: ClassVar[Promise]  # the receipt's link to start the next one
    template_name: ClassVar[str]
    # Templates get entry classes (the receipt, the list of forms): show them, do not call them.
    do_not_call_in_templates: ClassVar[bool] = True
    # Officers grade and mark their reports; postal staff get the defaults.
    marked_by_user: ClassVar[bool] = True
    # An empty "when" means now (the phone form); else the box starts at now.
    now_if_empty: ClassVar[bool] = False

    def __init__(
        self,
        *,
        user: User,
        data: QueryDict | None = None,
        files: MultiValueDict[str, UploadedFile] | None = None,
    ) -> None:
        assert user.organisation is not None
        self.user = user
        self.files = files  # uploads sent with ``data``: the postal item's photo
        self.organisation: Organisation = user.organisation
        self.region = self.organisation.country
        self.added_row = requested_row(data, self.row_limits())
        if data is not None and self.added_row is not None:
            data = with_added_row(data, self.added_row, max_num=self.row_limits()[self.added_row])
        self.data = data
        self.errors: list[str] = []
        self.report_in: ReportIn | None = None
        self.external_id, self._external_id_given = _external_id(data)
        self.when = WhenForm(data, now_if_empty=self.now_if_empty)
        self.marking = (
            MarkingForm(data, prefix="marking", user=user, report_kind=self.kind.value)
            if self.marked_by_user
            else None
        )
        self.build(data)

    # --- what each kind says -------------------------------------------------

    def build(self, data: QueryDict | None) -> None:
        """Make the kind's own parts (bound to ``data`` when given)."""
        raise NotImplementedError

    def own_parts(self) -> list[Part]:
        raise NotImplementedError

    def row_limits(self) -> dict[str, int]:
        """The kind's row sets that can grow, by prefix, with their largest size."""
        return {}

    def check(self) -> None:
        """Rules across parts; append a message to ``errors`` for each broken one."""

    def place(self) -> Place | None:
        return None

    def summary(self) -> str:
        return ""

    def subjects(self) -> list[Subject]:
        return []

    def details(self) -> dict[str, Any]:
        """The kind's details block of ``ReportIn`` (``item``, ``seizure``, ...)."""
        return {}

    def photo(self) -> CleanPhoto | None:
        """The photo sent with the report, made safe to keep, if the kind takes one."""
        return None

    # --- shared ---------------------------------------------------------------

    def parts(self) -> list[Part]:
        shared: list[Part] = [self.when]
        if self.marking is not None:
            shared.append(self.marking)
        return [*self.own_parts(), *shared]

    @property
    def show_errors(self) -> bool:
        return self.data is not None and self.added_row is None

    def is_valid(self) -> bool:
        if not self.show_errors:
            return False
        if not self._external_id_given:
            self.errors.append(gettext("This form had expired. Check it and send it again."))
        results = [part.is_valid() for part in self.parts()]  # every part, for every message
        if not all(results) or self.errors:
            return False
        self.check()
        if self.errors:
            return False
        try:
            self.report_in = self._report()
        except pydantic.ValidationError as error:
            self.errors.append(
                gettext("The report could not be put together: %(reason)s")
                % {"reason": "; ".join(e["msg"] for e in error.errors())}
            )
            return False
        return True

    @property
    def needs_attention(self) -> bool:
        """Whether anything on the page needs correcting before the report can be sent."""
        if not self.show_errors:
            return False
        return bool(self.errors) or any(_has_errors(part) for part in self.parts())

    def problems(self) -> list[str]:
        """Messages that belong to no single box: the entry's, each part's and each row's."""
        if not self.show_errors:
            return []
        found = [*self.errors]
        for part in self.parts():
            if isinstance(part, RowSet):
                found.extend(str(error) for error in part.non_form_errors())
                for form in part.forms:
                    found.extend(str(error) for error in form.non_field_errors())
            else:
                found.extend(str(error) for error in part.non_field_errors())
        return found

    def reject(self, reason: str) -> None:
        """The service refused the report: say why next to the form."""
        self.errors.append(reason)

    def _report(self) -> ReportIn:
        return ReportIn(
            kind=self.kind,
            external_id=self.external_id,
            occurred_at=self.when.cleaned_data["occurred_at"] or timezone.now(),
            grading=self._grading(),
            handling=self._handling(),
            place=self.place(),
            summary=self.summary(),
            subjects=self.subjects(),
            **self.details(),
        )

    def _grading(self) -> Grading:
        if self.marking is not None:
            return self.marking.grading()
        return default_grading(
            organisation_kind=self.organisation.kind, report_kind=self.kind.value
        )

    def _handling(self) -> Handling:
        if self.marking is not None:
            return self.marking.handling()
        return default_handling()


def _has_errors(part: Part) -> bool:
    if isinstance(part, RowSet):
        return part.total_error_count() > 0
    return bool(part.errors)


def _external_id(data: QueryDict | None) -> tuple[str, bool]:
    """The report's UUID as sent back, or a new one; and whether a valid one was sent."""
    if data is None:
        return str(uuid.uuid4()), True
    try:
        return str(uuid.UUID(data.get("external_id", ""))), True
    except ValueError:
        return str(uuid.uuid4()), False
