"""``samverkan link-csv`` on a CSV it has never seen, and its error messages."""

from __future__ import annotations

import csv
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROWS = """\
nr;Förnamn;Efternamn;Född;Adress;Postnr;Mobil
A1;Karl;Andersson;1985-03-02;Storgatan 12;123 45;070-123 45 67
A2;Kalle;Andersson;19850302;Storgatan 12;12345;
A3;Karl;Andresson;1985-03-02;Storg. 12;12345;0701234567
B1;Anna;Lind;1990-01-01;Björkvägen 3;543 21;
B2;Anna;Lindh;1990-01-01;Björkvägen 3;54321;
C1;Erik;Svensson;1970-05-05;Kyrkogatan 1;111 22;073-987 65 43
C2;Erik;Svensson;1971-06-06;Ekvägen 9;333 44;
D1;Maria;Nilsson;1988-08-08;Parkvägen 4;444 55;
E1;Sara;Berg;1995-09-09;Sjögatan 7;555 66;
E2;Sara;Bergh;1995-09-09;Sjögatan 7;55566;
"""
MAP = [
    "first_name=Förnamn",
    "last_name=Efternamn",
    "birth_date=Född",
    "street=Adress",
    "postcode=Postnr",
    "phone=Mobil",
]


def _link(source: Path, target: Path, *extra: str, **options: object) -> str:
    out = StringIO()
    call_command("link-csv", str(source), str(target), *extra, verbosity=0, stdout=out, **options)
    return out.getvalue()


def test_typo_duplicates_land_in_clusters(tmp_path: Path) -> None:
    source, target = tmp_path / "people.csv", tmp_path / "clusters.csv"
    source.write_text(ROWS, encoding="utf-8")
    said = _link(source, target, "--id", "nr", "--map", *MAP)
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["id"] for row in rows] == [
        "A1",
        "A2",
        "A3",
        "B1",
        "B2",
        "C1",
        "C2",
        "D1",
        "E1",
        "E2",
    ]
    cluster = {row["id"]: row["cluster_id"] for row in rows}
    groups: dict[str, set[str]] = {}
    for row_id, cluster_id in cluster.items():
        groups.setdefault(cluster_id, set()).add(row_id)
    assert sorted(map(sorted, groups.values())) == [
        ["A1", "A2", "A3"],
        ["B1", "B2"],
        ["C1"],
        ["C2"],
        ["D1"],
        ["E1", "E2"],
    ]
    assert "10 rows in 6 clusters" in said


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--id", "nr", "--map", "first_name=Namn"], "no column 'Namn'; its columns are 'nr', "),
        (["--id", "id", "--map", "first_name=Förnamn"], "no column 'id'"),
        (["--id", "nr", "--map", "surname=Efternamn"], "Unknown field 'surname'"),
        (["--id", "nr", "--map", "first_name"], "FIELD=COLUMN"),
    ],
)
def test_mapping_errors_name_what_is_wrong(
    tmp_path: Path, arguments: list[str], message: str
) -> None:
    source = tmp_path / "people.csv"
    source.write_text(ROWS, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        _link(source, tmp_path / "out.csv", *arguments)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "There is no file"),
        (b"", "is empty"),
        (b"nr;F\xf6rnamn\n1;Karl\n", "not UTF-8"),
        ("nr;Förnamn\n".encode(), "header but no rows"),
    ],
)
def test_unreadable_and_empty_files_are_refused(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    source = tmp_path / "people.csv"
    if content is not None:
        source.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        _link(source, tmp_path / "out.csv", "--id", "nr", "--map", "first_name=Förnamn")
