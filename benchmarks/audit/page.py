"""Audit overhead on read-heavy pages: the same requests with and without the audit write.

    .venv/bin/python benchmarks/audit/page.py --requests 300
    .venv/bin/python scripts/throwaway_postgres.py -- .venv/bin/python benchmarks/audit/page.py

Loads the demo world into a fresh database, logs in an officer who has
stated a purpose, and times GET /reports/ (a page of 50 reports) and GET
/reports/<id>/ through Django's test client, alternating rounds with the
audit write on and replaced by a no-op, so both see the same machine load.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock


def _setup() -> None:
    if "SAMVERKAN_DATABASE_URL" not in os.environ:
        os.environ["SAMVERKAN_DATA_DIR"] = tempfile.mkdtemp(prefix="samverkan-bench-page-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings")
    os.environ["SAMVERKAN_SECOND_FACTOR"] = "off"
    os.environ.setdefault("SAMVERKAN_ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    world = Path(tempfile.mkdtemp(prefix="samverkan-bench-world-"))
    call_command("generate", size="demo", seed=1, out=str(world), force=True, verbosity=0)
    call_command("load", str(world), verbosity=0)


def _time(client: object, url: str, requests: int) -> list[float]:
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)  # type: ignore[attr-defined]
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
    _setup()
    from django.db import connection
    from django.test import Client

    from samverkan.access.models import Organisation, User
    from samverkan.audit.models import AuditEvent
    from samverkan.intake.models import Report

    officer = User.objects.create_user(
        username="bench_officer",
        organisation=Organisation.objects.get(code="no-district-ost"),
        roles=["officer"],
    )
    client = Client()
    client.force_login(officer)
    client.post("/purpose/", {"reference": "op-benchmark"})
    report = Report.objects.filter(tlp="AMBER").order_by("pk").first()
    assert report is not None
    print(f"database: {connection.vendor}")
    for name, url in (("report list", "/reports/"), ("report detail", f"/reports/{report.pk}/")):
        audited: list[float] = []
        bare: list[float] = []
        _time(client, url, 20)  # warm caches and connections
        for _round in range(5):
            before = AuditEvent.objects.count()
            audited += _time(client, url, args.requests // 5)
            assert AuditEvent.objects.count() == before + args.requests // 5
            with mock.patch("samverkan.intake.selectors.audit_record"):
                bare += _time(client, url, args.requests // 5)
        a, b = statistics.median(audited), statistics.median(bare)
        print(
            f"{name}: median {a * 1000:.2f} ms audited, {b * 1000:.2f} ms without audit,"
            f" ratio {a / b:.2f}; p95 {sorted(audited)[int(len(audited) * 0.95)] * 1000:.2f} ms"
        )


if __name__ == "__main__":
    main()
