"""The lead score's one configuration: what each piece of evidence is worth, and why.

The score is additive so that anyone can check it: each term is a count of
evidence times its points, shown as such on the lead page ("named in 5
courier statements: 50 points"). Why these numbers is in
``docs/decisions/0005-lead-score.md``; change them there and here together.

Evidence counts within ``window_days`` before the newest evidence about the
lead, so a burst of reports weighs more than the same number spread over
years, and a generated world (which lies in the past) scores as a live one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LeadWeights:
    courier_statement: int = 10  # named in a courier statement: the core of the problem
    seizure: int = 15  # linked to a seizure: drugs were actually found
    postal_item: int = 4  # on a suspicious postal item
    observation: int = 2  # seen by a camera or plate reader
    intelligence: int = 3  # in an intelligence report
    organisation: int = 5  # each reporting organisation beyond the first
    recipient_name: int = 3  # each name an address or phone receives items for, beyond the first
    reliable_source: int = 2  # each report whose source is graded A or B
    both_countries: int = 10  # evidence in Sweden and in Norway
    window_days: int = 365
    # A lead is made automatically when an entity's score reaches this.
    threshold: int = 60
    # A rise of at least this many points notifies the lead's owner.
    jump: int = 15


WEIGHTS = LeadWeights()
