"""The route-level access matrix: every URL × every persona × GET and POST, as ``ROUTES`` says.

Each case is one real request through the test client. A case fails when the
answer is not the one the table gives, when the answer shows the marker of a
report the persona may not read, or when a refused POST changed anything in
the database. All failures are listed together, with the number of cases run.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest
from django.urls import resolve

from tests.access.routes import (
    EVERYONE,
    LOGIN,
    ROUTES,
    Answer,
    Persona,
    Redirect,
    Row,
    Target,
    World,
    changes,
    database_state,
    url_patterns,
    world_build,
)

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db

FEWEST_CASES = 150
# Lists that must show every report the persona may read (they all fit on the first page).
LISTS = {"report_list", "api:reports_status"}
# A visitor may call these: the door, the signposts, nothing that holds personal data.
OPEN_ROUTES = {"health", "login", "logout", "set_language", "api:openapi-json", "api:api-root"}
# Who asks a route that answers everyone alike: a visitor, a person, a system.
SAME_FOR_EVERYONE = ("visitor", "outsider", "sodermalm_analyst", "postnord_system")
REFUSALS: set[Answer] = {401, 403, 404, 405, LOGIN}


@dataclass(frozen=True)
class Case:
    route: str
    method: str
    persona: str
    target: Target | None

    def __str__(self) -> str:
        where = f"[{self.target.label}]" if self.target else ""
        return f"{self.method} {self.route}{where} as {self.persona}"

    @property
    def path(self) -> str:
        return ROUTES[self.route].path.format(id=self.target.pk if self.target else "")


def expected(case: Case, persona: Persona) -> Answer:
    for audience, answer in ROUTES[case.route].decision(case.method):
        if audience.includes(persona, case.target):
            return answer
    raise AssertionError(f"the table does not decide {case}")


def _worth_trying(targets: list[Target], persona: Persona, row: str, method: str) -> list[Target]:
    """Every id when the answer depends on the object; else one object and a missing id.

    A persona refused every object alike (a reporter on the user pages, a
    browser on the API) is turned away before the id is looked at: the tenth
    object or a fuzzed id tells no more than their own organisation's.
    """
    real = [t for t in targets if t.real]
    answers = {expected(Case(row, method, persona.name, t), persona) for t in real}
    if len(answers) > 1:
        return targets
    own = [t for t in real if t.organisation_id == persona.organisation_id is not None]
    return (own or real)[:1] + [t for t in targets if not t.real][:1]


def _askers(world: World, row: Row, method: str) -> list[Persona]:
    """Who asks a route.

    Everyone, except: a route that answers everyone alike is asked by a
    visitor, a person and a system; and of the partner systems only one asks
    the web pages, where a bearer token signs nobody in.
    """
    if all(audience is EVERYONE for audience, _ in row.decision(method)):
        return [world.persona(name) for name in SAME_FOR_EVERYONE]
    everyone = list(world.personas.values())
    if row.path.startswith("/api/"):
        return everyone
    return [p for p in everyone if not p.token or p.name == "postnord_system"]


def cases(world: World) -> list[Case]:
    """Every (route × method × persona × id) the table decides.

    Within each route and method the refusals come first, so that one look at
    the database before and after them shows whether any refusal changed it.
    Logging out comes last of all.
    """
    found = []
    for name, row in ROUTES.items():
        for method in ("GET", "POST"):
            if not row.decision(method):
                continue  # the other row of the same path decides this method
            group = []
            for persona in _askers(world, row, method):
                if row.objects is None:
                    group.append(Case(name, method, persona.name, None))
                    continue
                targets = _worth_trying(world.targets[row.objects], persona, name, method)
                group += [Case(name, method, persona.name, target) for target in targets]
            group.sort(key=lambda case: not refusal(case, world))
            found += group
    return sorted(found, key=lambda case: case.route == "logout")


def refusal(case: Case, world: World) -> bool:
    return case.method == "POST" and expected(case, world.persona(case.persona)) in REFUSALS


def call(case: Case, persona: Persona, number: int) -> Response:
    row = ROUTES[case.route]
    client, headers = persona.client, persona.headers()
    if case.method == "GET":
        return client.get(case.path, headers=headers)
    if row.body is not None:
        body = json.dumps(row.body(f"{persona.name}-{number}"))
        return client.post(case.path, body, content_type="application/json", headers=headers)
    return client.post(case.path, row.form(f"{persona.name}-{number}"), headers=headers)


def content(response: Response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    return response.content.decode(errors="replace")


def answered(response: Response, answer: Answer) -> bool:
    if isinstance(answer, Redirect):
        return response.status_code == 302 and response["Location"].startswith(answer.to)
    return response.status_code == answer


def shown(response: Response) -> str:
    location = f" → {response['Location']}" if response.status_code == 302 else ""
    return f"{response.status_code}{location}"


def may_read(persona: Persona, report: Target) -> bool:
    """A person reads by the report's handling; a system reads its own organisation's reports."""
    by_token = persona.token_valid and "reports:read" in persona.scopes
    return persona.name in report.readers or (
        by_token and persona.token_organisation_id == report.organisation_id
    )


def wrong_with(case: Case, persona: Persona, response: Response, world: World) -> list[str]:
    """What is wrong with one answer: its status, a report it shows, a report a list leaves out."""
    wrong = []
    answer = expected(case, persona)
    if not answered(response, answer):
        wrong.append(f"{case}: expected {answer!r}, got {shown(response)}")
    body = content(response)
    listed = case.route in LISTS and response.status_code == 200
    for report in (t for t in world.targets["report"] if t.real):
        if report.marker in body and not may_read(persona, report):
            wrong.append(f"{case}: shows {report.label}, which {persona.name} may not read")
        if listed and may_read(persona, report) and report.marker not in body:
            wrong.append(f"{case}: leaves out {report.label}, which {persona.name} may read")
    return wrong


def last_refusal_of_its_group(all_cases: list[Case], number: int, world: World) -> bool:
    case, following = all_cases[number], all_cases[number + 1 : number + 2]
    same = [f for f in following if (f.route, f.method) == (case.route, case.method)]
    return refusal(case, world) and not (same and refusal(same[0], world))


@pytest.fixture
def world() -> World:
    return world_build()


def test_every_route_of_the_project_has_a_row() -> None:
    """A new URL without a row in ``ROUTES`` fails here: 0 routes outside the access table."""
    patterns = url_patterns()
    outside = sorted(set(patterns) - set(ROUTES))
    stale = sorted(set(ROUTES) - set(patterns))
    assert not outside, f"{len(outside)} routes outside the access table: {outside}"
    assert not stale, f"rows for routes that no longer exist: {stale}"
    for name, row in ROUTES.items():
        match = resolve(row.path.format(id=1))
        assert str(match.route) == patterns[name], f"{name}: {row.path} is {match.route}"


def test_each_method_of_each_path_is_decided_by_exactly_one_row() -> None:
    deciders: dict[tuple[str, str], list[str]] = {}
    for name, row in ROUTES.items():
        for method in ("GET", "POST"):
            if row.decision(method):
                deciders.setdefault((row.path, method), []).append(name)
    for path in {row.path for row in ROUTES.values()}:
        for method in ("GET", "POST"):
            assert len(deciders.get((path, method), [])) == 1, (path, method, deciders)


def test_only_the_door_and_the_signposts_are_open_to_visitors() -> None:
    """Every other route sends a visitor to log in (web) or answers 401 (API), never data."""
    visitor = Persona("visitor")
    for name, row in ROUTES.items():
        for method in ("GET", "POST"):
            decision = row.decision(method)
            if not decision or name in OPEN_ROUTES:
                continue
            first = next(
                answer for audience, answer in decision if audience.includes(visitor, None)
            )
            assert first in (LOGIN, 401, 405), f"{method} {name} answers a visitor {first!r}"


def test_every_route_answers_every_persona_as_the_table_says(world: World) -> None:
    """The matrix: 0 leaks, 0 wrongful denials, 0 changes made by refused POSTs.

    Also: for each persona, every 404 of an object route has the very body of
    the missing id's 404, so a forbidden object cannot be told from no object.
    """
    assert all(t.marker for t in world.targets["report"] if t.real)
    for persona in world.personas.values():
        assert persona.client  # everyone logs in before the database is looked at
    all_cases, wrong = cases(world), []
    before: dict[str, Any] = {}
    # Per route, method and persona: the body of each 404, forbidden objects' and missing ids'.
    not_found: dict[tuple[str, str, str], dict[str, str]] = {}
    for number, case in enumerate(all_cases):
        persona = world.persona(case.persona)
        if refusal(case, world) and not before:
            before = database_state()
        response = call(case, persona, number)
        wrong += wrong_with(case, persona, response, world)
        if case.target is not None and response.status_code == 404:
            bodies = not_found.setdefault((case.route, case.method, case.persona), {})
            bodies[case.target.label] = content(response)
        if last_refusal_of_its_group(all_cases, number, world):
            if changed := changes(before, database_state()):
                wrong.append(f"refused {case.method} {case.route} changed the database: {changed}")
            before = {}
        if case.route == "logout":
            persona.sign_in_again()
    for (route, method, persona_name), bodies in not_found.items():
        if len(set(bodies.values())) > 1:
            wrong.append(f"{method} {route} as {persona_name}: 404s differ among {sorted(bodies)}")
    summary = f"{len(all_cases)} cases (route × persona × method × id)"
    assert not wrong, f"{len(wrong)} wrong answers in {summary}:\n" + "\n".join(wrong[:80])
    assert len(all_cases) >= FEWEST_CASES, f"only {summary}; at least {FEWEST_CASES} must run"
    print(summary)


def test_the_menu_offers_only_pages_the_persona_may_open(world: World) -> None:
    """No menu entry leads to a 404: the menu asks the rule each page asks."""
    offered_in_vain = []
    for persona in world.personas.values():
        if not persona.signed_in:
            continue
        start = persona.client.get("/").content.decode()
        menu = re.search(r'<nav class="mainnav".*?</nav>', start, re.DOTALL)
        for link in re.findall(r'href="([^"]+)"', menu[0] if menu else ""):
            if persona.client.get(link).status_code == 404:
                offered_in_vain.append(f"{persona.name}: {link}")
    assert not offered_in_vain, "\n".join(offered_in_vain)
