#!/usr/bin/env python3
"""Measure ``generate_world``: wall time, reports per second and peak memory, per size.

Usage (from the repository root, with the project's virtualenv)::

    .venv/bin/python benchmarks/generate/run.py                  # demo and small
    .venv/bin/python benchmarks/generate/run.py demo small medium country

Each size runs in a fresh Python process so that its peak resident set
(``resource.getrusage``, Linux reports kilobytes) is its own; the world is
written to a temporary folder (or ``--keep DIR``) and its size on disk is
reported. The output is a Markdown table for ``README.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _child(size: str, seed: int, noise: float, out: Path) -> None:
    from samverkan.scenario import generate_world

    started = time.perf_counter()
    manifest = generate_world(size=size, seed=seed, noise=noise, out=out)
    elapsed = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    disk = sum(path.stat().st_size for path in out.rglob("*") if path.is_file())
    print(
        json.dumps(
            {
                "size": size,
                "seconds": elapsed,
                "reports": manifest.counts["reports"],
                "mentions": manifest.counts["mentions"],
                "call_records": manifest.counts["call_records"],
                "people": manifest.counts["people"],
                "peak_rss_mib": peak_kib / 1024,
                "disk_mib": disk / 2**20,
            }
        )
    )


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with Path("/proc/cpuinfo").open(encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", default=["demo", "small"])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--noise", type=float, default=0.2)
    parser.add_argument("--keep", type=Path, help="write worlds under this folder and keep them")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.seed, args.noise, args.out)
        return

    print(f"Machine: {_machine()}")
    print(f"Command: benchmarks/generate/run.py {' '.join(args.sizes)} --seed {args.seed} "
          f"--noise {args.noise}\n")  # fmt: skip
    print("| size | reports | mentions | call records | people | time (s) | reports/s "
          "| peak RSS (MiB) | on disk (MiB) |")  # fmt: skip
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in args.sizes:
        base = args.keep or Path(tempfile.mkdtemp(prefix="samverkan-bench-"))
        out = base / f"{size}-seed{args.seed}"
        if out.exists():
            shutil.rmtree(out)
        try:
            result = subprocess.run(  # noqa: S603 - runs this very script
                [sys.executable, __file__, "--child", size, "--seed", str(args.seed),
                 "--noise", str(args.noise), "--out", str(out)],
                check=True, capture_output=True, text=True,
            )  # fmt: skip
        finally:
            if args.keep is None:
                shutil.rmtree(base, ignore_errors=True)
        row = json.loads(result.stdout.strip().splitlines()[-1])
        print(
            f"| {size} | {row['reports']:,} | {row['mentions']:,} | {row['call_records']:,} "
            f"| {row['people']:,} | {row['seconds']:.1f} | {row['reports'] / row['seconds']:,.0f} "
            f"| {row['peak_rss_mib']:,.0f} | {row['disk_mib']:,.0f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
