"""What a bad identifier is told, in the reader's language, keyed by the error's stable code.

``samverkan.identifiers`` raises ``InvalidIdentifier`` with an English
sentence and a short ``code`` that does not change. The sentences carry
details (the expected check digit, the count of digits) that a translation
catalogue cannot hold, so the web says the same thing in its own words: the
most specific text for ``(kind, code)``, else the text for ``code`` naming the
kind, else — for a code this table does not know yet — the English sentence.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from samverkan.identifiers import InvalidIdentifier
from samverkan.intake.labels import MENTION_KINDS

# Kinds the forms offer beyond the mention kinds (see ``identifier_fields``).
_EXTRA_KIND_LABELS: dict[str, Promise] = {
    "personal_number": gettext_lazy("Personal number"),
}

_BY_KIND_AND_CODE: dict[tuple[str, str], Promise] = {
    ("postal_item", "format"): gettext_lazy(
        "An item id is two letters, nine digits and two letters (RR 123 456 785 SE), "
        "or a barcode of digits only."
    ),
    ("postal_item", "checksum"): gettext_lazy(
        "The check digit of this item id (the ninth digit) does not match: look for a typing error."
    ),
    ("postal_item", "length"): gettext_lazy("A barcode has 10 to 35 digits."),
    ("phone", "format"): gettext_lazy(
        "A phone number may contain only digits, spaces and the signs + - . / ( )."
    ),
    ("phone", "length"): gettext_lazy(
        "This phone number has too few or too many digits for its country."
    ),
    ("phone", "invalid"): gettext_lazy(
        "No phone number like this is in use: look for a missing or extra digit."
    ),
    ("phone", "country"): gettext_lazy("The country code of this phone number does not exist."),
    ("plate", "format"): gettext_lazy(
        "A plate is three letters and three characters in Sweden (ABC 123, ABC 12A), "
        "or two letters and four or five digits in Norway (AB 12345)."
    ),
    ("plate", "country"): gettext_lazy("This plate looks like another country's."),
    ("se_personal_number", "checksum"): gettext_lazy(
        "The last digit of this personal number does not match: look for a typing error."
    ),
    ("no_personal_number", "checksum"): gettext_lazy(
        "The check digits of this national identity number do not match: look for a typing error."
    ),
    ("person_name", "format"): gettext_lazy(
        "A name must contain letters, and at most one comma (between surname and given names)."
    ),
    ("email", "format"): gettext_lazy("An e-mail address is written like name@example.se."),
    ("iban", "format"): gettext_lazy(
        "An IBAN is a country code, two check digits and the account, as SE45 5000 0000 0583 9825 "
        "7466."
    ),
}

_BY_CODE: dict[str, Promise] = {
    "empty": gettext_lazy("%(kind)s: nothing was written here."),
    "format": gettext_lazy("%(kind)s: these characters or this layout are not possible."),
    "length": gettext_lazy("%(kind)s: too few or too many characters."),
    "checksum": gettext_lazy(
        "%(kind)s: the check digit does not match the other digits; look for a typing error."
    ),
    "date": gettext_lazy("%(kind)s: the date in the number is not a real date, or is to come."),
    "country": gettext_lazy("%(kind)s: this belongs to another country than expected."),
    "invalid": gettext_lazy("%(kind)s: no such number is in use."),
    "unknown_kind": gettext_lazy("%(kind)s: this kind of identifier is not known."),
    "missing_postcode": gettext_lazy(
        "The address needs a postcode (five digits in Sweden, four in Norway) before the town."
    ),
    "missing_street": gettext_lazy("The address needs a street name."),
    "missing_number": gettext_lazy("The address needs a house number after the street name."),
}


def kind_label(kind: str) -> str:
    """The identifier kind as the reader calls it."""
    label = MENTION_KINDS.get(kind) or _EXTRA_KIND_LABELS.get(kind)
    return str(label) if label is not None else kind


def identifier_message(error: InvalidIdentifier, *, kind: str | None = None) -> str:
    """The error in the reader's language; ``kind`` is the field's kind if not the error's."""
    specific = _BY_KIND_AND_CODE.get((error.kind, error.code))
    if specific is not None:
        return str(specific)
    general = _BY_CODE.get(error.code)
    if general is None:
        return error.message
    return str(general) % {"kind": kind_label(kind or error.kind)}


def known_codes() -> frozenset[str]:
    """The codes this table translates (the tests check it covers the package's list)."""
    return frozenset(_BY_CODE)
