"""The ``samverkan`` command: Django's management commands under the product's name.

``samverkan demo``, ``samverkan serve``, ``samverkan generate``, ``samverkan load``
and every other management command (``samverkan migrate``, ``samverkan help``).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings")
    from django.core.management import execute_from_command_line

    args = sys.argv[1:] if argv is None else argv
    execute_from_command_line(["samverkan", *(args or ["help"])])


if __name__ == "__main__":
    main()
