"""One stored line of a company register extract: a company, or one board seat of it.

Registers export board members one per line with the company repeated
(Bolagsverket's and Brønnøysund's bulk files do), and that is how they are
kept: a company with three board members is three rows sharing
``organisation_number_key``; a company with none is one row with the member
columns empty. Nothing is merged here: combining rows into entities is the
resolution stage's work.

Invariant: organisation numbers, addresses, member names and member personal
numbers are kept as written and, when they normalise, as keys; the kind
column says whether a number is Swedish or Norwegian.
"""

from __future__ import annotations

from django.db import models

from samverkan.imports.storage import (
    ImportedRow,
    error_column,
    key_column,
    kind_column,
    raw_column,
    text_column,
)


class CompanyRegisterRow(ImportedRow):
    organisation_number_raw = raw_column()
    organisation_number_key = key_column()
    organisation_number_error = error_column()
    organisation_number_kind = kind_column()
    company_name = text_column()
    address_raw = raw_column()
    address_key = key_column()
    address_error = error_column()
    board_member_raw = raw_column()
    board_member_key = key_column()
    board_member_error = error_column()
    board_member_number_raw = raw_column()
    board_member_number_key = key_column()
    board_member_number_error = error_column()
    board_member_number_kind = kind_column()
    role = text_column()

    class Meta(ImportedRow.Meta):
        indexes = [
            *ImportedRow.Meta.indexes,
            models.Index(
                fields=["organisation", "organisation_number_key"],
                name="imports_company_org_number",
            ),
            models.Index(
                fields=["organisation", "board_member_number_key"],
                name="imports_company_org_member",
            ),
            models.Index(
                fields=["organisation", "address_key"], name="imports_company_org_address"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company_name} ({self.organisation_number_raw})"
