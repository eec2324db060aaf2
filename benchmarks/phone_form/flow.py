"""The postal agent's flow on a phone: one Playwright function for the test and the benchmark.

A signed-in agent opens the form, taps the item id box, types the id, taps
the format, taps two signs and taps "send", then waits for the receipt.
Taps and keystrokes are counted twice: by this script as it acts, and by
the page itself (``touchstart`` and ``keydown`` listeners reporting back to
Python), so a flow that needed an extra tap to get through would show it.

Machine time measures the page, not the person. ``human_seconds`` adds a
keystroke-level estimate of the person (Card, Moran and Newell's KLM, with
touch-screen figures): a moment to think before each step, a thumb's reach
for each tap, and thumb typing for each character.

Imports nothing from Django: the benchmark drives a server in another process.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from playwright.sync_api import BrowserContext, Page

PHONE = {"width": 390, "height": 844}
FORM_PATH = "/report/item/"
ITEM_ID = "RR123456785SE"  # a valid S10 number: check digit 5
SIGNS = ("smell", "vacuum_packed")

# Budget the flow must stay within: 1 tap on the id box, 1 format, 2 signs, 1 send;
# the keystrokes are the 13 characters of an S10 id.
TAP_BUDGET = 5
KEYSTROKE_BUDGET = 13

# KLM figures (seconds): mental preparation; reaching and tapping a target with a
# thumb; one character typed with thumbs on a phone keyboard (about 35 words a minute).
_THINK = 1.35
_TAP = 1.1
_THUMB_CHARACTER = 0.35

_COUNTERS = """
(() => {
  const count = (what) => { try { window.samverkanCount(what); } catch (error) {} };
  document.addEventListener("touchstart", () => count("tap"), { capture: true, passive: true });
  document.addEventListener("keydown", () => count("key"), { capture: true });
})();
"""


@dataclass(frozen=True, slots=True)
class FlowResult:
    taps: int
    keystrokes: int
    seconds: float  # from starting to load the form to the receipt shown
    page_taps: int  # as the page saw them
    page_keystrokes: int
    outcome: str  # the receipt's data-outcome: "stored", "repeat", ...

    @property
    def human_seconds(self) -> float:
        """Keystroke-level estimate of a person doing the same: think once per step."""
        steps = self.taps  # each tap ends one step: the box, the format, each sign, send
        return round(steps * _THINK + self.taps * _TAP + self.keystrokes * _THUMB_CHARACTER, 1)


class PageCounter:
    """Taps and keystrokes the pages of a browser context report, across navigations."""

    def __init__(self, context: BrowserContext) -> None:
        self.counts = {"tap": 0, "key": 0}
        context.expose_binding("samverkanCount", self._count)
        context.add_init_script(_COUNTERS)

    def _count(self, _source: object, what: str) -> None:
        self.counts[what] += 1

    def reset(self) -> None:
        self.counts = {"tap": 0, "key": 0}

    def wait_for(self, *, taps: int, keystrokes: int, page: Page, seconds: float = 3.0) -> None:
        """Give the page's reports time to arrive (they travel apart from the actions)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and (
            self.counts["tap"] < taps or self.counts["key"] < keystrokes
        ):
            page.wait_for_timeout(20)


def report_item(
    page: Page,
    counter: PageCounter,
    *,
    base_url: str,
    item_id: str = ITEM_ID,
    item_format: str = "parcel",
    signs: Sequence[str] = SIGNS,
) -> FlowResult:
    """Report one item as the agent would; returns what it took."""
    counter.reset()
    taps = keystrokes = 0
    started = time.perf_counter()
    page.goto(base_url + FORM_PATH)
    page.tap("#id_item_id")
    taps += 1
    page.keyboard.type(item_id)
    keystrokes += len(item_id)
    page.tap(f"label:has(> input[name=format][value={item_format}])")
    taps += 1
    for sign in signs:
        page.tap(f"label:has(> input[name=suspicion][value={sign}])")
        taps += 1
    page.tap("#send-report")
    taps += 1
    receipt = page.wait_for_selector("#report-sent")
    seconds = time.perf_counter() - started
    assert receipt is not None
    counter.wait_for(taps=taps, keystrokes=keystrokes, page=page)
    return FlowResult(
        taps=taps,
        keystrokes=keystrokes,
        seconds=seconds,
        page_taps=counter.counts["tap"],
        page_keystrokes=counter.counts["key"],
        outcome=receipt.get_attribute("data-outcome") or "",
    )
