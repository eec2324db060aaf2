"""The world's manifest: what was generated, how, and the digest of every file.

Invariant: the manifest holds no wall-clock time, host name or path, so two
runs with the same generator version, Faker version, seed, size and noise
write byte-identical manifests (and files).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from samverkan.scenario.output import FileDigest

GENERATOR = "samverkan.scenario"
# Bump when the same seed would give a different world.
VERSION = "1"


@dataclass(frozen=True, slots=True)
class Manifest:
    generator: str
    version: str
    faker: str
    seed: int
    size: str
    noise: float
    year: int
    # "reports" is what ``samverkan load`` reads for its progress total.
    counts: dict[str, int]
    reports_by_kind: dict[str, int]
    files: dict[str, FileDigest]

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True, ensure_ascii=False) + "\n"

    def write(self, folder: Path) -> None:
        (folder / "manifest.json").write_text(self.to_json(), encoding="utf-8")
