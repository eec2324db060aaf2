"""Person records from the rows of any CSV, through a mapping of fields to columns.

Invariant: record ``i`` is data row ``i`` (the header is not a row) and
holds only what the mapped columns say, in the same comparison forms as
records from reports (``person_fields``), so one model type serves both.
A value that cannot be read (a phone that is no phone) is left out of the
record, never guessed at.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from samverkan.identifiers import InvalidIdentifier, normalise
from samverkan.identifiers.address_street import parse_street, street_key
from samverkan.identifiers.folding import fold
from samverkan.resolution import person_fields
from samverkan.resolution.records import PersonRecord

CSV_FIELDS = (
    "first_name",
    "last_name",
    "full_name",
    "birth_date",
    "street",
    "house_number",
    "postcode",
    "town",
    "phone",
    "personal_number",
    "email",
)


def csv_record(index: int, values: Mapping[str, str]) -> PersonRecord:
    """The record of one row; ``values`` maps fields (``CSV_FIELDS``) to the row's text."""
    fields: dict[str, Any] = {}
    _name(fields, values)
    number = _personal_number(values.get("personal_number", ""))
    if number is not None:
        kind, key = number
        fields["personal_number"] = f"{kind[:2]}:{key}"
        fields["birth_date"] = person_fields.birth_date_from_personal_number(kind, key)
    if not fields.get("birth_date") and values.get("birth_date", "").strip():
        fields["birth_date"] = person_fields.birth_date(values["birth_date"], country=None)
    _address(fields, values)
    phone = _key("phone", values.get("phone", ""))
    email = _key("email", values.get("email", ""))
    return PersonRecord(
        ref=f"row:{index}",
        phones=(phone,) if phone else (),
        email=email,
        **{name: value for name, value in fields.items() if value},
    )


def _name(fields: dict[str, Any], values: Mapping[str, str]) -> None:
    """First and last word of the name, from first/last columns or a full-name column."""
    first, last = fold(values.get("first_name", "")), fold(values.get("last_name", ""))
    written = f"{first} {last}".strip() if first or last else values.get("full_name", "")
    parts = person_fields.name_parts(written) if written.strip() else None
    if parts is None:
        return
    fields.update(
        first_name=first.split()[0] if first else parts.first,
        last_name=last.split()[-1] if last else parts.last,
        full_name=parts.full,
    )
    fields["given_group"] = person_fields.NameParts(
        fields["first_name"], fields["last_name"], parts.full
    ).given_group


def _personal_number(raw: str) -> tuple[str, str] | None:
    """A Swedish or Norwegian personal number's kind and key, whichever the text is."""
    for kind in ("se_personal_number", "no_personal_number"):
        key = _key(kind, raw)
        if key:
            return kind, key
    return None


def _address(fields: dict[str, Any], values: Mapping[str, str]) -> None:
    """Postcode digits, folded street, house number and town; a number inside the street too."""
    postcode = "".join(char for char in values.get("postcode", "") if char.isdigit()) or None
    country = "NO" if postcode is not None and len(postcode) == 4 else "SE"
    street_text = values.get("street", "").strip()
    number = "".join(values.get("house_number", "").split()).lower()
    if street_text and not number and (parsed := parse_street(street_text)) is not None:
        street_text, number = parsed.name, parsed.number_key
    street = street_key(street_text, country=country) if street_text else ""
    fields.update(
        postcode=postcode,
        street=street or None,
        house_number=number or None,
        town=fold(values.get("town", "")) or None,
        address=f"{postcode}:{street}:{number}" if postcode and street and number else None,
    )


def _key(kind: str, raw: str) -> str | None:
    if not raw.strip():
        return None
    try:
        return normalise(kind, raw).key
    except InvalidIdentifier:
        return None
