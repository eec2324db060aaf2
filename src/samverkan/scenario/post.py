"""Letters and parcels: imports to drop addresses and letters sold to buyers.

Invariant: every item of a network goes to one of its drops under one of its
recipient aliases (imports) or from one of its sender aliases to one of its
buyers (sales), so a drop address collects many different names over the
year. Reports come from the postal agent who hands out or takes in the item,
from the operator's sorting terminal, or from customs who stop an import;
a police seizure that follows an agent's report links back to it.
"""

from __future__ import annotations

from datetime import datetime

from samverkan.intake.schemas import Substance, SuspicionSign
from samverkan.scenario import describe, marking, texts
from samverkan.scenario.border import seizure_lines
from samverkan.scenario.drafting import JsonDict, ReportDraft
from samverkan.scenario.entities import Address, Alias, Person
from samverkan.scenario.networks import Network
from samverkan.scenario.organisations import CUSTOMS, OPERATOR
from samverkan.scenario.places import Area
from samverkan.scenario.scene import Scene

# Countries imports come from (S10 suffix) and the international mail terminals.
_IMPORT_COUNTRIES = ("NL", "DE", "ES", "BE", "PL", "GB")
TERMINALS = {"SE": ("Sigtuna", "Postterminalen Arlanda"), "NO": ("Oslo", "Posten terminal Alnabru")}
_COLLECTION_SIGNS = (
    SuspicionSign.COLLECTED_WITH_OTHERS_ID,
    SuspicionSign.MANY_ITEMS_SAME_RECIPIENT,
    SuspicionSign.NERVOUS_COLLECTOR,
    SuspicionSign.RECIPIENT_NAME_MISMATCH,
    SuspicionSign.SMELL,
    SuspicionSign.POWDER_OR_PILLS_FELT,
    SuspicionSign.VACUUM_PACKED,
)
_POSTING_SIGNS = (
    SuspicionSign.OTHER,
    SuspicionSign.HANDWRITTEN_PRINTED_LABEL,
    SuspicionSign.SMELL,
    SuspicionSign.POWDER_OR_PILLS_FELT,
    SuspicionSign.UNUSUAL_WEIGHT,
)


def pick_signs(scene: Scene, choices: tuple[SuspicionSign, ...], most: int) -> list[SuspicionSign]:
    chosen = scene.rng.sample(choices, scene.rng.randint(1, most))
    return sorted(chosen, key=choices.index)


def item_details(scene: Scene, parcel: bool, signs: list[SuspicionSign]) -> JsonDict:
    rng = scene.rng
    if parcel:
        return {"format": "parcel", "weight_grams": rng.randint(200, 3000), "suspicion": signs}
    large = rng.random() < 0.3
    return {
        "format": "large_letter" if large else "letter",
        "weight_grams": rng.randint(60, 500) if large else rng.randint(15, 100),
        "suspicion": signs,
    }


def labelled(
    draft: ReportDraft,
    scene: Scene,
    role: str,
    who: Person | Alias,
    where: Address,
    reporter: str,
    *,
    phone_id: int | None = None,
) -> None:
    """A sender or recipient as printed on the label: name, address, maybe a notification phone."""
    subject = draft.subject(role, who.ref)
    describe.name(subject, scene, who)
    if not scene.noise.omit():
        describe.address(subject, scene, where)
    if phone_id is not None and not scene.noise.omit():
        describe.phone(subject, scene, phone_id, reporter)


def _area_of(scene: Scene, address: Address) -> Area:
    return scene.atlas.area(address.country, address.municipality)


def drop_delivery(scene: Scene, network: Network, day: int) -> list[ReportDraft]:
    """An import addressed to an alias at a drop: stopped by customs or reported at hand-out."""
    rng, population = scene.rng, scene.population
    alias = population.alias(
        network.recipient_aliases[rng.randrange(len(network.recipient_aliases))]
    )
    drop = population.address(alias.address)
    market = drop.country
    keeper = population.person(network.drop_keepers[rng.randrange(len(network.drop_keepers))])
    abroad = rng.random() < 0.6
    parcel = rng.random() < 0.5
    origin = _IMPORT_COUNTRIES[rng.randrange(len(_IMPORT_COUNTRIES))] if abroad else market
    item_ref, s10 = scene.new_item(parcel=parcel, country=origin)
    notify = keeper.phones[0] if parcel and keeper.phones else None
    event = scene.event("delivery")
    if abroad and rng.random() < 0.45:
        municipality, terminal = TERMINALS[market]
        area = scene.atlas.named(market, municipality)
        when = scene.moment(day, 6, 18, market)
        draft = scene.draft(
            CUSTOMS[market], "seizure", when, delay=(60, 1440), network=network, event=event
        )
        describe.item(draft, scene, item_ref, s10, market)
        labelled(draft, scene, "recipient", alias, drop, market, phone_id=notify)
        draft.fields.update(
            grading=marking.SEIZURE,
            handling=marking.handling(rng, network, sensitive=False),
            place={"country": market, "municipality_code": area.code, "description": terminal},
            summary=texts.seizure_text(market, "brev" if not parcel else "paket"),
            seizure={"lines": seizure_lines(scene, network.substances, 0.02)},
        )
        return [draft]
    agent = scene.organisations.agent_near(rng, _area_of(scene, drop))
    when = scene.moment(day, 10, 20, market)
    draft = scene.draft(
        agent.code, "postal_item", when, delay=(2, 90), network=network, event=event
    )
    if parcel or rng.random() < 0.3:
        describe.item(draft, scene, item_ref, s10, market)
    labelled(draft, scene, "recipient", alias, drop, market, phone_id=notify)
    collector = draft.subject("seen", keeper.ref)
    if rng.random() < 0.35 and keeper.personal_number and keeper.personal_number_kind:
        # The keeper showed their own ID: the agent wrote down their name and number.
        describe.name(collector, scene, keeper)
        kind = keeper.personal_number_kind
        written = scene.noise.identifier(kind, keeper.personal_number, market)
        collector.add(kind, written, entity=keeper.ref, true=keeper.personal_number)
    else:
        # Collected with the alias's "ID": the name written is the alias's.
        describe.name(collector, scene, alias)
    signs = pick_signs(scene, _COLLECTION_SIGNS, 3)
    draft.fields.update(
        grading=marking.AGENT,
        handling=marking.AMBER,
        place={"country": market, "municipality_code": agent.area.code, "description": agent.name},
        summary=texts.signs_text(market, signs),
        item=item_details(scene, parcel, signs),
    )
    drafts = [draft]
    if rng.random() < 0.2:
        drafts.append(_police_seizure(scene, network, draft, drop, when, item_ref, s10, market))
    return drafts


def _police_seizure(
    scene: Scene,
    network: Network,
    report: ReportDraft,
    where: Address,
    after: datetime,
    item_ref: str,
    s10: str,
    market: str,
) -> ReportDraft:
    """Police follow an agent's report and open the item a day or three later."""
    area = _area_of(scene, where)
    when = scene.later(after, 18 * 60, 72 * 60)
    draft = scene.draft(
        area.police_org, "seizure", when, delay=(30, 600), network=network, event=report.event
    )
    describe.item(draft, scene, item_ref, s10, market)
    draft.fields.update(
        grading=marking.SEIZURE,
        handling=marking.handling(scene.rng, network, sensitive=False),
        place={"country": market, "municipality_code": area.code, "description": area.town},
        summary=texts.seizure_text(market, "försändelse" if market == "SE" else "sending"),
        seizure={"lines": seizure_lines(scene, network.substances, 0.01)},
        linked_reports=[f"{report.organisation}:{report.external_id}"],
    )
    return draft


def letter_posting(scene: Scene, network: Network, day: int) -> list[ReportDraft]:
    """A sender posts letters to buyers: the agent taking them in, or the terminal, reports one."""
    rng, population = scene.rng, scene.population
    sender = population.person(network.senders[rng.randrange(len(network.senders))])
    label = population.alias(network.sender_aliases[rng.randrange(len(network.sender_aliases))])
    buyer = population.person(network.buyers[rng.randrange(len(network.buyers))])
    if sender.address is None or buyer.address is None:  # pragma: no cover - both have homes
        return []
    home = population.address(buyer.address)
    market = home.country
    event = scene.event("letter")
    item_ref, s10 = scene.new_item(parcel=False, country=market) if rng.random() < 0.2 else ("", "")
    signs = pick_signs(scene, _POSTING_SIGNS, 3)
    if rng.random() < 0.15:
        municipality, terminal = TERMINALS[market]
        area = scene.atlas.named(market, municipality)
        reporter = OPERATOR[market]
        place = {"country": market, "municipality_code": area.code, "description": terminal}
        grading = marking.OPERATOR
        when = scene.moment(day, 0, 24, market)
    else:
        agent = scene.organisations.agent_near(
            rng, _area_of(scene, population.address(sender.address))
        )
        reporter = agent.code
        place = {"country": market, "municipality_code": agent.area.code, "description": agent.name}
        grading = marking.AGENT
        when = scene.moment(day, 9, 20, market)
    draft = scene.draft(reporter, "postal_item", when, delay=(2, 120), network=network, event=event)
    if s10:
        describe.item(draft, scene, item_ref, s10, market)
    labelled(draft, scene, "sender", label, population.address(label.address), market)
    labelled(draft, scene, "recipient", buyer, home, market)
    if reporter != OPERATOR[market] and rng.random() < 0.25 and sender.phones:
        # Paid the postage with Swish/Vipps: the agent saw the payer's number.
        seen = draft.subject("seen", sender.ref)
        describe.phone(seen, scene, sender.phones[0], market)
    draft.fields.update(
        grading=grading,
        handling=marking.AMBER,
        place=place,
        summary=texts.signs_text(market, signs),
        item=item_details(scene, False, signs),
    )
    drafts = [draft]
    if s10 and rng.random() < 0.5:
        drafts.append(_police_seizure(scene, network, draft, home, when, item_ref, s10, market))
    return drafts


# Small orders people place for themselves: (substance, unit, smallest, largest).
_PERSONAL = (
    (Substance.BENZODIAZEPINES, "pills", 10, 60),
    (Substance.OPIOID_PILLS, "pills", 10, 50),
    (Substance.CANNABIS, "g", 3, 30),
    (Substance.KHAT, "kg", 1, 3),
    (Substance.OTHER, "ml", 10, 100),
)


def personal_import(scene: Scene, day: int) -> list[ReportDraft]:
    """Customs stop a small order someone not in any network placed abroad."""
    rng, population = scene.rng, scene.population
    person = population.person(population.innocents[rng.randrange(len(population.innocents))])
    if person.address is None:  # pragma: no cover - innocents have homes
        return []
    home = population.address(person.address)
    market = home.country
    municipality, terminal = TERMINALS[market]
    area = scene.atlas.named(market, municipality)
    origin = _IMPORT_COUNTRIES[rng.randrange(len(_IMPORT_COUNTRIES))]
    parcel = rng.random() < 0.3
    when = scene.moment(day, 6, 18, market)
    draft = scene.draft(
        CUSTOMS[market], "seizure", when, delay=(60, 2880), network=None,
        event=scene.event("import"),
    )  # fmt: skip
    describe.item(draft, scene, *scene.new_item(parcel=parcel, country=origin), market)
    labelled(draft, scene, "recipient", person, home, market)
    substance, unit, low, high = _PERSONAL[rng.randrange(len(_PERSONAL))]
    draft.fields.update(
        grading=marking.SEIZURE,
        handling=marking.background_handling(rng),
        place={"country": market, "municipality_code": area.code, "description": terminal},
        summary=texts.seizure_text(market, "paket" if parcel else "brev"),
        seizure={"lines": [{"substance": substance.value, "amount": rng.randint(low, high),
                            "unit": unit}]},
    )  # fmt: skip
    return [draft]


_INNOCENT_SIGNS = (
    SuspicionSign.UNUSUAL_WEIGHT,
    SuspicionSign.SMELL,
    SuspicionSign.HANDWRITTEN_PRINTED_LABEL,
    SuspicionSign.VACUUM_PACKED,
    SuspicionSign.COLLECTED_WITH_OTHERS_ID,
    SuspicionSign.OTHER,
)


def innocent_item(scene: Scene, day: int) -> list[ReportDraft]:
    """A harmless item that looked odd: coffee that smells, a parcel a family member fetched."""
    rng, population = scene.rng, scene.population
    innocents = population.innocents
    sender = population.person(innocents[rng.randrange(len(innocents))])
    recipient = population.person(innocents[rng.randrange(len(innocents))])
    if sender.address is None or recipient.address is None:  # pragma: no cover
        return []
    home = population.address(recipient.address)
    market = home.country
    agent = scene.organisations.agent_near(rng, _area_of(scene, home))
    parcel = rng.random() < 0.5
    when = scene.moment(day, 9, 20, market)
    draft = scene.draft(
        agent.code, "postal_item", when, delay=(2, 120), network=None, event=scene.event("item")
    )
    if parcel or rng.random() < 0.2:
        describe.item(draft, scene, *scene.new_item(parcel=parcel, country=sender.country), market)
    labelled(draft, scene, "sender", sender, population.address(sender.address), market)
    labelled(draft, scene, "recipient", recipient, home, market)
    signs = pick_signs(scene, _INNOCENT_SIGNS, 2)
    if SuspicionSign.COLLECTED_WITH_OTHERS_ID in signs and recipient.household is not None:
        # A family member or flatmate fetched it: same address, another name.
        housemates = [
            p for p in _household_of(scene, recipient) if p.id != recipient.id and p.personal_number
        ]
        if housemates:
            fetcher = housemates[rng.randrange(len(housemates))]
            describe.person(draft, scene, "seen", fetcher, market, number=True)
    draft.fields.update(
        grading=marking.AGENT,
        handling=marking.AMBER,
        place={"country": market, "municipality_code": agent.area.code, "description": agent.name},
        summary=texts.signs_text(market, signs),
        item=item_details(scene, parcel, signs),
    )
    return [draft]


def _household_of(scene: Scene, person: Person) -> list[Person]:
    """People registered at the same address (households are created together)."""
    population = scene.population
    found = []
    for neighbour_id in range(
        max(1, person.id - 5), min(len(population.people), person.id + 5) + 1
    ):
        neighbour = population.person(neighbour_id)
        if neighbour.household == person.household:
            found.append(neighbour)
    return found
