"""Samverkan: shared intelligence and lead tracking.

For police, customs, postal operators and municipalities in Sweden and Norway.
"""

__version__ = "0.1.0"
