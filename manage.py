#!/usr/bin/env python
"""Django's usual entry point; ``samverkan`` is the same with a friendlier name."""

from samverkan.cli import main

if __name__ == "__main__":
    main()
