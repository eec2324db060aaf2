"""S3: what Södermalm holds under AMBER+STRICT and RED never reaches anyone else, nor its count.

Södermalm's analyst files two reports with strings found nowhere else (a
summary "ZEBRA-LEAK-123", a phone only they name, a RED courier statement
naming a phone that Tullverket's report names too) and reads them under a
purpose that is also found nowhere else. Every page that anyone outside
Södermalm can open (start page, report lists of every kind and every page,
entity pages and the most-named list, requests, the API's list) is fetched
before and after: it must be byte for byte the same (apart from CSRF tokens),
so neither the strings nor a count moved. The audit pages of a municipality's
auditor, error pages and the API's detail are checked on their own.
"""

from __future__ import annotations

import csv
import io
import re
from typing import TYPE_CHECKING

import pytest
from django.test import Client

from samverkan.access.models import User
from samverkan.intake.models import Report, ReportKind
from samverkan.intake.schemas import ReportIn
from samverkan.intake.services import report_submit
from samverkan.retention.models import RetentionRunRecord
from tests.access.routes import (
    MISSING_ID,
    PURPOSE,
    Persona,
    World,
    marker,
    report_file,
    world_build,
)
from tests.conftest import login_verified

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db

ZEBRA_STRICT = "ZEBRA-LEAK-123"
ZEBRA_RED = "ZEBRA-RED-456"
ZEBRA_PHONE = "070-999 12 34"  # named in Södermalm's AMBER+STRICT report only
SHARED_PHONE = "070-111 11 11"  # named by Tullverket's AMBER report and Södermalm's RED one
ZEBRA_PURPOSE = "ZEBRA-CASE-789"
ZEBRA = (ZEBRA_STRICT, ZEBRA_RED, ZEBRA_PHONE, ZEBRA_PURPOSE, "se-lpo-sodermalm")
CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+')
# A retention run's cells of counts: "0", or "2 intelligence, 1 seizure".
DUE = re.compile(r"<td>(\d+ [a-z_]+(?:, \d+ [a-z_]+)*|0)</td>")
BACKGROUND = 55  # more than a page (50) of reports every law-enforcement reader sees


@pytest.fixture
def world() -> World:
    world = world_build()
    officer = world.people["tullverket_officer"]
    for number in range(BACKGROUND):
        report_file(f"background_{number}", by=officer, tlp="AMBER")
    report_file(
        "background_route",
        by=officer,
        tlp="GREEN",
        kind="courier_statement",
        details={"route": {"origin": "Göteborg", "crossing": "Svinesund"}},
    )
    return world


def sodermalm_files_and_reads(world: World) -> tuple[Report, Report]:
    """Södermalm's analyst files the two reports and reads each under a purpose of their own."""
    analyst = world.people["sodermalm_analyst"]
    strict = report_file(
        "zebra_strict",
        by=analyst,
        tlp="AMBER+STRICT",
        summary=f"{ZEBRA_STRICT}: the courier paid in cash.",
        phones=(ZEBRA_PHONE,),
    )
    red = report_file(
        "zebra_red",
        by=analyst,
        tlp="RED",
        kind="courier_statement",
        summary=f"{ZEBRA_RED}: the backer's phone again.",
        details={"route": {"origin": "Malmö", "crossing": "Öresundsbron"}},
        phones=(SHARED_PHONE,),
    )
    reader = world.persona("sodermalm_analyst").client
    reader.post("/purpose/", {"reference": ZEBRA_PURPOSE})
    for report in (strict, red):
        assert ZEBRA_STRICT[:5] in reader.get(f"/reports/{report.pk}/").content.decode()
    reader.post("/purpose/", {"reference": PURPOSE})
    return strict, red


def outside_sodermalm(world: World) -> list[Persona]:
    sodermalm = world.organisations["sodermalm"].pk
    return [p for p in world.personas.values() if p.organisation_id != sodermalm]


def _text(response: Response) -> str:
    streamed = response.streaming
    body = b"".join(response.streaming_content) if streamed else response.content  # type: ignore[attr-defined]
    return CSRF.sub(r"\1…", body.decode(errors="replace"))


def pages_of(persona: Persona, world: World) -> dict[str, str]:
    """Every page of shared data the persona can open, as they see it."""
    urls = ["/", "/entities/?kind=phone", "/entities/?kind=address", "/requests/"]
    for kind in ["", *ReportKind.values]:
        for page in (1, 2) if kind in ("", "intelligence") else (1,):
            urls.append(f"/reports/?kind={kind}&page={page}")
    urls += [f"/entities/{t.pk}/" for t in world.targets["entity"] if t.real]
    seen = {url: _text(persona.client.get(url, headers=persona.headers())) for url in urls}
    following: str | None = "/api/v1/reports?limit=20"
    while following:
        answer = persona.client.get(following, headers=persona.headers())
        seen[following] = _text(answer)
        following = answer.json().get("next") if answer.status_code == 200 else None
    return seen


def test_nothing_of_sodermalm_shows_to_anyone_else_on_any_page(world: World) -> None:
    """Every page of everyone outside Södermalm: byte for byte as before, no string of it."""
    readers = outside_sodermalm(world)
    before = {p.name: pages_of(p, world) for p in readers}
    sodermalm_files_and_reads(world)
    wrong, looked = [], 0
    for persona in readers:
        for url, text in pages_of(persona, world).items():
            looked += 1
            shown = [s for s in ZEBRA if s in text]
            if shown:
                wrong.append(f"{persona.name} {url} shows {shown}")
            elif text != before[persona.name][url]:
                wrong.append(f"{persona.name} {url} changed when Södermalm filed its reports")
    assert looked > 500
    assert not wrong, f"{len(wrong)} of {looked} pages:\n" + "\n".join(wrong[:40])


def test_a_report_out_of_sight_answers_exactly_as_no_report(world: World) -> None:
    """On the web and in the API, before a purpose is stated and after: as for a missing id."""
    strict, red = sodermalm_files_and_reads(world)
    wrong = []
    for persona in outside_sodermalm(world):
        for path in ["/api/v1/reports/{}"] if persona.token else ["/reports/{}/"]:
            missing = persona.client.get(path.format(MISSING_ID), headers=persona.headers())
            for report in (strict, red):
                hidden = persona.client.get(path.format(report.pk), headers=persona.headers())
                same = (hidden.status_code, _text(hidden)) == (missing.status_code, _text(missing))
                if not same or any(s in _text(hidden) for s in ZEBRA):
                    wrong.append(f"{persona.name} {path.format(report.pk)}: {hidden.status_code}")
    assert not wrong, "\n".join(wrong)
    # Before stating a purpose, an officer is asked for one: whether or not the report exists.
    browser = Client()
    login_verified(browser, world.people["tullverket_officer"])
    hidden, missing = browser.get(f"/reports/{red.pk}/"), browser.get(f"/reports/{MISSING_ID}/")
    assert hidden.status_code == missing.status_code == 302
    assert hidden["Location"].replace(str(red.pk), "ID") == missing["Location"].replace(
        str(MISSING_ID), "ID"
    )


def test_error_pages_tell_nothing_of_sodermalms_reports(world: World) -> None:
    """404, 405, 400 and even a server error: none names a hidden report, its phone or purpose.

    (What the reader typed may come back to them; nothing else may.)
    """
    strict, red = sodermalm_files_and_reads(world)
    officer = world.persona("tullverket_analyst").client
    officer.raise_request_exception = False  # see the 500 page as a reader would
    answers = [
        officer.get(f"/reports/{strict.pk}/"),
        officer.post(f"/reports/{red.pk}/"),
        officer.get(f"/settings/users/{world.people['sodermalm_analyst'].pk}/"),
        officer.post("/report/identifier/", {"kind": "phone", "value": "070-999 12 3"}),
        officer.post("/report/identifier/", {"kind": "no such kind", "value": "x"}),
        officer.get("/reports/?page=abc"),
        officer.get("/entities/?kind=phone&role=nonsense"),
    ]
    assert {a.status_code for a in answers} >= {404, 405, 400}
    for answer in answers:
        shown = [s for s in ZEBRA if s in _text(answer)]
        assert not shown, f"{answer.status_code} {answer.request['PATH_INFO']} shows {shown}"


def test_a_page_number_that_is_not_a_number_shows_the_first_page(world: World) -> None:
    """An error page is no place for a server error either: ?page=abc is the first page."""
    officer = world.persona("tullverket_analyst").client
    auditor = world.persona("noa_auditor").client
    officer.raise_request_exception = auditor.raise_request_exception = False
    assert officer.get("/reports/?page=abc").status_code == 200
    assert auditor.get("/audit/?page=abc").status_code == 200


def test_a_municipalitys_auditor_sees_only_their_own_organisations_events(world: World) -> None:
    """Malmö's auditor: no Södermalm event on the trail, in a search or in the CSV export."""
    _, red = sodermalm_files_and_reads(world)
    malmo = world.persona("malmo_auditor")
    world.persona("malmo_partner").client.get("/")  # Malmö's own events exist too
    malmo.client.get("/reports/")
    trail = _text(malmo.client.get("/audit/"))
    searched = _text(malmo.client.get(f"/audit/?object_type=report&object_id={red.pk}"))
    by_actor = _text(malmo.client.get("/audit/?actor=sodermalm_analyst"))
    export = _text(malmo.client.get("/audit/export.csv"))
    for page in (trail, searched, by_actor, export):
        assert not [s for s in ZEBRA if s in page]
    rows = list(csv.DictReader(io.StringIO(export)))
    assert rows, "Malmö's auditor sees Malmö's own events"
    assert {row["organisation_code"] for row in rows} == {"se-malmo"}
    # The events are there: a law-enforcement auditor, who reads the whole trail, sees them.
    noa = _text(world.persona("noa_auditor").client.get("/audit/?actor=sodermalm_analyst"))
    assert ZEBRA_PURPOSE in noa


def test_a_municipalitys_auditor_cannot_count_other_organisations_events(world: World) -> None:
    """No chain count, no sequence numbers (whose gaps would count Södermalm's reads)."""
    sodermalm_files_and_reads(world)
    english = {"Accept-Language": "en"}
    malmo = world.persona("malmo_auditor").client
    trail = _text(malmo.get("/audit/?verify=1", headers=english))
    assert "Intact:" not in trail
    assert "Verify the chain" not in trail
    assert "<th>#</th>" not in trail
    header = _text(malmo.get("/audit/export.csv")).splitlines()[0].split(",")
    assert "sequence" not in header
    assert "entry_hash" not in header
    # A law-enforcement auditor, who reads the whole trail, still verifies the chain.
    noa = _text(world.persona("noa_auditor").client.get("/audit/?verify=1", headers=english))
    assert "Intact:" in noa


def test_retention_counts_are_for_law_enforcements_overseers_only(world: World) -> None:
    """A run counts every organisation's reports: no municipality or postal admin sees one."""
    analyst = world.people["sodermalm_analyst"]
    for label, tlp in (("zebra_old_strict", "AMBER+STRICT"), ("zebra_old_red", "RED")):
        report_file(label, by=analyst, tlp=tlp, occurred_at="2019-01-02T03:04:05+01:00")
    for name in ("malmo_admin", "malmo_auditor", "ica_admin", "postnord_auditor"):
        client = world.persona(name).client
        assert client.post("/retention/").status_code == 404, name
        assert client.get("/retention/").status_code == 404, name
    assert not RetentionRunRecord.objects.exists()
    overseer = world.persona("tullverket_admin").client
    overseer.post("/retention/")
    assert DUE.findall(_text(overseer.get("/retention/")))[0] == "2 intelligence"


def test_an_identifier_is_shown_as_written_in_a_report_the_reader_may_see(world: World) -> None:
    """Södermalm wrote the address first, with a c/o: Tullverket sees its own spelling."""
    written = "Storgatan 1, c/o ZEBRA-ADDR-789, 111 22 Stockholm"
    _file_with_address(world.people["sodermalm_analyst"], "zebra_address", "RED", written)
    for number in (1, 2):
        _file_with_address(
            world.people["tullverket_officer"],
            f"tullverket_address_{number}",
            "AMBER",
            "Storgatan 1, 111 22 Stockholm",
        )
    analyst = world.persona("tullverket_analyst").client
    named = _text(analyst.get("/entities/?kind=address"))
    entity = re.search(r'href="/entities/(\d+)/"', named)
    assert entity, "two Tullverket reports name the address: it is in the most-named list"
    page = _text(analyst.get(f"/entities/{entity[1]}/"))
    assert "ZEBRA-ADDR-789" not in named + page


def test_analysts_decisions_keep_their_reasons_in_their_organisation(world: World) -> None:
    """Södermalm's merge reason speaks of its RED report: Tullverket sees neither it nor who."""
    seen = next(
        t for t in world.targets["entity"] if "tullverket_amber and sodermalm_red" in t.label
    )
    red_only = next(t for t in world.targets["entity"] if t.label == "phone in sodermalm_red")
    sodermalm = world.persona("sodermalm_analyst").client
    merged = sodermalm.post(
        f"/entities/{seen.pk}/judgement/",
        {"other": str(red_only.pk), "decision": "merge", "reason": "ZEBRA-JUDGE-321 in our RED"},
    )
    assert merged.status_code == 302
    page = _text(world.persona("tullverket_analyst").client.get(f"/entities/{seen.pk}/"))
    assert "ZEBRA-JUDGE-321" not in page
    assert "sodermalm_analyst" not in page


def _file_with_address(by: User, label: str, tlp: str, address: str) -> Report:
    assert by.organisation is not None
    data = ReportIn.model_validate(
        {
            "kind": "intelligence",
            "external_id": marker(label),
            "occurred_at": "2026-05-03T10:00:00+02:00",
            "handling": {"tlp": tlp},
            "summary": f"{marker(label)}: a drop address.",
            "subjects": [
                {
                    "ref": "d",
                    "role": "recipient",
                    "mentions": [{"kind": "address", "value": address}],
                }
            ],
        }
    )
    report, _ = report_submit(organisation=by.organisation, data=data, by=by, via="test")
    return report
