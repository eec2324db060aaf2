"""Call records: who called whom, when, for how long, from which cell.

Invariant: a call is either between two phones of the same network or
between two phones of innocent people (household members or anyone
innocent); no call crosses between a network and the innocent world, so
call records alone never tie an innocent to a network. A backer is only
called on the phone they use that day.
"""

from __future__ import annotations

from dataclasses import dataclass

from samverkan.scenario.border import active_phone
from samverkan.scenario.entities import Person, Phone
from samverkan.scenario.networks import Network
from samverkan.scenario.scene import Scene

HEADER = "a_number,b_number,start,duration_seconds,cell"
# Mobile network codes of the big operators (Telia, Tele2, Telenor, Tre / Telenor, Telia).
_MNC = {"SE": ("01", "07", "08", "02"), "NO": ("01", "02")}
_MCC = {"SE": "240", "NO": "242"}


@dataclass(frozen=True, slots=True)
class CallRecord:
    sort_key: int
    line: str


def _cell(scene: Scene, phone: Phone, person: Person, fallback_code: str) -> str:
    area = scene.population.area_of(person)
    lac = area.code if area and area.country == phone.country else fallback_code
    mnc = _MNC[phone.country][phone.id % len(_MNC[phone.country])]
    return f"{_MCC[phone.country]}-{mnc}-{int(lac)}-{scene.rng.randint(1, 999)}"


def _record(scene: Scene, day: int, caller: int, callee: int, fallback_code: str) -> CallRecord:
    population, rng = scene.population, scene.rng
    a, b = population.phone(caller), population.phone(callee)
    when = scene.moment(day, 0, 24, a.country)
    duration = max(3, min(3600, int(rng.lognormvariate(4.0, 0.9))))
    cell = _cell(scene, a, population.person(a.owner), fallback_code)
    return CallRecord(
        int(when.timestamp()), f"{a.number},{b.number},{when.isoformat()},{duration},{cell}"
    )


def network_call(scene: Scene, network: Network, day: int) -> CallRecord | None:
    rng, population = scene.rng, scene.population
    backer = population.person(network.backers[rng.randrange(len(network.backers))])
    backer_phone = active_phone(scene, backer, day)
    draw = rng.random()
    others: list[int]
    if draw < 0.45 and network.couriers:
        others = network.couriers
    elif draw < 0.6 and len(network.backers) > 1:
        others = [b for b in network.backers if b != backer.id]
    elif draw < 0.85 and network.drop_keepers:
        others = network.drop_keepers
    elif network.senders:
        others = network.senders
    else:
        others = network.couriers or network.drop_keepers
    other = population.person(others[rng.randrange(len(others))])
    if not other.phones:  # pragma: no cover - members all have phones
        return None
    other_phone = active_phone(scene, other, day)
    caller, callee = (
        (backer_phone, other_phone) if rng.random() < 0.5 else (other_phone, backer_phone)
    )
    return _record(scene, day, caller, callee, network.destination.code)


def innocent_call(scene: Scene, day: int) -> CallRecord | None:
    rng, population = scene.rng, scene.population
    innocents = population.innocents
    caller = population.person(innocents[rng.randrange(len(innocents))])
    for _ in range(3):
        # Children have no phone: draw again rather than lose the call.
        if caller.phones:
            break
        caller = population.person(innocents[rng.randrange(len(innocents))])
    else:
        return None
    callee: Person | None = None
    if caller.household is not None and rng.random() < 0.3:
        housemates = [
            population.person(i)
            for i in range(max(1, caller.id - 5), min(len(population.people), caller.id + 5) + 1)
            if i != caller.id and population.person(i).household == caller.household
            and population.person(i).phones
        ]  # fmt: skip
        if housemates:
            callee = housemates[rng.randrange(len(housemates))]
    if callee is None:
        callee = population.person(innocents[rng.randrange(len(innocents))])
    if not callee.phones or callee.id == caller.id:
        return None
    area = population.area_of(caller)
    return _record(scene, day, caller.phones[0], callee.phones[0], area.code if area else "0")
