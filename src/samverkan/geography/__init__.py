"""Reference geography of Sweden and Norway, shipped as data, for routing leads.

A lead is routed to the police unit responsible for its address. This package
answers "which municipality is this?" and "which unit owns it?" from four
UTF-8 CSV files in ``data/`` (header row, one record per line), read with
``importlib.resources`` and cached for the life of the process. It is pure
Python: it imports nothing from Django.

The data
--------
``se_municipalities.csv``
    All 290 Swedish kommuner: 4-digit kommunkod and name and län as in SCB's
    register of kommunkoder; the Police Authority's (Polismyndigheten)
    polisregion and lokalpolisområde; the municipal seat; one postcode range.
``no_municipalities.csv``
    All 357 Norwegian kommuner as of 1 January 2024 (after Viken, Vestfold og
    Telemark and Troms og Finnmark were split and Haram was re-established):
    kommunenummer and name and fylke as in SSB's classification; the
    politidistrikt from the Norwegian Police's (Politiet) district division;
    the administrative centre; one postcode range.
``police_units.csv``
    The 7 Swedish polisregioner and their lokalpolisområden, the 12 Norwegian
    politidistrikter, and the national units NOA (SE), Kripos and Økokrim (NO).
``border_crossings.csv``
    The main Sweden–Norway road crossings, plus ports, bridges and airports
    where smuggled goods commonly enter either country.

The facts are public: SCB kommunkoder, Polisen's organisation, SSB
kommunenummer and Politiet's districts, written down by hand; they are not
fetched at run time.

Simplifications a caller must know
----------------------------------
* Postcode ranges are representative, not complete: one narrow range per
  municipality, chosen to cover its main town, and never overlapping another
  municipality's. ``municipality_for_postcode`` returning ``None`` means "not
  in a shipped range", not "no such postcode"; fall back to the address's
  municipality when you have it.
* Sweden: a municipality maps to exactly one lokalpolisområde. Stockholm,
  Göteborg and Malmö are split between several; they are assigned to the
  central one and the split is spelled out in ``Municipality.note``. The
  intermediate level (polisområde) is left out. Local police area boundaries
  are best-effort and may lag the Police Authority's reorganisations; the
  region of every municipality follows its län and is exact.
* Norway: police districts follow fylke except where the Police say otherwise:
  Asker and Bærum belong to Oslo, Lunner and Jevnaker to Innlandet, Sirdal and
  Etne, Sveio, Bømlo, Stord and Fitjar to Sør-Vest. Bømlo, Stord and Fitjar
  were placed in Sør-Vest in 2016 pending a later move to Vest; re-check them
  against Politiet's current division before relying on it.
* Norwegian municipalities with official Sami or Kven parallel names are
  listed under their Norwegian name (e.g. Kautokeino, not Guovdageaidnu).
* Codes are text with leading zeros ("0180", "0301"); lookups accept a code
  whose leading zeros were dropped ("180").
"""

from __future__ import annotations

from samverkan.geography.loader import GeographyDataError
from samverkan.geography.lookup import (
    border_crossings,
    municipalities,
    municipality,
    municipality_for_postcode,
    normalise_country,
    normalise_postcode,
    police_unit,
    police_units,
    responsible_unit,
)
from samverkan.geography.models import (
    BorderCrossing,
    Country,
    CrossingKind,
    Municipality,
    PoliceUnit,
    UnitKind,
)

__all__ = [
    "BorderCrossing",
    "Country",
    "CrossingKind",
    "GeographyDataError",
    "Municipality",
    "PoliceUnit",
    "UnitKind",
    "border_crossings",
    "municipalities",
    "municipality",
    "municipality_for_postcode",
    "normalise_country",
    "normalise_postcode",
    "police_unit",
    "police_units",
    "responsible_unit",
]
