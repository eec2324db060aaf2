"""Where person linking goes wrong in a generated world: missed and false pairs by kind.

    .venv/bin/python benchmarks/resolution/errors.py /tmp/demo1 [--model FILE] [--examples 5]

Resolves the world as ``evaluate-linking`` does, then counts the pairwise
errors (pairs of records) by the shapes of the two records: which fields
each gives (n: full name, g: given name only, k: nickname, b: birth date,
p: personal number, t: phone, a: address). Missed pairs are counted between
a fragment of a true identity and its largest fragment; false pairs between
the identities joined in one cluster. Truth is read here only, never by the
resolver.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

from samverkan.resolution.clustering import Thresholds
from samverkan.resolution.metrics import agreement
from samverkan.resolution.model import load_model
from samverkan.resolution.records import PersonRecord
from samverkan.resolution.resolve import resolve
from samverkan.resolution.world import read_world


def shape(record: PersonRecord) -> str:
    parts = [
        "n" if record.last_name else "g" if record.first_name else "",
        "k" if record.nickname else "",
        "p" if record.personal_number else "b" if record.birth_date else "",
        "t" if record.phones else "",
        "a" if record.street else "",
    ]
    return "".join(parts) or "-"


def describe(record: PersonRecord) -> str:
    return (
        f"{record.full_name or '-'} | nick={record.nickname} | born={record.birth_date} "
        f"pn={record.personal_number} | phones={','.join(record.phones)} | "
        f"addr={record.address or (record.street, record.house_number)} | {record.organisation}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("world", type=Path)
    parser.add_argument("--model", type=Path)
    parser.add_argument("--examples", type=int, default=4)
    parser.add_argument("--by", choices=("name", "subject"), default="name")
    parser.add_argument("--auto-link", type=float, default=Thresholds().auto_link)
    parser.add_argument("--review", type=float, default=Thresholds().review)
    options = parser.parse_args()
    world = read_world(options.world)
    records = world.records
    truth = world.record_truth if options.by == "name" else world.subject_truth
    thresholds = Thresholds(auto_link=options.auto_link, review=options.review)
    result = resolve(records, model=load_model(options.model), thresholds=thresholds)
    clusters = result.cluster_of
    score = agreement(clusters, truth)
    print(
        f"{len(records):,} records: pairwise P {score.pairwise.precision:.4f} "
        f"R {score.pairwise.recall:.4f} F1 {score.pairwise.f1:.4f}; "
        f"true pairs {score.true_pairs:,}, predicted {score.predicted_pairs:,}"
    )
    by_entity: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    by_cluster: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for index, (c, t) in enumerate(zip(clusters, truth, strict=True)):
        by_entity[t][c].append(index)
        by_cluster[c][t].append(index)

    missed: Counter[tuple[str, str]] = Counter()
    missed_kind: Counter[str] = Counter()
    examples: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for entity, fragments in by_entity.items():
        if len(fragments) < 2:
            continue
        parts = sorted(fragments.values(), key=len, reverse=True)
        main_part = parts[0]
        main_shape = Counter(shape(records[i]) for i in main_part).most_common(1)[0][0]
        for part in parts[1:]:
            for i in part:
                key = (shape(records[i]), main_shape)
                missed[key] += len(main_part)
                missed_kind[entity.split(":")[0]] += len(main_part)
                if len(examples[key]) < options.examples:
                    examples[key].append((i, main_part[0]))
    false: Counter[tuple[str, str]] = Counter()
    false_examples: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for _cluster, entities in by_cluster.items():
        if len(entities) < 2:
            continue
        groups = sorted(entities.values(), key=len, reverse=True)
        for a_index, a in enumerate(groups):
            for b in groups[a_index + 1 :]:
                first, second = sorted((shape(records[a[0]]), shape(records[b[0]])))
                key = (first, second)
                false[key] += len(a) * len(b)
                if len(false_examples[key]) < options.examples:
                    false_examples[key].append((a[0], b[0]))
    total_missed = sum(missed.values())
    print(f"\nmissed pairs (fragment shape, main shape): {total_missed:,}")
    print("  by truth kind:", dict(missed_kind))
    for key, count in missed.most_common(15):
        print(f"  {count:>8,}  {key}")
        for i, j in examples[key]:
            print(f"       {describe(records[i])}\n    ~  {describe(records[j])}")
    print(f"\nfalse pairs (shape, shape): {sum(false.values()):,}")
    for key, count in false.most_common(12):
        print(f"  {count:>8,}  {key}")
        for i, j in false_examples[key]:
            print(
                f"       {truth[i]}: {describe(records[i])}\n"
                f"    x  {truth[j]}: {describe(records[j])}"
            )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
