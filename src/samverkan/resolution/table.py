"""Person records as the Arrow table Splink reads.

Invariant: row ``i`` of the table is record ``i`` of the list it was made
from, and its ``unique_id`` is ``i``; every column is present (null where a
record lacks the field) so that one model's settings fit any record list.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyarrow as pa

from samverkan.resolution.records import PersonRecord

TEXT_COLUMNS = (
    "first_name",
    "last_name",
    "full_name",
    "given_group",
    "nickname",
    "birth_date",
    "personal_number",
    "email",
    "postcode",
    "street",
    "house_number",
    "town",
    "address",
    "organisation",
    "country",
)

SCHEMA = pa.schema(
    [
        ("unique_id", pa.int64()),
        *((name, pa.string()) for name in TEXT_COLUMNS),
        ("phone", pa.string()),
        ("phones", pa.list_(pa.string())),
    ]
)


def records_table(records: Sequence[PersonRecord]) -> pa.Table:
    """The Arrow table of ``records``; ``phone`` is the first phone, for blocking."""
    columns: dict[str, list[object]] = {
        "unique_id": list(range(len(records))),
        **{name: [getattr(record, name) for record in records] for name in TEXT_COLUMNS},
        "phone": [record.phones[0] if record.phones else None for record in records],
        "phones": [list(record.phones) or None for record in records],
    }
    return pa.table(columns, schema=SCHEMA)
