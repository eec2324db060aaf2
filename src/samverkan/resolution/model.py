"""The person model's shape: which comparisons and blocking rules a record list gets.

Invariant: the settings depend only on which fields the records carry
(``FIELDS``), never on their values, so a model trained on one record list
scores any other list with the same fields. Blocking rules only ever join
records that agree exactly on a few fields; together they keep the number of
scored pairs near-linear in the records (every rule's blocks are small for
real data: a name, a phone, an address, a date with a name).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from importlib import resources
from pathlib import Path
from typing import Any

import pyarrow as pa
from splink import SettingsCreator, block_on
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.comparison_creator import ComparisonCreator

from samverkan.resolution import comparisons

MODEL_VERSION = "person-v2"
# The key of a model file that is ours, not Splink's: version and training size.
PROVENANCE = "samverkan"
# How the prior follows the number of records (``splink_settings``).
PRIOR_SCALING = 0.5

# Each field: the columns that must hold values for it, and its comparison.
FIELDS: dict[str, tuple[tuple[str, ...], Callable[[], ComparisonCreator]]] = {
    "name": (("first_name",), comparisons.name),
    "birth": (("birth_date",), comparisons.birth_date),
    "phone": (("phone",), comparisons.phone),
    "address": (("street",), comparisons.address),
    "nickname": (("nickname",), comparisons.nickname),
    "email": (("email",), comparisons.email),
    "town": (("town",), comparisons.town),
    "reporter": (("organisation",), comparisons.reporter),
}

# Blocking rules, each with the fields it needs. Pairs found by several
# rules are scored once.
_BLOCKING: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("birth",), ("personal_number",)),
    (("phone",), ("phone",)),
    (("name",), ("given_group", "last_name")),
    # A typo in the family name (a letter doubled, two swapped, one of two
    # alike dropped) keeps the set of its letters. Not its first or last
    # three letters: "Maria Joh..." and "Maria ...son" make blocks of
    # thousands in a country (11 million comparisons already in a medium
    # world for the last three), for a gain of 0.0004 in F1.
    (("name",), ("given_group", "list_sort(list_distinct(string_split(last_name, '')))")),
    (("name", "birth"), ("given_group", "birth_date")),
    (("name", "birth"), ("last_name", "birth_date")),
    (("name", "address"), ("given_group", "street", "house_number")),
    (("name", "address"), ("last_name", "postcode", "house_number")),
    (("nickname",), ("nickname",)),
    (("email",), ("email",)),
)


def fields_present(table: pa.Table) -> frozenset[str]:
    """The fields for which at least one record has a value."""
    return frozenset(
        name
        for name, (columns, _) in FIELDS.items()
        if all(table.column(column).null_count < len(table) for column in columns)
    )


def blocking_rules(fields: Collection[str]) -> list[BlockingRuleCreator | dict[str, Any]]:
    """The blocking rules for predictions over records with these fields."""
    return [block_on(*columns) for needs, columns in _BLOCKING if set(needs) <= set(fields)]


def person_settings(fields: Collection[str]) -> SettingsCreator:
    """Untrained settings for records with these fields."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown fields {sorted(unknown)}; the fields are {sorted(FIELDS)}")
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=[FIELDS[name][1]() for name in FIELDS if name in fields],
        blocking_rules_to_generate_predictions=blocking_rules(fields),
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )


def bundled_model_path(version: str = MODEL_VERSION) -> Path:
    """Where the versioned model file of the package lies."""
    return Path(str(resources.files("samverkan.resolution").joinpath(f"models/{version}.json")))


def load_model(path: Path | None = None) -> dict[str, Any]:
    """A trained model (Splink settings with m and u probabilities) from its JSON file."""
    with (path or bundled_model_path()).open(encoding="utf-8") as handle:
        model: dict[str, Any] = json.load(handle)
    return model


def model_fields(model: dict[str, Any]) -> frozenset[str]:
    """The fields a trained model compares, read from its comparisons' names."""
    names = {comparison["output_column_name"] for comparison in model["comparisons"]}
    aliases = {"phones": "phone"}
    return frozenset(aliases.get(name, name) for name in names)


def splink_settings(model: dict[str, Any], *, rows: int) -> dict[str, Any]:
    """The Splink settings of a trained model, its prior scaled to ``rows`` records.

    The prior is the chance that two random records are one person. It
    falls as the records grow, since namesakes grow with them, but more
    slowly than ``1 / rows``: the people written about most are written
    about more often in more data, and their pairs grow with the square of
    their records. Trained on ``n`` distinct rows and applied to more
    ``rows``, the prior is scaled by ``(n / rows) ** PRIOR_SCALING`` (0.5;
    with 1, person-v1's rule, recall fell from 0.87 on a small world to 0.57
    on a country while precision gained nothing). Applied to fewer rows it
    is scaled by ``n / rows`` as before, capped at 0.5: a handful of records
    is mostly a few people written again and again.
    """
    settings = {key: value for key, value in model.items() if key != PROVENANCE}
    trained_rows = model.get(PROVENANCE, {}).get("training_rows")
    if trained_rows and rows > 1:
        scale = trained_rows / rows
        if rows > trained_rows:
            scale **= PRIOR_SCALING
        prior = settings["probability_two_random_records_match"] * scale
        settings["probability_two_random_records_match"] = min(0.5, prior)
    return settings
