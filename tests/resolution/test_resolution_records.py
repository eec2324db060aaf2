"""Person records built from report payloads and from stored mention rows."""

from __future__ import annotations

from typing import Any

from samverkan.intake.mentions import MentionRow
from samverkan.resolution.records import PersonRecord, payload_person_records, person_records
from samverkan.resolution.resolve import (
    co_reported,
    housemates,
    record_traits,
    records_traits,
    reported_together,
)


def _payload() -> dict[str, Any]:
    return {
        "external_id": "r1",
        "place": {"country": "SE"},
        "subjects": [
            {
                "ref": "s1",
                "role": "courier",
                "mentions": [
                    {"kind": "person_name", "value": "Andersson, Karl"},
                    {"kind": "se_personal_number", "value": "850302-1233"},
                    {"kind": "phone", "value": "070-123 45 67"},
                    {"kind": "address", "value": "Storgatan 12, 123 45 Stockholm"},
                    {"kind": "nickname", "value": "Kalle K"},
                ],
            },
            {"ref": "s2", "role": "vehicle", "mentions": [{"kind": "plate", "value": "ABC 123"}]},
            {"ref": "s3", "role": "seen", "mentions": [{"kind": "phone", "value": "nonsense"}]},
        ],
    }


def test_a_payload_gives_one_record_per_person_subject() -> None:
    records = payload_person_records(_payload(), organisation="se-customs", country="SE")
    assert [r.ref for r in records] == ["se-customs/r1/s1", "se-customs/r1/s3"]
    courier = records[0]
    assert (courier.first_name, courier.last_name) == ("karl", "andersson")
    assert courier.phones == ("+46701234567",)
    assert courier.postcode == "12345"
    assert courier.street == "storgatan"
    assert courier.nickname == "kalle k"
    assert courier.personal_number == "se:198503021233"
    assert courier.birth_date == "1985-03-02"
    assert records[1].phones == ()


def test_mention_rows_give_the_same_records() -> None:
    rows = [
        MentionRow("s1", "backer", 0, "person_name", "Kalle Andersson", "kalle andersson", ""),
        MentionRow("s1", "backer", 1, "birth_date", "020385", "", ""),
        MentionRow("s1", "backer", 2, "no_personal_number", "x", "01018012371", ""),
        MentionRow("s2", "item", 0, "postal_item", "RR123456785SE", "RR123456785SE", ""),
    ]
    [record] = person_records(rows, organisation="no-kripos", report="r9", country="NO")
    assert record.given_group == "karl"
    assert record.personal_number == "no:01018012371"
    # The first mention that gives a field wins: the written date came first.
    assert record.birth_date == "1985-03-02"


def test_a_record_is_bare_when_it_gives_a_full_name_and_nothing_else() -> None:
    def record(*mentions: tuple[str, str]) -> PersonRecord:
        payload = {
            "external_id": "r2",
            "subjects": [
                {
                    "ref": "s1",
                    "role": "recipient",
                    "mentions": [{"kind": k, "value": v} for k, v in mentions],
                }
            ],
        }
        [made] = payload_person_records(payload, organisation="se-agent-ica", country="SE")
        return made

    assert record_traits(record(("person_name", "Leila Ahmed"))).bare
    assert not record_traits(record(("person_name", "Leila"))).bare
    assert not record_traits(record(("person_name", "Leila Ahmed"), ("phone", "0701234567"))).bare
    assert not record_traits(record(("person_name", "Leila Ahmed"), ("nickname", "Lilla"))).bare


def test_crowded_entrances_and_common_names_are_counted_over_all_records() -> None:
    def record(ref: str, *mentions: tuple[str, str]) -> PersonRecord:
        payload = {
            "external_id": ref,
            "subjects": [
                {
                    "ref": "s1",
                    "role": "recipient",
                    "mentions": [{"kind": k, "value": v} for k, v in mentions],
                }
            ],
        }
        [made] = payload_person_records(payload, organisation="se-agent-ica", country="SE")
        return made

    drop = "Furutorget 41, 512 85 Borås"
    names = ["Zainab Jansson", "Anita Berg", "Hans Larsson", "Erik Magnusson", "Bo Ali"]
    labels = [record(f"d{i}", ("person_name", n), ("address", drop)) for i, n in enumerate(names)]
    home = record("h", ("person_name", "Bo Ali"), ("address", "Storgatan 12, 123 45 Stockholm"))
    number = record("p", ("person_name", "Bo Ali"), ("se_personal_number", "850302-1233"))
    traits = records_traits([*labels, home, number])
    assert [t.crowded for t in traits] == [True] * 5 + [False, False]
    # "Bo Ali" has two homes and a personal number: three bearers, common.
    assert [t.common for t in traits] == [False] * 4 + [True] * 3
    # Four names at one entrance are a household, not a drop.
    assert not any(t.crowded for t in records_traits(labels[:4]))


def test_a_bare_name_is_paired_with_its_namesake_written_with_more_in_its_report() -> None:
    payload = {
        "external_id": "r3",
        "subjects": [
            {
                "ref": "s1",
                "role": "recipient",
                "mentions": [
                    {"kind": "person_name", "value": "Roy Helland"},
                    {"kind": "address", "value": "Sæterrøa 39, 0720 Oslo"},
                ],
            },
            {
                "ref": "s2",
                "role": "seen",
                "mentions": [{"kind": "person_name", "value": "Roy Helland"}],
            },
            {
                "ref": "s3",
                "role": "seen",
                "mentions": [{"kind": "person_name", "value": "Silje Larsen"}],
            },
        ],
    }
    records = payload_person_records(payload, organisation="no-agent-kiwi", country="NO")
    other = payload_person_records(
        {**payload, "external_id": "r4", "subjects": payload["subjects"][1:]},
        organisation="no-agent-kiwi",
        country="NO",
    )
    everything = [*records, *other]
    rows = list(range(len(everything)))
    assert co_reported(everything, rows, records_traits(everything)) == [(1, 0)]


def test_a_person_without_address_is_paired_with_its_name_at_a_housemates_home() -> None:
    def report(external_id: str, *subjects: tuple[str, list[tuple[str, str]]]) -> dict[str, Any]:
        return {
            "external_id": external_id,
            "subjects": [
                {
                    "ref": f"s{n}",
                    "role": role,
                    "mentions": [{"kind": k, "value": v} for k, v in mentions],
                }
                for n, (role, mentions) in enumerate(subjects, start=1)
            ],
        }

    home = ("address", "Björkbacken 28C lgh 1604, 577 70 Hultsfred")
    # A parcel to Carl Andersson collected with Charlotta Andersson's card ...
    collected = report(
        "r1",
        ("recipient", [("person_name", "Carl Andersson"), home]),
        ("seen", [("person_name", "Charlotta Andersson"), ("se_personal_number", "9301060100")]),
    )
    # ... and Charlotta Andersson at that home in another report.
    seized = report("r2", ("recipient", [("person_name", "Charlotta Andersson"), home]))
    elsewhere = report(
        "r3",
        (
            "recipient",
            [("person_name", "Charlotta Andersson"), ("address", "Storgatan 1, 123 45 Stockholm")],
        ),
    )
    # A card of the recipient's own full name is a namesake's in the household (father, son).
    namesake = report(
        "r4",
        ("recipient", [("person_name", "Carl Andersson"), home]),
        ("seen", [("person_name", "Carl Andersson"), ("se_personal_number", "6001020105")]),
    )
    records = [
        record
        for payload in (collected, seized, elsewhere, namesake)
        for record in payload_person_records(payload, organisation="se-agent-coop", country="SE")
    ]
    rows = list(range(len(records)))
    # Charlotta (1) joins her name at the home (2); the Carl of r1 (0) is the
    # recipient's, and r4's card (5) stays apart from Carl at home (0 and 4).
    assert housemates(records, rows) == [(1, 2)]
    # The records of each report with two or more, by number.
    assert reported_together(records) == [[0, 1], [4, 5]]
