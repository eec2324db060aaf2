"""The ground truth holds the signals the product must find, and the traps it must avoid."""

from __future__ import annotations

from collections import defaultdict

from tests.scenario.worlds import World


def test_several_couriers_name_the_same_backer_phone(demo_world: World) -> None:
    couriers_by_phone: dict[str, set[str]] = defaultdict(set)
    for submission, truth in zip(demo_world.submissions, demo_world.truths, strict=True):
        if submission.report.kind.value != "courier_statement":
            continue
        couriers = [s["entity"] for s, subject in zip(
            truth["subjects"], submission.report.subjects, strict=True
        ) if subject.role.value == "courier"]  # fmt: skip
        assert len(couriers) == 1
        for subject, fact in zip(submission.report.subjects, truth["subjects"], strict=True):
            if subject.role.value != "backer":
                continue
            for mention, mention_fact in zip(subject.mentions, fact["mentions"], strict=True):
                if mention.kind.value == "phone":
                    couriers_by_phone[mention_fact["entity"]].add(couriers[0])
    phones = demo_world.table("phones")
    people = demo_world.table("people")
    widely_named = [p for p, couriers in couriers_by_phone.items() if len(couriers) >= 3]
    assert widely_named
    for phone in widely_named:
        assert people[phones[phone]["owner"]]["role"] == "backer"


def test_drop_addresses_receive_items_for_many_names(demo_world: World) -> None:
    names_by_address: dict[str, set[str]] = defaultdict(set)
    addresses = demo_world.table("addresses")
    for mention in demo_world.mentions():
        if mention.role == "recipient" and mention.kind == "address":
            names_by_address[mention.entity].add(mention.subject_entity)
    busy = {a for a, names in names_by_address.items() if len(names) >= 3}
    assert busy
    drops = {a for a, row in addresses.items() if row["drop"]}
    assert busy & drops
    # Every drop belongs to a network; addresses that are not drops belong to none.
    assert all(addresses[a]["network"] for a in drops)
    assert not any(row["network"] for a, row in addresses.items() if a not in drops)


def test_networks_have_their_roles_and_fronts(demo_world: World) -> None:
    networks = demo_world.table("networks")
    people = demo_world.table("people")
    companies = demo_world.table("companies")
    assert len(networks) == demo_world.manifest.counts["networks"]
    for network_id, network in networks.items():
        assert network["backers"]
        assert network["fronts"]
        for role, key in (("backer", "backers"), ("courier", "couriers"),
                          ("drop_keeper", "drop_keepers"), ("sender", "senders")):  # fmt: skip
            for person in network[key]:
                assert people[person]["role"] == role
                assert people[person]["network"] == network_id
        for company in network["fronts"]:
            assert companies[company]["front"]
            assert companies[company]["network"] == network_id
    assert any(not c["front"] for c in companies.values())


def test_innocent_background_is_large_and_shares_no_phone(demo_world: World) -> None:
    people = demo_world.table("people")
    phones = demo_world.table("phones")
    innocent = {p for p, row in people.items() if row["network"] is None}
    assert sum(row["role"] == "innocent" for row in people.values()) > len(people) / 2
    network_numbers = {row["number"] for row in phones.values() if row["network"]}
    innocent_numbers = {phones[phone]["number"] for p in innocent for phone in people[p]["phones"]}
    assert network_numbers
    assert innocent_numbers
    assert not network_numbers & innocent_numbers
    # Every phone belongs to its owner's network, or to none.
    for row in phones.values():
        assert row["network"] == people[row["owner"]]["network"]
    # Calls stay inside a network or inside the innocent world.
    for call in demo_world.calls:
        assert (call["a_number"] in network_numbers) == (call["b_number"] in network_numbers)
    innocent_reports = [t for t in demo_world.truths if t["network"] is None]
    assert len(innocent_reports) > len(demo_world.truths) / 3
    for truth in innocent_reports:
        for subject in truth["subjects"]:
            if subject["entity"].startswith("person:"):
                assert people[subject["entity"]]["network"] is None


def test_innocent_households_share_addresses(demo_world: World) -> None:
    people = demo_world.table("people")
    by_address: dict[str, set[str]] = defaultdict(set)
    for row in people.values():
        if row["role"] == "innocent" and row["address"]:
            by_address[row["address"]].add(row["family"])
    shared = [families for families in by_address.values() if families]
    # Families (one surname, several people) and flatmates (several surnames).
    assert any(len(families) >= 2 for families in shared)
    crowded: dict[str, int] = defaultdict(int)
    for row in people.values():
        if row["role"] == "innocent" and row["address"]:
            crowded[row["address"]] += 1
    assert max(crowded.values()) >= 3
