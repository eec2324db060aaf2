"""Pools of names and street names, drawn once per world from Faker.

Invariant: Faker is called only here, only while the pools are built, and
only through instances seeded with ``seed_instance``; everything later draws
from these tuples with the world's own random streams. That keeps the
generator fast (a Faker call costs as much as writing a report) and the
output byte-identical for a seed and a Faker version.

Pools are drawn with repetition on purpose: Faker weights first names and
surnames by frequency, so "Anders Johansson" comes up as often as it should
and innocent namesakes of backers happen naturally.
"""

from __future__ import annotations

from dataclasses import dataclass

from faker import Faker

# Faker has no nb_NO locale; no_NO is its Norwegian Bokmål.
_LOCALES = {"SE": "sv_SE", "NO": "no_NO"}
# Origins of foreign couriers in Nordic case law (Romania, Lithuania, Poland).
FOREIGN_COUNTRIES = ("RO", "LT", "PL")
_FOREIGN_LOCALES = {"RO": "ro_RO", "LT": "lt_LT", "PL": "pl_PL"}
# Faker's lt_LT mixes women's names into first_name_male, so Lithuanian men's
# given names come from this list instead.
_LT_MALE = (
    "Tomas", "Mantas", "Darius", "Andrius", "Vytautas", "Paulius", "Giedrius", "Marius",
    "Rokas", "Lukas", "Jonas", "Dainius", "Saulius", "Mindaugas", "Karolis", "Arūnas",
)  # fmt: skip

# Names common among Swedes and Norwegians of Middle Eastern, Somali and
# Balkan origin, which Faker's Nordic locales under-represent. Drawing some
# of them keeps spelling variants (Mohammed/Mohamed) in play.
_WIDER_MALE = (
    "Mohammed", "Ali", "Ahmed", "Hassan", "Omar", "Yusuf", "Ibrahim", "Abdi", "Mustafa",
    "Amir", "Hamza", "Karim", "Mehmet", "Emir", "Adnan", "Ismail", "Khalid", "Bilal",
)  # fmt: skip
_WIDER_FEMALE = (
    "Fatima", "Amina", "Sara", "Leila", "Hodan", "Yasmin", "Zainab", "Ayan", "Noor",
    "Maryam", "Hiba", "Emina",
)  # fmt: skip
_WIDER_FAMILY = (
    "Hassan", "Ali", "Mohamed", "Ahmed", "Abdullahi", "Yilmaz", "Hussein", "Omar", "Khan",
    "Ibrahim", "Jusufović", "Hodžić", "Begić", "Nowak", "Rashid", "Warsame", "Demir",
)  # fmt: skip

# Roots and endings of everyday street names: Faker's Norwegian streets are
# surname-based inventions ("Hansenengen"), so both countries get these too.
_SE_STREET_ROOTS = (
    "Kyrko", "Stor", "Skol", "Drottning", "Kungs", "Järnvägs", "Park", "Björk", "Tall",
    "Ek", "Sjö", "Ängs", "Torg", "Mölle", "Hamn", "Lärk", "Gran", "Väster", "Öster",
)  # fmt: skip
_SE_STREET_ENDINGS = ("gatan", "vägen", "stigen", "backen", "gränd")
_NO_STREET_ROOTS = (
    "Kirke", "Stor", "Skole", "Dronning", "Kongens ", "Jernbane", "Park", "Bjørke", "Furu",
    "Gran", "Eike", "Løkke", "Myr", "Strand", "Fjord", "Sjø", "Tordenskjolds ", "Mølle",
)  # fmt: skip
_NO_STREET_ENDINGS = ("gata", "gate", "veien", "vegen", "bakken", "svingen", "lia")

# Neighbourhood names for shop names ("ICA Nära Tallbacken", "Joker Lilleaker").
_SE_PLACE_ROOTS = (
    "Tall", "Gran", "Björk", "Ek", "Sjö", "Berg", "Lind", "Ros", "Sol", "Hag", "Äng",
    "Stor", "Lill", "Norr", "Söder", "Väster", "Öster", "Fur", "Ask",
)  # fmt: skip
_SE_PLACE_ENDINGS = ("backen", "dal", "gården", "torget", "by", "lund", "hem", "vik", "hagen")
_NO_PLACE_ROOTS = (
    "Lille", "Rosen", "Fjell", "Bjørke", "Gran", "Furu", "Sol", "Berg", "Strand", "Øvre",
    "Nedre", "Nord", "Sør", "Skog", "Eike", "Lin", "Hauke",
)  # fmt: skip
_NO_PLACE_ENDINGS = ("aker", "borg", "haugen", "heim", "lia", "vika", "dalen", "sletta", "tangen")


@dataclass(frozen=True, slots=True)
class CountryNames:
    male: tuple[str, ...]
    female: tuple[str, ...]
    family: tuple[str, ...]
    streets: tuple[str, ...]
    neighbourhoods: tuple[str, ...]
    companies: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ForeignNames:
    male: tuple[str, ...]
    family: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NamePools:
    by_country: dict[str, CountryNames]
    foreign: dict[str, ForeignNames]


def _faker(locale: str, seed: int) -> Faker:
    faker = Faker(locale)
    faker.seed_instance(seed)
    return faker


def _combine(roots: tuple[str, ...], endings: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(root + ending for root in roots for ending in endings)


def _country(country: str, seed: int, size: int) -> CountryNames:
    faker = _faker(_LOCALES[country], seed)
    # About one in eight names from the wider list, roughly the share of
    # residents with such names in the largest Nordic cities.
    wider = max(1, size // 8)
    male = [faker.first_name_male() for _ in range(size)]
    male += [_WIDER_MALE[i % len(_WIDER_MALE)] for i in range(wider)]
    female = [faker.first_name_female() for _ in range(size)]
    female += [_WIDER_FEMALE[i % len(_WIDER_FEMALE)] for i in range(wider)]
    family = [faker.last_name() for _ in range(size)]
    family += [_WIDER_FAMILY[i % len(_WIDER_FAMILY)] for i in range(wider)]
    roots: tuple[str, ...]
    endings: tuple[str, ...]
    place_roots: tuple[str, ...]
    place_endings: tuple[str, ...]
    if country == "SE":
        roots, endings = _SE_STREET_ROOTS, _SE_STREET_ENDINGS
        place_roots, place_endings = _SE_PLACE_ROOTS, _SE_PLACE_ENDINGS
    else:
        roots, endings = _NO_STREET_ROOTS, _NO_STREET_ENDINGS
        place_roots, place_endings = _NO_PLACE_ROOTS, _NO_PLACE_ENDINGS
    streets = sorted({faker.street_name() for _ in range(size // 4)})
    streets += _combine(roots, endings)
    companies = [faker.company() for _ in range(max(50, size // 10))]
    return CountryNames(
        male=tuple(male),
        female=tuple(female),
        family=tuple(family),
        streets=tuple(streets),
        neighbourhoods=_combine(place_roots, place_endings),
        companies=tuple(companies),
    )


def _foreign(country: str, seed: int, size: int) -> ForeignNames:
    faker = _faker(_FOREIGN_LOCALES[country], seed)
    if country == "LT":
        male = tuple(_LT_MALE[i % len(_LT_MALE)] for i in range(size))
    else:
        male = tuple(faker.first_name_male() for _ in range(size))
    return ForeignNames(
        male=male,
        family=tuple(faker.last_name_male() for _ in range(size)),
    )


def name_pools(seed: int, size: int = 2000) -> NamePools:
    """All pools of a world; ``size`` draws per list (repetitions included)."""
    return NamePools(
        by_country={country: _country(country, seed, size) for country in ("SE", "NO")},
        foreign={country: _foreign(country, seed, size // 4) for country in FOREIGN_COUNTRIES},
    )
