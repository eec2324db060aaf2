"""How people's given names are shortened and respelled, and what backers are called.

Invariant: a variant here names the *same* person as the full name; noise
picks from these tables, and the ground truth keeps the full name. A
nickname for a backer is an alias the network uses, never a given name, so
it is a separate mention kind (``nickname``).
"""

from __future__ import annotations

# Short forms and spelling variants as they turn up in statements and labels.
GIVEN_NAME_VARIANTS: dict[str, tuple[str, ...]] = {
    "Mohammed": ("Mohamed", "Muhammad", "Mohammad", "Mo", "Moha"),
    "Mohamed": ("Mohammed", "Muhammed", "Mo"),
    "Ahmed": ("Ahmad", "Ahmet"),
    "Mustafa": ("Mustapha", "Musse"),
    "Yusuf": ("Yousef", "Jusuf"),
    "Ibrahim": ("Ebrahim", "Ibbe"),
    "Hassan": ("Hasan",),
    "Khalid": ("Khaled", "Kalle"),
    "Karl": ("Kalle", "Calle", "Carl"),
    "Carl": ("Calle", "Karl"),
    "Lars": ("Lasse",),
    "Hans": ("Hasse",),
    "Jan": ("Janne",),
    "Per": ("Pelle", "Pär"),
    "Nils": ("Nisse",),
    "Mikael": ("Micke", "Michael"),
    "Michael": ("Micke", "Mikael"),
    "Joakim": ("Jocke",),
    "Fredrik": ("Fredde",),
    "Kristoffer": ("Krille", "Christoffer"),
    "Christoffer": ("Krille", "Kristoffer"),
    "Magnus": ("Mange",),
    "Daniel": ("Danne",),
    "Sebastian": ("Sebbe",),
    "Alexander": ("Alex", "Aleksander"),
    "Thomas": ("Tommy", "Tomas"),
    "Tomas": ("Tommy", "Thomas"),
    "Anders": ("Andy",),
    "Johan": ("Jojje",),
    "Jonas": ("Jonte",),
    "Stefan": ("Steffe",),
    "Andreas": ("Andy",),
    "Robert": ("Robban",),
    "Patrik": ("Patte",),
    "Bjørn": ("Bjorn", "Bjønnis"),
    "Jørgen": ("Jorgen",),
    "Ole": ("Olle",),
    "Hans-Petter": ("HP",),
    "Kristian": ("Kris", "Christian"),
    "Christian": ("Kris", "Kristian"),
    "Kenneth": ("Kenny",),
    "Marius": ("Mario",),
    "Vytautas": ("Vytas",),
    "Constantin": ("Costel", "Costi"),
    "Krzysztof": ("Krzysiek",),
    "Katarina": ("Kattis", "Catarina"),
    "Elisabeth": ("Lisa", "Elisabet"),
    "Margareta": ("Maggan",),
    "Kristina": ("Kicki", "Christina"),
    "Fatima": ("Fatma",),
    "Åsa": ("Asa",),
    "Sølvi": ("Solvi",),
}

# Street names of backers as couriers say them; taken from neither language in particular.
STREET_NICKNAMES = (
    "Prinsen", "Tjocke", "Lillen", "Sjefen", "Onkel", "Gamlingen", "Kungen", "Doktorn",
    "Bror'n", "Shark", "Snickers", "Bossen", "Farbror", "Zico", "Turken", "Blondie",
    "Tanten", "Räven", "Reven", "Ulven", "Kapten", "Don", "Smeden", "Baba",
)  # fmt: skip


def variants(given: str) -> tuple[str, ...]:
    """The other ways this given name is written; empty when there are none we know."""
    return GIVEN_NAME_VARIANTS.get(given, ())
