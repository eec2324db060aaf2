"""Couriers on the road: stops with seizures and statements, and passages seen by cameras.

Invariant: a stop yields a customs seizure and, hours later, a police
statement by the unit that owns the crossing's municipality on the market's
side, linked to the seizure; when the courier talks, the backers they name
appear as ``backer`` subjects with the phone that backer used *on that day*.
A passage that is not stopped leaves only number-plate hits.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from samverkan import geography
from samverkan.intake.schemas import Substance
from samverkan.scenario import describe, marking, texts
from samverkan.scenario.drafting import JsonDict, ReportDraft
from samverkan.scenario.entities import Person, Vehicle
from samverkan.scenario.networks import CROSSINGS, Network
from samverkan.scenario.organisations import CUSTOMS
from samverkan.scenario.places import Area
from samverkan.scenario.scene import Scene

# Typical loads per car, by substance: (unit, smallest, largest).
_LOADS = {
    Substance.CANNABIS: ("kg", 2.0, 40.0),
    Substance.COCAINE: ("kg", 0.3, 3.0),
    Substance.AMPHETAMINE: ("kg", 1.0, 10.0),
    Substance.METHAMPHETAMINE: ("kg", 0.2, 2.0),
    Substance.MDMA: ("pills", 500.0, 5000.0),
    Substance.HEROIN: ("kg", 0.1, 1.0),
    Substance.BENZODIAZEPINES: ("pills", 1000.0, 20000.0),
    Substance.OPIOID_PILLS: ("pills", 500.0, 10000.0),
}


def seizure_lines(scene: Scene, substances: tuple[Substance, ...], scale: float) -> list[JsonDict]:
    rng = scene.rng
    lines = []
    for substance in substances[: rng.randint(1, len(substances))]:
        unit, low, high = _LOADS[substance]
        amount = rng.uniform(low, high) * scale
        if unit == "kg" and amount < 1:
            # Letters hold grams, and customs weigh them in grams.
            unit, amount = "g", amount * 1000
        value = max(1, round(amount)) if unit in ("pills", "g") else round(amount, 2)
        lines.append({"substance": substance.value, "amount": value, "unit": unit})
    return lines


def _crossing(scene: Scene, market: str, *, roads_only: bool) -> geography.BorderCrossing:
    choices = [
        (code, weight)
        for code, weight in CROSSINGS[market]
        if not roads_only or scene.crossings[code].kind in ("road", "bridge")
    ]
    code = scene.rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]
    return scene.crossings[code]


def _side(scene: Scene, crossing: geography.BorderCrossing, country: str) -> Area | None:
    code = crossing.no_municipality_number if country == "NO" else crossing.se_municipality_code
    return scene.atlas.area(country, code) if code else None


def _vehicle_of(scene: Scene, network: Network, courier: Person) -> Vehicle:
    population = scene.population
    if courier.vehicle is not None and scene.rng.random() < 0.7:
        return population.vehicle(courier.vehicle)
    return population.vehicle(network.vehicles[scene.rng.randrange(len(network.vehicles))])


def _camera(crossing: geography.BorderCrossing, country: str) -> str:
    road = (crossing.road or "").split("/")[0].strip()
    place = crossing.name.split("(")[0].split("/")[0].strip()
    return f"ANPR {road} {place} {'N' if country == 'NO' else 'S'}".replace("  ", " ")[:60]


def _next_courier(network: Network) -> int:
    courier_id = network.couriers[network.next_courier % len(network.couriers)]
    network.next_courier += 1
    return courier_id


def courier_stop(scene: Scene, network: Network, day: int) -> list[ReportDraft]:
    rng, population = scene.rng, scene.population
    courier = population.person(_next_courier(network))
    market = network.market
    crossing = _crossing(scene, market, roads_only=False)
    area = _side(scene, crossing, market)
    if area is None:  # pragma: no cover - CROSSINGS only lists crossings with a market side
        return []
    by_air = crossing.kind == "airport"
    car = None if by_air else _vehicle_of(scene, network, courier)
    event = scene.event("stop")
    when = scene.moment(day, 5, 29, market)
    place = {"country": market, "municipality_code": area.code, "description": crossing.name}
    courier_phone = courier.phones[0] if courier.phones else None
    drafts = []

    seizure = scene.draft(
        CUSTOMS[market], "seizure", when, delay=(20, 300), network=network, event=event
    )
    seizure.fields.update(
        grading=marking.SEIZURE,
        handling=marking.handling(rng, network, sensitive=False),
        place=place,
        summary=texts.seizure_text(market, car.description if car else texts.luggage(market)),
        seizure={"lines": seizure_lines(scene, network.substances, 0.1 if by_air else 1.0)},
    )
    describe.person(
        seizure, scene, "courier", courier, market, number=True,
        phone_id=courier_phone if rng.random() < 0.5 else None,
    )  # fmt: skip
    if car:
        describe.vehicle(seizure, scene, car, market)
    drafts.append(seizure)

    police = area.police_org
    statement = scene.draft(
        police,
        "courier_statement",
        scene.later(when, 90, 1200),
        delay=(30, 2880),
        network=network,
        event=event,
    )
    lang = market
    courier_subject = describe.person(
        statement, scene, "courier", courier, lang, number=True, phone_id=courier_phone
    )
    courier_name = courier_subject.mentions[0]["value"]
    parts = [texts.statement_intro(lang, courier_name, crossing.name)]
    if car:
        describe.vehicle(statement, scene, car, lang)
    if rng.random() < 0.25:
        parts.append(texts.refusal(lang))
    else:
        backers = network.backers[:]
        rng.shuffle(backers)
        for backer_id in backers[: 1 if rng.random() < 0.7 else 2]:
            parts.append(_name_backer(scene, statement, population.person(backer_id), day, lang))
        if network.drops and rng.random() < 0.25:
            drop = population.address(network.drops[rng.randrange(len(network.drops))])
            subject = statement.subject("place", drop.ref)
            parts.append(texts.delivery(lang, describe.address(subject, scene, drop)))
        if rng.random() < 0.5:
            parts.append(texts.payment(lang, rng.randrange(5, 40) * 1000))
    origin_sv, origin_no = network.origins[rng.randrange(len(network.origins))]
    statement.fields.update(
        grading=marking.STATEMENT,
        handling=marking.handling(rng, network, sensitive=False),
        place=place,
        summary=" ".join(parts),
        route={
            "origin": origin_no if lang == "NO" else origin_sv,
            "crossing": crossing.name[:60],
            "destination": {
                "country": market,
                "municipality_code": network.destination.code,
                "description": network.destination.town,
            },
        },
        linked_reports=[f"{seizure.organisation}:{seizure.external_id}"],
    )
    drafts.append(statement)

    if car and rng.random() < 0.4:
        # The car was read by a camera on the way, an hour or two before. Stops
        # happen from 05:00, so this stays on the day being generated.
        before = when - timedelta(minutes=rng.randint(20, 150))
        drafts.extend(_anpr(scene, network, car, crossing, before, event))
    return drafts


def _name_backer(scene: Scene, statement: ReportDraft, backer: Person, day: int, lang: str) -> str:
    """One backer as the courier names them; returns the sentence for the summary."""
    rng = scene.rng
    subject = statement.subject("backer", backer.ref)
    say_phone = rng.random() < 0.8
    say_name = rng.random() < 0.55
    say_nickname = backer.nickname is not None and rng.random() < 0.5
    if not (say_phone or say_name or say_nickname):
        say_phone = True
    name = nickname = phone = None
    if say_name:
        name = describe.name(subject, scene, backer, spoken=True)
    if say_nickname and backer.nickname:
        written = scene.noise.free_name(backer.nickname)
        subject.add("nickname", written, entity=backer.ref, true=backer.nickname)
        nickname = written.value
    if say_phone:
        phone_id = active_phone(scene, backer, day)
        phone = describe.phone(subject, scene, phone_id, lang)
    return texts.named_backer(lang, name=name, nickname=nickname, phone=phone)


def active_phone(scene: Scene, person: Person, day: int) -> int:
    """The phone a person uses on ``day`` (backers change phones during the year)."""
    for phone_id in person.phones:
        phone = scene.population.phone(phone_id)
        if phone.active_from <= day <= phone.active_to:
            return phone_id
    return person.phones[-1]


def _anpr(
    scene: Scene,
    network: Network | None,
    car: Vehicle,
    crossing: geography.BorderCrossing,
    when: datetime,
    event: str,
) -> list[ReportDraft]:
    rng = scene.rng
    drafts = []
    for country in ("SE", "NO"):
        area = _side(scene, crossing, country)
        if area is None or rng.random() < 0.4:
            continue
        reporter = CUSTOMS[country] if rng.random() < 0.5 else area.police_org
        camera = _camera(crossing, country)
        draft = scene.draft(
            reporter, "observation", when, delay=(1, 10), network=network, event=event
        )
        plate = describe.vehicle(draft, scene, car, country, camera=True).mentions[0]["value"]
        draft.fields.update(
            grading=marking.ANPR,
            handling=marking.AMBER,
            place={
                "country": country,
                "municipality_code": area.code,
                "description": crossing.name,
            },
            summary=texts.anpr_text(country, plate, camera),
            observation={"source": "number_plate_reader", "camera": camera},
        )
        drafts.append(draft)
    return drafts


def courier_passage(scene: Scene, network: Network, day: int) -> list[ReportDraft]:
    """A run that nobody stops: the car shows up on number-plate readers only."""
    population = scene.population
    courier = population.person(network.couriers[scene.rng.randrange(len(network.couriers))])
    crossing = _crossing(scene, network.market, roads_only=True)
    car = _vehicle_of(scene, network, courier)
    when = scene.moment(day, 0, 24, network.market)
    return _anpr(scene, network, car, crossing, when, scene.event("passage"))


def border_traffic(scene: Scene, day: int) -> list[ReportDraft]:
    """An innocent car read at a crossing: mostly the same shoppers and commuters again."""
    rng, population = scene.rng, scene.population
    cars = population.border_vehicles
    if not cars or rng.random() < 0.3:
        cars = population.innocent_vehicles
    car = population.vehicle(cars[rng.randrange(len(cars))])
    crossing = _crossing(scene, "NO" if rng.random() < 0.7 else "SE", roads_only=True)
    when = scene.moment(day, 7, 22, car.country)
    return _anpr(scene, None, car, crossing, when, scene.event("traffic"))


# Small amounts travellers carry for themselves: (substance, unit, smallest, largest).
_TRAVELLER = (
    (Substance.CANNABIS, "g", 2, 25),
    (Substance.BENZODIAZEPINES, "pills", 5, 40),
    (Substance.COCAINE, "g", 1, 5),
)


def traveller_seizure(scene: Scene, day: int) -> list[ReportDraft]:
    """Customs find a small amount on a traveller who is part of no network."""
    rng, population = scene.rng, scene.population
    car = population.vehicle(
        population.innocent_vehicles[rng.randrange(len(population.innocent_vehicles))]
    )
    driver = population.person(int(car.keeper.split(":")[1]))
    market = "NO" if rng.random() < 0.6 else "SE"
    crossing = _crossing(scene, market, roads_only=True)
    area = _side(scene, crossing, market)
    if area is None:  # pragma: no cover - road crossings have both sides
        return []
    when = scene.moment(day, 8, 22, market)
    draft = scene.draft(
        CUSTOMS[market], "seizure", when, delay=(20, 600), network=None,
        event=scene.event("traveller"),
    )  # fmt: skip
    describe.person(draft, scene, "suspect", driver, market, number=True)
    describe.vehicle(draft, scene, car, market)
    substance, unit, low, high = _TRAVELLER[rng.randrange(len(_TRAVELLER))]
    draft.fields.update(
        grading=marking.SEIZURE,
        handling=marking.background_handling(rng),
        place={"country": market, "municipality_code": area.code, "description": crossing.name},
        summary=texts.seizure_text(market, car.description),
        seizure={"lines": [{"substance": substance.value, "amount": rng.randint(low, high),
                            "unit": unit}]},
    )  # fmt: skip
    return [draft]
