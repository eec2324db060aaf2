"""Same seed, same world, byte for byte; whatever PYTHONHASHSEED says."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from samverkan.scenario import generate_world
from tests.scenario.worlds import World


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_same_seed_gives_identical_files(demo_world: World, tmp_path: Path) -> None:
    generate_world(size="demo", seed=1, noise=0.2, out=tmp_path)
    again, first = _files(tmp_path), _files(demo_world.folder)
    assert again.keys() == first.keys()
    for name in first:
        assert again[name] == first[name], name


def test_hash_seed_does_not_matter(demo_world: World, tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from samverkan.scenario import generate_world; "
        "generate_world(size='demo', seed=1, noise=0.2, out=Path(sys.argv[1]))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", code, str(tmp_path)], check=True, env=env)
    assert (tmp_path / "manifest.json").read_bytes() == (
        demo_world.folder / "manifest.json"
    ).read_bytes()


def test_another_seed_gives_another_world(demo_world: World, tmp_path: Path) -> None:
    other = generate_world(size="demo", seed=2, noise=0.2, out=tmp_path)
    for name in ("reports.jsonl", "truth/people.jsonl", "organisations.jsonl"):
        assert other.files[name] != demo_world.manifest.files[name]


def test_noise_changes_writings_not_the_world(demo_world: World, clean_world: World) -> None:
    assert demo_world.manifest.files["reports.jsonl"] != clean_world.manifest.files["reports.jsonl"]
    # Same events, same people; only mentions differ (some go missing with noise).
    noisy = {k: v for k, v in demo_world.manifest.counts.items() if k != "mentions"}
    clean = {k: v for k, v in clean_world.manifest.counts.items() if k != "mentions"}
    assert noisy == clean
    assert demo_world.manifest.counts["mentions"] < clean_world.manifest.counts["mentions"]
    assert [t["event"] for t in demo_world.truths] == [t["event"] for t in clean_world.truths]
    for table in ("people", "phones", "addresses", "networks"):
        name = f"truth/{table}.jsonl"
        assert demo_world.manifest.files[name] == clean_world.manifest.files[name]


def test_manifest_holds_no_time_of_generation(demo_world: World) -> None:
    manifest = json.loads((demo_world.folder / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest) == {
        "generator", "version", "faker", "seed", "size", "noise", "year", "counts",
        "reports_by_kind", "files",
    }  # fmt: skip
