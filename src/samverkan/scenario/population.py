"""Everyone and everything in the world, and how they are made.

Invariant: entities are only created through ``Population``'s methods, which
give each a sequential id and a valid canonical value (personal numbers,
phones, IBANs, plates, organisation numbers: see their modules) that no
other entity has, and addresses a postcode in their municipality's range
and a building (postcode, street, number) no other address has: two entities
never share an identifier, so the truth never contradicts a correct link.
No two companies of one country bear one name, legal form aside, as the
registers require (a taken name gets the company's town). Innocent people
live in households: family members share an address and a surname,
flatmates share an address but not a surname, and some parents share their
full name with a grown-up child, so an address or a name alone never proves
identity.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from itertools import count

from samverkan.scenario import bank_accounts, org_numbers, personal_numbers, phones, plates
from samverkan.scenario.entities import (
    Account,
    Address,
    Alias,
    Company,
    Person,
    Phone,
    Role,
    Vehicle,
)
from samverkan.scenario.names import FOREIGN_COUNTRIES, NamePools
from samverkan.scenario.places import Area, Atlas

_CARS = (
    "Volvo V70", "Volvo XC60", "Volvo V60", "VW Passat", "VW Golf", "Toyota RAV4",
    "Toyota Corolla", "Audi A6", "BMW 520d", "Mercedes-Benz E 220", "Skoda Octavia",
    "Tesla Model Y", "Kia Ceed", "Ford Transit", "VW Transporter", "Peugeot 308",
)  # fmt: skip
_COLOURS = {
    "SE": ("svart", "vit", "grå", "silver", "blå", "röd"),
    "NO": ("svart", "hvit", "grå", "sølv", "blå", "rød"),
}
# Counties whose residents cross the Swedish–Norwegian border to shop or commute.
_BORDER_COUNTIES = frozenset(
    {"Østfold", "Akershus", "Oslo", "Innlandet", "Västra Götalands län", "Värmlands län"}
)
# Norwegian street-type endings that ``samverkan.identifiers`` treats as one.
_NO_GATE = re.compile(r"(?:gaten|gate|gata)$")
_NO_VEI = re.compile(r"(?:veien|vegen|veg|vei)$")
# Legal forms written last in a company's name: its variants keep them last.
_COMPANY_FORMS = frozenset({"AB", "HB", "KB", "AS", "ASA", "ANS", "BA", "DA", "ENK"})
_HOUSEHOLD_KINDS = (("single", 35), ("couple", 25), ("family", 25), ("flat", 10), ("namesake", 5))


def _registered_form(stem: str) -> str:
    """A name as the registers compare it: case, accents and punctuation aside."""
    letters = unicodedata.normalize("NFKD", stem.casefold())
    return " ".join("".join(c for c in letters if c.isalnum() or c == " ").split())


def _name_variants(stem: str, town: str) -> Iterator[str]:
    yield stem
    yield f"{stem} i {town}"
    for number in count(2):
        yield f"{stem} {number} i {town}"


class Population:
    """The entity tables of one world and the factory that fills them."""

    def __init__(self, rng: random.Random, pools: NamePools, atlas: Atlas, year: int) -> None:
        self.rng = rng
        self.pools = pools
        self.atlas = atlas
        self.year = year
        self.people: list[Person] = []
        self.phones: list[Phone] = []
        self.addresses: list[Address] = []
        self.vehicles: list[Vehicle] = []
        self.companies: list[Company] = []
        self.accounts: list[Account] = []
        self.aliases: list[Alias] = []
        self.innocents: list[int] = []
        self.innocent_vehicles: list[int] = []
        # Innocent cars kept near the border: the frequent crossers.
        self.border_vehicles: list[int] = []
        self.innocent_companies: list[int] = []
        self.households = 0
        # Identifier values and buildings already issued. The sets hold
        # references to strings the entities keep anyway, so they cost a
        # slot each; they grow with the population, not with the reports.
        self._issued: set[str] = set()
        self._buildings: set[tuple[str, str, str, str]] = set()
        self._company_names: set[tuple[str, str]] = set()

    def _unique(self, make: Callable[[], str]) -> str:
        while True:
            value = make()
            if value not in self._issued:
                self._issued.add(value)
                return value

    # Look-ups by id (ids start at 1).
    def person(self, person_id: int) -> Person:
        return self.people[person_id - 1]

    def phone(self, phone_id: int) -> Phone:
        return self.phones[phone_id - 1]

    def address(self, address_id: int) -> Address:
        return self.addresses[address_id - 1]

    def vehicle(self, vehicle_id: int) -> Vehicle:
        return self.vehicles[vehicle_id - 1]

    def company(self, company_id: int) -> Company:
        return self.companies[company_id - 1]

    def account(self, account_id: int) -> Account:
        return self.accounts[account_id - 1]

    def alias(self, alias_id: int) -> Alias:
        return self.aliases[alias_id - 1]

    def area_of(self, person: Person) -> Area | None:
        if person.address is None:
            return None
        address = self.address(person.address)
        return self.atlas.area(address.country, address.municipality)

    # Factories.
    def new_address(self, area: Area, *, flat: bool | None = None) -> Address:
        rng = self.rng
        streets = self.pools.by_country[area.country].streets
        while True:
            street = streets[rng.randrange(len(streets))]
            number = str(rng.randint(1, 60))
            if rng.random() < 0.1:
                number += rng.choice("ABC")
            postcode = self.atlas.postcode(rng, area)
            building = (area.country, postcode, _street_key(street), number)
            if building not in self._buildings:
                self._buildings.add(building)
                break
        if flat is None:
            flat = rng.random() < 0.5
        unit = ""
        if flat:
            floor = rng.randint(1, 6)
            door = rng.randint(1, 4)
            unit = (
                f"lgh {floor + 10}{door:02d}" if area.country == "SE" else f"H{floor:02d}{door:02d}"
            )
        address = Address(
            id=len(self.addresses) + 1,
            country=area.country,
            municipality=area.code,
            street=street,
            number=number,
            unit=unit,
            postcode=postcode,
            town=area.town,
        )
        self.addresses.append(address)
        return address

    def birth_date(self, youngest: int, oldest: int) -> date:
        """A birth date for someone aged ``youngest``..``oldest`` at the start of the year."""
        start = date(self.year - oldest - 1, 1, 2)
        end = date(self.year - youngest, 1, 1)
        return start + timedelta(days=self.rng.randrange((end - start).days))

    def given_name(self, country: str, *, female: bool) -> str:
        if country in FOREIGN_COUNTRIES:
            names: tuple[str, ...] = self.pools.foreign[country].male
        else:
            pool = self.pools.by_country[country]
            names = pool.female if female else pool.male
        return names[self.rng.randrange(len(names))]

    def family_name(self, country: str) -> str:
        if country in FOREIGN_COUNTRIES:
            names = self.pools.foreign[country].family
        else:
            names = self.pools.by_country[country].family
        return names[self.rng.randrange(len(names))]

    def new_person(
        self,
        country: str,
        *,
        address: Address | None,
        female: bool | None = None,
        born: date | None = None,
        given: str | None = None,
        family: str | None = None,
        role: Role = Role.INNOCENT,
        network: int | None = None,
        household: int | None = None,
        id_country: str | None = None,
    ) -> Person:
        """A person; ``id_country`` (default: ``country``) is the country whose number they hold.

        Foreign couriers have no Nordic number unless they work in the North
        and got a samordningsnummer or D-nummer (``id_country`` "SE"/"NO").
        """
        rng = self.rng
        if female is None:
            female = country not in FOREIGN_COUNTRIES and rng.random() < 0.5
        if born is None:
            born = self.birth_date(18, 75)
        number_country = id_country or country
        number: str | None = None
        kind: str | None = None
        if number_country == "SE":
            coordination = country != "SE" or rng.random() < 0.03
            number = self._unique(
                lambda: personal_numbers.se_personal_number(
                    rng, born, female=female, coordination=coordination
                )
            )
            kind = "se_personal_number"
        elif number_country == "NO":
            d_number = country != "NO" or rng.random() < 0.05
            number = self._unique(
                lambda: personal_numbers.no_personal_number(
                    rng, born, female=female, d_number=d_number
                )
            )
            kind = "no_personal_number"
        person = Person(
            id=len(self.people) + 1,
            country=country,
            given=given or self.given_name(country, female=female),
            family=family or self.family_name(country),
            female=female,
            born=born,
            personal_number=number,
            personal_number_kind=kind,
            address=address.id if address else None,
            role=role,
            network=network,
            household=household,
        )
        self.people.append(person)
        return person

    def give_phone(
        self, person: Person, country: str, *, active: tuple[int, int] = (0, 365)
    ) -> Phone:
        phone = Phone(
            id=len(self.phones) + 1,
            number=self._unique(lambda: phones.mobile(self.rng, country)),
            country=country,
            owner=person.id,
            network=person.network,
            active_from=active[0],
            active_to=active[1],
        )
        self.phones.append(phone)
        person.phones.append(phone.id)
        return phone

    def give_vehicle(self, keeper: Person | Company, country: str, network: int | None) -> Vehicle:
        rng = self.rng
        colour = rng.choice(_COLOURS[country])
        vehicle = Vehicle(
            id=len(self.vehicles) + 1,
            plate=self._unique(lambda: plates.plate(rng, country)),
            country=country,
            description=f"{colour} {rng.choice(_CARS)}",
            keeper=keeper.ref,
            network=network,
        )
        self.vehicles.append(vehicle)
        if isinstance(keeper, Person) and keeper.vehicle is None:
            keeper.vehicle = vehicle.id
        return vehicle

    def give_account(self, holder: Person | Company, country: str, network: int | None) -> Account:
        account = Account(
            id=len(self.accounts) + 1,
            iban=self._unique(lambda: bank_accounts.iban(self.rng, country)),
            holder=holder.ref,
            network=network,
        )
        self.accounts.append(account)
        holder.account = account.id
        return account

    def new_company(
        self, area: Area, name: str, *, board: list[Person], front_of: int | None = None
    ) -> Company:
        make = org_numbers.se_org_number if area.country == "SE" else org_numbers.no_org_number
        org_number = self._unique(lambda: make(self.rng))
        company = Company(
            id=len(self.companies) + 1,
            country=area.country,
            org_number=org_number,
            name=self._company_name(area, name),
            address=self.new_address(area, flat=False).id,
            account=None,
            front_of=front_of,
            board=[p.id for p in board],
        )
        self.companies.append(company)
        self.give_account(company, area.country, front_of)
        return company

    def _company_name(self, area: Area, name: str) -> str:
        """``name``, or ``name`` placed in the company's town when another company bears it.

        Both registers refuse a name that another company in the country
        already bears, legal form aside (Sweden's lag (2018:1653) om
        företagsnamn, Norway's foretaksnavneloven § 3-1), so a name written
        alone names one company.
        """
        words = name.split()
        form = words.pop() if len(words) > 1 and words[-1] in _COMPANY_FORMS else ""
        for variant in _name_variants(" ".join(words), area.town):
            registered = (area.country, _registered_form(variant))
            if registered not in self._company_names:
                self._company_names.add(registered)
                return f"{variant} {form}".rstrip()
        raise AssertionError("unreachable: the numbered variants never run out")

    def new_alias(self, country: str, network: int, address: Address, family: str | None) -> Alias:
        female = self.rng.random() < 0.4
        alias = Alias(
            id=len(self.aliases) + 1,
            given=self.given_name(country, female=female),
            family=family or self.family_name(country),
            network=network,
            address=address.id,
        )
        self.aliases.append(alias)
        return alias

    # The innocent majority.
    def add_households(self, innocents: int, *, se_share: float = 0.65) -> None:
        """Households until ``innocents`` people live in them, then some companies."""
        rng = self.rng
        kinds = [kind for kind, _ in _HOUSEHOLD_KINDS]
        weights = [weight for _, weight in _HOUSEHOLD_KINDS]
        target = len(self.innocents) + innocents
        while len(self.innocents) < target:
            country = "SE" if rng.random() < se_share else "NO"
            self._household(country, rng.choices(kinds, weights=weights)[0])
        board_pool = self.innocents
        for _ in range(max(5, innocents // 40)):
            owner = self.person(board_pool[rng.randrange(len(board_pool))])
            area = self.area_of(owner)
            if area is None:  # pragma: no cover - innocents always have an address
                continue
            names = self.pools.by_country[area.country].companies
            company = self.new_company(area, names[rng.randrange(len(names))], board=[owner])
            self.innocent_companies.append(company.id)

    def _household(self, country: str, kind: str) -> None:
        rng = self.rng
        self.households += 1
        household = self.households
        area = self.atlas.pick(rng, country)
        address = self.new_address(area, flat=kind == "flat" or None)
        family = self.family_name(country)
        members: list[Person] = []

        def member(
            *,
            family: str | None = None,
            female: bool | None = None,
            born: date | None = None,
            given: str | None = None,
        ) -> Person:
            person = self.new_person(
                country,
                address=address,
                household=household,
                family=family,
                female=female,
                born=born,
                given=given,
            )
            members.append(person)
            return person

        if kind == "single":
            member()
        elif kind == "couple":
            first = member(family=family)
            member(family=family if rng.random() < 0.6 else None, female=not first.female)
        elif kind == "family":
            first = member(family=family, born=self.birth_date(28, 55))
            member(family=family, female=not first.female, born=self.birth_date(28, 55))
            for _ in range(rng.randint(1, 3)):
                member(family=family, born=self.birth_date(0, 17))
        elif kind == "flat":
            for _ in range(rng.randint(2, 4)):
                member(born=self.birth_date(19, 30))
        else:
            # A parent and a grown-up child with the same full name at one address.
            parent = member(family=family, female=False, born=self.birth_date(50, 70))
            member(family=family, female=False, given=parent.given, born=self.birth_date(19, 30))
        for person in members:
            self.innocents.append(person.id)
            if self.year - person.born.year >= 13:
                self.give_phone(person, country)
            if self.year - person.born.year >= 18 and rng.random() < 0.7:
                self.give_account(person, country, None)
        adults = [p for p in members if self.year - p.born.year >= 18]
        if adults and rng.random() < 0.45:
            vehicle = self.give_vehicle(adults[0], country, None)
            self.innocent_vehicles.append(vehicle.id)
            if self.atlas.area(country, address.municipality).county in _BORDER_COUNTIES:
                self.border_vehicles.append(vehicle.id)


def _street_key(street: str) -> str:
    """The street as ``samverkan.identifiers`` compares it, near enough to spot one building."""
    folded = street.lower().replace(" ", "")
    return _NO_VEI.sub("veien", _NO_GATE.sub("gata", folded))
