"""API submission throughput and latency under load, on loopback.

    .venv/bin/python benchmarks/api/run.py --seconds 20 --clients 8
    .venv/bin/python scripts/throwaway_postgres.py -- .venv/bin/python benchmarks/api/run.py

Starts `samverkan serve` (waitress, 8 threads) on a free loopback port with a
fresh database, makes a postal operator's API token, then runs two phases
with the same number of client threads, each keeping its connection alive:

1. baseline: `GET /api/v1/reports?limit=1` with the token — an authenticated,
   audited request that stores nothing (the "bare authenticated endpoint");
2. submit: `POST /api/v1/reports`, one new suspicious-item report each.

Prints requests per second and p50/p99 latency of each, and the ratios.
Every request is bounded in time; the run stops by itself.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _token() -> str:
    """Create an operator, its administrator and a token, straight in the database."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from samverkan.access.models import Organisation, User
    from samverkan.api.services import api_token_create

    operator = Organisation.objects.create(
        code="se-postnord", kind="postal_operator", country="SE", name="PostNord"
    )
    admin = User.objects.create_user(username="bench_admin", organisation=operator, roles=["admin"])
    _, secret = api_token_create(by=admin, name="bench", scopes=["reports:submit", "reports:read"])
    return secret


def _report() -> bytes:
    return json.dumps(
        {
            "kind": "postal_item",
            "external_id": str(uuid.uuid4()),
            "occurred_at": "2026-11-02T10:15:00+01:00",
            "item": {"format": "letter", "weight_grams": 40, "suspicion": ["smell"]},
            "subjects": [
                {
                    "ref": "r",
                    "role": "recipient",
                    "mentions": [
                        {"kind": "person_name", "value": "Anna Berg"},
                        {"kind": "address", "value": "Storgatan 12 B, 123 45 Stockholm"},
                    ],
                },
                {
                    "ref": "i",
                    "role": "item",
                    "mentions": [{"kind": "postal_item", "value": "RR123456785SE"}],
                },
            ],
        }
    ).encode()


def _phase(port: int, secret: str, clients: int, seconds: float, submit: bool) -> list[float]:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        headers = {"Authorization": f"Bearer {secret}", "Content-Type": "application/json"}
        mine: list[float] = []
        while time.monotonic() < deadline:
            started = time.perf_counter()
            if submit:
                connection.request("POST", "/api/v1/reports", body=_report(), headers=headers)
            else:
                connection.request("GET", "/api/v1/reports?limit=1", headers=headers)
            response = connection.getresponse()
            response.read()
            mine.append(time.perf_counter() - started)
            if response.status not in (200, 201):
                with lock:
                    errors.append(str(response.status))
        connection.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise SystemExit(f"{len(errors)} failed requests, e.g. {errors[:5]}")
    return latencies


def _summary(name: str, latencies: list[float], seconds: float) -> tuple[float, float, float]:
    ordered = sorted(latencies)
    rate = len(ordered) / seconds
    p50, p99 = statistics.median(ordered), ordered[int(len(ordered) * 0.99)]
    print(f"{name}: {rate:,.0f} req/s, p50 {p50 * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms")
    return rate, p50, p99


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    sys.path.insert(0, str(SRC))
    if "SAMVERKAN_DATABASE_URL" not in os.environ:
        os.environ["SAMVERKAN_DATA_DIR"] = tempfile.mkdtemp(prefix="samverkan-bench-api-")
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "samverkan.settings",
            "SAMVERKAN_API_RATE_PER_MINUTE": "100000000",
            "SAMVERKAN_WORKER": "external",
            "SAMVERKAN_LOG_LEVEL": "WARNING",
        }
    )
    secret = _token()
    from django.db import connection

    print(f"database: {connection.vendor}; {args.clients} clients, {args.seconds:.0f} s a phase")
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 - our own command
        [sys.executable, "-m", "samverkan.cli", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        _phase(port, secret, 2, 1, submit=False)  # warm up
        base = _summary(
            "baseline GET", _phase(port, secret, args.clients, args.seconds, False), args.seconds
        )
        sub = _summary(
            "submit POST", _phase(port, secret, args.clients, args.seconds, True), args.seconds
        )
        print(
            f"ratios submit/baseline: throughput {sub[0] / base[0]:.2f},"
            f" p50 {sub[1] / base[1]:.2f}, p99 {sub[2] / base[2]:.2f}"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
