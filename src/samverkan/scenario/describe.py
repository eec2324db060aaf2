"""How the entities of the world appear as subjects and mentions in a report.

Invariant: every mention is added with the reference of the entity it
denotes and its canonical value (see ``drafting``); which mentions appear is
decided by the caller (what the reporter could know), and the noise decides
how they are written and whether an optional one goes missing. A subject
always keeps at least its first mention.
"""

from __future__ import annotations

from samverkan.scenario.drafting import ReportDraft, SubjectDraft
from samverkan.scenario.entities import Address, Alias, Company, Person, Vehicle
from samverkan.scenario.scene import Scene


def phone(subject: SubjectDraft, scene: Scene, phone_id: int, reporter: str) -> str:
    """Add a phone mention; returns the writing (for statements that quote it)."""
    entity = scene.population.phone(phone_id)
    written = scene.noise.identifier("phone", entity.number, reporter)
    subject.add("phone", written, entity=entity.ref, true=entity.number)
    return written.value


def address(subject: SubjectDraft, scene: Scene, place: Address) -> str:
    written = scene.noise.address(place)
    subject.add("address", written, entity=place.ref, true=place.text)
    return written.value


def name(subject: SubjectDraft, scene: Scene, who: Person | Alias, *, spoken: bool = False) -> str:
    written = scene.noise.person_name(who.given, who.family, spoken=spoken)
    subject.add("person_name", written, entity=who.ref, true=who.name)
    return written.value


def person(
    draft: ReportDraft,
    scene: Scene,
    role: str,
    who: Person,
    reporter: str,
    *,
    number: bool = False,
    birth: bool = False,
    phone_id: int | None = None,
    home: bool = False,
    nickname: bool = False,
) -> SubjectDraft:
    """A person as an officer records them: name first, then what was asked for.

    Optional parts may go missing with the noise; foreigners without a
    Nordic number get their birth date instead when ``number`` is asked.
    """
    noise = scene.noise
    subject = draft.subject(role, who.ref)
    name(subject, scene, who)
    if number and who.personal_number and who.personal_number_kind and not noise.omit():
        written = noise.identifier(who.personal_number_kind, who.personal_number, reporter)
        subject.add(who.personal_number_kind, written, entity=who.ref, true=who.personal_number)
    elif (number or birth) and not noise.omit():
        iso = who.born.isoformat()
        subject.add(
            "birth_date", noise.identifier("birth_date", iso, reporter), entity=who.ref, true=iso
        )
    if nickname and who.nickname and not noise.omit():
        subject.add("nickname", noise.free_name(who.nickname), entity=who.ref, true=who.nickname)
    if phone_id is not None and not noise.omit():
        phone(subject, scene, phone_id, reporter)
    if home and who.address is not None and not noise.omit():
        address(subject, scene, scene.population.address(who.address))
    return subject


def vehicle(
    draft: ReportDraft, scene: Scene, car: Vehicle, reporter: str, *, camera: bool = False
) -> SubjectDraft:
    """A vehicle by its plate, written by an officer or, if ``camera``, read by a machine."""
    subject = draft.subject("vehicle", car.ref)
    noise = scene.noise
    subject.add(
        "plate",
        noise.reading(car.plate) if camera else noise.identifier("plate", car.plate, reporter),
        entity=car.ref,
        true=car.plate,
    )
    return subject


def company(
    draft: ReportDraft, scene: Scene, firm: Company, reporter: str, *, account: bool = False
) -> SubjectDraft:
    noise = scene.noise
    subject = draft.subject("company", firm.ref)
    subject.add("company_name", noise.free_name(firm.name), entity=firm.ref, true=firm.name)
    if not noise.omit():
        written = noise.identifier(firm.org_number_kind, firm.org_number, reporter)
        subject.add(firm.org_number_kind, written, entity=firm.ref, true=firm.org_number)
    if account and firm.account is not None and not noise.omit():
        held = scene.population.account(firm.account)
        subject.add(
            "iban", noise.identifier("iban", held.iban, reporter), entity=held.ref, true=held.iban
        )
    return subject


def place(draft: ReportDraft, scene: Scene, where: Address) -> SubjectDraft:
    subject = draft.subject("place", where.ref)
    address(subject, scene, where)
    return subject


def item(draft: ReportDraft, scene: Scene, item_ref: str, s10: str, reporter: str) -> SubjectDraft:
    subject = draft.subject("item", item_ref)
    subject.add(
        "postal_item",
        scene.noise.identifier("postal_item", s10, reporter),
        entity=item_ref,
        true=s10,
    )
    return subject
