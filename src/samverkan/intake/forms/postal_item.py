"""The postal agent's form: a suspicious item reported from a phone in under a minute.

What it takes, in the order of the page: the item id (optional: plain
letters have none), the format (one tap), the signs of suspicion (a tap
each, at least one), and, if the agent wants to, the recipient and sender as
on the label, the weight, the time (empty is now), a few words and a photo
of the item (``intake.photos`` turns it upright and strips where and when it
was taken). Where the shop is, who reported and how reliable a shop counter
is come from the account, not from the agent's thumbs.

A photo is not kept when the page comes back to be corrected: a browser
never fills in a file box again, so the page asks for the photo again.

Invariant: the item is identified somehow — by its id, or the recipient's
name or address as on the label — or the report is refused with a message
that says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from samverkan.access.models import Organisation
from samverkan.intake.forms.entry import Part, ReportEntry
from samverkan.intake.forms.identifier_fields import IdentifierField, set_region
from samverkan.intake.forms.subjects import subject_of
from samverkan.intake.photos import MAX_UPLOAD_BYTES, CleanPhoto, PhotoRejectedError, photo_clean
from samverkan.intake.schemas import (
    MentionKind,
    Place,
    PostalItemDetails,
    ReportKind,
    Subject,
    SubjectRole,
    SuspicionSign,
)

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

PHOTO_MESSAGES: dict[str, _StrPromise] = {
    "too_large": _("The photo is larger than 15 MB. Take it again, or choose a smaller one."),
    "too_many_pixels": _(
        "The photo has more than 50 million pixels. Take it again with the camera's usual setting."
    ),
    "not_an_image": _(
        "This is not a photo that can be read (JPEG, PNG or WebP), or the file is damaged."
        " Take the photo again."
    ),
    "empty": _("The photo is empty. Take it again."),
}

FORMATS: list[tuple[str, Promise]] = [
    ("letter", _("Letter")),
    ("large_letter", _("Large letter")),
    ("parcel", _("Parcel")),
]

SIGNS: dict[SuspicionSign, Promise] = {
    SuspicionSign.SMELL: _("Smells (cannabis, perfume…)"),
    SuspicionSign.POWDER_OR_PILLS_FELT: _("Powder or pills can be felt"),
    SuspicionSign.VACUUM_PACKED: _("Vacuum-packed or heavily taped"),
    SuspicionSign.UNUSUAL_WEIGHT: _("Unusual weight for its size"),
    SuspicionSign.MANY_ITEMS_SAME_RECIPIENT: _("Many items to the same recipient"),
    SuspicionSign.RECIPIENT_NAME_MISMATCH: _("Name does not match the ID shown"),
    SuspicionSign.NERVOUS_COLLECTOR: _("Nervous when collecting"),
    SuspicionSign.COLLECTED_WITH_OTHERS_ID: _("Collected with someone else's ID"),
    SuspicionSign.HANDWRITTEN_PRINTED_LABEL: _("Handwritten or home-printed label"),
    SuspicionSign.OTHER: _("Something else"),
}


class PostalItemForm(forms.Form):
    item_id = IdentifierField(
        kind="postal_item",
        label=_("Item id"),
        max_length=60,
        help_text=_("Under the barcode, like RR 123 456 785 SE. Empty if the letter has none."),
    )
    format = forms.ChoiceField(
        label=_("What is it?"),
        choices=FORMATS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose letter, large letter or parcel.")},
    )
    suspicion = forms.MultipleChoiceField(
        label=_("What made you suspicious?"),
        choices=[(sign.value, label) for sign, label in SIGNS.items()],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one thing that made you suspicious.")},
    )
    recipient_name = IdentifierField(
        kind="person_name", label=_("Recipient's name"), max_length=200
    )
    recipient_address = IdentifierField(
        kind="address",
        label=_("Recipient's address"),
        help_text=_("Street and number, postcode and town."),
    )
    sender_name = IdentifierField(kind="person_name", label=_("Sender's name"), max_length=200)
    sender_address = IdentifierField(kind="address", label=_("Sender's address"))
    weight_grams = forms.IntegerField(
        label=_("Weight in grams"),
        required=False,
        min_value=1,
        max_value=100_000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    note = forms.CharField(
        label=_("Anything else?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    photo = forms.FileField(
        label=_("Photo of the item"),
        required=False,
        help_text=_(
            "If you like: the label and the packaging. Where and when it was taken is removed."
        ),
        widget=forms.FileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )

    # Boxes kept folded away unless the agent opens them or one needs attention.
    MORE = ("sender_name", "sender_address", "weight_grams", "note")

    def __init__(self, *args: Any, region: str | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_region(self, region)

    def clean_photo(self) -> CleanPhoto | None:
        """The photo made safe to keep (upright, no metadata), or a reason why it can't be."""
        upload: UploadedFile | None = self.cleaned_data.get("photo")
        if not upload:
            return None
        if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(PHOTO_MESSAGES["too_large"], code="too_large")
        try:
            return photo_clean(upload.read(MAX_UPLOAD_BYTES + 1))
        except PhotoRejectedError as error:
            raise forms.ValidationError(
                PHOTO_MESSAGES.get(error.code, PHOTO_MESSAGES["not_an_image"]), code=error.code
            ) from None

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        named = ("item_id", "recipient_name", "recipient_address")
        if not any(cleaned.get(name) for name in named) and not any(
            name in self.errors for name in named
        ):
            raise forms.ValidationError(
                _("Give the item id, or the recipient's name or address as on the label."),
                code="unidentified",
            )
        return cleaned

    def more_is_open(self) -> bool:
        """Whether the folded boxes hold something or an error, so the page shows them open."""
        if not self.is_bound:
            return False
        return any(self.data.get(name) for name in self.MORE) or any(
            name in self.errors for name in self.MORE
        )


def shop_place(organisation: Organisation) -> Place:
    """Where a shop's report happened: the shop, in its municipality if it has exactly one."""
    codes = organisation.municipality_codes or []
    return Place(
        country="NO" if organisation.country == "NO" else "SE",
        municipality_code=codes[0] if len(codes) == 1 else None,
        description=organisation.name[:500],
    )


class PostalItemEntry(ReportEntry):
    slug = "item"
    kind = ReportKind.POSTAL_ITEM
    title = _("Report a suspicious item")
    description = _("A letter or parcel that may hold drugs, from the counter.")
    another = _("Report another item")
    template_name = "intake/submit/postal_item.html"
    marked_by_user = False
    now_if_empty = True

    def build(self, data: Any) -> None:
        self.form = PostalItemForm(data, self.files, region=self.region)

    def own_parts(self) -> list[Part]:
        return [self.form]

    def place(self) -> Place:
        return shop_place(self.organisation)

    def summary(self) -> str:
        text: str = self.form.cleaned_data["note"]
        return text

    def subjects(self) -> list[Subject]:
        data = self.form.cleaned_data
        found = [
            subject_of("item", SubjectRole.ITEM, [(MentionKind.POSTAL_ITEM, data["item_id"])]),
            subject_of(
                "recipient",
                SubjectRole.RECIPIENT,
                [
                    (MentionKind.PERSON_NAME, data["recipient_name"]),
                    (MentionKind.ADDRESS, data["recipient_address"]),
                ],
            ),
            subject_of(
                "sender",
                SubjectRole.SENDER,
                [
                    (MentionKind.PERSON_NAME, data["sender_name"]),
                    (MentionKind.ADDRESS, data["sender_address"]),
                ],
            ),
        ]
        return [subject for subject in found if subject is not None]

    def photo(self) -> CleanPhoto | None:
        photo: CleanPhoto | None = self.form.cleaned_data.get("photo")
        return photo

    def details(self) -> dict[str, Any]:
        data = self.form.cleaned_data
        chosen = set(data["suspicion"])
        return {
            "item": PostalItemDetails(
                format=data["format"],
                weight_grams=data["weight_grams"],
                suspicion=[sign for sign in SuspicionSign if sign.value in chosen],
            )
        }
