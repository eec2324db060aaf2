"""`samverkan serve` answers on loopback and runs its worker beside it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.skipif("postgres" in os.environ.get("SAMVERKAN_DATABASE_URL", ""), reason="SQLite")
def test_serve_answers_and_starts_the_worker(tmp_path: Path) -> None:
    env = {**os.environ, "SAMVERKAN_DATA_DIR": str(tmp_path)}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    subprocess.run([sys.executable, "-m", "samverkan.cli", "migrate", "-v0"], env=env, check=True)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "samverkan.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        body = b""
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as r:
                    body = r.read()
                break
            except OSError:
                time.sleep(0.1)
        assert body == b'{"status": "ok"}'
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "Worker started" in output
    assert (tmp_path / "worker.sqlite3").exists()
