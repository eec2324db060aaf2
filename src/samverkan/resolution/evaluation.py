"""Scoring resolution against a generated world's ground truth, per entity kind.

Invariant: persons are clustered by the person model (``resolve``) and
scored against the identity each record's name denotes (``world``);
identifier kinds are clustered as the product links them: by canonical key,
then joined by the near-key rules (``near_keys``: repaired check digits,
corroborated one-digit slips, street typos). Each kind is scored three ways:
``all`` (keys and near-key rules, what the product does), ``keys`` (keys
alone, a mention without a key in a cluster of its own) and ``variants``
(keys over mentions written only in variant forms, no typo or wrong digit:
what keys are expected to link without fail).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from samverkan.resolution.clustering import DEFAULT_THRESHOLDS, Thresholds
from samverkan.resolution.metrics import Agreement, agreement
from samverkan.resolution.near_keys import COMPANY_NAME, Token, near_key_clusters
from samverkan.resolution.resolve import resolve
from samverkan.resolution.world import IdentifierMention, read_world

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class KindResult:
    kind: str
    scope: str
    agreement: Agreement


@dataclass(slots=True)
class WorldEvaluation:
    label: str
    results: list[KindResult] = field(default_factory=list)
    review_pairs: int = 0
    scored_pairs: int = 0
    seconds: float = 0.0


def evaluate_world(
    folder: Path,
    *,
    label: str,
    model: dict[str, Any],
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    progress: Progress | None = None,
) -> WorldEvaluation:
    """Resolve the world in ``folder`` and score every kind against its truth."""
    say = progress or (lambda _: None)
    started = time.perf_counter()
    say(f"reading {folder}")
    world = read_world(folder)
    resolution = resolve(world.records, model=model, thresholds=thresholds, progress=say)
    evaluation = WorldEvaluation(
        label=label,
        review_pairs=len(resolution.review),
        scored_pairs=resolution.scored_pairs,
    )
    evaluation.results.append(
        KindResult("person", "by name", agreement(resolution.cluster_of, world.record_truth))
    )
    evaluation.results.append(
        KindResult("person", "by subject", agreement(resolution.cluster_of, world.subject_truth))
    )
    evaluation.results.extend(identifier_results(world.identifiers, world.contexts))
    evaluation.seconds = time.perf_counter() - started
    return evaluation


def identifier_results(
    mentions: Sequence[IdentifierMention], contexts: Sequence[set[Token]]
) -> list[KindResult]:
    """Identifier clustering scored per entity kind: linked, by keys alone, variants only."""
    linked = near_key_clusters([m.mention for m in mentions], contexts)

    def by_key(index: int, mention: IdentifierMention) -> str | None:
        # A company's name is not a key: in these scopes it is left out.
        if mention.mention.kind == COMPANY_NAME:
            return None
        return mention.key or f"unkeyed:{index}"

    scopes: tuple[tuple[str, Callable[[int, IdentifierMention], str | None]], ...] = (
        ("all", lambda index, _: linked[index]),
        ("keys", by_key),
        ("variants", lambda index, m: by_key(index, m) if m.variant_only else None),
    )
    results = []
    for scope, label in scopes:
        labels: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
        for index, mention in enumerate(mentions):
            cluster = label(index, mention)
            if cluster is None:
                continue
            predicted, truth = labels[mention.entity_kind]
            predicted.append(cluster)
            truth.append(mention.truth)
        for kind in sorted(labels):
            predicted, truth = labels[kind]
            results.append(KindResult(kind, scope, agreement(predicted, truth)))
    return results


def format_evaluations(evaluations: Sequence[WorldEvaluation]) -> str:
    """A plain-text table of every world's results, one line per kind and scope."""
    header = (
        f"{'world':<14} {'kind':<12} {'scope':<10} {'items':>9} "
        f"{'pair P':>7} {'pair R':>7} {'pair F1':>7} {'B3 P':>7} {'B3 R':>7} {'B3 F1':>7}"
    )
    lines = [header, "-" * len(header)]
    for evaluation in evaluations:
        for result in evaluation.results:
            a = result.agreement
            lines.append(
                f"{evaluation.label:<14} {result.kind:<12} {result.scope:<10} {a.items:>9,} "
                f"{a.pairwise.precision:>7.4f} {a.pairwise.recall:>7.4f} {a.pairwise.f1:>7.4f} "
                f"{a.bcubed.precision:>7.4f} {a.bcubed.recall:>7.4f} {a.bcubed.f1:>7.4f}"
            )
        scored = (
            f"{evaluation.scored_pairs:,} person pairs scored, "
            f"{evaluation.review_pairs:,} to review, "
            if evaluation.scored_pairs
            else ""
        )
        lines.append(f"{evaluation.label:<14} {scored}{evaluation.seconds:.1f} s")
    return "\n".join(lines)
