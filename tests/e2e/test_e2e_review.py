"""In Chromium: an analyst works through the review queue and reads why the model asks.

Personas:

- ``kripos_analyst``: an analyst at Kripos (Norway) who decides on the pairs
  of person entities the model is unsure of.
- ``customs_officer`` and ``oslo_coordinator`` (``tests.conftest``) wrote the
  reports: customs knows Karl Berg and Maria Nilsson well; Oslo names a "Karl
  Berg" and a "Maria Nilson" with little else.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from samverkan.access.models import User
from samverkan.audit.models import AuditEvent
from samverkan.entities.models import EntityJudgement, ReviewPair
from samverkan.entities.people import people_resolve
from samverkan.entities.waterfall import chance_text
from tests.conftest import login_verified
from tests.e2e.conftest import screenshot
from tests.entities.people_world import THRESHOLDS, people_world, person, report_about

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

POINTS = re.compile(r": ([+-]\d+\.\d)$")


@pytest.fixture
def queue(customs_officer: User, oslo_coordinator: User) -> list[ReviewPair]:
    """Two doubtful pairs, strongest first."""
    people_world(customs_officer, oslo_coordinator)
    report_about(
        customs_officer,
        "tull-5",
        person("p1", "courier", name="Maria Nilsson", born="1979-11-02", nick="Majsan"),
    )
    report_about(
        oslo_coordinator, "oslo-2", person("p1", "suspect", name="Maria Nilson", nick="Majsan")
    )
    people_resolve(thresholds=THRESHOLDS)
    return list(ReviewPair.objects.order_by("-score"))


def _desk(browser: Browser, base_url: str, user: User, locale: str) -> Page:
    """A 1280-wide browser signed in as ``user`` with a purpose given, asking for ``locale``."""
    client = Client()
    login_verified(client, user)
    client.post("/purpose/", {"reference": "op-review-2026"})
    context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 800})
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base_url}])
    return context.new_page()


def _no_overflow(page: Page) -> None:
    """Nothing sticks out sideways: no bar past its track, no page wider than the window."""
    wider = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not wider
    outside = page.evaluate(
        """[...document.querySelectorAll('.step-bar')].filter(bar => {
            const own = bar.getBoundingClientRect();
            const track = bar.parentElement.getBoundingClientRect();
            return own.left < track.left - 0.5 || own.right > track.right + 0.5;
        }).length"""
    )
    assert outside == 0


@pytest.fixture
def analyst_desk(browser: Browser, live_server: LiveServer, kripos_analyst: User) -> Iterator[Page]:
    page = _desk(browser, live_server.url, kripos_analyst, "en-GB")
    yield page
    page.context.close()


def test_the_analyst_reads_why_and_says_not_the_same(
    analyst_desk: Page, live_server: LiveServer, queue: list[ReviewPair], kripos_analyst: User
) -> None:
    page, strongest = analyst_desk, queue[0]
    page.goto(live_server.url + "/review/")
    rows = page.locator("table.review-queue tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Maria Nilsson")
    rows.first.get_by_role("link", name="Compare").click()
    expect(page).to_have_url(f"{live_server.url}/review/{strongest.pk}/")

    steps = page.locator("ol.waterfall li")
    labels = steps.locator(".step-label").all_inner_texts()
    assert labels[0].startswith("Start: two records picked at random")
    assert labels[-1].startswith("Result: this pair")
    points = [float(POINTS.search(label.strip()).group(1)) for label in labels]  # type: ignore[union-attr]
    weights = strongest.weights
    assert points[0] == pytest.approx(weights["prior"], abs=0.05)
    assert points[-1] == pytest.approx(weights["match_weight"], abs=0.05)
    assert sum(points[1:-1]) == pytest.approx(weights["match_weight"] - weights["prior"], abs=0.2)
    # The same nickname speaks for the pair; the weights themselves are the model's.
    assert any(label.startswith("Same nickname: +") for label in labels)
    assert "Reported in different countries: -3.2" in labels
    with translation.override("en"):
        ends = chance_text(strongest.score)
    expect(page.locator("section.waterfall-card")).to_contain_text(f"the chance ends at {ends}")
    _no_overflow(page)

    page.get_by_label("Not the same person").check()
    page.get_by_label("Why").fill("Oslo's Maria is a teenager; ours was born 1979")
    page.get_by_role("button", name="Record decision").click()

    expect(page).to_have_url(f"{live_server.url}/review/")
    expect(page.locator("table.review-queue tbody tr")).to_have_count(1)
    strongest.refresh_from_db()
    judgement = EntityJudgement.objects.get()
    assert (strongest.status, strongest.judgement_id) == ("decided", judgement.pk)
    assert (judgement.judgement, judgement.by_id, judgement.left_id, judgement.right_id) == (
        "negative",
        kripos_analyst.pk,
        strongest.left_id,
        strongest.right_id,
    )
    assert judgement.reason == "Oslo's Maria is a teenager; ours was born 1979"
    event = AuditEvent.objects.get(action="combine", actor_id=kripos_analyst.pk)
    assert (event.details["change"], event.purpose) == ("negative", judgement.reason)


@pytest.mark.parametrize("locale", ["sv-SE", "en-GB"])
def test_queue_and_pair_pictures(
    browser: Browser,
    live_server: LiveServer,
    queue: list[ReviewPair],
    kripos_analyst: User,
    locale: str,
) -> None:
    page = _desk(browser, live_server.url, kripos_analyst, locale)
    language = locale[:2]
    page.goto(live_server.url + "/review/")
    expect(page.locator("table.review-queue tbody tr")).to_have_count(2)
    screenshot(page, f"review-queue-{language}")
    page.goto(f"{live_server.url}/review/{queue[0].pk}/")
    expect(page.locator("ol.waterfall li")).not_to_have_count(0)
    _no_overflow(page)
    screenshot(page, f"review-pair-{language}")
    page.context.close()
