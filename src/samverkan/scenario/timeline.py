"""Puts reports and calls in time order while the year is generated day by day.

Invariant: items come out sorted by (time, order of creation); an item is
only released once no later-generated item can be earlier, which holds
because every event of day *d* happens on day *d* or later. Memory is
bounded by the items of the few days a follow-up can lag behind (at most
three), not by the year.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class Timeline(Generic[T]):
    def __init__(self) -> None:
        self._heap: list[tuple[int, int, T]] = []
        self._order = 0

    def __len__(self) -> int:
        return len(self._heap)

    def push(self, key: int, item: T) -> None:
        self._order += 1
        heapq.heappush(self._heap, (key, self._order, item))

    def release_before(self, cutoff: int) -> Iterator[T]:
        """Everything earlier than ``cutoff`` (a Unix time), oldest first."""
        heap = self._heap
        while heap and heap[0][0] < cutoff:
            yield heapq.heappop(heap)[2]

    def release_all(self) -> Iterator[T]:
        while self._heap:
            yield heapq.heappop(self._heap)[2]
