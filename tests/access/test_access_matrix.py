"""The access matrix: every role of every organisation kind against every report marking.

The expected answer comes from ``_may_view`` below, a plain restatement of
the rules in ``product.md``; the system's answer comes from the database
query in ``samverkan.access.policy``. Any difference is either a leak or a
wrongful denial, and the test lists each one.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pytest

from samverkan.access.models import Compartment, Organisation, OrganisationKind, User
from samverkan.access.policy import Action, NotFound, access_report, reports_visible_to
from samverkan.access.roles import LAW_ENFORCEMENT, ROLES_BY_ORGANISATION_KIND, Role
from samverkan.intake.models import Report

pytestmark = pytest.mark.django_db

TLPS = ("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED")


@dataclass
class World:
    readers: list[User]
    reports: list[Report]


def _organisations() -> list[Organisation]:
    """Two of every kind, so 'same organisation' and 'same kind, other one' both occur."""
    organisations = []
    for kind, number in itertools.product(OrganisationKind, (1, 2)):
        organisations.append(
            Organisation.objects.create(
                code=f"{kind.value.replace('_', '-')}-{number}",
                kind=kind,
                country="SE" if number == 1 else "NO",
                name=f"{kind.label} {number}",
            )
        )
    return organisations


def _readers(organisations: list[Organisation]) -> list[User]:
    readers = []
    for organisation in organisations:
        allowed = sorted(ROLES_BY_ORGANISATION_KIND[organisation.kind])
        for role in [*allowed, None]:
            readers.append(
                User.objects.create(
                    username=f"{organisation.code}-{role or 'none'}",
                    organisation=organisation,
                    roles=[role] if role else [],
                )
            )
    readers.append(User.objects.create(username="no-organisation", roles=[Role.ANALYST]))
    police = organisations[0]
    readers.append(
        User.objects.create(
            username="disabled-analyst", organisation=police, roles=[Role.ANALYST], is_active=False
        )
    )
    return readers


def _world() -> World:
    organisations = _organisations()
    readers = _readers(organisations)
    by_name = {reader.username: reader for reader in readers}
    police_analyst = by_name["police-district-1-analyst"]
    police = organisations[0]
    customs_officer = by_name["customs-1-officer"]
    agent_reporter = by_name["postal-agent-1-reporter"]
    red_recipient = by_name["national-police-2-analyst"]
    compartment = Compartment.objects.create(
        code="op-vinterljus", name="Operation Vinterljus", owner=police
    )
    compartment.members.add(police_analyst, by_name["police-district-2-coordinator"])
    reports = []
    submitters = (police_analyst, customs_officer, agent_reporter)
    submitter_organisation = {user.pk: Organisation.objects.get(users=user) for user in submitters}
    for number, (submitter, tlp, in_compartment) in enumerate(
        itertools.product(submitters, TLPS, (False, True))
    ):
        report = Report.objects.create(
            organisation=submitter_organisation[submitter.pk],
            submitted_by=submitter,
            external_id=f"r-{number}",
            kind="intelligence",
            occurred_at="2026-03-01T10:00:00Z",
            reported_at="2026-03-01T10:05:00Z",
            source_grading="B",
            information_grading="2",
            tlp=tlp,
            payload={},
        )
        if in_compartment:
            report.compartments.add(compartment)
        if tlp == "RED":
            report.red_recipients.add(red_recipient)
        reports.append(report)
    return World(readers, reports)


def _may_view(reader: User, report: Report) -> bool:
    """The rules, restated plainly, one per line."""
    if not reader.is_active or reader.organisation is None:
        return False
    roles = set(reader.roles)
    if reader.organisation.kind in LAW_ENFORCEMENT and roles & {
        "officer",
        "analyst",
        "coordinator",
    }:
        if report.tlp == "AMBER+STRICT" and report.organisation_id != reader.organisation_id:
            return False
        named = report.red_recipients.filter(pk=reader.pk).exists()
        if report.tlp == "RED" and reader != report.submitted_by and not named:
            return False
        member_of = set(reader.compartments.values_list("pk", flat=True))
        return set(report.compartments.values_list("pk", flat=True)) <= member_of
    if "reporter" in roles:
        return report.organisation_id == reader.organisation_id
    return False


def test_every_reader_sees_exactly_what_the_rules_allow() -> None:
    world = _world()
    leaks, denials, checked = [], [], 0
    for reader in world.readers:
        visible = set(reports_visible_to(reader=reader).values_list("pk", flat=True))
        expected_count = 0
        for report in world.reports:
            expected = _may_view(reader, report)
            expected_count += expected
            case = f"{reader.username} → {report.external_id} ({report.tlp})"
            if (report.pk in visible) and not expected:
                leaks.append(case)
            if expected and report.pk not in visible:
                denials.append(case)
            try:
                access_report(reader, report.pk, Action.VIEW)
                allowed_one = True
            except NotFound:
                allowed_one = False
            if allowed_one != expected:
                (leaks if allowed_one else denials).append(case + " [access_report]")
            checked += 1
        assert reports_visible_to(reader=reader).count() == expected_count, reader.username
    assert not leaks, f"{len(leaks)} leaks of {checked}: {leaks[:20]}"
    assert not denials, f"{len(denials)} wrongful denials of {checked}: {denials[:20]}"
    assert checked > 1000


def test_matrix_covers_grants_and_refusals() -> None:
    """A matrix where everyone sees nothing (or everything) would prove nothing."""
    world = _world()
    outcomes = {_may_view(reader, report) for reader in world.readers for report in world.reports}
    assert outcomes == {True, False}


def test_missing_and_forbidden_look_the_same() -> None:
    world = _world()
    outsider = next(r for r in world.readers if r.username == "municipality-1-partner")
    hidden = world.reports[0]
    with pytest.raises(NotFound) as forbidden:
        access_report(outsider, hidden.pk, Action.VIEW)
    with pytest.raises(NotFound) as missing:
        access_report(outsider, 10**9, Action.VIEW)
    assert str(forbidden.value) == str(missing.value)
