"""Identifiers a slip of the hand kept apart, and when to bring them together.

Keys link every writing of an identifier without fail, but a mistyped digit
makes another key, or none. These rules bring such mentions back, each with
a reason an analyst can read and check:

- **repair**: a written value its kind refuses (a wrong check digit, an
  impossible number) that one slip away is exactly one identifier already
  known. The writing is certainly wrong, so the one known neighbour is taken;
  of several, the one its report ties it to as the near-key rules tie two
  keys (``repairs_tied``), if exactly one.
- **near key**: two valid keys one slip apart are the same only when their
  reports corroborate it: they also share another identifier or a person's
  name (a nickname alone is too common to count; postal items need nothing:
  ``SPARSE_KINDS``); phones also when one was written at a post agent's
  counter where the other is written too, and at no other
  (``counter_token``); plates also when one side's report names the
  person or company the vehicle register gives as the other plate's keeper
  (``register_tokens``). A valid number one digit off may be someone else's
  (numbers are dense; two plates one digit apart both exist), so without
  that the pair is left apart: measured, uncorroborated merges of plates
  cost more precision than they gain recall.
- **town**: an address written without a postcode ("Storgatan 7,
  Sundsvall") is the known address with that street (or, failing that, a
  street one letter from it), number and town, if exactly one is known.
- **company name**: a company's name joins the organisation number written
  with it in the same subject; a company written by name alone joins the
  one company known by that name (``identifiers.company_name``), and stays
  alone when two companies bear it.
- **network**: a plate only ever written by hand that the vehicle
  register does not know, one slip from exactly one registered plate
  known, when a report one step away ties the two (``network_tied``).
- **street**: two address keys with the same country, postcode and house
  number whose street names are one letter apart (dropped, doubled, changed
  or swapped): one building entrance, written with a typo. Measured on
  generated worlds with no false merge, so no corroboration is asked.

Invariant: the rules here are pure; ``entities.near`` applies them to the
database as reports arrive and nightly, ``near_key_clusters`` to a whole
generated world for evaluation. Both use ``repair_candidates``,
``near_candidates`` and ``corroborated``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from samverkan.identifiers import InvalidIdentifier, normalise
from samverkan.identifiers.address import street_and_town
from samverkan.identifiers.near import keystroke_variants, lookalike_variants, one_edit_apart

# Refusals that say the writing itself is wrong (not that it is missing or
# from the other country): only these are repaired.
REPAIRABLE_PROBLEMS = frozenset({"checksum", "date", "format", "invalid", "length"})
# Kinds whose valid keys are few among all possible ones, so that a known key
# one slip from another is a slip, not a neighbour: a postal item's S10 id
# carries a check digit and is issued once in a series of 10^8 numbers; a
# slip that keeps the check digit right is rare, another known item one slip
# away rarer still. Measured: no false merge in any generated world.
SPARSE_KINDS = frozenset({"postal_item"})
Token = tuple[str, str]
Known = Callable[[set[str]], set[str]]
StreetTown = tuple[str, str, str, str]
# Known address keys of a country with a house number, and the towns written with each.
KnownStreets = Callable[[tuple[str, str]], dict[str, set[str]]]


def slip_variants(kind: str, text: str) -> set[str]:
    """Writings one slip from ``text``: a keystroke, or for a plate also a misread character."""
    variants = keystroke_variants(text)
    if kind == "plate":
        variants |= lookalike_variants(text)
    return variants


def repair_candidates(kind: str, raw: str, *, region: str | None, known: Known) -> set[str]:
    """Known keys one slip from a written value its kind refused."""
    keys = set()
    hint = region if kind == "phone" else None
    for variant in slip_variants(kind, raw):
        try:
            keys.add(normalise(kind, variant, region=hint).key)
        except InvalidIdentifier:
            continue
    return known(keys) if keys else set()


def near_candidates(kind: str, key: str, *, known: Known) -> set[str]:
    """Known keys one slip from a valid key (addresses: see ``street_neighbours``).

    A plate's variants are read again as plates of either country: a
    camera that reads "UTT 115" as "UT1 115" makes a valid Norwegian plate
    (UT 1115) of a Swedish one.
    """
    if kind == "address":
        return set()
    if kind == "plate":
        return known(_plate_keys(slip_variants(kind, _plate_text(key))) - {key})
    return known(keystroke_variants(key) - {key})


def misread_apart(key: str, other: str) -> bool:
    """Whether two plate keys are one character of like shape apart: a camera's misreading."""
    return other in _plate_keys(lookalike_variants(_plate_text(key)))


def _plate_text(key: str) -> str:
    return key.split(":", 1)[1]


def _plate_keys(texts: Iterable[str]) -> set[str]:
    keys = set()
    for text in texts:
        try:
            keys.add(normalise("plate", text).key)
        except InvalidIdentifier:
            continue
    return keys


def town_candidates(raw: str, *, region: str | None, known: KnownStreets) -> set[str]:
    """Known address keys with the street, number and town of an address without postcode.

    Read in both countries, not only the report's: a Swedish officer writes
    down a Norwegian address too, and the town has to match as well. A
    street written with one letter wrong is taken only when no known street
    of that town and number is written exactly so. A big town has the same
    street name at several postcodes: the caller then keeps those whose
    reports share something with the mention's (``corroborated``).
    """
    exact, near = set(), set()
    for country in dict.fromkeys([region, "SE", "NO"]):
        parts = street_and_town(raw, region=country)
        if parts is None:
            continue
        country_read, street, number, town = parts
        for key, towns in known((country_read, number)).items():
            if town not in towns:
                continue
            known_street = key.split(":")[2]
            if known_street == street:
                exact.add(key)
            elif one_edit_apart(known_street, street):
                near.add(key)
    return exact or near


def address_prefix(key: str) -> str:
    """The part of an address key a street typo leaves alone: "SE:12345:"."""
    country, postcode, _street, _number = key.split(":")
    return f"{country}:{postcode}:"


# Norwegian street-type endings a key writes one way ("veien", "gata") and
# writers several: a typo in "Bjørkevegen" is one letter from "vegen", not "veien".
_NORWEGIAN_FORMS = {"veien": ("veien", "vegen", "veg", "vei"), "gata": ("gata", "gate", "gaten")}


def _written_forms(street: str) -> set[str]:
    """A keyed street and the ways its Norwegian ending is written."""
    for ending, forms in _NORWEGIAN_FORMS.items():
        if street.endswith(ending):
            stem = street[: -len(ending)]
            return {stem + form for form in forms}
    return {street}


def street_neighbours(key: str, others: Iterable[str]) -> set[str]:
    """Among ``others`` (same prefix), the address keys one letter of street name from ``key``."""
    country, _postcode, street, number = key.split(":")
    mine = _written_forms(street) if country == "NO" else {street}
    found = set()
    for other in others:
        _, _, other_street, other_number = other.split(":")
        if other_number != number or other == key:
            continue
        theirs = _written_forms(other_street) if country == "NO" else {other_street}
        if any(one_edit_apart(a, b) for a in mine for b in theirs):
            found.add(other)
    return found


def context_tokens(mentions: Iterable[tuple[str, str, str]]) -> set[Token]:
    """What one report says besides an identifier: its keyed mentions (kind, key).

    ``mentions`` are (kind, key, raw). Names count through their keys (a
    person's name folded); nicknames do not: measured on a country-sized
    world, two numbers one slip apart whose reports shared only a nickname
    were different numbers in 31 of 93 cases ("Kalle" is everywhere).
    """
    return {(kind, key) for kind, key, _raw in mentions if key}


NICKNAME_TOWARDS = "nickname_towards"


def nickname_tokens(*, nicknames: Iterable[str], route: object) -> set[Token]:
    """A report's nicknames, each bound to the town its courier was heading for.

    A nickname alone is too common to count (``context_tokens``), but a
    network sends its couriers to one town, and in one town's market a
    backer is known to couriers by a nickname. Two numbers one slip apart,
    each named beside the same nickname by couriers heading for the same
    town (``route.destination``: its country and municipality), are one
    backer's number. A report without a destination town holds none.

    Only phones: on a country-sized world the same tokens joined plates of
    different cars (vehicles fell from 0.9980 to 0.9976), while phones rose
    from 0.9988 to 0.9990 with precision unchanged.
    """
    destination = route.get("destination") if isinstance(route, dict) else None
    if not isinstance(destination, dict) or not destination.get("municipality_code"):
        return set()
    town = f"{destination.get('country', '')}:{destination['municipality_code']}"
    folded = {" ".join(name.casefold().split()) for name in nicknames}
    return {(NICKNAME_TOWARDS, f"{name}|{town}") for name in folded if name}


SIGHTING = "sighting"
# Two reports from one place this many minutes apart or less tell of one moment.
SIGHTING_MINUTES = 10


def sighting_tokens(*, occurred_at: datetime, place: str) -> set[Token]:
    """When and where a report's subjects were seen, as tokens reports of one moment share.

    A car crossing the border is read by the cameras on both sides at once;
    if one of them misreads a character, the other's reading says which car
    it was, for no other car with a plate one character off passes there in
    the same minutes. Each report holds its ten-minute window and the next,
    so two readings at one place up to ten minutes apart always share a
    token (up to twenty may). The place is the report's place as named
    (a border crossing, a town); a report without one holds no token.
    """
    where = " ".join(place.casefold().split())
    if not where:
        return set()
    window = int(occurred_at.timestamp()) // (60 * SIGHTING_MINUTES)
    return {(SIGHTING, f"{where}@{window}"), (SIGHTING, f"{where}@{window + 1}")}


POSTED = "posted"
KEEPS = "keeps"
REGISTERED = "registered"
# Tokens that tie only by their own rule: phones by "nickname" and "counter",
# plates by "keeper"; never as a shared identifier.
RULE_TOKENS = frozenset({NICKNAME_TOWARDS, POSTED, KEEPS, REGISTERED})


def register_tokens(*, kept: Iterable[str], registered: Iterable[str]) -> set[Token]:
    """What the vehicle register says of a report: plates its keepers keep, its plates known.

    ``kept`` are the plate keys registered to a personal or organisation
    number the report writes (``registers.selectors.plates_kept_by``);
    ``registered`` are the report's own plate keys that the register knows
    (``registers.selectors.plates_registered``). A plate the register does
    not know, written one slip from a plate whose keeper the same report
    names, is that plate (``kept_by_one_named``): a traveller's own car, a
    company's van. The register is public in both countries, so the rule
    shows no reader anything they could not look up.
    """
    return {(KEEPS, plate) for plate in kept} | {(REGISTERED, plate) for plate in registered}


def counter_token(agent: str) -> Token:
    """The counter of the post agent ``agent`` (its organisation code), for its reports.

    A sender hands letters in at one agent near home, letter after letter
    under other names, and the agent writes down the number that paid the
    postage; a recipient collects at the agent near the drop and leaves a
    number for the notice. A number one slip from a number written at the
    same counter is that number. The agent, not its name, is the counter:
    a chain's shop names repeat across a country (one country-sized world
    had 920 names borne by two or more agents, and keying by name joined
    strangers' numbers). A terminal or a border crossing is no counter:
    two travellers' numbers one digit apart do pass one crossing.

    The counter ties two phones only when one of the two numbers was written
    at that one counter and no other (``at_one_counter``): a slip happens
    once, while two regular numbers of one town are both left at many of
    its shops. In a country-sized world, two keepers' numbers one digit
    apart, each left at seven of the same Oslo shops, were otherwise joined
    (51 and 62 mentions: three thousand false pairs). As reports arrive the
    newer number is always at one counter so far, so the database merges
    by the rule "counter" and the nightly sweep splits the merge back once
    both numbers are written at two counters or more
    (``entities.near.counter_merges_undone``).
    """
    return (POSTED, agent)


def slip_rule(kind: str, key: str, other: str, mine: set[Token], theirs: set[Token]) -> str | None:
    """The rule that makes two valid keys one slip apart one entity, or none.

    "slip" (corroborated), "misread" (a camera's, at one moment), and for
    phones "nickname" (``nickname_tokens``) or "counter" (``counter_token``).

    ``mine`` and ``theirs`` are what the two keys' reports hold besides them.
    Plates also "keeper" (``register_tokens``).
    """
    if slip_needs_nothing_more(kind, key, other) or corroborated(mine, theirs):
        return "slip"
    if kind == "plate" and misread_apart(key, other) and corroborated(mine, theirs, moment=True):
        return "misread"
    if kind == "plate" and kept_by_one_named(key, other, mine, theirs):
        return "keeper"
    return phone_rule(kind, mine, theirs)


def kept_by_one_named(key: str, other: str, mine: set[Token], theirs: set[Token]) -> bool:
    """Whether one side is a plate the register does not know, beside the other's keeper.

    A plate the register knows is a car of its own, whoever its reports
    name: two registered cars are never joined by their keepers.
    """
    return ((KEEPS, other) in mine and (REGISTERED, key) not in mine) or (
        (KEEPS, key) in theirs and (REGISTERED, other) not in theirs
    )


def phone_rule(kind: str, mine: set[Token], theirs: set[Token]) -> str | None:
    """ "nickname" or "counter" when two phones' reports tie them so, else None."""
    if kind == "phone" and named_alike_towards_one_town(mine, theirs):
        return "nickname"
    if kind == "phone" and at_one_counter(mine, theirs):
        return "counter"
    return None


def repairs_tied(kind: str, mine: set[Token], theirs: dict[str, set[Token]]) -> set[str]:
    """Of several known repairs of a refused writing, those its report ties it to.

    ``mine`` is what the refused writing's report holds, ``theirs`` what
    each candidate's other reports hold. The writing is certainly a slip of
    one of the candidates. A plate whose registered keeper the report names
    is taken first; otherwise the rules that tie two valid keys decide, for
    a plate also a sighting at one place and time (two cars one slip apart
    passing one crossing minutes apart both tie, and then neither is taken).
    """
    if kind == "plate":
        named = {candidate for candidate in theirs if (KEEPS, candidate) in mine}
        if named:
            return named
    moment = kind == "plate"
    return {
        candidate
        for candidate, tokens in theirs.items()
        if corroborated(mine, tokens, moment=moment) or phone_rule(kind, mine, tokens) is not None
    }


# Observation sources whose plates a machine read, not a hand wrote.
MACHINE_SOURCES = frozenset({"camera", "number_plate_reader"})


def read_by_machine(payload: dict[str, Any]) -> bool:
    """Whether a report's plates were read by a camera (an observation from a plate reader)."""
    return (payload.get("observation") or {}).get("source") in MACHINE_SOURCES


def lone_reading_match(key: str, *, known: Known) -> str | None:
    """The one known plate that a plate read once, by a camera, is a misreading of.

    A camera reading whose plate nobody else ever wrote or read, one
    character of like shape from exactly one known plate, is taken as that
    plate misread. Measured on a country-sized world: 4,378 of 4,417 such
    readings were (99.1 %); the others were a car seen once whose plate
    happens to look like a known one. Two known look-alikes: left alone.
    """
    found = known(_plate_keys(lookalike_variants(_plate_text(key))) - {key})
    return found.pop() if len(found) == 1 else None


def unregistered_reading_match(key: str, *, known_registered: Known) -> str | None:
    """The one registered plate that a camera's reading of a plate no register knows misreads.

    ``known_registered`` gives those of some plate keys that are known and
    registered; the register must not know ``key`` itself. Read once or a
    hundred times, a plate the register does not know, one character of
    like shape from exactly one registered plate, is that plate misread by
    the same camera again and again (a worn plate, a dirty lens). A foreign
    plate of the same form (a Finnish ABC-123) would pass too: measured on
    generated worlds, which hold none.
    """
    return lone_reading_match(key, known=known_registered)


def unregistered_slip_match(key: str, *, known_registered: Known) -> str | None:
    """The one registered plate that a hand's writing of a plate no register knows slipped from.

    ``known_registered`` gives those of some plate keys that are known and
    registered; the register must not know ``key`` itself. A plate only
    ever written by hand, once or twice (``NETWORK_WRITINGS``), that no
    register knows, one slip from exactly one registered plate known here,
    is that plate's candidate. It is joined
    only when the report's network ties the two (``network_tied``): a
    foreign car (a Danish AB 12 345 has a Norwegian plate's form, a
    Lithuanian ABC 123 a Swedish one) is unregistered too, and at a
    national scale some known plate is one slip from nearly any plate.
    """
    found = near_candidates("plate", key, known=known_registered)
    return found.pop() if len(found) == 1 else None


# The rule "network" holds for a plate written this many times at most: the
# nightly sweep looks again at keys so rare (``entities.sweep.RARE``), and a
# hand makes the same slip twice ("854" as "845") but seldom more.
NETWORK_WRITINGS = 2


def plain_tokens(tokens: Iterable[Token]) -> set[Token]:
    """The tokens that tie as shared identifiers or names: no rule's, no sighting."""
    return {token for token in tokens if token[0] not in RULE_TOKENS and token[0] != SIGHTING}


def network_tied(reach: set[Token], theirs: set[Token]) -> bool:
    """Whether the reports one step from a report share an identifier or name with ``theirs``.

    ``reach`` is what the reports holding one of a report's identifiers or
    names hold (not the report itself): the surveillance of an address,
    the intelligence report that gives the address as a backer's, and the
    courier statements naming the backer beside his car. Two steps tie
    many reports in a network, so this counts only for a plate the
    register does not know (``unregistered_slip_match``). Measured on the
    small, medium and country worlds: of 4,230 pairs of registered cars one
    slip apart whose reports share no identifier or name, two steps tied 4;
    of 129 unregistered slips so tied in all four worlds, all were their car.
    """
    return bool(plain_tokens(reach) & plain_tokens(theirs))


def slip_needs_nothing_more(kind: str, key: str, other: str) -> bool:
    """Whether two keys one slip apart are the same without corroboration.

    Only for ``SPARSE_KINDS``, and only when the slip is in the digits: a
    postal item "RR…SE" and "RR…ES" are two posts' items.
    """
    if kind not in SPARSE_KINDS or len(key) != len(other):
        return False
    return all(a == b for a, b in zip(key, other, strict=True) if not (a.isdigit() and b.isdigit()))


def corroborated(mine: set[Token], theirs: set[Token], *, moment: bool = False) -> bool:
    """Whether two identifiers' reports also share another identifier or a name.

    With ``moment``, a sighting at one place and time counts too: only for
    two plates a camera can misread one as the other (``misread_apart``).
    Two plates a keystroke apart are not, for two cars whose plates differ
    in one digit do pass one crossing minutes apart: measured once in a
    medium-sized world, where it joined two network cars.
    """
    shared = mine & theirs
    return bool(plain_tokens(shared)) or (moment and any(t[0] == SIGHTING for t in shared))


def named_alike_towards_one_town(mine: set[Token], theirs: set[Token]) -> bool:
    """Whether two sides were each named beside one nickname, towards one town."""
    return any(token[0] == NICKNAME_TOWARDS for token in mine & theirs)


def at_one_counter(mine: set[Token], theirs: set[Token]) -> bool:
    """Whether one side was written at a post agent's counter only, where the other is too."""
    return any(token[0] == POSTED for token in mine & theirs) and 1 in (
        _counters(mine),
        _counters(theirs),
    )


def _counters(tokens: set[Token]) -> int:
    return sum(token[0] == POSTED for token in tokens)


# ------------------------------------------------------------- a whole world


@dataclass(frozen=True, slots=True)
class KeyMention:
    """One identifier mention as the rules see it; ``report`` numbers its report."""

    kind: str
    key: str
    raw: str
    problem: str
    region: str | None
    report: int
    # The subject within the report ("s1"): what a company's name is written with.
    subject: str = ""
    # Read by a camera (``read_by_machine``), not written by a hand.
    machine: bool = False


COMPANY_NAME = "company_name"
ORGANISATION_NUMBER_KINDS = frozenset({"se_org_number", "no_org_number"})


def near_key_clusters(mentions: Sequence[KeyMention], contexts: Sequence[set[Token]]) -> list[str]:
    """A cluster label per mention: its key, joined with near keys by the three rules.

    ``contexts[r]`` holds the keyed mentions (kind, key) of report ``r``.
    A mention refused without a repair is a cluster of its own.
    """
    support: dict[tuple[str, str], set[int]] = defaultdict(set)
    for mention in mentions:
        if mention.key and mention.kind != COMPANY_NAME:
            support[(mention.kind, mention.key)].add(mention.report)
    keys_of_kind: dict[str, set[str]] = defaultdict(set)
    by_prefix: dict[str, set[str]] = defaultdict(set)
    for kind, key in support:
        keys_of_kind[kind].add(key)
        if kind == "address":
            by_prefix[address_prefix(key)].add(key)
    streets: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for mention in mentions:
        if mention.kind == "address" and mention.key:
            parts = street_and_town(mention.raw, region=mention.region)
            if parts is not None:
                streets[(parts[0], parts[2])][mention.key].add(parts[3])
    parent: dict[str, str] = {}

    def find(label: str) -> str:
        root = label
        while parent.get(root, root) != root:
            root = parent[root]
        while label != root:
            parent[label], label = root, parent.get(label, label)
        return root

    def join(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    def context(kind: str, key: str, reports: Iterable[int]) -> set[Token]:
        tokens: set[Token] = set()
        for report in reports:
            tokens |= contexts[report]
        tokens.discard((kind, key))
        return tokens

    labels = []
    for index, mention in enumerate(mentions):
        kind, key = mention.kind, mention.key
        if kind == COMPANY_NAME:
            labels.append(f"name:{index}")
            continue
        if key:
            labels.append(f"{kind}:{key}")
            continue
        label = f"refused:{index}"
        labels.append(label)
        repaired: set[str] = set()
        if mention.problem in REPAIRABLE_PROBLEMS:
            repaired = repair_candidates(
                kind, mention.raw, region=mention.region, known=keys_of_kind[kind].__and__
            )
        elif kind == "address" and mention.problem == "missing_postcode":
            repaired = town_candidates(
                mention.raw, region=mention.region, known=lambda street: streets.get(street, {})
            )
        if len(repaired) > 1:
            mine = contexts[mention.report]
            # Not the writing's own report: what it holds ties it to nothing else.
            repaired = repairs_tied(
                kind,
                mine,
                {
                    other: context(kind, other, support[(kind, other)] - {mention.report})
                    for other in repaired
                },
            )
        if len(repaired) == 1:
            join(label, f"{kind}:{repaired.pop()}")
    for (kind, key), reports in support.items():
        if kind == "address":
            for other in street_neighbours(key, by_prefix[address_prefix(key)] - {key}):
                join(f"{kind}:{key}", f"{kind}:{other}")
            continue
        candidates = near_candidates(kind, key, known=keys_of_kind[kind].__and__)
        if not candidates:
            continue
        mine = context(kind, key, reports)
        for other in candidates:
            theirs = context(kind, other, support[(kind, other)])
            if slip_rule(kind, key, other, mine, theirs):
                join(f"{kind}:{key}", f"{kind}:{other}")
    registered = {token[1] for tokens in contexts for token in tokens if token[0] == REGISTERED}
    _lone_plates(
        mentions,
        labels,
        find,
        join,
        known=keys_of_kind["plate"].__and__,
        registered=registered,
        network=_Network(
            contexts,
            reports=lambda key: support[("plate", key)],
            theirs=lambda key: context("plate", key, support[("plate", key)]),
        ),
    )
    _company_names(mentions, labels, find, join)
    return [find(label) for label in labels]


class _Network:
    """A world's reports one step from a plate's, and what a plate's reports hold."""

    def __init__(
        self,
        contexts: Sequence[set[Token]],
        *,
        reports: Callable[[str], set[int]],
        theirs: Callable[[str], set[Token]],
    ):
        self.contexts = contexts
        self.reports = reports
        self.theirs = theirs
        self._holding: dict[Token, list[int]] | None = None

    def tied(self, key: str, other: str) -> bool:
        """Whether a report one step from ``key``'s ties it to ``other`` (``network_tied``)."""
        return network_tied(self.reach(self.reports(key)), self.theirs(other))

    def reach(self, reports: set[int]) -> set[Token]:
        """What the other reports holding one of ``reports``' identifiers or names hold."""
        if self._holding is None:
            holding: dict[Token, list[int]] = defaultdict(list)
            for index, tokens in enumerate(self.contexts):
                for token in plain_tokens(tokens):
                    holding[token].append(index)
            self._holding = holding
        here = plain_tokens(set().union(*(self.contexts[report] for report in reports)))
        steps = {other for token in here for other in self._holding[token]} - reports
        return {token for other in steps for token in self.contexts[other]}


def _lone_plates(
    mentions: Sequence[KeyMention],
    labels: list[str],
    find: Callable[[str], str],
    join: Callable[[str, str], None],
    *,
    known: Known,
    registered: set[str],
    network: _Network,
) -> None:
    """The rules for a plate alone, after the others: read once; no register knows it."""
    size: dict[str, int] = defaultdict(int)
    members: dict[str, set[str]] = defaultdict(set)
    for index, label in enumerate(labels):
        size[find(label)] += 1
        members[find(label)].add(mentions[index].key or label)
    read = {m.key for m in mentions if m.kind == "plate" and m.machine}
    by_hand: dict[str, str | None] = {}

    def known_registered(keys: set[str]) -> set[str]:
        return known(keys) & registered

    def network_match(key: str) -> str | None:
        match = unregistered_slip_match(key, known_registered=known_registered)
        return match if match is not None and network.tied(key, match) else None

    for index, mention in enumerate(mentions):
        label = labels[index]
        if mention.kind != "plate" or not mention.key:
            continue
        # A plate alone, as in the database: a cluster holds other plates.
        unregistered = mention.key not in registered and members[find(label)] == {mention.key}
        match = None
        if mention.key not in read and len(network.reports(mention.key)) <= NETWORK_WRITINGS:
            if unregistered and mention.key not in by_hand:
                by_hand[mention.key] = network_match(mention.key)
            match = by_hand.get(mention.key)
        elif mention.machine and unregistered:
            match = unregistered_reading_match(mention.key, known_registered=known_registered)
        if match is None and mention.machine and size[find(label)] == 1:
            match = lone_reading_match(mention.key, known=known)
        if match is not None:
            join(label, f"plate:{match}")


def similar_names(key: str, known: Iterable[str]) -> list[str]:
    """Known company-name keys one letter from ``key``, that begin as it does.

    For a name written with a typo ("Frisörsalogn"): the first two letters
    are taken as written, which lets the database look by an index.
    """
    return [name for name in known if name[:2] == key[:2] and one_edit_apart(name, key)]


def _company_names(
    mentions: Sequence[KeyMention],
    labels: list[str],
    find: Callable[[str], str],
    join: Callable[[str, str], None],
) -> None:
    """The company-name rule, after every number is linked: with its number, else by name.

    Two companies may bear one name ("Oslo Transport AS"); then the one whose
    subjects also wrote an identifier this subject writes (its account) is
    taken, if exactly one did.
    """
    numbered: dict[tuple[int, str], str] = {}
    written: dict[tuple[int, str], set[Token]] = defaultdict(set)
    for index, mention in enumerate(mentions):
        subject = (mention.report, mention.subject)
        if mention.kind in ORGANISATION_NUMBER_KINDS:
            numbered.setdefault(subject, labels[index])
        elif mention.kind != COMPANY_NAME and mention.key:
            written[subject].add((mention.kind, mention.key))
    known: dict[str, dict[str, set[Token]]] = defaultdict(lambda: defaultdict(set))
    alone = []
    for index, mention in enumerate(mentions):
        if mention.kind != COMPANY_NAME:
            continue
        subject = (mention.report, mention.subject)
        number = numbered.get(subject)
        if number is None:
            alone.append(index)
            continue
        join(labels[index], number)
        if mention.key:
            known[mention.key][number] |= written[subject]
    for index in alone:
        mention = mentions[index]
        named: dict[str, set[Token]] = defaultdict(set)
        names = [mention.key] if mention.key in known else similar_names(mention.key, known)
        if len(names) != 1:
            continue
        for number, tokens in known[names[0]].items():
            named[find(number)] |= tokens
        if len(named) > 1:
            mine = written[(mention.report, mention.subject)]
            named = {top: tokens for top, tokens in named.items() if corroborated(mine, tokens)}
        if len(named) == 1:
            join(labels[index], next(iter(named)))
