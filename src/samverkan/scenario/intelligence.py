"""Analysts' intelligence reports on networks, and tips about people that lead nowhere.

Invariant: a network report is about that network's backers, fronts (with
their accounts) and drops only, with the handling of sensitive material
(and the operation's compartment when there is one); a tip names one
innocent person and is graded as unconfirmed.
"""

from __future__ import annotations

from samverkan.scenario import describe, marking, texts
from samverkan.scenario.border import active_phone
from samverkan.scenario.drafting import ReportDraft
from samverkan.scenario.networks import Network
from samverkan.scenario.organisations import CUSTOMS, NATIONAL
from samverkan.scenario.scene import Scene


def network_report(scene: Scene, network: Network, day: int) -> list[ReportDraft]:
    rng, population = scene.rng, scene.population
    draw = rng.random()
    country = network.market
    if draw < 0.6:
        author = network.hub.police_org
        country = network.hub.country
    elif draw < 0.85:
        author = NATIONAL[country]
    else:
        author = CUSTOMS[country]
    when = scene.moment(day, 8, 17, country)
    draft = scene.draft(
        author, "intelligence", when, delay=(60, 4320), network=network,
        event=scene.event("intelligence"),
    )  # fmt: skip
    backer = population.person(network.backers[rng.randrange(len(network.backers))])
    topics = []
    if rng.random() < 0.8:
        describe.person(
            draft, scene, "suspect", backer, country,
            number=True, nickname=True, phone_id=active_phone(scene, backer, day),
            home=rng.random() < 0.5,
        )  # fmt: skip
        topics.append(2)
    if network.fronts and rng.random() < 0.5:
        front = population.company(network.fronts[rng.randrange(len(network.fronts))])
        describe.company(draft, scene, front, country, account=True)
        topics.append(1)
    if network.drops and (rng.random() < 0.4 or not topics):
        drop = population.address(network.drops[rng.randrange(len(network.drops))])
        describe.place(draft, scene, drop)
        topics.append(3)
    if network.posts and rng.random() < 0.3:
        topics.append(0)
    summary = " ".join(texts.INTELLIGENCE_TEXT[country][topic] for topic in topics)
    draft.fields.update(
        grading=marking.intelligence_grading(rng),
        handling=marking.handling(rng, network, sensitive=True),
        summary=summary,
    )
    return [draft]


def tip(scene: Scene, day: int) -> list[ReportDraft]:
    rng, population = scene.rng, scene.population
    person = population.person(population.innocents[rng.randrange(len(population.innocents))])
    area = population.area_of(person)
    if area is None:  # pragma: no cover - innocents have homes
        return []
    when = scene.moment(day, 7, 22, area.country)
    draft = scene.draft(
        area.police_org, "intelligence", when, delay=(60, 2880), network=None,
        event=scene.event("tip"),
    )  # fmt: skip
    phone_id = person.phones[0] if person.phones and rng.random() < 0.4 else None
    describe.person(
        draft, scene, "suspect", person, area.country,
        number=rng.random() < 0.3, phone_id=phone_id, home=True,
    )  # fmt: skip
    options = texts.TIP_TEXT[area.country]
    draft.fields.update(
        grading=marking.tip_grading(rng),
        handling=marking.background_handling(rng),
        place={"country": area.country, "municipality_code": area.code, "description": area.town},
        summary=options[rng.randrange(len(options))],
    )
    return [draft]
