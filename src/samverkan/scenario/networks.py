"""Criminal networks: who orders, who carries, who receives, and for whom.

Invariant: every member, drop address, alias, front company, account,
vehicle and phone of a network carries the network's id, and nothing
innocent does. A backer's phones succeed each other over the year (burner
phones), so on any day exactly one of each backer's phones is in use; that
phone is what couriers stopped that day can name, which is how several
couriers come to name one number.

Kinds: a *border* network brings drugs by car into its market country
(couriers stopped at Svinesund, Ørje, the Öresund bridge...), a *post*
network imports by post to drop addresses and sells by letter to buyers
across the country, a *mixed* one does both.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field
from enum import StrEnum

from samverkan import geography
from samverkan.intake.schemas import Substance
from samverkan.scenario.entities import Person, Role
from samverkan.scenario.names import FOREIGN_COUNTRIES
from samverkan.scenario.nicknames import STREET_NICKNAMES
from samverkan.scenario.places import Area, Atlas
from samverkan.scenario.population import Population


class NetworkKind(StrEnum):
    BORDER = "border"
    POST = "post"
    MIXED = "mixed"


# Cycled so that even a world of a few networks has every kind and market.
_PATTERN = (
    (NetworkKind.BORDER, "NO"), (NetworkKind.POST, "SE"), (NetworkKind.MIXED, "SE"),
    (NetworkKind.BORDER, "NO"), (NetworkKind.POST, "NO"), (NetworkKind.BORDER, "SE"),
    (NetworkKind.POST, "SE"), (NetworkKind.MIXED, "NO"), (NetworkKind.BORDER, "NO"),
    (NetworkKind.POST, "SE"),
)  # fmt: skip
_HUBS = {
    "NO": (("NO", "Oslo", 50), ("NO", "Bergen", 8), ("NO", "Trondheim", 6), ("NO", "Drammen", 4),
           ("NO", "Fredrikstad", 4), ("SE", "Göteborg", 12), ("SE", "Stockholm", 8),
           ("SE", "Malmö", 8)),
    "SE": (("SE", "Stockholm", 40), ("SE", "Göteborg", 25), ("SE", "Malmö", 20),
           ("SE", "Uppsala", 5), ("SE", "Örebro", 4), ("SE", "Södertälje", 6)),
}  # fmt: skip
# Crossings each market's couriers are stopped at, with weights (geography codes).
CROSSINGS = {
    "NO": (("svinesund", 60), ("orje-tocksfors", 12), ("magnormoen-eda", 12),
           ("teveldal-storlien", 3), ("sandefjord-stromstad-ferry", 3), ("oslo-kiel-ferry", 3),
           ("kristiansand-hirtshals-ferry", 3), ("oslo-gardermoen", 4)),
    "SE": (("oresund-bridge", 50), ("trelleborg-ferry", 12), ("helsingborg-helsingor-ferry", 12),
           ("goteborg-frederikshavn-ferry", 10), ("stockholm-arlanda", 8),
           ("goteborg-landvetter", 8)),
}  # fmt: skip
# Where the drugs are loaded; the Swedish and Norwegian words for it.
ORIGINS = {
    "NO": (("Sverige", "Sverige"), ("Nederländerna", "Nederland"), ("Spanien", "Spania"),
           ("Tyskland", "Tyskland"), ("Danmark", "Danmark")),
    "SE": (("Nederländerna", "Nederland"), ("Spanien", "Spania"), ("Tyskland", "Tyskland"),
           ("Danmark", "Danmark"), ("Belgien", "Belgia")),
}  # fmt: skip
_BORDER_SUBSTANCES = (
    (Substance.CANNABIS, Substance.AMPHETAMINE),
    (Substance.COCAINE,),
    (Substance.CANNABIS, Substance.COCAINE, Substance.MDMA),
    (Substance.AMPHETAMINE, Substance.METHAMPHETAMINE),
)
_POST_SUBSTANCES = (
    (Substance.CANNABIS, Substance.BENZODIAZEPINES),
    (Substance.MDMA, Substance.COCAINE),
    (Substance.OPIOID_PILLS, Substance.BENZODIAZEPINES),
    (Substance.CANNABIS, Substance.AMPHETAMINE),
)
CODENAMES = (
    "vinterljus", "norrsken", "fjellrev", "havorn", "midnattssol", "isbrytaren", "granskog",
    "nordvind", "polarnatt", "snofall", "fyrtarn", "stormfagel", "morkerhav", "vargtimmen",
)  # fmt: skip
_FRONT_TRADES = {
    "SE": ("Bilvård & Däck", "Bygg & Städ", "Pizzeria", "Frisörsalong", "Åkeri", "Kiosk & Tobak",
           "Import & Export", "Bilhandel"),
    "NO": ("Bilpleie", "Bygg og Renhold", "Pizzeria", "Frisør", "Transport", "Kiosk",
           "Import og Eksport", "Bilsalg"),
}  # fmt: skip


@dataclass(slots=True)
class Network:
    id: int
    kind: NetworkKind
    # The country where the drugs are sold.
    market: str
    # Where the backers live.
    hub: Area
    # Where couriers deliver: the market's big town.
    destination: Area
    weight: float
    codename: str | None
    substances: tuple[Substance, ...]
    origins: tuple[tuple[str, str], ...]
    backers: list[int] = field(default_factory=list)
    couriers: list[int] = field(default_factory=list)
    drop_keepers: list[int] = field(default_factory=list)
    senders: list[int] = field(default_factory=list)
    buyers: list[int] = field(default_factory=list)
    drops: list[int] = field(default_factory=list)
    recipient_aliases: list[int] = field(default_factory=list)
    sender_aliases: list[int] = field(default_factory=list)
    fronts: list[int] = field(default_factory=list)
    vehicles: list[int] = field(default_factory=list)
    backer_phones: list[int] = field(default_factory=list)
    # Couriers are caught in a shuffled order, so most are caught once.
    next_courier: int = 0

    @property
    def ref(self) -> str:
        return f"network:{self.id}"

    @property
    def borders(self) -> bool:
        return self.kind in (NetworkKind.BORDER, NetworkKind.MIXED)

    @property
    def posts(self) -> bool:
        return self.kind in (NetworkKind.POST, NetworkKind.MIXED)

    @property
    def compartment(self) -> str | None:
        return f"op-{self.codename}" if self.codename else None


@dataclass(frozen=True, slots=True)
class Staffing:
    """How many of each a network has, from the yearly activity it must carry."""

    couriers: int
    buyers: int


def build_networks(
    population: Population, atlas: Atlas, rng: random.Random, count: int, staffing: Staffing
) -> list[Network]:
    networks = []
    for index in range(count):
        kind, market = _PATTERN[index % len(_PATTERN)]
        network = _network(population, atlas, rng, index + 1, kind, market, staffing)
        networks.append(network)
    return networks


def _weighted_hub(atlas: Atlas, rng: random.Random, market: str) -> Area:
    choices = _HUBS[market]
    country, name, _ = rng.choices(choices, weights=[w for _, _, w in choices])[0]
    return atlas.named(country, name)


def _network(
    population: Population,
    atlas: Atlas,
    rng: random.Random,
    network_id: int,
    kind: NetworkKind,
    market: str,
    staffing: Staffing,
) -> Network:
    hub = _weighted_hub(atlas, rng, market)
    if hub.country != market:
        # Backers abroad (Göteborg ordering into Oslo): the market's capital receives.
        destination = atlas.named(market, "Oslo" if market == "NO" else "Stockholm")
    else:
        destination = hub
    codename = None
    if rng.random() < 0.4:
        codename = CODENAMES[(network_id - 1) % len(CODENAMES)]
        if network_id > len(CODENAMES):
            codename += f"-{(network_id - 1) // len(CODENAMES) + 1}"
    substances = rng.choice(_POST_SUBSTANCES if kind == NetworkKind.POST else _BORDER_SUBSTANCES)
    network = Network(
        id=network_id,
        kind=kind,
        market=market,
        hub=hub,
        destination=destination,
        weight=rng.lognormvariate(0, 0.5),
        codename=codename,
        substances=substances,
        origins=ORIGINS[market],
    )
    _backers(population, rng, network)
    if network.borders:
        _couriers(population, atlas, rng, network, staffing.couriers)
    if network.posts:
        _postal_side(population, atlas, rng, network, staffing.buyers)
    else:
        _stash(population, atlas, rng, network)
    _fronts(population, atlas, rng, network)
    return network


def _member(
    population: Population, area: Area, role: Role, network: Network, **kwargs: int
) -> Person:
    youngest, oldest = kwargs.get("youngest", 19), kwargs.get("oldest", 55)
    return population.new_person(
        area.country,
        address=population.new_address(area),
        born=population.birth_date(youngest, oldest),
        role=role,
        network=network.id,
        female=population.rng.random() < (0.1 if role == Role.BACKER else 0.3),
    )


def _backers(population: Population, rng: random.Random, network: Network) -> None:
    atlas = population.atlas
    for number in range(rng.randint(1, 3)):
        area = atlas.near(rng, network.hub, stay=0.7)
        backer = _member(population, area, Role.BACKER, network, youngest=24, oldest=55)
        backer.nickname = STREET_NICKNAMES[(network.id * 3 + number) % len(STREET_NICKNAMES)]
        network.backers.append(backer.id)
        # Burner phones: one to four, in succession over the year.
        cuts = sorted(rng.sample(range(30, 336), rng.randint(0, 3)))
        bounds = [0, *cuts, 366]
        for start, end in itertools.pairwise(bounds):
            phone = population.give_phone(backer, area.country, active=(start, end - 1))
            network.backer_phones.append(phone.id)
        if rng.random() < 0.8:
            network.vehicles.append(population.give_vehicle(backer, area.country, network.id).id)
        population.give_account(backer, area.country, network.id)
        if rng.random() < 0.4:
            # An innocent namesake elsewhere: the same full name, nothing else shared.
            elsewhere = atlas.pick(rng, area.country)
            namesake = population.new_person(
                area.country,
                address=population.new_address(elsewhere),
                given=backer.given,
                family=backer.family,
                female=backer.female,
            )
            population.innocents.append(namesake.id)
            population.give_phone(namesake, area.country)


def _couriers(
    population: Population, atlas: Atlas, rng: random.Random, network: Network, count: int
) -> None:
    for _ in range(count):
        draw = rng.random()
        if draw < 0.4:
            # A foreign courier: no address here; some have a Nordic work number.
            country = FOREIGN_COUNTRIES[rng.randrange(len(FOREIGN_COUNTRIES))]
            id_country = rng.choice(("SE", "NO")) if rng.random() < 0.4 else ""
            courier = population.new_person(
                country,
                address=None,
                born=population.birth_date(19, 50),
                role=Role.COURIER,
                network=network.id,
                female=False,
                id_country=id_country,
            )
            population.give_phone(courier, rng.choice(("SE", "NO")))
        else:
            country = network.market if draw < 0.7 else ("SE" if network.market == "NO" else "NO")
            area = atlas.pick(rng, country)
            courier = _member(population, area, Role.COURIER, network, youngest=19, oldest=45)
            population.give_phone(courier, country)
            if rng.random() < 0.5:
                network.vehicles.append(population.give_vehicle(courier, country, network.id).id)
        network.couriers.append(courier.id)
    rng.shuffle(network.couriers)


def _drop(population: Population, rng: random.Random, network: Network, area: Area) -> None:
    address = population.new_address(area)
    address.drop_of = network.id
    network.drops.append(address.id)
    # Labels at a drop carry several names; some share the keeper's surname.
    keeper_family = None
    if network.drop_keepers:
        keeper_family = population.person(network.drop_keepers[-1]).family
    for _ in range(rng.randint(4, 10)):
        family = keeper_family if keeper_family and rng.random() < 0.25 else None
        alias = population.new_alias(area.country, network.id, address, family)
        network.recipient_aliases.append(alias.id)


def _stash(population: Population, atlas: Atlas, rng: random.Random, network: Network) -> None:
    """A border network's receiving end: a keeper and one or two stash addresses."""
    area = atlas.near(rng, network.destination)
    keeper = _member(population, area, Role.DROP_KEEPER, network)
    population.give_phone(keeper, area.country)
    network.drop_keepers.append(keeper.id)
    for _ in range(rng.randint(1, 2)):
        _drop(population, rng, network, atlas.near(rng, network.destination))


def _postal_side(
    population: Population, atlas: Atlas, rng: random.Random, network: Network, buyers: int
) -> None:
    market = network.market
    for _ in range(rng.randint(1, 3)):
        area = atlas.near(rng, network.destination, stay=0.5)
        keeper = _member(population, area, Role.DROP_KEEPER, network)
        population.give_phone(keeper, market)
        network.drop_keepers.append(keeper.id)
        # Often one drop is the keeper's own home.
        if rng.random() < 0.5 and keeper.address is not None:
            home = population.address(keeper.address)
            home.drop_of = network.id
            network.drops.append(home.id)
            for _ in range(rng.randint(4, 10)):
                alias = population.new_alias(market, network.id, home, None)
                network.recipient_aliases.append(alias.id)
        for _ in range(rng.randint(1, 2)):
            _drop(population, rng, network, atlas.near(rng, area, stay=0.5))
    for _ in range(rng.randint(2, 5)):
        area = atlas.near(rng, network.destination, stay=0.4)
        sender = _member(population, area, Role.SENDER, network)
        population.give_phone(sender, market)
        network.senders.append(sender.id)
    for _ in range(rng.randint(3, 8)):
        # Made-up senders with made-up addresses, printed on outgoing letters.
        fake = population.new_address(atlas.pick(rng, market))
        alias = population.new_alias(market, network.id, fake, None)
        network.sender_aliases.append(alias.id)
    for _ in range(buyers):
        area = atlas.pick(rng, market)
        buyer = population.new_person(
            market,
            address=population.new_address(area),
            born=population.birth_date(18, 60),
            role=Role.BUYER,
        )
        buyer.customer_of = network.id
        population.give_phone(buyer, market)
        network.buyers.append(buyer.id)
    if network.kind == NetworkKind.POST:
        for _ in range(rng.randint(1, 3)):
            # Domestic couriers who move stock between keepers.
            area = atlas.near(rng, network.hub)
            courier = _member(population, area, Role.COURIER, network)
            population.give_phone(courier, area.country)
            network.couriers.append(courier.id)


def _fronts(population: Population, atlas: Atlas, rng: random.Random, network: Network) -> None:
    for _ in range(rng.randint(1, 2)):
        area = atlas.near(rng, network.hub, stay=0.7)
        trade = rng.choice(_FRONT_TRADES[area.country])
        suffix = "AB" if area.country == "SE" else "AS"
        place = area.town if rng.random() < 0.5 else population.family_name(area.country)
        # Board: a keeper or sender as straw man, or a backer who does not hide.
        straw = network.drop_keepers + network.senders
        board_id = (
            straw[rng.randrange(len(straw))]
            if straw and rng.random() < 0.7
            else (network.backers[0])
        )
        company = population.new_company(
            area,
            f"{place} {trade} {suffix}",
            board=[population.person(board_id)],
            front_of=network.id,
        )
        network.fronts.append(company.id)
        if rng.random() < 0.6:
            vehicle = population.give_vehicle(company, area.country, network.id)
            network.vehicles.append(vehicle.id)
    if not network.vehicles:
        # Couriers without a car of their own drive a network car.
        company = population.company(network.fronts[0])
        network.vehicles.append(population.give_vehicle(company, company.country, network.id).id)


def crossing_names() -> dict[str, geography.BorderCrossing]:
    return {crossing.code: crossing for crossing in geography.border_crossings()}
