"""A small world for leads: districts with coordinators, a national unit per country, couriers.

Sweden: Polisregion Stockholm (Stockholm 0180, Solna 0184) with the local
district Södermalm inside it (Stockholm), Polisregion Öst (Linköping 0580),
and NOA. Norway: Oslo (0301) and Øst (Fredrikstad 3107) districts, and
Kripos. Every police organisation has a coordinator and an officer; the
border district (Øst) takes the courier statements; NOA has an analyst.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from samverkan.access.models import Organisation, User
from samverkan.access.services import organisation_register, user_ensure
from samverkan.intake.models import Report
from samverkan.intake.schemas import OrganisationIn, ReportIn
from samverkan.intake.services import report_submit

PASSWORD = "correct horse battery staple"

ORGANISATIONS = [
    ("se-region-stockholm", "police_region", "SE", "Polisregion Stockholm", None, ["0180", "0184"]),
    ("se-lpo-sodermalm", "police_district", "SE", "LPO Södermalm", "se-region-stockholm", ["0180"]),
    ("se-region-ost", "police_region", "SE", "Polisregion Öst", None, ["0580"]),
    ("se-noa", "national_police", "SE", "NOA", None, []),
    ("no-district-oslo", "police_district", "NO", "Oslo politidistrikt", None, ["0301"]),
    ("no-district-ost", "police_district", "NO", "Øst politidistrikt", None, ["3107"]),
    ("no-kripos", "national_police", "NO", "Kripos", None, []),
    ("se-agent-ica", "postal_agent", "SE", "ICA Nära Tallbacken", None, ["0180"]),
]
SHORT = {
    "se-region-stockholm": "sthlm",
    "se-lpo-sodermalm": "sodermalm",
    "se-region-ost": "ost-se",
    "se-noa": "noa",
    "no-district-oslo": "oslo",
    "no-district-ost": "ost",
    "no-kripos": "kripos",
}
_numbers = itertools.count(1)


@dataclass
class LeadsWorld:
    organisations: dict[str, Organisation] = field(default_factory=dict)
    coordinators: dict[str, User] = field(default_factory=dict)
    officers: dict[str, User] = field(default_factory=dict)
    analyst: User | None = None
    reporter: User | None = None

    def org(self, code: str) -> Organisation:
        return self.organisations[code]

    def statement(
        self,
        *,
        phone: str,
        destination: str = "0180",
        country: str = "SE",
        tlp: str = "AMBER",
        by: str = "no-district-ost",
    ) -> Report:
        """A courier statement taken by ``by`` naming a backer's phone and a destination."""
        officer = self.officers[by]
        assert officer.organisation is not None
        data = ReportIn.model_validate(
            {
                "kind": "courier_statement",
                "external_id": f"statement-{next(_numbers)}",
                "occurred_at": "2026-05-02T06:40:00+02:00",
                "grading": {"source": "B", "information": "2"},
                "handling": {"tlp": tlp},
                "route": {
                    "crossing": "Svinesund",
                    "destination": {"country": country, "municipality_code": destination},
                },
                "subjects": [
                    {
                        "ref": "c1",
                        "role": "courier",
                        "mentions": [{"kind": "person_name", "value": "Kurt Kurir"}],
                    },
                    {
                        "ref": "b1",
                        "role": "backer",
                        "mentions": [{"kind": "phone", "value": phone}],
                    },
                ],
            }
        )
        report, _ = report_submit(
            organisation=officer.organisation, data=data, by=officer, via="test"
        )
        return report


def leads_world() -> LeadsWorld:
    world = LeadsWorld()
    for code, kind, country, name, parent, municipalities in ORGANISATIONS:
        world.organisations[code] = organisation_register(
            data=OrganisationIn.model_validate(
                {
                    "code": code,
                    "kind": kind,
                    "country": country,
                    "name": name,
                    "parent_code": parent,
                    "municipality_codes": municipalities,
                }
            )
        )
    for code, short in SHORT.items():
        organisation = world.organisations[code]
        world.coordinators[code] = _user(f"{short}_coordinator", organisation, ["coordinator"])
        world.officers[code] = _user(f"{short}_officer", organisation, ["officer"])
    world.analyst = _user("noa_analyst", world.org("se-noa"), ["analyst"])
    world.reporter = _user("ica_reporter", world.org("se-agent-ica"), ["reporter"])
    return world


def _user(username: str, organisation: Organisation, roles: list[str]) -> User:
    user = user_ensure(
        username=username,
        password=PASSWORD,
        organisation=organisation,
        full_name=username.replace("_", " ").title(),
        roles=roles,
    )
    user.email = f"{username}@example.test"
    user.save(update_fields=["email"])
    return user
