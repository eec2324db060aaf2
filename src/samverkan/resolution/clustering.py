"""Clustering scored pairs into people, with two thresholds and analysts' judgements.

Invariants:

- Records joined by a forced link (a shared personal number, an analyst's
  positive judgement) are in one cluster unless a negative judgement
  separates them; pairs at or above ``auto_link`` join next, strongest
  first; no scored pair below ``auto_link`` ever joins.
- A negative judgement is never overridden: no two records judged different
  end up in one cluster, whatever the links between them or around them.
- A cluster never holds two different personal numbers: a merge that would
  bring them together is refused, which stops a chain of weaker links from
  joining two identified people.
- A scored link never joins two clusters that strongly disagree
  (``Traits``): whose usual given names (the one written most often in each)
  are neither one group nor one keystroke apart, whose usual family names
  are more than a keystroke apart, that hold birth dates more than a
  keystroke apart, or home addresses that are not one entrance (the same
  house number in the same postcode, or on streets at most two keystrokes
  apart). Such a merge is
  refused like the one above, so a household at one address, the false
  names used at one drop, or two namesakes in two towns stay apart however
  the links between them add up (a bare name linked to each is the usual
  bridge), while two typos of one name each join the cluster of the name
  they misspell. Forced links are not checked (a personal number or an
  analyst outweighs a spelling or a move).
- Nor does a scored link join a cluster that lives at a crowded entrance
  (``Traits.crowded``: many different names written there, a drop's labels)
  to one known by a birth date and no home, nor a cluster known by a home and
  no birth date to one known by a birth date and no home when they share no
  phone and the name is common (``Traits.common``: borne by several personal
  numbers and homes) — a name and nothing else joins namesakes as often as
  one person (``_Profile.agrees``).
- Before any scored pair, a record that gives nothing but a name joins a
  record of that name written with more in the same report (a parcel's
  collector and its label), under the rules above and only under an
  ``auto_link`` at or below ``CO_REPORTED_LINK``.
- After the scored pairs, a record written with no address joins the record
  of its name at the home of a housemate named in the same report (same
  family name, another given name: the owner of the identity card a
  parcel's recipient collected with), under the rules above except the
  name-only one for a cluster of at most ``HOUSEMATE_ROWS`` records known by
  a birth date and no home (the housemate is the evidence that rule asks
  for), and only under an ``auto_link`` at or below ``HOUSEMATE_LINK``.
  Country seed 3 F1 0.9670 -> 0.9701 (P 0.9840 -> 0.9843, R 0.9507 ->
  0.9564); medium seed 2 0.9793 -> 0.9816, seed 4 0.9770 -> 0.9792.
- Then a cluster of records that give nothing but one name joins the one
  cluster that gives that name with more in another report beside a person
  it is written with (a correspondent), when exactly one does, under the
  rules above and an ``auto_link`` at or below ``CORRESPONDENT_LINK``
  (``_join_correspondents``; country seed 3 F1 0.9701 -> 0.9713).
- Last, a cluster of records that give nothing but one name joins the one
  cluster that gives that name with more (a birth date, a phone, an
  address), when exactly one does, or one gives it ``BARE_NAME_DOMINANCE``
  times as often as any other, and the rules above allow it
  (``_join_bare_names``): a link of strength ``BARE_NAME_LINK``, so only
  under an ``auto_link`` at or below it.
- Pairs between ``review`` and ``auto_link`` whose records end in different
  clusters, and merges refused by the rules above, go to the review list,
  strongest first, unless judged negative.

Scored pairs arrive strongest first (``scoring`` sorts them; ``cluster``
checks), so the same pairs give the same clusters and a million of them are
streamed, never held as a list.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypeVar

from samverkan.identifiers.near import one_edit_apart

FORCED = 2.0  # sorts forced links before every scored pair
# How likely a bare name is its one dressed namesake (``_join_bare_names``):
# the share of such joins that were right in generated worlds (0.90 of
# clusters, 0.96 of record pairs, medium and small). The rule acts as a link
# of this strength: it joins only under an auto-link threshold at or below it.
BARE_NAME_LINK = 0.9
# Under several dressed namesakes, a bare name joins the one whose records
# bearing the name are this many times those of the next (``_join_bare_names``):
# the person written about most, against fragments and passing namesakes.
# Medium seed 4 F1 0.9747 -> 0.9770 (ratio 3: 0.9768, 10: 0.9765), country
# seed 3 0.9647 -> 0.9670 (ratio 3: 0.9661, 8: 0.9668).
BARE_NAME_DOMINANCE = 5
# An entrance where records give this many different names (given-name group
# and family name) is crowded: a drop receiving for its false names, not a
# home. Generated homes show at most 7 such names (a family of six, typos)
# and 5 or more at 3 % of homes with several names; drops 4 to 10 and more.
CROWDED_NAMES = 5
# A name is common when its personal numbers and homes (entrances) written
# with it number this many or more: two people or more bear it.
COMMON_NAME = 3
# How likely a bare name is the namesake written with more in the same
# report (the collector of a parcel and its label, ``resolve.co_reported``):
# 0.995 of such pairs in a medium world. Taken like a link of this strength.
CO_REPORTED_LINK = 0.99
# How likely a person written with no address is the record of its name at
# the home of a housemate in the same report (``resolve.housemates``): 0.99
# of such pairs in a country world. Taken like a link of this strength.
HOUSEMATE_LINK = 0.99
# A housemate's link lifts the name-only objection (``_name_only_namesakes``)
# only for a cluster known by a birth date and no home that holds at most
# this many distinct records: the household member whose identity card was
# shown is otherwise seldom written; the wrong joins in a country world were
# people written six times or more (a real name copied onto a drop's label).
HOUSEMATE_ROWS = 4
# How likely a bare name is the namesake written beside the same person in
# another report (``_join_correspondents``): 0.99 of such joins in a country
# world. Taken like a link of this strength.
CORRESPONDENT_LINK = 0.99
STREET_KEYSTROKES = 2  # street writings this far apart can be one entrance (``_one_entrance``)
_T = TypeVar("_T", str, tuple[str, str | None])


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Auto-link at or above ``auto_link``; review from ``review`` up to it; else no link."""

    auto_link: float = 0.7
    review: float = 0.6

    def __post_init__(self) -> None:
        if not 0.0 < self.review <= self.auto_link <= 1.0:
            raise ValueError("thresholds must satisfy 0 < review <= auto_link <= 1")


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True, slots=True)
class Pair:
    left: int
    right: int
    probability: float


@dataclass(slots=True)
class Clustering:
    """Cluster number per record (the smallest record number in it) and pairs to review."""

    cluster_of: list[int]
    review: list[Pair] = field(default_factory=list)
    refused: list[Pair] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Traits:
    """What a record says about who it is, for the disagreement rule: all folded, or None.

    ``group`` is the given name's group (``given_names``); ``last`` the
    family name; ``birth`` an ISO birth date; ``home`` an address as
    (postcode or None, folded street, house number). ``bare``: the record
    gives a given and a family name and nothing else (no birth, number,
    phone, address or nickname), see ``_join_bare_names``. The rest is
    read from all records (``resolve.records_traits``): ``crowded``, the
    home is an entrance where ``CROWDED_NAMES`` or more different names are
    written; ``common``, the name is borne by ``COMMON_NAME`` or more
    personal numbers and homes; ``phones``, the record's phone keys.
    """

    first: str | None = None
    group: str | None = None
    last: str | None = None
    birth: str | None = None
    home: tuple[str | None, str, str] | None = None
    bare: bool = False
    crowded: bool = False
    common: bool = False
    phones: tuple[str, ...] = ()


NO_TRAITS = Traits()


def compatible(a: Traits, b: Traits) -> bool:
    """Whether two records may be one person: no strong disagreement on name, birth or home."""
    return (
        _given_agree(a.first, a.group, b.first, b.group)
        and _near(a.last, b.last)
        and _near(a.birth, b.birth)
        and (a.home is None or b.home is None or _one_entrance(a.home, b.home))
    )


def _one_entrance(a: tuple[str | None, str, str], b: tuple[str | None, str, str]) -> bool:
    """The same house number in the same postcode, or on streets at most two keystrokes apart.

    Two keystrokes, not one: a cluster's homes are compared in all pairs,
    and two writings that each mistype the street once (without a postcode
    to vouch for them) are two keystrokes apart from each other.
    """
    return a[2] == b[2] and (
        (a[0] is not None and a[0] == b[0]) or _keystrokes_within(a[1], b[1], STREET_KEYSTROKES)
    )


def _given_agree(first: str | None, group: str | None, other: str | None, its: str | None) -> bool:
    return not (first and other) or group == its or _one_keystroke(first, other)


def _near(a: str | None, b: str | None) -> bool:
    return not (a and b) or _one_keystroke(a, b)


class _Profile:
    """What a cluster's records say: names counted, birth dates, homes, phones."""

    __slots__ = ("births", "common", "crowded", "givens", "homes", "lasts", "phones", "rows")

    def __init__(self, traits: Traits) -> None:
        self.givens: Counter[tuple[str, str | None]] = Counter()
        self.lasts: Counter[str] = Counter()
        self.births: set[str] = set()
        self.homes: set[tuple[str | None, str, str]] = set()
        self.phones: set[str] = set(traits.phones)
        self.rows = 1  # distinct records in the cluster
        self.crowded = traits.crowded  # lives at a crowded entrance
        self.common = traits.common  # bears a common name
        if traits.home:
            self.homes.add(traits.home)
        if traits.first:
            self.givens[(traits.first, traits.group)] += 1
        if traits.last:
            self.lasts[traits.last] += 1
        if traits.birth:
            self.births.add(traits.birth)

    def update(self, other: _Profile) -> None:
        self.givens.update(other.givens)
        self.lasts.update(other.lasts)
        self.births.update(other.births)
        self.homes.update(other.homes)
        self.phones.update(other.phones)
        self.rows += other.rows
        self.crowded = self.crowded or other.crowded
        self.common = self.common or other.common

    def agrees(self, other: _Profile, *, vouched: bool = False) -> bool:
        if self.givens and other.givens:
            (first, group), (its_first, its_group) = _usual(self.givens), _usual(other.givens)
            if not _given_agree(first, group, its_first, its_group):
                return False
        if self.lasts and other.lasts and not _near(_usual(self.lasts), _usual(other.lasts)):
            return False
        if not all(_near(a, b) for a in self.births for b in other.births):
            return False
        if not all(_one_entrance(a, b) for a in self.homes for b in other.homes):
            return False
        return not (
            _name_only_namesakes(self, other, vouched=vouched)
            or _name_only_namesakes(other, self, vouched=vouched)
        )

    def known_only_by_birth(self) -> bool:
        return bool(self.births) and not self.homes


def _name_only_namesakes(homed: _Profile, born: _Profile, *, vouched: bool = False) -> bool:
    """Whether ``homed`` and ``born`` are likely namesakes that only a name links.

    A drop's label (a cluster at a crowded entrance) is not the person of
    that name known by a birth date elsewhere; nor, under a common name, is
    a cluster known by a home and no birth date the one known by a birth
    date and no home, unless they share a phone. All homes of a cluster are
    one entrance (``_one_entrance``), so one crowded home makes it a drop's.
    A link ``vouched`` for by a housemate (``resolve.housemates``) is such
    evidence when ``born`` holds at most ``HOUSEMATE_ROWS`` records.
    """
    if not born.known_only_by_birth():
        return False
    if vouched and born.rows <= HOUSEMATE_ROWS:
        return False
    if homed.crowded:
        return True
    return (
        homed.common and bool(homed.homes) and not homed.births and not (homed.phones & born.phones)
    )


def _usual(counts: Counter[_T]) -> _T:
    """The value counted most often; of equals the greatest, so that ties are decided alike."""
    return max(counts.items(), key=lambda item: (item[1], item[0]))[0]


@lru_cache(maxsize=65_536)
def _keystrokes_within(a: str, b: str, limit: int) -> bool:
    """Whether at most ``limit`` letters dropped, added, changed or swapped turn ``a`` into ``b``.

    The optimal-string-alignment distance, computed only along the diagonal
    band that a distance of ``limit`` allows.
    """
    if a == b:
        return True
    if abs(len(a) - len(b)) > limit:
        return False
    far = limit + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [far] * len(b)
        for j in range(max(1, i - limit), min(len(b), i + limit) + 1):
            cost = a[i - 1] != b[j - 1]
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, before[j - 2] + 1)
            current[j] = min(best, far)
        if min(current) > limit:
            return False
        before, previous = previous, current
    return previous[len(b)] <= limit


@lru_cache(maxsize=65_536)
def _one_keystroke(a: str, b: str) -> bool:
    """Equal, or one letter dropped, added, changed, or two neighbours swapped."""
    return a == b or one_edit_apart(a, b)


class _Forest:
    """Union-find over records, with each cluster's personal number, traits and negatives."""

    def __init__(self, personal_numbers: Sequence[str | None], traits: Sequence[Traits]) -> None:
        self.parent = list(range(len(personal_numbers)))
        self.number: dict[int, str] = {i: n for i, n in enumerate(personal_numbers) if n}
        self.own = traits  # each record's traits; a cluster's profile is made as it grows
        self.profiles: dict[int, _Profile] = {}
        self.against: dict[int, set[int]] = {}

    def find(self, item: int) -> int:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def forbid(self, a: int, b: int) -> None:
        self.against.setdefault(a, set()).add(b)
        self.against.setdefault(b, set()).add(a)

    def may_join(self, a: int, b: int, *, forced: bool = False, vouched: bool = False) -> bool:
        first, second = self.number.get(a), self.number.get(b)
        if first and second and first != second:
            return False
        if not forced and not self._agree(a, b, vouched=vouched):
            return False
        if not self.against:
            return True
        small, large = sorted((a, b), key=lambda root: len(self.against.get(root, ())))
        return all(self.find(other) != large for other in self.against.get(small, ()))

    def _profile(self, root: int) -> _Profile | None:
        profile = self.profiles.get(root)
        if profile is None and self.own[root] is not NO_TRAITS:
            profile = self.profiles[root] = _Profile(self.own[root])
        return profile

    def _agree(self, a: int, b: int, *, vouched: bool = False) -> bool:
        left, right = self._profile(a), self._profile(b)
        return left is None or right is None or left.agrees(right, vouched=vouched)

    def join(self, a: int, b: int) -> None:
        keep, drop = (a, b) if a < b else (b, a)
        self.parent[drop] = keep
        if drop in self.number:
            self.number[keep] = self.number.pop(drop)
        dropped = self._profile(drop)
        if dropped is not None:
            kept = self._profile(keep)
            if kept is None:
                self.profiles[keep] = dropped
            else:
                kept.update(dropped)
            del self.profiles[drop]
        if drop in self.against:
            self.against.setdefault(keep, set()).update(self.against.pop(drop))


def cluster(
    *,
    records: int,
    pairs: Iterable[Pair],
    personal_numbers: Sequence[str | None] | None = None,
    positive: Iterable[tuple[int, int]] = (),
    negative: Iterable[tuple[int, int]] = (),
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    traits: Sequence[Traits] | None = None,
    co_reported: Iterable[tuple[int, int]] = (),
    housemates: Iterable[tuple[int, int]] = (),
    reports: Sequence[Sequence[int]] = (),
) -> Clustering:
    """Cluster ``records`` records (numbered from 0) from scored pairs and judgements.

    ``personal_numbers[i]`` is record ``i``'s personal-number key or None;
    records sharing one are linked before any scored pair. ``traits[i]`` is
    what record ``i`` says of name, birth and home (none: nothing to disagree on).
    ``co_reported`` pairs (a bare name and its namesake in one report) are
    offered next, under the rules, as links of strength ``CO_REPORTED_LINK``.
    ``housemates`` pairs (a record without address and its name at a
    housemate's home, ``resolve.housemates``) are offered after the scored
    pairs as links of strength ``HOUSEMATE_LINK`` that a small cluster known
    only by a birth date may take despite the name-only rule. ``reports``
    are the records of each report with two or more (``resolve.
    reported_together``, as rows): the persons a bare name is written with
    (``_join_correspondents``).
    """
    numbers = list(personal_numbers) if personal_numbers is not None else [None] * records
    forest = _Forest(numbers, traits if traits is not None else [NO_TRAITS] * records)
    judged_negative = {_ordered(a, b) for a, b in negative}
    for a, b in judged_negative:
        forest.forbid(a, b)
    result = Clustering(cluster_of=[])
    forced = [*_shared_numbers(numbers), *(_ordered(a, b) for a, b in positive)]
    for a, b in forced:
        _offer(forest, result, Pair(a, b, FORCED), judged_negative, forced=True)
    if thresholds.auto_link <= CO_REPORTED_LINK:
        for a, b in co_reported:
            _offer(forest, result, Pair(*_ordered(a, b), CO_REPORTED_LINK), judged_negative)
    held: list[Pair] = []
    previous = FORCED
    for pair in pairs:
        if pair.probability > previous:
            raise ValueError("scored pairs must come strongest first")
        previous = pair.probability
        if pair.probability < thresholds.review:
            break
        if pair.probability < thresholds.auto_link:
            if _ordered(pair.left, pair.right) not in judged_negative:
                held.append(pair)
            continue
        _offer(forest, result, pair, judged_negative)
    if thresholds.auto_link <= HOUSEMATE_LINK:
        for a, b in housemates:
            _offer(
                forest, result, Pair(*_ordered(a, b), HOUSEMATE_LINK), judged_negative, vouched=True
            )
    if thresholds.auto_link <= CORRESPONDENT_LINK:
        _join_correspondents(forest, reports)
    if thresholds.auto_link <= BARE_NAME_LINK:
        _join_bare_names(forest)
    result.cluster_of = [forest.find(i) for i in range(records)]
    result.review = [p for p in held if forest.find(p.left) != forest.find(p.right)]
    return result


def _offer(
    forest: _Forest,
    result: Clustering,
    pair: Pair,
    negative: set[tuple[int, int]],
    *,
    forced: bool = False,
    vouched: bool = False,
) -> None:
    """Join the pair's clusters unless a judgement, two personal numbers or traits forbid it."""
    a, b = forest.find(pair.left), forest.find(pair.right)
    if a == b or (negative and _ordered(pair.left, pair.right) in negative):
        return
    if forest.may_join(a, b, forced=forced, vouched=vouched):
        forest.join(a, b)
    else:
        result.refused.append(pair)


def _join_bare_names(forest: _Forest) -> None:
    """Join each cluster of bare names to the one cluster that bears its name with more.

    A record that gives nothing but a name ("Leila Ahmed" collecting a
    parcel) scores alike against every namesake, and in a large world
    namesakes are common, so no pair of records says whom it names. The
    clusters do: when exactly one cluster holds records that give this name
    (its given-name group and family name) together with something more
    (a birth date, a phone, an address), the bare name is taken to be that
    person. Under two or more such namesakes it joins the one whose records
    (distinct rows) give the name ``BARE_NAME_DOMINANCE`` times as often as
    the next one's: a busy person against a typo's fragment or a namesake
    written once; among namesakes written alike it stays apart. The join
    obeys judgements and the disagreement rules like any other
    (``_Forest.may_join``); ``cluster`` makes it only when the auto-link
    threshold is at or below ``BARE_NAME_LINK``, the rule's measured
    precision.
    """
    roots = [forest.find(record) for record in range(len(forest.parent))]
    dressed = {root for root, traits in zip(roots, forest.own, strict=True) if not traits.bare}
    bearers: dict[tuple[str | None, str], Counter[int]] = {}
    names: dict[int, set[tuple[str | None, str]]] = {}
    for root, traits in zip(roots, forest.own, strict=True):
        if traits.last is None:
            continue
        name = (traits.group, traits.last)
        if root in dressed:
            bearers.setdefault(name, Counter())[root] += 1
        else:
            names.setdefault(root, set()).add(name)
    for root, written in names.items():
        candidates = bearers.get(next(iter(written)), Counter()) if len(written) == 1 else Counter()
        ranked = candidates.most_common(2)
        if len(ranked) == 1 or (
            len(ranked) == 2 and ranked[0][1] >= BARE_NAME_DOMINANCE * ranked[1][1]
        ):
            bearer = ranked[0][0]
            home, other = forest.find(root), forest.find(bearer)
            if home != other and forest.may_join(home, other):
                forest.join(home, other)


def _join_correspondents(forest: _Forest, reports: Sequence[Sequence[int]]) -> None:
    """Join a cluster of bare names to its namesake written beside the same person elsewhere.

    A letter handed in by Simon Karlsson to "Marie Åberg", no address,
    names her alone; among several dressed Marie Åbergs nothing in the
    record says which. The people she is written with do: when Simon
    Karlsson's cluster appears in another report beside a record of her
    name written with more (his parcel to Marie Åberg at her address), and
    exactly one such namesake cluster is found through all the persons
    written with her, the bare name is taken to be that one. Correspondents
    keep writing to the same people; namesakes seldom share a correspondent.
    In a country world (seed 3) 0.99 of such joins were right (1,928
    records of 1,939), F1 0.9701 -> 0.9713 (P 0.9843 -> 0.9845); small seed
    1 0.9854 -> 0.9863, medium seed 2 0.9816 -> 0.9820, seed 4 0.9792 ->
    0.9798. ``reports`` are the rows of each report with two records or
    more; the join obeys judgements and the disagreement rules
    (``_Forest.may_join``) and comes before ``_join_bare_names``, whose
    counting of namesakes is the weaker evidence. Dressed clusters are not
    joined this way: two dressed namesakes written beside one person are as
    often two people (a birth-only and a home-only namesake: 0.95 right by
    record, but the wrong joins are large, P 0.9845 -> 0.9827).
    """
    roots = [forest.find(record) for record in range(len(forest.parent))]
    own = forest.own
    dressed = {root for root, traits in zip(roots, own, strict=True) if not traits.bare}
    names: dict[int, set[tuple[str | None, str]]] = {}
    for root, traits in zip(roots, own, strict=True):
        if traits.bare and root not in dressed and traits.last is not None:
            names.setdefault(root, set()).add((traits.group, traits.last))
    reports_of: dict[int, list[int]] = {}
    for number, rows in enumerate(reports):
        for root in {roots[row] for row in rows}:
            reports_of.setdefault(root, []).append(number)
    for root, written in names.items():
        if len(written) != 1:
            continue
        name = next(iter(written))
        found: set[int] = set()
        for number in reports_of.get(root, ()):
            for partner in {roots[row] for row in reports[number]} - {root}:
                for other in reports_of[partner]:
                    if other == number:
                        continue
                    for row in reports[other]:
                        traits = own[row]
                        if (
                            not traits.bare
                            and traits.last == name[1]
                            and traits.group == name[0]
                            and roots[row] not in (root, partner)
                        ):
                            found.add(roots[row])
        if len(found) == 1:
            home, bearer = forest.find(root), forest.find(found.pop())
            if home != bearer and forest.may_join(home, bearer):
                forest.join(home, bearer)


def _ordered(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def _shared_numbers(numbers: Sequence[str | None]) -> Iterable[tuple[int, int]]:
    """A chain of links through the records of each personal number."""
    first: dict[str, int] = {}
    for index, number in enumerate(numbers):
        if not number:
            continue
        if number in first:
            yield first[number], index
        else:
            first[number] = index
