"""Police watching: surveillance at a network's addresses and city cameras.

Invariant: a surveillance report names only people an officer could
identify there (the network's keepers and backers) and the network's cars;
a city camera report of an innocent car names the car only.
"""

from __future__ import annotations

from samverkan.scenario import describe, marking, texts
from samverkan.scenario.drafting import ReportDraft
from samverkan.scenario.networks import Network
from samverkan.scenario.scene import Scene


def surveillance(scene: Scene, network: Network, day: int) -> list[ReportDraft]:
    rng, population = scene.rng, scene.population
    if network.drops and rng.random() < 0.7:
        where = population.address(network.drops[rng.randrange(len(network.drops))])
    else:
        backer = population.person(network.backers[rng.randrange(len(network.backers))])
        if backer.address is None:  # pragma: no cover - backers have homes
            return []
        where = population.address(backer.address)
    area = scene.atlas.area(where.country, where.municipality)
    lang = where.country
    when = scene.moment(day, 8, 23, lang)
    draft = scene.draft(
        area.police_org, "observation", when, delay=(60, 1440), network=network,
        event=scene.event("surveillance"),
    )  # fmt: skip
    place = describe.place(draft, scene, where).mentions[0]["value"]
    seen = network.drop_keepers[:1] + network.backers[:1]
    for person_id in seen:
        if rng.random() < 0.6:
            person = population.person(person_id)
            describe.person(draft, scene, "seen", person, lang, number=rng.random() < 0.3)
    if network.vehicles and rng.random() < 0.6:
        car = population.vehicle(network.vehicles[rng.randrange(len(network.vehicles))])
        describe.vehicle(draft, scene, car, lang)
    draft.fields.update(
        grading=marking.SURVEILLANCE,
        handling=marking.handling(rng, network, sensitive=True),
        place={"country": lang, "municipality_code": area.code, "description": area.town},
        summary=texts.surveillance_text(lang, place),
        observation={"source": "surveillance", "camera": ""},
    )
    return [draft]


def city_camera(scene: Scene, day: int, network: Network | None = None) -> list[ReportDraft]:
    """A car read by a fixed camera in town: usually innocent, sometimes a network's."""
    rng, population = scene.rng, scene.population
    if network is not None and network.vehicles:
        car = population.vehicle(network.vehicles[rng.randrange(len(network.vehicles))])
        area = scene.atlas.near(rng, network.hub, stay=0.8)
        if area.country != car.country:
            area = scene.atlas.pick(rng, car.country)
    else:
        cars = population.innocent_vehicles
        car = population.vehicle(cars[rng.randrange(len(cars))])
        keeper = population.person(int(car.keeper.split(":")[1]))
        home = population.area_of(keeper)
        area = home if home and rng.random() < 0.7 else scene.atlas.pick(rng, car.country)
    lang = area.country
    camera = f"KAM-{area.code}-{rng.randint(1, 40):03d}"
    when = scene.moment(day, 0, 24, lang)
    draft = scene.draft(
        area.police_org, "observation", when, delay=(1, 30), network=network,
        event=scene.event("camera"),
    )  # fmt: skip
    plate = describe.vehicle(draft, scene, car, lang, camera=True).mentions[0]["value"]
    draft.fields.update(
        grading=marking.ANPR,
        handling=marking.AMBER,
        place={"country": lang, "municipality_code": area.code, "description": area.town},
        summary=texts.anpr_text(lang, plate, camera),
        observation={"source": "camera", "camera": camera},
    )
    return [draft]
