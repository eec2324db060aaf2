"""Files of a world, written once, line by line, with their SHA-256 as they go.

Invariant: the digest, size and line count of a file describe exactly the
bytes written (UTF-8, "\\n" line ends), so the manifest can vouch for files
without reading them back.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType


@dataclass(frozen=True, slots=True)
class FileDigest:
    sha256: str
    bytes: int
    lines: int


class LineWriter:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._handle = path.open("wb", buffering=1 << 20)
        self._hash = hashlib.sha256()
        self._bytes = 0
        self.lines = 0

    def write(self, line: str) -> None:
        data = (line + "\n").encode("utf-8")
        self._hash.update(data)
        self._handle.write(data)
        self._bytes += len(data)
        self.lines += 1

    def close(self) -> FileDigest:
        self._handle.close()
        return FileDigest(self._hash.hexdigest(), self._bytes, self.lines)

    def __enter__(self) -> LineWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if not self._handle.closed:
            self._handle.close()
