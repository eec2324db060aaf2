"""In Chromium: Södermalm's coordinator declines an offered lead; it escalates to the region.

Personas (``tests.leads.test_leads_pages.build_world``):

- ``sara``: coordinates Södermalm's leads; declares capacity and answers offers.
- ``lena``: works at the shop whose parcel report started the lead; sees what
  became of it, never the phone.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from samverkan.leads.models import LeadStatus, OfferVia
from samverkan.leads.services import leads_allocate
from tests.e2e.conftest import screenshot
from tests.e2e.test_e2e_access import signed_in
from tests.leads.test_leads_pages import TITLE, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_declines_on_the_board_and_sees_the_lead_escalated(
    live_server: LiveServer, page: Page
) -> None:
    world = build_world()
    signed_in(page.context, live_server.url, world.sara)
    page.goto(f"{live_server.url}/purpose/?next=/leads/")
    page.get_by_label("Case or operation reference").fill("op-parcel-2026")
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(f"{live_server.url}/leads/")

    # Capacity for this week, on the board; then the worker offers the lead.
    page.get_by_label("New leads we can take").fill("2")
    page.get_by_role("button", name="Declare capacity").click()
    expect(page.get_by_text("Capacity declared.")).to_be_visible()
    assert leads_allocate() == 1
    page.reload()
    expect(page.get_by_role("heading", name="Offered to us (1)")).to_be_visible()
    screenshot(page, "leads-board-offered")

    page.get_by_role("link", name=TITLE).first.click()
    expect(page).to_have_url(re.compile(rf"/leads/{world.lead.pk}/$"))
    expect(page.get_by_text("Named in 5 courier statements").first).to_be_visible()
    screenshot(page, "leads-lead-page-offered")

    decline = page.locator("#act-decline")
    decline.get_by_label("Reason").select_option("not_our_area")
    decline.get_by_label("In a few words").fill("Belongs to the region's drug unit.")
    decline.get_by_role("button", name="Decline the lead").click()

    expect(page.get_by_text("Declined: the lead moves on.")).to_be_visible()
    escalated = f"Lead {world.lead.pk} was escalated to Polisregion Stockholm."
    expect(page.get_by_text(escalated)).to_be_visible()
    expect(page.locator("#lead-status")).to_have_text("Offered")
    expect(page.locator("#act-decline")).to_have_count(0)  # no longer Södermalm's to answer
    screenshot(page, "leads-lead-page-escalated")
    world.lead.refresh_from_db()
    assert (world.lead.status, world.lead.owner) == (LeadStatus.OFFERED, world.region)
    assert world.lead.offers.filter(via=OfferVia.ESCALATION).count() == 1

    page.goto(f"{live_server.url}/leads/")
    expect(page.get_by_role("heading", name="Declined by us (1)")).to_be_visible()
    expect(page.get_by_role("heading", name="Escalated by us (1)")).to_be_visible()
    screenshot(page, "leads-board-after-decline")

    # The shop's reporter: the steps and the reason, her own report, not the phone.
    reporter = page.context.browser.new_context(locale="en-GB")  # type: ignore[union-attr]
    lena = reporter.new_page()
    signed_in(reporter, live_server.url, world.lena)
    lena.goto(f"{live_server.url}/leads/passed-on/")
    expect(lena.get_by_text("Not our area")).to_be_visible()
    expect(lena.get_by_text("held by Polisregion Stockholm")).to_be_visible()
    assert TITLE not in lena.content()
    screenshot(lena, "leads-passed-on-reporter")
    reporter.close()
