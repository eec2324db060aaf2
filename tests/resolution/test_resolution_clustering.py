"""Two thresholds, deterministic links by personal number, and judgements."""

from __future__ import annotations

from dataclasses import replace

import pytest

from samverkan.resolution.clustering import (
    HOUSEMATE_ROWS,
    Pair,
    Thresholds,
    Traits,
    cluster,
    compatible,
)


def test_pairs_above_auto_link_join_and_between_go_to_review() -> None:
    result = cluster(
        records=4,
        pairs=[Pair(0, 1, 0.99), Pair(2, 3, 0.7), Pair(1, 2, 0.3)],
        thresholds=Thresholds(auto_link=0.95, review=0.6),
    )
    assert result.cluster_of == [0, 0, 2, 3]
    assert result.review == [Pair(2, 3, 0.7)]


def test_thresholds_are_configurable_and_checked() -> None:
    result = cluster(records=2, pairs=[Pair(0, 1, 0.7)], thresholds=Thresholds(0.65, 0.5))
    assert result.cluster_of == [0, 0]
    with pytest.raises(ValueError, match="thresholds"):
        Thresholds(auto_link=0.5, review=0.9)


def test_a_shared_personal_number_links_without_any_score() -> None:
    result = cluster(records=3, pairs=[], personal_numbers=["se:1", None, "se:1"])
    assert result.cluster_of == [0, 1, 0]


def test_two_personal_numbers_never_share_a_cluster() -> None:
    # 0 and 2 are different people; 1 looks like both, but can join only one.
    result = cluster(
        records=3,
        pairs=[Pair(0, 1, 0.99), Pair(1, 2, 0.98)],
        personal_numbers=["se:1", None, "se:2"],
    )
    assert result.cluster_of == [0, 0, 2]
    assert result.refused == [Pair(1, 2, 0.98)]


def test_a_negative_judgement_prevents_a_link_direct_or_through_others() -> None:
    result = cluster(
        records=3,
        pairs=[Pair(0, 1, 0.999), Pair(1, 2, 0.99), Pair(0, 2, 0.97)],
        negative=[(2, 0)],
    )
    assert result.cluster_of[0] == result.cluster_of[1]
    assert result.cluster_of[2] != result.cluster_of[0]


def test_a_negative_judgement_wins_over_a_shared_personal_number() -> None:
    result = cluster(records=2, pairs=[], personal_numbers=["no:7", "no:7"], negative=[(0, 1)])
    assert result.cluster_of == [0, 1]


def test_a_positive_judgement_links_and_judged_pairs_leave_review() -> None:
    result = cluster(records=3, pairs=[Pair(1, 2, 0.8)], positive=[(0, 2)], negative=[(1, 2)])
    assert result.cluster_of == [0, 1, 0]
    assert result.review == []


def test_pairs_must_come_strongest_first() -> None:
    with pytest.raises(ValueError, match="strongest first"):
        cluster(records=3, pairs=[Pair(0, 1, 0.7), Pair(1, 2, 0.9)])


def test_a_chain_of_links_never_joins_records_that_disagree_on_name_or_birth() -> None:
    # A household at one address: Liv and Benjamin Hassan are linked to the
    # unnamed record at their address, never to each other; Jon Vik born on
    # two dates is two people; a typo ("hasan") or a group ("kalle") agrees.
    liv = Traits(first="liv", group="liv", last="hassan")
    benjamin = Traits(first="benjamin", group="benjamin", last="hassan")
    result = cluster(
        records=3,
        pairs=[Pair(0, 1, 0.99), Pair(1, 2, 0.98)],
        traits=[liv, Traits(), benjamin],
    )
    assert result.cluster_of == [0, 0, 2]
    assert result.refused == [Pair(1, 2, 0.98)]
    assert not compatible(Traits(birth="1980-01-02"), Traits(birth="1981-02-02"))
    assert compatible(Traits(birth="1980-01-02"), Traits(birth="1980-01-20"))
    assert compatible(liv, Traits(first="liv", group="liv", last="hasan"))
    assert compatible(
        Traits(first="kalle", group="karl", last="berg"),
        Traits(first="karl", group="karl", last="berg"),
    )


def test_forced_links_are_not_held_back_by_disagreeing_traits() -> None:
    result = cluster(
        records=2,
        pairs=[],
        personal_numbers=["se:1", "se:1"],
        traits=[Traits(first="anna", group="anna"), Traits(first="bo", group="bo")],
    )
    assert result.cluster_of == [0, 0]


def test_namesakes_in_two_homes_stay_apart_though_a_bare_name_links_to_both() -> None:
    home = Traits(first="sofia", group="sofia", last="persson", home=("63112", "parkstigen", "18"))
    away = Traits(first="sofia", group="sofia", last="persson", home=("40644", "backtorget", "21a"))
    bare = Traits(first="sofia", group="sofia", last="persson")
    result = cluster(
        records=3,
        pairs=[Pair(0, 1, 0.9), Pair(1, 2, 0.9)],
        traits=[home, bare, away],
    )
    assert result.cluster_of == [0, 0, 2]
    # A street typo in the same postcode, or no postcode at all, is one entrance.
    assert compatible(home, Traits(home=("63112", "parkstign", "18")))
    assert compatible(home, Traits(home=(None, "parkstigen", "18")))
    # Without a postcode, two typos of one street (each a keystroke off) are
    # one entrance; another street or another number is not.
    assert compatible(
        Traits(home=(None, "tradgardsgradn", "7")), Traits(home=(None, "tradgardsgrrand", "7"))
    )
    assert not compatible(
        Traits(home=(None, "parkgatan", "7")), Traits(home=(None, "ekgatan", "7"))
    )
    assert not compatible(home, Traits(home=(None, "parkstigen", "19")))


def test_a_bare_name_joins_the_one_namesake_known_by_more_than_a_name() -> None:
    # 0 and 1: "Leila Ahmed" with an address and with a birth date, one
    # person; 2: "Leila Ahmed" and nothing else, scored too weakly to link;
    # 3: "Omar Berg" bare, with two dressed namesakes (4, 5) who disagree.
    leila = Traits(first="leila", group="leila", last="ahmed", bare=True)
    omar = Traits(first="omar", group="omar", last="berg", bare=True)
    traits = [
        replace(leila, home=("43590", "fabriksgatan", "24"), bare=False),
        replace(leila, birth="1990-01-02", bare=False),
        leila,
        omar,
        replace(omar, birth="1970-05-06", bare=False),
        replace(omar, birth="1988-11-12", bare=False),
    ]
    result = cluster(records=6, pairs=[Pair(0, 1, 0.9)], traits=traits)
    assert result.cluster_of == [0, 0, 0, 3, 4, 5]
    judged = cluster(records=6, pairs=[Pair(0, 1, 0.9)], traits=traits, negative=[(1, 2)])
    assert judged.cluster_of == [0, 0, 2, 3, 4, 5]
    # The rule is a link of strength 0.9: a stricter auto-link leaves the bare name alone.
    strict = cluster(
        records=6, pairs=[Pair(0, 1, 0.99)], traits=traits, thresholds=Thresholds(0.95, 0.6)
    )
    assert strict.cluster_of == [0, 0, 2, 3, 4, 5]


def test_a_bare_name_joins_the_namesake_written_far_more_often_than_any_other() -> None:
    # 0: "Omar Berg" bare; 1-5: one Omar Berg written five times (a busy
    # backer); 6: another written once. Five to one: the bare name is the
    # busy one's. Four to one is too close to call.
    omar = Traits(first="omar", group="omar", last="berg")
    busy = replace(omar, birth="1970-05-06")
    traits = [replace(omar, bare=True), *[busy] * 5, replace(omar, birth="1988-11-12")]
    chain = [Pair(i, i + 1, 0.95) for i in range(1, 5)]
    assert cluster(records=7, pairs=chain, traits=traits).cluster_of == [0, 0, 0, 0, 0, 0, 6]
    close = cluster(records=7, pairs=chain[:3], traits=traits)
    assert close.cluster_of == [0, 1, 1, 1, 1, 5, 6]


def test_a_drop_label_never_joins_the_namesake_known_by_a_birth_date() -> None:
    # 0, 1: "Thea Pedersen" on labels at a drop (a crowded entrance, the
    # second written without its postcode); 2: a Thea Pedersen known by her
    # personal number and nothing else. A bare name (3) links all three.
    thea = Traits(first="thea", group="thea", last="pedersen")
    label = replace(thea, home=("0778", "isaksenstien", "58b"), crowded=True)
    traits = [
        label,
        replace(label, home=(None, "isaksenstien", "58b")),
        replace(thea, birth="1981-12-10"),
        thea,
    ]
    pairs = [Pair(0, 1, 0.95), Pair(2, 3, 0.9), Pair(1, 3, 0.8)]
    assert cluster(records=4, pairs=pairs, traits=traits).cluster_of == [0, 0, 2, 2]
    # At a home that is not crowded, and with a name not common, they join.
    quiet = [replace(t, crowded=False) for t in traits]
    assert cluster(records=4, pairs=pairs, traits=quiet).cluster_of == [0, 0, 0, 0]


def test_under_a_common_name_a_home_and_a_birth_date_join_only_through_a_phone() -> None:
    # "Erik Johansson" at a home and "Erik Johansson" known by a birth date,
    # linked by their name alone: under a common name, two people.
    erik = Traits(first="erik", group="erik", last="johansson", common=True)
    homed = replace(erik, home=("92154", "mollebacken", "43"))
    born = replace(erik, birth="1977-02-19")
    assert cluster(records=2, pairs=[Pair(0, 1, 0.8)], traits=[homed, born]).cluster_of == [0, 1]
    # A shared phone, or a name that is not common, lets them join.
    phoned = [replace(homed, phones=("+46701234567",)), replace(born, phones=("+46701234567",))]
    assert cluster(records=2, pairs=[Pair(0, 1, 0.8)], traits=phoned).cluster_of == [0, 0]
    rare = [replace(homed, common=False), replace(born, common=False)]
    assert cluster(records=2, pairs=[Pair(0, 1, 0.8)], traits=rare).cluster_of == [0, 0]
    # A birth date on both sides is the birth rule's to judge, not this one's.
    both = [replace(homed, birth="1977-02-19"), born]
    assert cluster(records=2, pairs=[Pair(0, 1, 0.8)], traits=both).cluster_of == [0, 0]


def test_a_bare_name_joins_its_namesake_written_with_more_in_the_same_report() -> None:
    # 0: "Roy Helland" collecting a parcel, name only; 1: the label of that
    # parcel, "Roy Helland" at a drop; 2: another Roy Helland at a home. No
    # score links them and two namesakes keep the bare-name rule away.
    roy = Traits(first="roy", group="roy", last="helland")
    traits = [
        replace(roy, bare=True),
        replace(roy, home=("0720", "satherroa", "39")),
        replace(roy, home=("5067", "myhrebraten", "49")),
    ]
    assert cluster(records=3, pairs=[], traits=traits).cluster_of == [0, 1, 2]
    linked = cluster(records=3, pairs=[], traits=traits, co_reported=[(0, 1)])
    assert linked.cluster_of == [0, 0, 2]
    # A link of strength 0.99: a stricter auto-link, or a judgement, keeps them apart.
    strict = Thresholds(auto_link=0.999, review=0.6)
    assert cluster(
        records=3, pairs=[], traits=traits, co_reported=[(0, 1)], thresholds=strict
    ).cluster_of == [0, 1, 2]
    judged = cluster(records=3, pairs=[], traits=traits, co_reported=[(0, 1)], negative=[(0, 1)])
    assert judged.cluster_of == [0, 1, 2]


def test_a_housemate_vouches_for_a_birth_date_and_a_home_under_a_common_name() -> None:
    # 0: "Charlotta Andersson" known by a personal number (her card, shown
    # when a housemate collected a parcel); 1: "Charlotta Andersson" at that
    # housemate's home. A common name: the name alone does not join them.
    charlotta = Traits(first="charlotta", group="charlotta", last="andersson", common=True)
    traits = [
        replace(charlotta, birth="1993-01-06"),
        replace(charlotta, home=("57770", "bjorkbacken", "28c")),
    ]
    assert cluster(records=2, pairs=[Pair(0, 1, 0.8)], traits=traits).cluster_of == [0, 1]
    assert cluster(records=2, pairs=[], traits=traits, housemates=[(0, 1)]).cluster_of == [0, 0]
    # Still under the other rules: a birth date a keystroke too far, a
    # judgement or a stricter auto-link keep them apart.
    older = [replace(traits[0], birth="1953-05-23"), replace(traits[1], birth="1993-01-06")]
    assert cluster(records=2, pairs=[], traits=older, housemates=[(0, 1)]).cluster_of == [0, 1]
    judged = cluster(records=2, pairs=[], traits=traits, housemates=[(0, 1)], negative=[(0, 1)])
    assert judged.cluster_of == [0, 1]
    strict = Thresholds(auto_link=0.999, review=0.6)
    assert cluster(
        records=2, pairs=[], traits=traits, housemates=[(0, 1)], thresholds=strict
    ).cluster_of == [0, 1]


def test_a_housemate_does_not_vouch_for_a_person_written_often() -> None:
    # A person known by a birth date in many records whose name is copied
    # onto a drop's label (a crowded entrance) is not that label.
    lena = Traits(first="lena", group="lena", last="nilsson", birth="1989-09-22")
    label = Traits(first="lena", group="lena", last="nilsson", home=("52145", "backstigen", "25"))
    crowded = replace(label, crowded=True)
    many = HOUSEMATE_ROWS + 1
    chain = [Pair(0, i, 0.95) for i in range(1, many)]
    often = cluster(
        records=many + 1, pairs=chain, traits=[lena] * many + [crowded], housemates=[(0, many)]
    )
    assert often.cluster_of == [0] * many + [many]
    seldom = cluster(records=2, pairs=[], traits=[lena, crowded], housemates=[(0, 1)])
    assert seldom.cluster_of == [0, 0]


def test_a_bare_name_joins_its_namesake_written_beside_the_same_person_elsewhere() -> None:
    # 0: "Marie Åberg", name only, on Simon Karlsson's letter; 1: Simon
    # Karlsson; 2: Marie Åberg at her home on his parcel in another report;
    # 3: another Marie Åberg at another home. Two namesakes written alike:
    # the bare-name rule cannot choose.
    marie = Traits(first="marie", group="marie", last="aberg")
    simon = Traits(first="simon", group="simon", last="karlsson", home=("61931", "skolvagen", "50"))
    traits = [
        replace(marie, bare=True),
        simon,
        replace(marie, home=("40460", "furugatan", "35")),
        replace(marie, home=("11739", "strandtorget", "42")),
    ]
    assert cluster(records=4, pairs=[], traits=traits).cluster_of == [0, 1, 2, 3]
    letters = [[0, 1], [1, 2]]
    linked = cluster(records=4, pairs=[], traits=traits, reports=letters)
    assert linked.cluster_of == [0, 1, 0, 3]
    # Simon writing to both namesakes says nothing of which one is meant.
    both = cluster(records=4, pairs=[], traits=traits, reports=[*letters, [1, 3]])
    assert both.cluster_of == [0, 1, 2, 3]
    strict = Thresholds(auto_link=0.999, review=0.6)
    assert cluster(
        records=4, pairs=[], traits=traits, reports=letters, thresholds=strict
    ).cluster_of == [0, 1, 2, 3]
    judged = cluster(records=4, pairs=[], traits=traits, reports=letters, negative=[(0, 2)])
    assert judged.cluster_of == [0, 1, 2, 3]
