"""The demo world is loadable as it stands: valid lines, known organisations, time order."""

from __future__ import annotations

import csv
import hashlib
import json
from collections import Counter
from datetime import datetime

from samverkan.intake.schemas import OrganisationKind, ReportKind
from samverkan.scenario import SIZES
from tests.scenario.worlds import World


def test_every_report_validates_and_names_a_known_organisation(demo_world: World) -> None:
    submissions = demo_world.submissions  # validated as Submission while read
    organisations = demo_world.organisations
    assert submissions
    assert {s.organisation for s in submissions} <= set(organisations)


def test_report_count_is_near_the_size_target(demo_world: World) -> None:
    target = SIZES["demo"].reports
    assert abs(len(demo_world.submissions) - target) < 0.1 * target
    assert demo_world.manifest.counts["reports"] == len(demo_world.submissions)


def test_every_kind_of_report_is_present(demo_world: World) -> None:
    kinds = Counter(s.report.kind for s in demo_world.submissions)
    assert set(kinds) == set(ReportKind)
    assert dict(sorted((k.value, v) for k, v in kinds.items())) == (
        demo_world.manifest.reports_by_kind
    )


def test_external_ids_are_unique_per_organisation(demo_world: World) -> None:
    keys = [(s.organisation, s.report.external_id) for s in demo_world.submissions]
    assert len(keys) == len(set(keys))


def test_reports_are_sorted_by_time(demo_world: World) -> None:
    times = [s.report.occurred_at for s in demo_world.submissions]
    assert times == sorted(times)
    assert all(
        s.report.reported_at is not None and s.report.reported_at >= s.report.occurred_at
        for s in demo_world.submissions
    )


def test_truth_is_aligned_line_by_line(demo_world: World) -> None:
    for submission, truth in zip(demo_world.submissions, demo_world.truths, strict=True):
        assert truth["organisation"] == submission.organisation
        assert truth["external_id"] == submission.report.external_id
        assert [s["ref"] for s in truth["subjects"]] == [s.ref for s in submission.report.subjects]
        for subject, fact in zip(submission.report.subjects, truth["subjects"], strict=True):
            assert len(fact["mentions"]) == len(subject.mentions)


def test_organisations_hang_together(demo_world: World) -> None:
    organisations = demo_world.organisations
    for organisation in organisations.values():
        if organisation.parent_code is not None:
            assert organisation.parent_code in organisations
        if organisation.kind == OrganisationKind.POSTAL_AGENT:
            assert organisations[str(organisation.parent_code)].kind == (
                OrganisationKind.POSTAL_OPERATOR
            )
            assert len(organisation.municipality_codes) == 1
    names = {o.name for o in organisations.values()}
    assert {"Tullverket", "Tolletaten", "PostNord Sverige", "Posten Norge", "Kripos"} <= names
    assert "Oslo politidistrikt" in names
    assert "Øst politidistrikt" in names
    kinds = Counter(o.kind for o in organisations.values())
    assert kinds[OrganisationKind.POLICE_REGION] == 7
    assert kinds[OrganisationKind.POLICE_DISTRICT] == 12
    assert kinds[OrganisationKind.MUNICIPALITY] >= 3


def test_links_point_at_reports_of_the_world(demo_world: World) -> None:
    known = {f"{s.organisation}:{s.report.external_id}" for s in demo_world.submissions}
    links = [link for s in demo_world.submissions for link in s.report.linked_reports]
    assert links
    assert set(links) <= known


def test_grading_and_handling_follow_the_conventions(demo_world: World) -> None:
    organisations = demo_world.organisations
    tlps: Counter[str] = Counter()
    compartments = set()
    for submission in demo_world.submissions:
        report = submission.report
        kind = organisations[submission.organisation].kind
        if kind == OrganisationKind.POSTAL_AGENT:
            assert (report.grading.source.value, report.grading.information.value) == ("C", "3")
        if report.kind == ReportKind.COURIER_STATEMENT:
            assert (report.grading.source.value, report.grading.information.value) == ("B", "2")
        tlps[report.handling.tlp.value] += 1
        compartments.update(report.handling.compartments)
    assert {"AMBER", "AMBER+STRICT", "RED"} <= set(tlps)
    assert tlps["AMBER"] > len(demo_world.submissions) / 2
    assert any(c.startswith("op-") for c in compartments)


def test_manifest_vouches_for_every_file(demo_world: World) -> None:
    manifest = json.loads((demo_world.folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["seed"] == 1
    assert manifest["size"] == "demo"
    assert manifest["noise"] == 0.2
    written = {
        path.relative_to(demo_world.folder).as_posix()
        for path in demo_world.folder.rglob("*")
        if path.is_file() and path.name != "manifest.json"
    }
    assert set(manifest["files"]) == written
    for name, digest in manifest["files"].items():
        data = (demo_world.folder / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest["sha256"]
        assert len(data) == digest["bytes"]


def test_the_vehicle_register_gives_every_vehicle_its_keeper(demo_world: World) -> None:
    path = demo_world.folder / "vehicle_register.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        register = {row["plate"]: row for row in csv.DictReader(handle)}
    vehicles = demo_world.table("vehicles").values()
    assert set(register) == {v["plate"] for v in vehicles}
    people, companies = demo_world.table("people"), demo_world.table("companies")
    for vehicle in vehicles:
        row, keeper = register[vehicle["plate"]], vehicle["keeper"]
        if keeper.startswith("company:"):
            assert row["keeper"] == companies[keeper]["org_number"]
        else:
            assert row["keeper"] == (people[keeper]["personal_number"] or "")


def test_call_records_have_their_columns_and_order(demo_world: World) -> None:
    calls = demo_world.calls
    assert len(calls) > 1000
    assert list(calls[0]) == ["a_number", "b_number", "start", "duration_seconds", "cell"]
    starts = [datetime.fromisoformat(call["start"]) for call in calls]
    assert starts == sorted(starts)
    assert all(call["a_number"].startswith("+4") for call in calls)
    assert all(int(call["duration_seconds"]) > 0 for call in calls)
