"""How true values become the writings in reports, controlled by one ``level``.

Invariant: at level 0 every writing is the canonical value (names in full,
"Given Family"; addresses in their one-line form). Above 0, each writing
records the operations applied to it, and each operation is either a
*variant* (``VARIANT_OPS``: the key under ``samverkan.identifiers`` is
unchanged) or an *error* (anything else: the key changes or the value
becomes invalid). The ground truth keeps the operations so an evaluation
can tell "failed to link a variant" from "could not link a mistake".

Rates grow linearly with ``level``; at the default 0.2 about one identifier
in three is written in a non-canonical format and about one in twenty-five
carries a mistake.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from samverkan.scenario import spelling
from samverkan.scenario.entities import Address
from samverkan.scenario.formats import FORMATTERS
from samverkan.scenario.nicknames import variants

VARIANT_OPS = frozenset(
    {"format", "surname_first", "upper", "ascii", "abbreviation", "no_unit", "town_upper"}
)
ERROR_OPS = frozenset(
    {"transpose", "wrong_digit", "misread", "typo", "short_form", "given_only", "no_postcode"}
)

# Characters before which errors do not touch an identifier: a phone's
# country code and an S10 id's service letters are rarely what goes wrong.
_ERROR_SKIP = {"phone": 3, "postal_item": 2}
_SE_ABBREVIATIONS = (("gatan", "g."), ("vägen", "v."))
_NO_ABBREVIATIONS = (("gata", "gt."), ("gate", "gt."), ("veien", "vn."), ("vegen", "v."))
_FOLDABLE = set("åäöøÅÄÖØ")


@dataclass(frozen=True, slots=True)
class Written:
    """A value as it stands in a report, and what was done to the true value."""

    value: str
    ops: tuple[str, ...] = ()


class Noise:
    """Applies noise at one level with one random stream."""

    __slots__ = ("_error", "_format", "_omit", "level", "rng")

    def __init__(self, level: float, rng: random.Random) -> None:
        if not 0.0 <= level <= 1.0:
            raise ValueError("noise must be between 0 and 1")
        self.level = level
        self.rng = rng
        self._format = min(1.0, 1.5 * level)
        self._error = 0.2 * level
        self._omit = 0.25 * level

    def chance(self, weight: float) -> bool:
        """True with probability ``weight * level``: for noise the callers shape themselves."""
        return self.level > 0 and self.rng.random() < weight * self.level

    def omit(self) -> bool:
        """Whether an optional mention is left out of this report (a missing field)."""
        return self.level > 0 and self.rng.random() < self._omit

    def identifier(self, kind: str, value: str, reporter: str) -> Written:
        """An identifier of ``kind`` written by someone in ``reporter``'s country."""
        if self.level == 0:
            return Written(value)
        rng = self.rng
        ops: list[str] = []
        written = value
        if rng.random() < self._error:
            skip = _ERROR_SKIP.get(kind, 0)
            if rng.random() < 0.6:
                changed, op = spelling.transpose_digits(value, rng, skip=skip), "transpose"
            else:
                changed, op = spelling.wrong_digit(value, rng, skip=skip), "wrong_digit"
            if changed is not None:
                written = changed
                ops.append(op)
        if rng.random() < self._format:
            written = FORMATTERS[kind](written, rng, reporter)
            ops.append("format")
        return Written(written, tuple(ops))

    def reading(self, value: str) -> Written:
        """An identifier read by a machine (a number-plate camera): misread, never mistyped.

        As often wrong as a hand (``_error``), but by a look-alike
        character, and always written in the canonical form.
        """
        if self.level == 0 or self.rng.random() >= self._error:
            return Written(value)
        changed = spelling.misread(value, self.rng)
        return Written(value) if changed is None else Written(changed, ("misread",))

    def person_name(self, given: str, family: str, *, spoken: bool = False) -> Written:
        """A person's name on a label, in a register extract or, if ``spoken``, as said aloud."""
        if self.level == 0:
            return Written(f"{given} {family}")
        rng, level = self.rng, self.level
        ops: list[str] = []
        other = variants(given)
        if other and rng.random() < 0.4 * level:
            given = rng.choice(other)
            ops.append("short_form")
        if rng.random() < 0.1 * level:
            family = spelling.typo(family, rng)
            ops.append("typo")
        if spoken and rng.random() < 0.5 * level:
            text = given
            ops.append("given_only")
        elif rng.random() < 0.3 * level:
            text = f"{family}, {given}"
            ops.append("surname_first")
        else:
            text = f"{given} {family}"
        if rng.random() < 0.2 * level and _FOLDABLE.intersection(text) and "æ" not in text.lower():
            text = spelling.ascii_fold(text)
            ops.append("ascii")
        if rng.random() < 0.2 * level:
            text = text.upper()
            ops.append("upper")
        return Written(text, tuple(ops))

    def free_name(self, text: str) -> Written:
        """A company name or nickname: only case and typos vary."""
        if self.level == 0:
            return Written(text)
        ops: list[str] = []
        if self.rng.random() < 0.1 * self.level:
            text = spelling.typo(text, self.rng)
            ops.append("typo")
        if self.rng.random() < 0.2 * self.level:
            text = text.upper()
            ops.append("upper")
        return Written(text, tuple(ops))

    def address(self, address: Address) -> Written:
        """An address as written on a label or in a statement."""
        if self.level == 0:
            return Written(address.text)
        rng, level = self.rng, self.level
        ops: list[str] = []
        street = address.street
        if rng.random() < 0.3 * level:
            for ending, short in (
                _SE_ABBREVIATIONS if address.country == "SE" else _NO_ABBREVIATIONS
            ):
                if street.endswith(ending):
                    street = street[: -len(ending)] + short
                    ops.append("abbreviation")
                    break
        if rng.random() < 0.08 * level:
            street = spelling.typo(street, rng)
            ops.append("typo")
        line = f"{street} {address.number}"
        if address.unit:
            if rng.random() < 0.3 * level:
                ops.append("no_unit")
            else:
                line += f" {address.unit}"
        postcode = address.postcode_display
        if address.country == "SE" and rng.random() < 0.3 * level:
            postcode = address.postcode
            ops.append("format")
        town = address.town
        if rng.random() < 0.1 * level:
            town = town.upper()
            ops.append("town_upper")
        if rng.random() < 0.08 * level:
            text = f"{line}, {town}"
            ops.append("no_postcode")
        elif rng.random() < 0.1 * level:
            text = f"{line}\n{postcode} {town}"
            ops.append("format")
        else:
            text = f"{line}, {postcode} {town}"
        if rng.random() < 0.15 * level:
            text = text.upper()
            ops.append("upper")
        return Written(text, tuple(ops))
