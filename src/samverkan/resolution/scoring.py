"""Scoring record pairs with a trained model: Splink's predict on DuckDB.

Invariant: only pairs found by the model's blocking rules are scored, and
only those at or above ``threshold`` come back, strongest first (ties by
record number), as ``clustering.Pair`` with ``left < right``. Asked to
explain, each pair also carries every comparison's level (``gamma_*``) and
match weight (``mw_*``), and the table's metadata the prior's match weight
(see ``explanation``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pyarrow as pa
from splink import DuckDBAPI, Linker

from samverkan.resolution.clustering import Pair
from samverkan.resolution.model import splink_settings

_BATCH = 100_000
PRIOR_KEY = "prior"  # the table's metadata: the prior the pairs were scored with


def score_pairs(
    table: pa.Table,
    model: dict[str, Any],
    *,
    threshold: float,
    explain: bool = False,
    rows: int | None = None,
) -> pa.Table:
    """The scored pairs of ``table``'s records at or above ``threshold``, strongest first.

    ``rows`` is how many records the prior is scaled to (``model.splink_settings``):
    the table's own size unless the table is a blocked part of a larger set.
    """
    db = DuckDBAPI()
    settings = splink_settings(model, rows=rows or len(table))
    if explain:
        settings = {**settings, "retain_intermediate_calculation_columns": True}
        settings["retain_matching_columns"] = True
    linker = Linker(
        db.register(table, table_name="person_records"), settings, log_level=logging.ERROR
    )
    predictions = linker.inference.predict(
        threshold_match_probability=threshold, warning_mode="never"
    )
    relation = predictions.as_duckdbpyrelation()
    parts = [c for c in relation.columns if c.startswith(("gamma_", "mw_"))] if explain else []
    pairs = (
        relation.select(
            ", ".join(
                [
                    "least(unique_id_l, unique_id_r) AS left_id",
                    "greatest(unique_id_l, unique_id_r) AS right_id",
                    "match_probability",
                    *parts,
                ]
            )
        )
        .order("match_probability DESC, left_id, right_id")
        .to_arrow_table()
    )
    predictions.drop_table_from_database_and_remove_from_cache()
    prior = settings["probability_two_random_records_match"]
    return pairs.replace_schema_metadata({PRIOR_KEY: repr(prior)})


def pairs_of(scored: pa.Table) -> Iterator[Pair]:
    """The rows of ``score_pairs``'s table as pairs, read in batches."""
    for batch in scored.to_batches(max_chunksize=_BATCH):
        columns = batch.to_pydict()
        yield from map(Pair, columns["left_id"], columns["right_id"], columns["match_probability"])
