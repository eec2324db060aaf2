"""The comparisons of the person model: what each field says about two records.

Invariant: each function returns one Splink comparison over columns of
``table.SCHEMA``; its levels run from the strongest agreement to ``else``,
the first level is the null level (a field missing on either side says
nothing), and the docstring says what the comparison measures. Levels are
fixed here; their weights (m and u probabilities) are learnt by training.
"""

from __future__ import annotations

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink.internals.comparison_creator import ComparisonCreator

NAMES_DIFFER_M = 0.01
SHARED_PHONE_U = 1e-5


def name() -> ComparisonCreator:
    """How far two written names agree, given names up to their group (Kalle is Karl).

    Exact full names are weighed by how common the name is (term frequency),
    so two "Anders Johansson" count for less than two "Vytautas Kazlauskas".
    """
    return cl.CustomComparison(
        output_column_name="name",
        comparison_levels=[
            cll.NullLevel("first_name"),
            cll.ExactMatchLevel("full_name"),
            cll.And(cll.ExactMatchLevel("given_group"), cll.ExactMatchLevel("last_name")),
            cll.And(cll.ExactMatchLevel("given_group"), cll.JaroWinklerLevel("last_name", 0.9)),
            cll.And(
                cll.JaroWinklerLevel("first_name", 0.88), cll.JaroWinklerLevel("last_name", 0.88)
            ),
            cll.And(cll.ExactMatchLevel("given_group"), cll.NullLevel("last_name")).configure(
                label_for_charts="Same given name, one family name missing"
            ),
            cll.ExactMatchLevel("last_name"),
            # Fixed, not learnt: at a drop address many names share one
            # address and one phone, and EM would take those pairs for one
            # person written many ways. Two writings of one person's name
            # differ entirely about once in a hundred (a wrong field, a
            # nickname in the name field).
            cll.ElseLevel().configure(m_probability=NAMES_DIFFER_M, fix_m_probability=True),
        ],
    )


def birth_date() -> ComparisonCreator:
    """Whether two records are the same-born person: personal number first, then birth date.

    One comparison for both because a personal number carries the birth date:
    two separate comparisons would count one agreement twice. Two different
    personal numbers are strong evidence of two people; a birth date one
    keystroke off is a likely typo.
    """
    both_numbers = "personal_number_l IS NOT NULL AND personal_number_r IS NOT NULL"
    return cl.CustomComparison(
        output_column_name="birth",
        comparison_levels=[
            cll.NullLevel("birth_date"),
            cll.ExactMatchLevel("personal_number"),
            cll.CustomLevel(
                f"{both_numbers} AND personal_number_l <> personal_number_r",
                label_for_charts="Different personal numbers",
            ),
            cll.ExactMatchLevel("birth_date"),
            cll.DamerauLevenshteinLevel("birth_date", 1),
            cll.ElseLevel(),
        ],
    )


def phone() -> ComparisonCreator:
    """Whether two records share a phone number.

    The chance that two different people are written with one number (u) is
    fixed, not learnt: random pairs of records cannot measure it, because
    one busy person's number fills hundreds of them, and random pairs of
    differently named records measure mostly drop phones shared by a
    network's false names, which the clustering's name rule keeps apart
    anyway (``clustering.Traits``). Outside drops a number is one person's.
    """
    return cl.CustomComparison(
        output_column_name="phones",
        comparison_levels=[
            cll.NullLevel("phones"),
            cll.ArrayIntersectLevel("phones", 1).configure(
                u_probability=SHARED_PHONE_U, fix_u_probability=True
            ),
            cll.ElseLevel(),
        ],
    )


def address() -> ComparisonCreator:
    """How close two home addresses are: same entrance, same street, same postcode.

    A street and number that agree under different postcodes is its own
    level: a mistyped postcode moves an address to another town, or even
    another country (four digits read as Norwegian).

    The exact level is weighed by how many records give the address (term
    frequency), so a drop address that receives for many names counts for
    little.
    """
    return cl.CustomComparison(
        output_column_name="address",
        comparison_levels=[
            cll.NullLevel("street"),
            cll.ExactMatchLevel("address", term_frequency_adjustments=True),
            cll.And(
                cll.ExactMatchLevel("street"),
                cll.ExactMatchLevel("house_number"),
                cll.Or(cll.NullLevel("postcode"), cll.ExactMatchLevel("postcode")),
            ).configure(label_for_charts="Same street and number"),
            cll.And(
                cll.ExactMatchLevel("postcode"),
                cll.ExactMatchLevel("house_number"),
                cll.JaroWinklerLevel("street", 0.88),
            ).configure(label_for_charts="Same number, street nearly the same"),
            cll.And(
                cll.ExactMatchLevel("house_number"),
                cll.JaroWinklerLevel("street", 0.88),
            ).configure(label_for_charts="Same number, street nearly the same, other postcode"),
            cll.ExactMatchLevel("postcode"),
            cll.ElseLevel(),
        ],
    )


def nickname() -> ComparisonCreator:
    """Whether two nicknames are the same, nearly the same, or different."""
    return cl.JaroWinklerAtThresholds("nickname", [0.92])


def email() -> ComparisonCreator:
    """Whether two email addresses are the same."""
    return cl.ExactMatch("email")


def town() -> ComparisonCreator:
    """Whether two towns are the same, for records that name a town."""
    return cl.JaroWinklerAtThresholds("town", [0.92])


def reporter() -> ComparisonCreator:
    """Whether two records come from the same organisation, or from one country.

    People are local: the district that names a courier today is likely to
    name him again, so a bare name from the same organisation is better
    evidence than the same name from across the border.
    """
    return cl.CustomComparison(
        output_column_name="reporter",
        comparison_levels=[
            cll.NullLevel("organisation"),
            cll.ExactMatchLevel("organisation"),
            cll.ExactMatchLevel("country"),
            cll.ElseLevel(),
        ],
    )
