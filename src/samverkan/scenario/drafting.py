"""A report under construction, with the truth of every mention beside it.

Invariant: a mention is only ever added together with its truth (the entity
it denotes, the true value and the noise applied), so ``reports.jsonl`` and
``truth/reports.jsonl`` cannot drift apart; subjects left without mentions
are dropped, since the schema wants at least one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from samverkan.scenario.noise import Written

JsonDict = dict[str, Any]


@dataclass(slots=True)
class SubjectDraft:
    ref: str
    role: str
    entity: str
    mentions: list[JsonDict] = field(default_factory=list)
    truths: list[JsonDict] = field(default_factory=list)

    def add(self, kind: str, written: Written, *, entity: str, true: str) -> None:
        self.mentions.append({"kind": kind, "value": written.value})
        self.truths.append({"entity": entity, "true": true, "noise": list(written.ops)})


@dataclass(slots=True)
class ReportDraft:
    """One report: the fields of ``ReportIn`` plus where it came from in the world."""

    organisation: str
    kind: str
    external_id: str
    occurred_at: datetime
    reported_at: datetime
    network: str | None
    event: str
    fields: JsonDict = field(default_factory=dict)
    subjects: list[SubjectDraft] = field(default_factory=list)

    def subject(self, role: str, entity: str) -> SubjectDraft:
        draft = SubjectDraft(ref=f"s{len(self.subjects) + 1}", role=role, entity=entity)
        self.subjects.append(draft)
        return draft

    @property
    def sort_key(self) -> int:
        return int(self.occurred_at.timestamp())

    def submission(self) -> JsonDict:
        """The ``Submission`` as plain data, ready for validation."""
        report: JsonDict = {
            "kind": self.kind,
            "external_id": self.external_id,
            "occurred_at": self.occurred_at,
            "reported_at": self.reported_at,
            **self.fields,
            "subjects": [
                {"ref": s.ref, "role": s.role, "mentions": s.mentions}
                for s in self.subjects
                if s.mentions
            ],
        }
        return {"organisation": self.organisation, "report": report}

    def truth(self) -> JsonDict:
        """The report's line in ``truth/reports.jsonl``."""
        return {
            "organisation": self.organisation,
            "external_id": self.external_id,
            "kind": self.kind,
            "network": self.network,
            "event": self.event,
            "subjects": [
                {"ref": s.ref, "entity": s.entity, "mentions": s.truths}
                for s in self.subjects
                if s.mentions
            ],
        }
