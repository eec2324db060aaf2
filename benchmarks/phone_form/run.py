"""Benchmark the postal agent's phone form: taps, keystrokes and seconds to report one item.

    .venv/bin/python benchmarks/phone_form/run.py --runs 5
    .venv/bin/python scripts/throwaway_postgres.py -- .venv/bin/python benchmarks/phone_form/run.py

Starts ``samverkan serve`` on a free loopback port over a fresh data folder
(a temporary SQLite database unless SAMVERKAN_DATABASE_URL is set) with a
postal agent's shop and a few users, logs the agent in through the login
page in Chromium emulating a 390x844 touch phone in Swedish, and runs the
same flow as ``tests/e2e/test_e2e_report_item.py`` (``flow.report_item``):
after one warm-up, ``--runs`` reports, each a new item. Prints the median
taps, keystrokes and seconds from starting to load the form to the receipt,
and a keystroke-level estimate of a person's time for the same steps.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))  # run as a script: make ``benchmarks.phone_form`` importable

from benchmarks.phone_form.flow import (  # noqa: E402 - after the path above
    PHONE,
    FlowResult,
    PageCounter,
    report_item,
)

CHROMIUM = os.environ.get("SAMVERKAN_CHROMIUM", "/usr/bin/chromium")
PASSWORD = "benchmark horse battery staple"  # noqa: S105 - a throwaway user in a temp folder
AGENT = "agent_lena"
_S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _s10(rng: random.Random) -> str:
    """A valid UPU S10 item id, as on a parcel's label."""
    serial = f"{rng.randrange(10**8):08d}"
    remainder = 11 - sum(w * int(d) for w, d in zip(_S10_WEIGHTS, serial, strict=True)) % 11
    check = {10: "0", 11: "5"}.get(remainder, str(remainder))
    return f"RR{serial}{check}SE"


def _prepare(environment: dict[str, str]) -> None:
    """Migrate, collect static files and add a shop with its staff, in this process."""
    os.environ.update(environment)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from samverkan.access.models import Organisation, OrganisationKind, User

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    shop = Organisation.objects.create(
        code="se-agent-ica-tallbacken",
        kind=OrganisationKind.POSTAL_AGENT,
        country="SE",
        name="ICA Nära Tallbacken",
        municipality_codes=["1486"],
    )
    customs = Organisation.objects.create(
        code="se-customs", kind=OrganisationKind.CUSTOMS, country="SE", name="Tullverket"
    )
    User.objects.create_user(AGENT, password=PASSWORD, organisation=shop, roles=["reporter"])
    User.objects.create_user("agent_omar", password=PASSWORD, organisation=shop, roles=["reporter"])
    User.objects.create_user(
        "customs_jonas", password=PASSWORD, organisation=customs, roles=["officer"]
    )


def _stored_reports() -> int:
    from samverkan.intake.models import Report

    return Report.objects.filter(kind="postal_item").count()


def _wait_until_up(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"samverkan serve stopped with exit code {server.returncode}")
        try:
            with urllib.request.urlopen(url + "/health", timeout=1) as answer:  # noqa: S310 - our own loopback URL
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    sys.exit("samverkan serve did not answer within 30 s")


def _drive(base_url: str, runs: int) -> list[FlowResult]:
    from playwright.sync_api import sync_playwright

    rng = random.Random(20261123)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        context = browser.new_context(
            viewport={"width": PHONE["width"], "height": PHONE["height"]},
            is_mobile=True,
            has_touch=True,
            locale="sv-SE",
        )
        counter = PageCounter(context)
        page = context.new_page()
        page.goto(base_url + "/login/")
        page.fill("#id_username", AGENT)
        page.fill("#id_password", PASSWORD)
        page.click("button.primary")
        page.wait_for_url(base_url + "/")
        report_item(page, counter, base_url=base_url, item_id=_s10(rng))  # warm-up
        results = [
            report_item(page, counter, base_url=base_url, item_id=_s10(rng)) for _ in range(runs)
        ]
        browser.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="samverkan-bench-phone-")
    environment = {
        "SAMVERKAN_DATA_DIR": folder,
        "SAMVERKAN_WORKER": "external",  # no jobs are needed to take reports
        "SAMVERKAN_LOG_LEVEL": "WARNING",
    }
    _prepare(environment)
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(  # noqa: S603 - our own command, arguments we build
        [sys.executable, "-m", "samverkan.cli", "serve", "--port", str(port)],
        env={**os.environ, **environment},
    )
    try:
        _wait_until_up(base_url, server)
        results = _drive(base_url, args.runs)
    finally:
        server.terminate()
        server.wait(timeout=15)
    stored = _stored_reports()
    if stored != args.runs + 1:
        sys.exit(f"expected {args.runs + 1} stored reports, found {stored}")
    if any((r.taps, r.keystrokes) != (r.page_taps, r.page_keystrokes) for r in results):
        sys.exit("the page saw other taps or keystrokes than the script made")
    database = "PostgreSQL" if os.environ.get("SAMVERKAN_DATABASE_URL") else "SQLite"
    print(f"Phone form, {args.runs} runs after a warm-up, {database}, Chromium 390x844 touch")
    print("| figure | median | min | max |")
    print("| --- | --- | --- | --- |")
    rows: list[tuple[str, list[float], str]] = [
        ("taps", [r.taps for r in results], "{:.0f}"),
        ("keystrokes", [r.keystrokes for r in results], "{:.0f}"),
        ("seconds, form load to receipt", [r.seconds for r in results], "{:.2f}"),
        ("seconds a person needs (KLM estimate)", [r.human_seconds for r in results], "{:.1f}"),
    ]
    for label, values, shown in rows:
        median, low, high = (
            shown.format(value) for value in (statistics.median(values), min(values), max(values))
        )
        print(f"| {label} | {median} | {low} | {high} |")
    print(f"reports stored: {stored} (one per run, warm-up included)")


if __name__ == "__main__":
    main()
