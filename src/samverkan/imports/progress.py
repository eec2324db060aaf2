"""A one-line progress bar for ``samverkan import``: bar, rows, rows/s, ETA.

Invariant: it writes only through the function it is given, redraws at most every
``interval`` seconds (and always when the job has finished), and never
touches the job. The rate counts rows of this run only, so a resumed job
shows its real speed.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from samverkan.imports.models import ImportJob

_WIDTH = 24


class ProgressBar:
    def __init__(
        self,
        write: Callable[[str], object],
        flush: Callable[[], object],
        *,
        start: int = 0,
        interval: float = 0.25,
    ) -> None:
        """``write`` takes text as it is (no line ending added); ``start``: rows done before."""
        self._write, self._flush = write, flush
        self._interval = interval
        self._started = time.monotonic()
        self._first = start
        self._last = 0.0

    def __call__(self, job: ImportJob) -> None:
        now = time.monotonic()
        if not job.finished and now - self._last < self._interval:
            return
        self._last = now
        total = job.rows_total or job.rows_done
        rate = (job.rows_done - self._first) / max(now - self._started, 1e-9)
        eta = (total - job.rows_done) / rate if rate > 0 else 0.0
        filled = round(_WIDTH * job.share_done)
        self._write(
            f"\r  [{'#' * filled}{'.' * (_WIDTH - filled)}] {job.share_done:6.1%}"
            f"  {job.rows_done:,}/{total:,} rows  {rate:,.0f} rows/s  ETA {_clock(eta)}   "
        )
        if job.finished:
            self._write("\n")
        self._flush()


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds + 0.5), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
