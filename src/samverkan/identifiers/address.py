"""Swedish and Norwegian street addresses, keyed as "SE:12345:storgatan:12b".

Invariant: a key is country, postcode digits, folded street name and house
number (with its letter, lower case), joined by ":"; the postcode has five
digits not starting with 0 for SE and four digits for NO.

The key names a building entrance, not a flat, so that the many ways of
writing one address meet:

- Flat and floor details after the house number ("H0201", "lgh 1102",
  "3 tr") and "c/o" lines are left out of key and display; the report keeps
  them as written. A number range "12-14" is keyed by its first number.
  A flat designation is dropped before the postcode is looked for, so it is
  never taken for one: the four digits in "lgh 1103", "lgh. 1103",
  "lägenhet 1103", "leil. 0201" or "leilighet 0201" and a bare Norwegian
  "H0201" name a flat, and "Storgatan 7 lgh 1103, Sundsvall" has no postcode.
- The town is left out of the key (the postcode already says it, and towns
  are abbreviated: "Sthlm"), but shown in the display as written.
- Street names are folded like personal names (``folding.fold``) after
  common abbreviations are written out: Swedish "g." and "gat." become
  "gatan", "v." and "väg." "vägen", "S:t" "Sankt". Norwegian street-type
  endings are reduced to one form, since writers mix them: "gt.", "gate",
  "gaten" and "gata" become "gata"; "v.", "vn.", "vei", "veg" and "vegen"
  become "veien".
- The country comes from a prefix ("SE-123 45", "N-0150"), a trailing
  "Sverige"/"Norge" line, or the postcode's shape (five digits SE, four
  NO); ``region`` must agree with it.
- The display is "Street 12 B, 123 45 Town": street and town as written
  (words in capitals are capitalised), the postcode in national form.
"""

from __future__ import annotations

import re
import string

from samverkan.identifiers._base import (
    Identifier,
    InvalidIdentifier,
    prepare,
    require_nordic_region,
)
from samverkan.identifiers.address_street import Street, parse_street, street_key
from samverkan.identifiers.folding import fold

KIND = "address"
_LABEL = "address"
_COUNTRY_WORDS = {"sverige": "SE", "sweden": "SE", "norge": "NO", "noreg": "NO", "norway": "NO"}
_COUNTRY_PREFIXES = {"S": "SE", "SE": "SE", "N": "NO", "NO": "NO"}
_POSTCODE_NAMES = {"SE": "Swedish", "NO": "Norwegian"}
_TAIL = re.compile(
    r"^(?:(?P<street>.*?)[\s,]+)??"
    r"(?:(?P<prefix>SE|NO|S|N)\s?-\s?|(?P<word>SE|NO)\s)?"
    r"(?P<postcode>[0-9]{3} ?[0-9]{2}|[0-9]{4})"
    r"(?:[\s,]+(?P<town>[^0-9,]*[^\W0-9_][^0-9,]*))?$",
    re.IGNORECASE,
)
# A flat: a Swedish or Norwegian flat word and a number of at most four digits
# (with a letter before or after it), or a Norwegian unit number "H0201"
# (H, U, L or K, then floor and door).
_FLAT = re.compile(
    r"(?<![^\s,])(?:"
    r"(?:lgh|l[äa]genhet|leil|leilighet)(?:\.\s*|\s+|(?=\d))(?:nr\.?\s*)?[a-z]?[0-9]{1,4}[a-z]?"
    r"|[hulk][0-9]{4}"
    r")(?![^\s,])",
    re.IGNORECASE,
)


def normalise(raw: str, *, region: str | None = None) -> Identifier:
    """Parse a Nordic street address with postcode."""
    hint = require_nordic_region(region, kind=KIND, label="address")
    text = prepare(", ".join(raw.splitlines()), kind=KIND, label=_LABEL)
    text, named_country = _drop_country_line(text)
    text, flats = _drop_flats(text)
    tail = _TAIL.match(text)
    if tail is None:
        flat_note = f' "{flats[0]}" is a flat, not a postcode.' if flats else ""
        raise InvalidIdentifier(
            KIND,
            "missing_postcode",
            "The address has no postcode (five digits in Sweden, four in Norway) before the town."
            + flat_note,
        )
    postcode = tail["postcode"].replace(" ", "")
    marked = _COUNTRY_PREFIXES.get((tail["prefix"] or tail["word"] or "").upper(), named_country)
    country = _country(postcode, marked=marked, hint=hint)
    street = _street(tail["street"] or "")
    town = _capitalised(tail["town"].strip()) if tail["town"] else ""
    postcode_display = f"{postcode[:3]} {postcode[3:]}" if country == "SE" else postcode
    return Identifier(
        kind=KIND,
        key=f"{country}:{postcode}:{street_key(street.name, country=country)}:{street.number_key}",
        display=f"{_capitalised(street.name)} {street.number_display}, "
        f"{postcode_display} {town}".rstrip(),
    )


def street_and_town(raw: str, *, region: str | None = None) -> tuple[str, str, str, str] | None:
    """Country, folded street, house number and folded town of an address, postcode or not.

    For matching an address written without a postcode ("Storgatan 7,
    Sundsvall") to a known one: the country is the postcode's, else the
    marked one, else ``region``. None when there is no street with a number,
    no town or no country to read the street name in.
    """
    try:
        text = prepare(", ".join(raw.splitlines()), kind=KIND, label=_LABEL)
    except InvalidIdentifier:
        return None
    text, named_country = _drop_country_line(text)
    text, _flats = _drop_flats(text)
    tail = _TAIL.match(text)
    if tail is not None:
        postcode = tail["postcode"].replace(" ", "")
        country: str | None = "SE" if len(postcode) == 5 else "NO"
        section, town = tail["street"] or "", tail["town"] or ""
    else:
        country = named_country or (region.upper() if region else None)
        section, _comma, town = text.rpartition(",")
    if country not in _POSTCODE_NAMES or not town.strip():
        return None
    try:
        street = _street(section)
    except InvalidIdentifier:
        return None
    return country, street_key(street.name, country=country), street.number_key, fold(town)


def _drop_country_line(text: str) -> tuple[str, str | None]:
    """Remove a last comma part that names the country, and return that country."""
    head, comma, last = text.rpartition(",")
    country = _COUNTRY_WORDS.get(last.strip().casefold())
    if comma and country:
        return head.strip(), country
    return text, None


def _drop_flats(text: str) -> tuple[str, list[str]]:
    """Remove flat designations ("lgh 1103", "H0201"), and return them as written."""
    flats = [match.group() for match in _FLAT.finditer(text)]
    if not flats:
        return text, flats
    parts = (" ".join(part.split()) for part in _FLAT.sub(" ", text).split(","))
    return ", ".join(part for part in parts if part), flats


def _country(postcode: str, *, marked: str | None, hint: str | None) -> str:
    """The postcode's country, checked against any prefix, country line and hint."""
    country = "SE" if len(postcode) == 5 else "NO"
    for source, claimed in (("is marked", marked), ("was asked for", hint)):
        if claimed is not None and claimed != country:
            raise InvalidIdentifier(
                KIND,
                "country",
                f"The postcode {postcode} is {_POSTCODE_NAMES[country]}, but {claimed} "
                f"{source}; Swedish postcodes have five digits, Norwegian four.",
            )
    if country == "SE" and postcode.startswith("0"):
        raise InvalidIdentifier(KIND, "format", "Swedish postcodes do not start with 0.")
    return country


def _street(section: str) -> Street:
    """Find the street line among the comma parts before the postcode."""
    parts = [part.strip() for part in section.split(",")]
    parts = [
        part
        for part in parts
        if part and not re.match(r"c\s*/\s*o(?![a-zåäöæø])", part, re.IGNORECASE)
    ]
    for part in reversed(parts):
        if (street := parse_street(part)) is not None:
            return street
    if any(re.search(r"[^\W\d_]", part) for part in parts):
        raise InvalidIdentifier(
            KIND, "missing_number", "The address has no house number after the street name."
        )
    raise InvalidIdentifier(KIND, "missing_street", "The address has no street name.")


def _capitalised(text: str) -> str:
    """Capitalise words written in capitals ("STORGATAN" -> "Storgatan"); keep others."""
    return " ".join(
        string.capwords(word) if word.isupper() and len(word) > 1 else word for word in text.split()
    )
