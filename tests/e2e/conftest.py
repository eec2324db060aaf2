"""Browser fixtures: Playwright driving Debian's Chromium, headless.

``playwright install`` cannot download here and is not needed: the tests use
the system Chromium (``make test`` installs it). Without it, the browser tests
skip and say why.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = Path(os.environ.get("SAMVERKAN_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in this thread; the Django ORM calls
# the tests make around it are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


class OneRequestAtATime(ThreadedWSGIServer):
    """The live server, running the application for one request at a time.

    On SQLite the test database is one in-memory connection that the server's
    threads share, so two requests at once (a check-as-you-type beside a
    submit) could both begin a transaction on it ("cannot start a transaction
    within a transaction"). Connections still get a thread each, so a browser
    keeping one open blocks nobody.
    """

    _application_lock = threading.Lock()

    def set_app(self, application: Any) -> None:
        def one_at_a_time(environ: Any, start_response: Any) -> Any:
            with self._application_lock:
                return application(environ, start_response)

        super().set_app(one_at_a_time)


LiveServerThread.server_class = OneRequestAtATime  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: run 'make test-deps' (Debian: chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    yield page
    context.close()


def screenshot(page: Page, name: str) -> Path:
    """Keep a picture of what the user saw, for people to look at after the run."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
