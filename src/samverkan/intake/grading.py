"""Other grading schemes mapped onto the Admiralty scale (source A–F, information 1–6).

Partners grade in the scheme they know. The UK 3x5x2 (College of Policing,
2016) and the EU 4x4 (Europol's handling of information) are mapped here, once,
so that every report carries one comparable grading and the grading as given.

Mapping choices (the schemes do not line up one to one):

- UK source 1 "reliable" → B, not A: A "completely reliable" is kept for the
  rare case stated as such; 2 "untested" → F "cannot be judged"; 3 "not
  reliable" → E.
- UK intelligence A "known directly to the source" → 2 "probably true";
  B "known indirectly but corroborated" → 1 "confirmed by other sources";
  C "known indirectly" → 3; D "not known" → 6; E "suspected to be false" → 5.
- EU source A/B carry over; C "in most instances proved unreliable" → D;
  X "cannot be assessed" → F.
- EU information 1 "no doubt" → 1; 2 "known personally to the source" → 2;
  3 "corroborated by information already recorded" → 2; 4 "cannot be
  corroborated" → 6.
"""

from __future__ import annotations

UK_3X5X2_SOURCE = {"1": "B", "2": "F", "3": "E"}
UK_3X5X2_INTELLIGENCE = {"A": "2", "B": "1", "C": "3", "D": "6", "E": "5"}
EU_4X4_SOURCE = {"A": "A", "B": "B", "C": "D", "X": "F"}
EU_4X4_INFORMATION = {"1": "1", "2": "2", "3": "2", "4": "6"}

SCHEMES: dict[str, tuple[dict[str, str], dict[str, str]]] = {
    "uk_3x5x2": (UK_3X5X2_SOURCE, UK_3X5X2_INTELLIGENCE),
    "eu_4x4": (EU_4X4_SOURCE, EU_4X4_INFORMATION),
}


def admiralty_from(scheme: str, source: str, information: str) -> tuple[str, str]:
    """The Admiralty (source, information) for a grading given in ``scheme``.

    Raises ``ValueError`` naming the scheme's valid values.
    """
    if scheme == "admiralty":
        return source, information
    if scheme not in SCHEMES:
        raise ValueError(f"unknown grading scheme {scheme!r}; use admiralty, {', '.join(SCHEMES)}")
    sources, informations = SCHEMES[scheme]
    if source.upper() not in sources:
        raise ValueError(f"{scheme} source grading must be one of {', '.join(sources)}")
    if information.upper() not in informations:
        raise ValueError(f"{scheme} information grading must be one of {', '.join(informations)}")
    return sources[source.upper()], informations[information.upper()]
