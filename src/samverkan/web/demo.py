"""The demo: a generated world, loaded, with one login per persona.

Demo personas are named as in the tests (``postal_agent``, ``customs_officer``,
``oslo_coordinator`` …) so that the README tour, the tests and the demo speak
about the same people. Their shared password is printed; it is only ever set
on a demo database.
"""

from __future__ import annotations

from dataclasses import dataclass

from samverkan.access.models import Organisation, OrganisationKind
from samverkan.access.services import user_ensure

DEMO_PASSWORD = "samverkan-demo"  # noqa: S105 - printed for the demo, never used elsewhere


@dataclass(frozen=True, slots=True)
class Persona:
    username: str
    full_name: str
    kind: OrganisationKind
    country: str
    name_contains: str
    roles: tuple[str, ...]
    does: str


PERSONAS = (
    Persona(
        "postal_agent",
        "Lena Holm",
        OrganisationKind.POSTAL_AGENT,
        "SE",
        "",
        ("reporter",),
        "reports suspicious letters",
    ),
    Persona(
        "posten_agent",
        "Kari Nilsen",
        OrganisationKind.POSTAL_AGENT,
        "NO",
        "",
        ("reporter",),
        "reports suspicious parcels",
    ),
    Persona(
        "customs_officer",
        "Jonas Berg",
        OrganisationKind.CUSTOMS,
        "SE",
        "",
        ("officer",),
        "registers seizures",
    ),
    Persona(
        "toll_officer",
        "Ingrid Dahl",
        OrganisationKind.CUSTOMS,
        "NO",
        "",
        ("officer",),
        "registers seizures",
    ),
    Persona(
        "ost_officer",
        "Per Olsen",
        OrganisationKind.POLICE_DISTRICT,
        "NO",
        "Øst",
        ("officer",),
        "registers courier statements from border stops",
    ),
    Persona(
        "oslo_coordinator",
        "Nina Haugen",
        OrganisationKind.POLICE_DISTRICT,
        "NO",
        "Oslo",
        ("coordinator", "officer"),
        "declares capacity, takes or declines leads",
    ),
    Persona(
        "stockholm_coordinator",
        "Johan Ek",
        OrganisationKind.POLICE_REGION,
        "SE",
        "Stockholm",
        ("coordinator", "officer"),
        "declares capacity, takes or declines leads",
    ),
    Persona(
        "noa_coordinator",
        "Linnea Strand",
        OrganisationKind.NATIONAL_POLICE,
        "SE",
        "",
        ("coordinator",),
        "takes escalated and cross-border leads",
    ),
    Persona(
        "noa_analyst",
        "Sara Lind",
        OrganisationKind.NATIONAL_POLICE,
        "SE",
        "",
        ("analyst",),
        "analyses networks",
    ),
    Persona(
        "kripos_analyst",
        "Ola Moen",
        OrganisationKind.NATIONAL_POLICE,
        "NO",
        "Kripos",
        ("analyst",),
        "analyses networks",
    ),
    Persona(
        "municipality_partner",
        "Eva Ek",
        OrganisationKind.MUNICIPALITY,
        "SE",
        "",
        ("partner",),
        "sees statistics without personal data",
    ),
    Persona(
        "noa_auditor",
        "Maja Sjö",
        OrganisationKind.NATIONAL_POLICE,
        "SE",
        "",
        ("auditor",),
        "reads and verifies the audit trail",
    ),
    Persona(
        "noa_admin",
        "Adam Lund",
        OrganisationKind.NATIONAL_POLICE,
        "SE",
        "",
        ("admin",),
        "manages users and organisations",
    ),
)


@dataclass(frozen=True, slots=True)
class DemoLogin:
    username: str
    organisation: str
    does: str


def demo_logins_ensure() -> list[DemoLogin]:
    """Create each persona's user in the first matching organisation of the loaded world."""
    logins = []
    for persona in PERSONAS:
        organisations = Organisation.objects.filter(kind=persona.kind, country=persona.country)
        if persona.name_contains:
            organisations = organisations.filter(name__icontains=persona.name_contains)
        organisation = organisations.order_by("code").first()
        if organisation is None:
            continue
        user = user_ensure(
            username=persona.username,
            password=DEMO_PASSWORD,
            organisation=organisation,
            full_name=persona.full_name,
            roles=persona.roles,
        )
        logins.append(DemoLogin(user.username, organisation.name, persona.does))
    return logins
