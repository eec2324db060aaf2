"""Identifiers found in reports, each reduced to one canonical key.

Invariant: ``normalise(kind, a).key == normalise(kind, b).key`` exactly when
``a`` and ``b`` are two writings of the same identifier; anything that is not
a valid identifier of the kind raises ``InvalidIdentifier``. The package is
pure Python and imports nothing from Django.

Each kind is one module with one function ``normalise(raw, *, region)``; its
docstring states the key's form and the pitfalls. ``region`` is an ISO
country hint ("SE", "NO", ...) read by ``phone``, ``plate`` and ``address``
and ignored by kinds whose value carries its country.

Error codes (``InvalidIdentifier.code``), stable for translation:

``unknown_kind``
    The kind is not one of ``KINDS``.
``empty``
    Nothing but spaces or punctuation was given.
``format``
    Characters or layout that the kind never has.
``length``
    The right characters, but too few or too many; also any text longer
    than 400 characters.
``checksum``
    A check digit does not match; the message names the expected digit where
    one exists.
``date``
    A personal number whose date part is not a real date, or in the future.
``country``
    The country hint is malformed or unsupported, or the value belongs to a
    different country than the hint or its own country mark says.
``invalid``
    A phone number of possible length that is in no allocated range.
``missing_postcode``, ``missing_street``, ``missing_number``
    An address without that part.
"""

from __future__ import annotations

from samverkan.identifiers import (
    address,
    email,
    iban,
    imei,
    no_org_number,
    no_personal_number,
    person_name,
    phone,
    plate,
    postal_item,
    se_bank_account,
    se_org_number,
    se_personal_number,
)
from samverkan.identifiers._base import Identifier, InvalidIdentifier, Normaliser

__all__ = ["KINDS", "Identifier", "InvalidIdentifier", "normalise"]

_NORMALISERS: dict[str, Normaliser] = {
    phone.KIND: phone.normalise,
    se_personal_number.KIND: se_personal_number.normalise,
    no_personal_number.KIND: no_personal_number.normalise,
    se_org_number.KIND: se_org_number.normalise,
    no_org_number.KIND: no_org_number.normalise,
    iban.KIND: iban.normalise,
    se_bank_account.KIND: se_bank_account.normalise,
    plate.KIND: plate.normalise,
    postal_item.KIND: postal_item.normalise,
    email.KIND: email.normalise,
    imei.KIND: imei.normalise,
    person_name.KIND: person_name.normalise,
    address.KIND: address.normalise,
}

KINDS: tuple[str, ...] = tuple(_NORMALISERS)


def normalise(kind: str, raw: str, *, region: str | None = None) -> Identifier:
    """Parse ``raw`` as an identifier of ``kind`` and return its canonical key and display."""
    try:
        normaliser = _NORMALISERS[kind]
    except KeyError:
        raise InvalidIdentifier(
            kind,
            "unknown_kind",
            f"There is no identifier kind {kind!r}; the kinds are {', '.join(KINDS)}.",
        ) from None
    return normaliser(raw, region=region)
