"""A generated world read back for inspection: reports, their truth, calls and tables.

Shared by the scenario test modules. Reading a demo world whole is fine: it
is a few thousand lines.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from samverkan.intake.schemas import OrganisationIn, Submission
from samverkan.scenario import Manifest

Row = dict[str, Any]


def read_jsonl(path: Path) -> list[Row]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


@dataclass(frozen=True)
class MentionFact:
    """One mention with its truth and the report it stands in."""

    organisation: str
    country: str
    external_id: str
    report_kind: str
    network: str | None
    ref: str
    role: str
    subject_entity: str
    index: int
    kind: str
    value: str
    entity: str
    true: str
    noise: tuple[str, ...]


@dataclass(frozen=True)
class World:
    folder: Path
    manifest: Manifest

    @cached_property
    def submissions(self) -> list[Submission]:
        with (self.folder / "reports.jsonl").open(encoding="utf-8") as handle:
            return [Submission.model_validate_json(line) for line in handle]

    @cached_property
    def truths(self) -> list[Row]:
        return read_jsonl(self.folder / "truth" / "reports.jsonl")

    @cached_property
    def organisations(self) -> dict[str, OrganisationIn]:
        with (self.folder / "organisations.jsonl").open(encoding="utf-8") as handle:
            parsed = [OrganisationIn.model_validate_json(line) for line in handle]
        return {o.code: o for o in parsed}

    def table(self, name: str) -> dict[str, Row]:
        return {row["id"]: row for row in read_jsonl(self.folder / "truth" / f"{name}.jsonl")}

    @cached_property
    def calls(self) -> list[dict[str, str]]:
        with (self.folder / "call_records.csv").open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    def mentions(self) -> Iterator[MentionFact]:
        for submission, truth in zip(self.submissions, self.truths, strict=True):
            report = submission.report
            country = self.organisations[submission.organisation].country
            for subject, subject_truth in zip(report.subjects, truth["subjects"], strict=True):
                for index, (mention, fact) in enumerate(
                    zip(subject.mentions, subject_truth["mentions"], strict=True)
                ):
                    yield MentionFact(
                        organisation=submission.organisation,
                        country=country,
                        external_id=report.external_id,
                        report_kind=report.kind.value,
                        network=truth["network"],
                        ref=subject.ref,
                        role=subject.role.value,
                        subject_entity=subject_truth["entity"],
                        index=index,
                        kind=mention.kind.value,
                        value=mention.value,
                        entity=fact["entity"],
                        true=fact["true"],
                        noise=tuple(fact["noise"]),
                    )
