"""Full person resolution of a generated world, against raw Splink on the same rows.

    .venv/bin/python benchmarks/resolution/run.py --world /tmp/country   # or --size country

Three processes, so that each peak memory is its own:

1. prepare (not timed): read the world with its truth (``resolution.world``),
   write the distinct rows the model will see as Parquet.
2. ours: read ``reports.jsonl``, build person records, resolve them with the
   bundled model (distinct rows, Splink scoring, clustering with personal
   numbers and judgements); time and peak RSS.
3. raw Splink: the Parquet rows straight into Splink with the same model:
   ``predict`` at the review threshold and Splink's own connected components
   at the auto-link threshold; time and peak RSS.

Our overhead is (2) against (3): record building, merging identical rows
and our clustering. The F1 figures are computed from (2)'s clusters.
"""

from __future__ import annotations

import argparse
import json
import logging
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from samverkan.resolution.clustering import Thresholds
from samverkan.resolution.duplicates import distinct_rows
from samverkan.resolution.metrics import agreement
from samverkan.resolution.model import load_model, splink_settings
from samverkan.resolution.records import PersonRecord, payload_person_records
from samverkan.resolution.resolve import resolve
from samverkan.resolution.table import records_table
from samverkan.resolution.world import read_world


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def prepare(world: Path, scratch: Path) -> None:
    reading = read_world(world)
    rows = distinct_rows(reading.records).rows
    pq.write_table(records_table(rows), scratch / "rows.parquet")
    (scratch / "truth.pkl").write_bytes(pickle.dumps((reading.record_truth, reading.subject_truth)))
    print(json.dumps({"records": len(reading.records), "rows": len(rows)}))


def ours(world: Path, scratch: Path) -> None:
    started = time.perf_counter()
    countries = {
        row["code"]: row["country"]
        for row in map(json.loads, (world / "organisations.jsonl").open(encoding="utf-8"))
    }
    records: list[PersonRecord] = []
    with (world / "reports.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            submission = json.loads(line)
            organisation = submission["organisation"]
            records.extend(
                payload_person_records(
                    submission["report"],
                    organisation=organisation,
                    country=countries[organisation],
                )
            )
    built = time.perf_counter()
    timings: dict[str, float] = {"build": built - started}

    def mark(message: str) -> None:
        now = time.perf_counter()
        print(f"  [{now - started:7.1f} s] {message}", file=sys.stderr)

    result = resolve(records, model=load_model(), thresholds=Thresholds(), progress=mark)
    timings["resolve"] = time.perf_counter() - built
    (scratch / "clusters.pkl").write_bytes(pickle.dumps(result.cluster_of))
    print(
        json.dumps(
            {
                "seconds": time.perf_counter() - started,
                "peak_mib": _peak_mib(),
                "timings": timings,
                "scored_pairs": result.scored_pairs,
                "review_pairs": len(result.review),
            }
        )
    )


def raw_splink(scratch: Path) -> None:
    from splink import DuckDBAPI, Linker

    started = time.perf_counter()
    table = pq.read_table(scratch / "rows.parquet")
    thresholds = Thresholds()
    linker = Linker(
        DuckDBAPI().register(table, table_name="person_records"),
        splink_settings(load_model(), rows=len(table)),
        log_level=logging.ERROR,
    )
    predictions = linker.inference.predict(
        threshold_match_probability=thresholds.review, warning_mode="never"
    )
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=thresholds.auto_link
    )
    count = clusters.as_duckdbpyrelation().count("*").fetchall()[0][0]
    print(
        json.dumps(
            {"seconds": time.perf_counter() - started, "peak_mib": _peak_mib(), "rows": count}
        )
    )


def _child(*arguments: str) -> dict[str, Any]:
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, __file__, *arguments], check=True, capture_output=True, text=True
    )
    sys.stderr.write(done.stderr)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--world", type=Path, help="a world folder from 'samverkan generate'")
    parser.add_argument("--size", default="country", help="generate this size if no --world")
    parser.add_argument("--phase", choices=("prepare", "ours", "raw"), help=argparse.SUPPRESS)
    parser.add_argument("--scratch", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.phase == "prepare":
        prepare(options.world, options.scratch)
        return
    if options.phase == "ours":
        ours(options.world, options.scratch)
        return
    if options.phase == "raw":
        raw_splink(options.scratch)
        return
    with tempfile.TemporaryDirectory(prefix="samverkan-bench-") as folder:
        scratch = Path(folder)
        world = options.world
        if world is None:
            from samverkan.scenario import generate_world

            world = scratch / "world"
            print(f"generating a {options.size} world (seed 1, noise 0.2)", file=sys.stderr)
            generate_world(size=options.size, seed=1, noise=0.2, out=world)
        common = ("--world", str(world), "--scratch", str(scratch))
        prepared = _child("--phase", "prepare", *common)
        print(f"{prepared['records']:,} person records, {prepared['rows']:,} distinct rows")
        mine = _child("--phase", "ours", *common)
        raw = _child("--phase", "raw", *common)
        record_truth, subject_truth = pickle.loads((scratch / "truth.pkl").read_bytes())  # noqa: S301 - written by this run
        clusters = pickle.loads((scratch / "clusters.pkl").read_bytes())  # noqa: S301 - ditto
    by_name = agreement(clusters, record_truth)
    by_subject = agreement(clusters, subject_truth)
    print(
        f"ours: {mine['seconds']:.1f} s (build {mine['timings']['build']:.1f} s, "
        f"resolve {mine['timings']['resolve']:.1f} s), peak {mine['peak_mib']:,.0f} MiB, "
        f"{mine['scored_pairs']:,} pairs scored, {mine['review_pairs']:,} to review"
    )
    print(
        f"raw Splink (predict + connected components on the distinct rows): "
        f"{raw['seconds']:.1f} s, peak {raw['peak_mib']:,.0f} MiB"
    )
    print(
        f"ratio ours / raw: time {mine['seconds'] / raw['seconds']:.2f}, "
        f"peak memory {mine['peak_mib'] / raw['peak_mib']:.2f}"
    )
    for label, result in (("by name", by_name), ("by subject", by_subject)):
        print(
            f"persons {label}: pairwise P {result.pairwise.precision:.4f} "
            f"R {result.pairwise.recall:.4f} F1 {result.pairwise.f1:.4f}; "
            f"B-cubed P {result.bcubed.precision:.4f} R {result.bcubed.recall:.4f} "
            f"F1 {result.bcubed.f1:.4f}"
        )


if __name__ == "__main__":
    main()
