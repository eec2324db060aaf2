"""Progress lines on standard error, with the time since the start.

Invariant: nothing is written to standard output, which belongs to results.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """A callable that writes "[ 12.3 s] message" lines to a stream (stderr by default)."""

    def __init__(self, stream: TextIO | None = None, *, quiet: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.started = time.perf_counter()

    def __call__(self, message: str) -> None:
        if self.quiet:
            return
        elapsed = time.perf_counter() - self.started
        self.stream.write(f"[{elapsed:7.1f} s] {message}\n")
        self.stream.flush()
