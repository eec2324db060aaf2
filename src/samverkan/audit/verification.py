"""Checking the chain: every hash recomputed, no gap, no reordering, no truncation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from samverkan.audit.chain import GENESIS_HASH, HASHED_FIELDS, canonical_time, entry_hash
from samverkan.audit.models import AuditEvent, AuditHead

_COLUMNS = (*HASHED_FIELDS, "prev_hash", "entry_hash")


@dataclass(frozen=True, slots=True)
class Verification:
    checked: int
    head_sequence: int
    head_hash: str
    first_bad_sequence: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.first_bad_sequence is None and not self.problem


def audit_verify(*, progress: Callable[[int], None] | None = None) -> Verification:
    """Walk the whole chain in order and report the first event that does not hold."""
    head = AuditHead.objects.filter(id=1).first() or AuditHead(sequence=0, entry_hash=GENESIS_HASH)
    expected_sequence, prev = 1, GENESIS_HASH
    rows = AuditEvent.objects.order_by("sequence").values_list(*_COLUMNS)
    for row in rows.iterator(chunk_size=10_000):
        fields: dict[str, Any] = dict(zip(_COLUMNS, row, strict=True))
        sequence = fields["sequence"]
        fields["occurred_at"] = canonical_time(fields["occurred_at"])
        problem = ""
        if sequence != expected_sequence:
            problem = (
                f"event #{expected_sequence} is missing (the next stored event is #{sequence})"
                if sequence > expected_sequence
                else f"event #{sequence} appears out of order"
            )
        elif fields["prev_hash"] != prev:
            problem = (
                f"event #{sequence} does not follow event #{sequence - 1}:"
                " an event was deleted, inserted or reordered"
            )
        elif entry_hash(prev, fields) != fields["entry_hash"]:
            problem = f"event #{sequence} has been altered after it was written"
        if problem:
            return Verification(
                expected_sequence - 1, head.sequence, head.entry_hash, sequence, problem
            )
        prev, expected_sequence = fields["entry_hash"], expected_sequence + 1
        if progress is not None:
            progress(sequence)
    last = expected_sequence - 1
    if (head.sequence, head.entry_hash) != (last, prev):
        return Verification(
            last,
            head.sequence,
            head.entry_hash,
            last + 1,
            f"the chain ends at event #{last} but its head names event #{head.sequence}:"
            " events were removed from the end",
        )
    return Verification(last, head.sequence, head.entry_hash)
