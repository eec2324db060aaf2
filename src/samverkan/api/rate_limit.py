"""Requests per token per minute, counted in Django's cache.

A fixed one-minute window per key: ``cache.add`` starts the count, ``incr``
adds to it, both atomic in every cache Django ships. The default cache is
per process, which is right for ``samverkan serve`` (one process, many
threads); several processes need a shared cache (see ``docs/api.md``).
"""

from __future__ import annotations

import math
import time

from django.core.cache import cache

WINDOW_SECONDS = 60
clock = time.time  # tests replace it to stay inside one window


def rate_limit_hit(*, key: str, limit: int) -> int | None:
    """Count one request for ``key``; ``None`` if within ``limit``, else seconds to wait."""
    now = clock()
    window = int(now // WINDOW_SECONDS)
    cache_key = f"samverkan:api-rate:{key}:{window}"
    if cache.add(cache_key, 1, timeout=2 * WINDOW_SECONDS):
        count = 1
    else:
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr: a new window has begun
            cache.add(cache_key, 1, timeout=2 * WINDOW_SECONDS)
            count = 1
    if count <= limit:
        return None
    return max(1, math.ceil((window + 1) * WINDOW_SECONDS - now))
