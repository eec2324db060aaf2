"""A one-line progress display for long generations: percentage, reports/s, ETA.

Invariant: it writes only to the stream it is given, redraws at most every
``interval`` seconds (and always at the end), and never affects what is
generated.
"""

from __future__ import annotations

import time
from typing import TextIO


class ProgressLine:
    def __init__(self, stream: TextIO, *, interval: float = 0.5) -> None:
        self._stream = stream
        self._interval = interval
        self._started = time.monotonic()
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        finished = done >= total
        if not finished and now - self._last < self._interval:
            return
        self._last = now
        elapsed = max(now - self._started, 1e-9)
        rate = done / elapsed
        share = done / total if total else 1.0
        eta = (total - done) / rate if rate > 0 else 0.0
        self._stream.write(
            f"\r  generating {share:6.1%}  {done:,}/{total:,} reports"
            f"  {rate:,.0f} reports/s  ETA {_clock(eta)}   "
        )
        if finished:
            self._stream.write("\n")
        self._stream.flush()


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds + 0.5), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
