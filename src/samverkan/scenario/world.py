"""``generate_world``: a seeded synthetic year of Nordic reports with its ground truth.

Invariant: the files depend only on (generator version, Faker version,
seed, size, noise): every random draw comes from a stream of
``seeding.stream`` and the day loop runs in a fixed order, so the same
arguments give byte-identical files. Reports stream to disk in time order as
days complete; memory holds the population and a few days of reports, never
the year.

Layout of the output folder:

``organisations.jsonl``   one ``OrganisationIn`` a line
``reports.jsonl``         one ``Submission`` a line, sorted by ``occurred_at``
``call_records.csv``      ``a_number,b_number,start,duration_seconds,cell``, sorted by start
``vehicle_register.csv``  ``plate,keeper_kind,keeper``: every vehicle's registered keeper
``truth/``                the ground truth (see ``samverkan.scenario.truth``)
``manifest.json``         version, seed, size, noise, counts and SHA-256 of every file
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import faker

from samverkan.intake.schemas import Submission
from samverkan.scenario.calls import HEADER, CallRecord
from samverkan.scenario.drafting import ReportDraft
from samverkan.scenario.external_ids import ExternalIds
from samverkan.scenario.manifest import GENERATOR, VERSION, Manifest
from samverkan.scenario.names import name_pools
from samverkan.scenario.networks import Staffing, build_networks, crossing_names
from samverkan.scenario.noise import Noise
from samverkan.scenario.organisations import Organisations
from samverkan.scenario.output import FileDigest, LineWriter
from samverkan.scenario.places import Atlas
from samverkan.scenario.population import Population
from samverkan.scenario.registers import write_vehicle_register
from samverkan.scenario.scene import ZONES, Scene
from samverkan.scenario.schedule import NETWORK_ACTIVITIES, Schedule
from samverkan.scenario.seeding import stream
from samverkan.scenario.sizes import Size, size_named
from samverkan.scenario.timeline import Timeline
from samverkan.scenario.truth import dumps, write_entity_tables

YEAR = 2024

Progress = Callable[[int, int], None]


def _staffing(size: Size) -> Staffing:
    """Enough couriers that most are caught once, enough buyers that few buy daily."""
    activities = {a.name: a for a in NETWORK_ACTIVITIES}
    stop, letter = activities["courier_stop"], activities["letter_posting"]
    bordering = max(1, round(size.networks * 0.6))
    posting = max(1, round(size.networks * 0.55))
    stops = size.reports * stop.share / stop.per_event / bordering
    letters = size.reports * letter.share / letter.per_event / posting
    return Staffing(
        couriers=max(6, min(80, round(stops * 0.9))),
        buyers=max(10, min(400, round(letters / 3))),
    )


def generate_world(
    *, size: str, seed: int, noise: float, out: Path, progress: Progress | None = None
) -> Manifest:
    """Generate a world into ``out`` (created if missing; files in it are overwritten)."""
    profile = size_named(size)
    if not 0.0 <= noise <= 1.0:
        raise ValueError("noise must be between 0 and 1")
    out.mkdir(parents=True, exist_ok=True)
    atlas = Atlas()
    pools = name_pools(seed)
    organisations = Organisations(
        atlas, pools, stream(seed, "organisations"), profile.postal_agents
    )
    population = Population(stream(seed, "population"), pools, atlas, YEAR)
    population.add_households(profile.innocents)
    networks = build_networks(
        population, atlas, stream(seed, "networks"), profile.networks, _staffing(profile)
    )
    scene = Scene(
        year=YEAR,
        rng=stream(seed, "activity"),
        noise=Noise(noise, stream(seed, "noise")),
        population=population,
        networks=networks,
        organisations=organisations,
        atlas=atlas,
        ids=ExternalIds(stream(seed, "external-ids"), organisations.kind, YEAR),
        crossings=crossing_names(),
    )
    schedule = Schedule(profile, networks, YEAR, stream(seed, "schedule"))

    files: dict[str, FileDigest] = {}
    with LineWriter(out / "organisations.jsonl") as writer:
        for organisation in organisations.all:
            writer.write(organisation.model_dump_json())
        files["organisations.jsonl"] = writer.close()
    files.update(write_entity_tables(out, population, networks))
    files["vehicle_register.csv"] = write_vehicle_register(out, population)

    by_kind: Counter[str] = Counter()
    mentions = 0
    reports: Timeline[ReportDraft] = Timeline()
    calls: Timeline[CallRecord] = Timeline()
    first_midnight = datetime(YEAR, 1, 1, tzinfo=ZONES["SE"])
    with (
        LineWriter(out / "reports.jsonl") as report_writer,
        LineWriter(out / "truth" / "reports.jsonl") as truth_writer,
        LineWriter(out / "call_records.csv") as call_writer,
    ):
        call_writer.write(HEADER)

        def write_report(draft: ReportDraft) -> None:
            nonlocal mentions
            submission = Submission.model_validate(draft.submission())
            report_writer.write(submission.model_dump_json())
            truth_writer.write(dumps(draft.truth()))
            by_kind[draft.kind] += 1
            mentions += sum(len(s.mentions) for s in submission.report.subjects)

        for day in range(schedule.days):
            for draft in schedule.reports(scene, day):
                reports.push(draft.sort_key, draft)
            for record in schedule.calls(scene, day):
                calls.push(record.sort_key, record)
            # Wall-clock midnight in Stockholm and Oslo (one zone rule): nothing
            # generated from tomorrow on can happen before it.
            cutoff = int((first_midnight + timedelta(days=day + 1)).timestamp())
            for draft in reports.release_before(cutoff):
                write_report(draft)
            for record in calls.release_before(cutoff):
                call_writer.write(record.line)
            if progress is not None:
                # The target is an estimate; only the final call reports completion.
                done = report_writer.lines
                progress(done, max(done + 1, profile.reports))
        for draft in reports.release_all():
            write_report(draft)
        for record in calls.release_all():
            call_writer.write(record.line)
        files["reports.jsonl"] = report_writer.close()
        files["truth/reports.jsonl"] = truth_writer.close()
        files["call_records.csv"] = call_writer.close()
    total = files["reports.jsonl"].lines
    if progress is not None:
        progress(total, total)

    manifest = Manifest(
        generator=GENERATOR,
        version=VERSION,
        faker=faker.VERSION,
        seed=seed,
        size=profile.name,
        noise=noise,
        year=YEAR,
        counts={
            "reports": total,
            "mentions": mentions,
            "call_records": files["call_records.csv"].lines - 1,
            "organisations": len(organisations.all),
            "people": len(population.people),
            "innocent_people": len(population.innocents),
            "networks": len(networks),
            "phones": len(population.phones),
            "addresses": len(population.addresses),
            "drop_addresses": sum(a.drop_of is not None for a in population.addresses),
            "vehicles": len(population.vehicles),
            "companies": len(population.companies),
            "front_companies": sum(c.front_of is not None for c in population.companies),
            "accounts": len(population.accounts),
            "aliases": len(population.aliases),
            "postal_items": scene.items,
        },
        reports_by_kind=dict(sorted(by_kind.items())),
        files=dict(sorted(files.items())),
    )
    manifest.write(out)
    return manifest
