"""Company register extracts: organisation number, name, address, board members and roles."""

from samverkan.imports.connectors.company_register.connector import CompanyRegister

__all__ = ["CompanyRegister"]
