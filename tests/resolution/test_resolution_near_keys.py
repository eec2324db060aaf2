"""The near-key rules on hand-made reports: what a slip of the hand kept apart comes back.

Each case is a few reports as ``near_key_clusters`` sees them: identifier
mentions (kind, key as intake keyed it, the writing, its refusal) and the
keys each report holds besides.
"""

from __future__ import annotations

from samverkan.identifiers import InvalidIdentifier, normalise
from samverkan.intake.mentions import mention_rows
from samverkan.resolution.near_keys import KeyMention, Token, context_tokens, near_key_clusters

ORG = "556036-0793"
IBAN = "NO93 8601 1117 947"


class Reports:
    """Reports built from their mentions, keyed exactly as intake keys them."""

    def __init__(self) -> None:
        self.mentions: list[KeyMention] = []
        self.contexts: list[set[Token]] = []

    def add(self, *mentions: tuple[str, str], country: str = "SE") -> list[int]:
        """One report; returns the indexes of its identifier mentions."""
        payload = {
            "subjects": [
                {"ref": "s1", "role": "suspect", "mentions": [
                    {"kind": kind, "value": value} for kind, value in mentions
                ]}
            ]
        }  # fmt: skip
        rows = list(mention_rows(payload, country=country))
        report = len(self.contexts)
        self.contexts.append(context_tokens((r.kind, r.key, r.raw) for r in rows))
        indexes = []
        for row in rows:
            if row.kind in ("person_name", "nickname"):
                continue
            indexes.append(len(self.mentions))
            self.mentions.append(
                KeyMention(
                    row.kind, row.key, row.raw, row.problem, country, report, row.subject_ref
                )
            )
        return indexes

    def clusters(self) -> list[str]:
        return near_key_clusters(self.mentions, self.contexts)


def test_a_wrong_check_digit_is_repaired_to_the_one_known_neighbour() -> None:
    world = Reports()
    [known] = world.add(("se_org_number", "556036-0793"))
    [slipped] = world.add(("se_org_number", "556063-0793"))  # two digits swapped
    try:
        normalise("se_org_number", "556063-0793")
        raise AssertionError("the swap should break the check digit")
    except InvalidIdentifier:
        pass
    assert world.mentions[slipped].key == ""
    clusters = world.clusters()
    assert clusters[slipped] == clusters[known]


def test_a_phone_one_digit_off_joins_when_the_reports_share_a_name() -> None:
    world = Reports()
    [first] = world.add(("phone", "070-123 45 67"), ("person_name", "Karl Berg"))
    [second] = world.add(("phone", "070-123 45 67"), ("person_name", "KARL BERG"))
    [slipped] = world.add(("phone", "070-123 54 67"), ("person_name", "Berg, Karl"))
    clusters = world.clusters()
    assert clusters[first] == clusters[second] == clusters[slipped]


def test_a_shared_nickname_alone_does_not_join_two_numbers() -> None:
    world = Reports()
    [first] = world.add(("phone", "070-123 45 67"), ("nickname", "Kalle"))
    [slipped] = world.add(("phone", "070-123 54 67"), ("nickname", "Kalle"))
    clusters = world.clusters()
    assert clusters[first] != clusters[slipped]


def test_a_phone_one_digit_off_stays_apart_without_anything_in_common() -> None:
    # Numbers are dense: 070-123 54 67 may well be someone else's.
    world = Reports()
    [first] = world.add(("phone", "070-123 45 67"), ("person_name", "Anna Berg"))
    [other] = world.add(("phone", "070-123 54 67"), ("person_name", "Omar Khalid"))
    clusters = world.clusters()
    assert clusters[first] != clusters[other]


def test_a_refused_writing_with_two_known_neighbours_stays_alone() -> None:
    # 556036-0700 fails its check digit; 556036-1700 and 556036-0702 are both
    # valid and one slip from it: which one was meant cannot be told.
    world = Reports()
    [one] = world.add(("se_org_number", "556036-1700"))
    [two] = world.add(("se_org_number", "556036-0702"))
    [slipped] = world.add(("se_org_number", "556036-0700"))
    assert world.mentions[slipped].problem == "checksum"
    clusters = world.clusters()
    assert len({clusters[one], clusters[two], clusters[slipped]}) == 3


def test_a_street_typo_at_the_same_postcode_and_number_joins() -> None:
    world = Reports()
    [known] = world.add(("address", "Aspvägen 42, 783 32 Säter"))
    [typo] = world.add(("address", "Aspväägen 42 lgh 1301, 783 32 Säter"))
    [other_number] = world.add(("address", "Aspväägen 44, 783 32 Säter"))
    clusters = world.clusters()
    assert clusters[typo] == clusters[known]
    assert clusters[other_number] != clusters[known]


def test_an_address_without_postcode_joins_the_one_known_with_its_street_number_and_town() -> None:
    world = Reports()
    [known] = world.add(("address", "Ängsvägen 55, 695 98 Laxå"))
    [bare] = world.add(("address", "ÄNGSVÄGEN 55, LAXÅ"))
    [elsewhere] = world.add(("address", "Ängsvägen 55, Örebro"))
    assert world.mentions[bare].problem == "missing_postcode"
    clusters = world.clusters()
    assert clusters[bare] == clusters[known]
    assert clusters[elsewhere] != clusters[known]


def test_an_address_without_postcode_stays_alone_when_two_towns_could_be_meant() -> None:
    world = Reports()
    world.add(("address", "Storgatan 7, 111 22 Stockholm"))
    world.add(("address", "Storgatan 7, 114 55 Stockholm"))
    [bare] = world.add(("address", "Storgatan 7, Stockholm"))
    clusters = world.clusters()
    assert sum(c == clusters[bare] for c in clusters) == 1


def test_a_swedish_report_of_a_norwegian_address_without_postcode_finds_it() -> None:
    world = Reports()
    [known] = world.add(("address", "Olsenjordet 40, 3229 Sandefjord"), country="NO")
    [bare] = world.add(("address", "Olsenjordet 40 H0502, Sandefjord"), country="SE")
    clusters = world.clusters()
    assert clusters[bare] == clusters[known]


def test_a_company_name_joins_its_number_and_a_name_alone_joins_the_one_so_named() -> None:
    world = Reports()
    [name, number] = world.add(("company_name", "Nilsson Pizzeria AB"), ("se_org_number", ORG))
    [alone] = world.add(("company_name", "NILSSON PIZZERIA"))
    [other] = world.add(("company_name", "Molin Bygg & Städ AB"))
    clusters = world.clusters()
    assert clusters[name] == clusters[number] == clusters[alone]
    assert clusters[other] not in {clusters[number]}


def test_two_companies_of_one_name_are_told_apart_by_the_account_written_with_it() -> None:
    world = Reports()
    [_, oslo] = world.add(("company_name", "Oslo Transport AS"), ("no_org_number", "993275166"))
    world.add(("company_name", "Oslo Transport AS"), ("no_org_number", "944160868"))
    [_, first_number, account] = world.add(
        ("company_name", "Oslo Transport AS"), ("no_org_number", "993275166"), ("iban", IBAN)
    )
    [by_account, _] = world.add(("company_name", "Oslo Transport"), ("iban", IBAN))
    [unknown] = world.add(("company_name", "Oslo Transport AS"))
    clusters = world.clusters()
    assert clusters[by_account] == clusters[oslo] == clusters[first_number]
    assert clusters[account] != clusters[oslo]  # the account is its own entity
    assert clusters[unknown] not in {clusters[oslo]}  # which of the two is meant is not known


def test_a_norwegian_street_typo_is_compared_with_the_ending_as_written() -> None:
    # "Bjørkeevgen" is one swap from "Bjørkevegen", which the key writes "bjorkeveien".
    world = Reports()
    [known] = world.add(("address", "Bjørkevegen 9, 3562 Trøym"), country="NO")
    [typo] = world.add(("address", "Bjørkeevgen 9 H0203, 3562 Trøym"), country="NO")
    clusters = world.clusters()
    assert clusters[typo] == clusters[known]


def test_an_address_without_postcode_and_with_a_typo_finds_its_one_street() -> None:
    world = Reports()
    [known] = world.add(("address", "Skolbacken 19, 116 81 Stockholm"))
    [bare] = world.add(("address", "Soklbacken 19, Stockholm"))
    clusters = world.clusters()
    assert clusters[bare] == clusters[known]


def test_a_street_at_two_postcodes_of_a_town_is_told_apart_by_who_lives_there() -> None:
    world = Reports()
    [first] = world.add(("address", "Storvägen 8, 116 57 Stockholm"), ("person_name", "Eva Lund"))
    world.add(("address", "Storvägen 8, 128 30 Stockholm"), ("person_name", "Omar Khalid"))
    [bare] = world.add(("address", "Storvägen 8 lgh 1101, Stockholm"), ("person_name", "Eva Lund"))
    [unknown] = world.add(("address", "Storvägen 8, Stockholm"))
    clusters = world.clusters()
    assert clusters[bare] == clusters[first]
    assert sum(c == clusters[unknown] for c in clusters) == 1


def test_a_postal_item_one_digit_off_joins_without_more_but_not_across_posts() -> None:
    # Both ids keep a right check digit; item ids are too sparse for a neighbour.
    world = Reports()
    [item] = world.add(("postal_item", "RR123456025SE"))
    [slip] = world.add(("postal_item", "RR 123 756 025 SE"))
    [spain] = world.add(("postal_item", "RR123456003ES"))
    [sweden] = world.add(("postal_item", "RR123456003SE"))
    clusters = world.clusters()
    assert clusters[slip] == clusters[item]
    assert clusters[spain] != clusters[sweden]  # a swap of the post's letters is another post


def test_a_company_name_with_a_typo_alone_joins_the_one_name_a_letter_away() -> None:
    world = Reports()
    [_, number] = world.add(("company_name", "Mårtensson Frisörsalong AB"), ("se_org_number", ORG))
    [typo] = world.add(("company_name", "Mårtensson Frisörsalogn AB"))
    clusters = world.clusters()
    assert clusters[typo] == clusters[number]
