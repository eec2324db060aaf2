"""Training a person model by expectation-maximisation on unlabelled records.

Invariant: training reads no labels. The prior (how likely two random
records are the same person) comes from deterministic rules whose recall is
assumed, the u probabilities from random pairs, and the m probabilities from
EM over pairs blocked on one field at a time, so each comparison is learnt
in a session whose blocking does not use it. The same records and seed give
the same model.

u is the chance that two *different* people agree. Random pairs of records
are a poor sample of them where a few people are written hundreds of times
(a backer's phone in every statement of his couriers): the pairs among his
records look like strangers sharing a phone. So the u of every comparison
but the name's is learnt from random pairs of records with different names
(one record per written name), which are almost all different people; the
name's own u comes from random pairs of all records.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

import duckdb
import pyarrow as pa
from splink import DuckDBAPI, Linker, block_on
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.exceptions import SplinkException
from splink.internals.splink_dataframe import SplinkDataFrame

from samverkan.resolution.duplicates import distinct_rows
from samverkan.resolution.model import (
    MODEL_VERSION,
    PROVENANCE,
    fields_present,
    person_settings,
    splink_settings,
)
from samverkan.resolution.records import PersonRecord
from samverkan.resolution.table import records_table

# Share of true matches the deterministic rules (same personal number; same
# full name with the same birth date, phone or address) are assumed to
# find; the prior is their count divided by this. Low, because most records
# name a person with a name and one other field at most; chosen by
# evaluation on generated worlds (docs/decisions/0003-probabilistic-linking.md).
DETERMINISTIC_RECALL = 0.1
# Random pairs sampled for the u probabilities: all pairs of small inputs,
# at most this many of large ones.
MAX_U_PAIRS = 5_000_000

# EM sessions: the fields each needs and the columns it blocks on.
_SESSIONS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("name",), ("given_group", "last_name")),
    (("phone",), ("phone",)),
    (("birth",), ("birth_date",)),
    (("email",), ("email",)),
)
_DETERMINISTIC: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("birth",), ("personal_number",)),
    (("email",), ("email",)),
    (("name", "birth"), ("full_name", "birth_date")),
    (("name", "phone"), ("full_name", "phone")),
    (("name", "address"), ("full_name", "address")),
)

Progress = Callable[[str], None]


def train_person_model(
    records: Sequence[PersonRecord],
    *,
    seed: int = 1,
    start: dict[str, Any] | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Train a model on ``records``, each identical record counted once; returns its JSON."""
    rows = distinct_rows(records).rows
    return train_model(records_table(rows), seed=seed, start=start, progress=progress)


def train_model(
    table: pa.Table,
    *,
    seed: int = 1,
    start: dict[str, Any] | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Train a model on the records of ``table`` (see ``table.records_table``); returns its JSON.

    ``start``, a trained model, gives the starting m and u of the comparisons
    it shares with this one: on a small input, levels that never occur keep
    them instead of Splink's defaults, and an EM session that cannot converge
    (too few pairs) leaves them as they were.
    """
    say = progress or (lambda _: None)
    fields = fields_present(table)
    if "name" not in fields:
        raise ValueError("person records need names to be linked; none of these has one")
    records = DuckDBAPI().register(table, table_name="person_records")
    settings = _started(_untrained(records, fields), start)
    linker = Linker(records, settings, log_level=logging.ERROR)
    say("estimating how often two random records are the same person")
    deterministic: list[str | BlockingRuleCreator] = [*_rules(_DETERMINISTIC, fields)]
    linker.training.estimate_probability_two_random_records_match(
        deterministic, recall=DETERMINISTIC_RECALL
    )
    if linker.misc.save_model_to_json()["probability_two_random_records_match"] <= 0:
        # Nothing matched deterministically: assume about one duplicate per record.
        settings = linker.misc.save_model_to_json()
        settings["probability_two_random_records_match"] = min(0.5, 1 / max(len(table), 2))
        linker = Linker(records, settings, log_level=logging.ERROR)
    total_pairs = len(table) * (len(table) - 1) / 2
    say("estimating u probabilities from random pairs")
    linker.training.estimate_u_using_random_sampling(
        max_pairs=max(1.0, min(total_pairs, MAX_U_PAIRS)), seed=seed
    )
    named = _one_record_per_name(table)
    if len(named) > 1:
        say("estimating u probabilities from random pairs of differently named records")
        strangers = Linker(
            DuckDBAPI().register(named, table_name="person_records"),
            linker.misc.save_model_to_json(),
            log_level=logging.ERROR,
        )
        pairs = len(named) * (len(named) - 1) / 2
        strangers.training.estimate_u_using_random_sampling(
            max_pairs=max(1.0, min(pairs, MAX_U_PAIRS)), seed=seed
        )
        settings = _with_u(
            linker.misc.save_model_to_json(),
            strangers.misc.save_model_to_json(),
            keep={"name", "reporter"},
        )
        linker = Linker(records, settings, log_level=logging.ERROR)
    for rule in _rules(_SESSIONS, fields):
        sql = rule.get_blocking_rule("duckdb").blocking_rule_sql
        say(f"expectation-maximisation blocked on {sql}")
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(rule)
        except (ValueError, ZeroDivisionError, SplinkException) as error:
            say(f"  skipped: too few pairs to learn from ({error})")
    model: dict[str, Any] = linker.misc.save_model_to_json()
    model["linker_uid"] = MODEL_VERSION
    model[PROVENANCE] = {"version": MODEL_VERSION, "training_rows": len(table)}
    return model


def _one_record_per_name(table: pa.Table) -> pa.Table:
    """The first record of each written full name: random pairs of it are different people."""
    connection = duckdb.connect()
    connection.register("records", table)
    relation = connection.sql(
        "SELECT * FROM records WHERE full_name IS NOT NULL "
        "QUALIFY row_number() OVER (PARTITION BY full_name ORDER BY unique_id) = 1 "
        "ORDER BY unique_id"
    )
    assert relation is not None  # a SELECT always gives a relation
    chosen = relation.to_arrow_table().cast(table.schema)
    connection.close()
    return chosen


def _with_u(settings: dict[str, Any], source: dict[str, Any], *, keep: set[str]) -> dict[str, Any]:
    """``settings`` with the u of every level taken from ``source``, but for ``keep``."""
    by_level = {
        (comparison["output_column_name"], level["sql_condition"]): level
        for comparison in source["comparisons"]
        for level in comparison["comparison_levels"]
    }
    for comparison in settings["comparisons"]:
        if comparison["output_column_name"] in keep:
            continue
        for level in comparison["comparison_levels"]:
            other = by_level.get((comparison["output_column_name"], level["sql_condition"]))
            if level.get("fix_u_probability"):
                continue
            if other is not None and other.get("u_probability") is not None:
                level["u_probability"] = other["u_probability"]
    return settings


def _untrained(records: SplinkDataFrame, fields: frozenset[str]) -> dict[str, Any]:
    """The settings dictionary of an untrained model for these fields."""
    linker = Linker(records, person_settings(fields), log_level=logging.ERROR)
    settings: dict[str, Any] = linker.misc.save_model_to_json()
    return settings


def _started(settings: dict[str, Any], start: dict[str, Any] | None) -> dict[str, Any]:
    """``settings`` with m and u taken from ``start`` for every level both have."""
    if start is None:
        return settings
    known = {
        (comparison["output_column_name"], level["sql_condition"]): level
        for comparison in start["comparisons"]
        for level in comparison["comparison_levels"]
    }
    start = splink_settings(start, rows=0)
    for comparison in settings["comparisons"]:
        for level in comparison["comparison_levels"]:
            trained = known.get((comparison["output_column_name"], level["sql_condition"]))
            for name in ("m_probability", "u_probability"):
                if trained is not None and name in trained:
                    level[name] = trained[name]
    return settings


def _rules(
    table: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...], fields: frozenset[str]
) -> list[BlockingRuleCreator]:
    return [block_on(*columns) for needs, columns in table if set(needs) <= fields]
