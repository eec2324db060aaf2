"""Company register: one line per company or per board seat."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from samverkan.access.roles import LAW_ENFORCEMENT, Role
from samverkan.imports.connectors.base import Connector, Field, Problem, ValueType
from samverkan.imports.connectors.company_register.models import CompanyRegisterRow

_HOLDER_COLUMNS = ("board_member_raw", "board_member_number_raw")


class CompanyRegister(Connector):
    name = "company_register"
    label = _("Company register")
    description = _(
        "Companies from a register extract: organisation number, name, address, "
        "and board members with their roles, one per line."
    )
    model = CompanyRegisterRow
    organisation_kinds = LAW_ENFORCEMENT
    roles = frozenset({Role.OFFICER, Role.ANALYST})
    kept_from = "job__created_at"
    # A newer extract of a company is its entry now: it replaces the older lines.
    replaced_on_key = "organisation_number_key"
    fields = (
        Field(
            "organisation_number",
            _("Organisation number"),
            ValueType.IDENTIFIER,
            "organisation_number",
            kinds=("se_org_number", "no_org_number"),
            aliases=("org_number", "orgnr", "organisationsnummer", "organisasjonsnummer"),
        ),
        Field(
            "company_name",
            _("Company name"),
            ValueType.TEXT,
            "name",
            aliases=("company", "company_name", "foretag", "firma", "foretaksnavn", "navn"),
        ),
        Field(
            "address",
            _("Address"),
            ValueType.IDENTIFIER,
            "address",
            kinds=("address",),
            required=False,
            aliases=("postal_address", "adress", "adresse", "forretningsadresse"),
        ),
        Field(
            "board_member",
            _("Board member"),
            ValueType.IDENTIFIER,
            "board_member",
            kinds=("person_name",),
            required=False,
            aliases=("member", "member_name", "ledamot", "styremedlem", "person"),
        ),
        Field(
            "board_member_number",
            _("Board member's personal number"),
            ValueType.IDENTIFIER,
            "board_member_number",
            kinds=("se_personal_number", "no_personal_number"),
            required=False,
            aliases=("personal_number", "personnummer", "fodselsnummer", "member_number"),
        ),
        Field(
            "role",
            _("Role on the board"),
            ValueType.TEXT,
            "role",
            required=False,
            aliases=("board_role", "befattning", "roll", "rolle", "funksjon"),
        ),
    )

    def check(self, columns: Mapping[str, object]) -> list[Problem]:
        """A role belongs to someone: a role without a member name or number is refused."""
        holder = [str(columns.get(name) or "").strip() for name in _HOLDER_COLUMNS]
        if columns.get("role") and not any(holder):
            return [Problem("role", "missing", "A role is given but no board member holds it.")]
        return []
