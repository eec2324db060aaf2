"""Grading and handling codes as each kind of reporter sets them.

Invariant: the values follow the conventions of the product: postal agents
C3 AMBER, police statements B2 AMBER, seizures A1 (the items are in
custody), intelligence on a network under operation AMBER+STRICT or RED with
the operation's compartment. Returned dicts are shared: never mutate them.
"""

from __future__ import annotations

import random
from typing import Any

from samverkan.scenario.networks import Network

JsonDict = dict[str, Any]

AGENT = {"source": "C", "information": "3"}
OPERATOR = {"source": "B", "information": "3"}
SEIZURE = {"source": "A", "information": "1"}
STATEMENT = {"source": "B", "information": "2"}
ANPR = {"source": "A", "information": "2"}
SURVEILLANCE = {"source": "B", "information": "2"}
_TIP_GRADES = (
    {"source": "C", "information": "3"},
    {"source": "D", "information": "4"},
    {"source": "F", "information": "6"},
    {"source": "E", "information": "5"},
)
_INTEL_GRADES = (
    {"source": "B", "information": "2"},
    {"source": "B", "information": "3"},
    {"source": "C", "information": "3"},
    {"source": "A", "information": "2"},
)
AMBER: JsonDict = {"tlp": "AMBER", "compartments": []}
_STRICT: JsonDict = {"tlp": "AMBER+STRICT", "compartments": []}
_RED: JsonDict = {"tlp": "RED", "compartments": []}
_GREEN: JsonDict = {"tlp": "GREEN", "compartments": []}


def handling(rng: random.Random, network: Network | None, *, sensitive: bool) -> JsonDict:
    """The handling of an officer's or analyst's report.

    Reports about a network under operation stay in its compartment most of
    the time; ``sensitive`` ones (intelligence, surveillance) are stricter.
    """
    compartment = network.compartment if network else None
    if sensitive:
        draw = rng.random()
        tlp = "RED" if draw < 0.2 else "AMBER+STRICT" if draw < 0.7 else "AMBER"
        if compartment and rng.random() < 0.8:
            return {"tlp": tlp, "compartments": [compartment]}
        return _RED if tlp == "RED" else _STRICT if tlp == "AMBER+STRICT" else AMBER
    if compartment and rng.random() < 0.3:
        return {"tlp": "AMBER+STRICT", "compartments": [compartment]}
    return AMBER


def intelligence_grading(rng: random.Random) -> JsonDict:
    return _INTEL_GRADES[rng.randrange(len(_INTEL_GRADES))]


def tip_grading(rng: random.Random) -> JsonDict:
    return _TIP_GRADES[rng.randrange(len(_TIP_GRADES))]


def background_handling(rng: random.Random) -> JsonDict:
    """Routine reports about nobody in particular: mostly AMBER, some GREEN."""
    return _GREEN if rng.random() < 0.1 else AMBER
