"""The true things of the world: people, phones, addresses, vehicles, companies, accounts.

Invariant: every entity has a sequential integer id per type, starting at 1,
and a stable reference ``"<type>:<id>"`` (``person:123``) used in the ground
truth. Values held here are canonical and valid; reports only ever carry
writings of them (see ``samverkan.scenario.noise``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Role(StrEnum):
    """A person's part in the world (the ground truth's ``role``)."""

    BACKER = "backer"
    COURIER = "courier"
    DROP_KEEPER = "drop_keeper"
    SENDER = "sender"
    # Buys from a network by post; not a member, so ``network`` stays None.
    BUYER = "buyer"
    INNOCENT = "innocent"


@dataclass(slots=True)
class Address:
    id: int
    country: str
    municipality: str
    street: str
    number: str
    unit: str
    postcode: str
    town: str
    # The network that uses this address to receive items for others, if any.
    drop_of: int | None = None

    @property
    def ref(self) -> str:
        return f"address:{self.id}"

    @property
    def postcode_display(self) -> str:
        return f"{self.postcode[:3]} {self.postcode[3:]}" if self.country == "SE" else self.postcode

    @property
    def street_line(self) -> str:
        return f"{self.street} {self.number}" + (f" {self.unit}" if self.unit else "")

    @property
    def text(self) -> str:
        """The canonical one-line form: "Storgatan 12 lgh 1102, 123 45 Stockholm"."""
        return f"{self.street_line}, {self.postcode_display} {self.town}"


@dataclass(slots=True)
class Person:
    id: int
    # Country of the person's identity papers: SE, NO or a courier's RO/LT/PL.
    country: str
    given: str
    family: str
    female: bool
    born: date
    # Canonical personal number and its mention kind; None for foreigners.
    personal_number: str | None
    personal_number_kind: str | None
    address: int | None
    role: Role = Role.INNOCENT
    network: int | None = None
    phones: list[int] = field(default_factory=list)
    vehicle: int | None = None
    account: int | None = None
    nickname: str | None = None
    household: int | None = None
    # For a buyer: the network they buy from (they are not a member).
    customer_of: int | None = None

    @property
    def ref(self) -> str:
        return f"person:{self.id}"

    @property
    def name(self) -> str:
        return f"{self.given} {self.family}"


@dataclass(slots=True)
class Phone:
    id: int
    number: str
    country: str
    owner: int
    network: int | None
    # Days of the year (0-based, inclusive) during which the phone is in use.
    active_from: int = 0
    active_to: int = 365

    @property
    def ref(self) -> str:
        return f"phone:{self.id}"


@dataclass(slots=True)
class Vehicle:
    id: int
    plate: str
    country: str
    description: str
    # Registered keeper: a person or a company reference.
    keeper: str
    network: int | None

    @property
    def ref(self) -> str:
        return f"vehicle:{self.id}"


@dataclass(slots=True)
class Company:
    id: int
    country: str
    org_number: str
    name: str
    address: int
    account: int | None
    # The network this company is a front for, if any.
    front_of: int | None = None
    board: list[int] = field(default_factory=list)

    @property
    def ref(self) -> str:
        return f"company:{self.id}"

    @property
    def org_number_kind(self) -> str:
        return "se_org_number" if self.country == "SE" else "no_org_number"


@dataclass(slots=True)
class Account:
    id: int
    iban: str
    holder: str
    network: int | None

    @property
    def ref(self) -> str:
        return f"account:{self.id}"


@dataclass(slots=True)
class Alias:
    """A made-up name a network puts on labels: recipients at drops, senders on letters."""

    id: int
    given: str
    family: str
    network: int
    # The drop address the alias receives at, or the address printed as sender's.
    address: int

    @property
    def ref(self) -> str:
        return f"alias:{self.id}"

    @property
    def name(self) -> str:
        return f"{self.given} {self.family}"
