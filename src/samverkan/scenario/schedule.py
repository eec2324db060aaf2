"""What happens on each day of the year, and how often.

Invariant: each activity has a share of the year's reports and the average
number of reports one event of it yields, so the expected total is the
size's target; a day's count is its expected value (shaped by the weekday:
shops are shut on Sundays, analysts work office days, border traffic peaks
at weekends) rounded at random. Activities run in a fixed order each day
and networks are drawn by their activity weight, so the same seed gives the
same year.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate

from samverkan.scenario import border, calls, intelligence, post, watch
from samverkan.scenario.calls import CallRecord
from samverkan.scenario.drafting import ReportDraft
from samverkan.scenario.networks import Network
from samverkan.scenario.scene import Scene
from samverkan.scenario.sizes import Size

NetworkEvent = Callable[[Scene, Network, int], list[ReportDraft]]
BackgroundEvent = Callable[[Scene, int], list[ReportDraft]]

# Relative activity by weekday (Monday first).
_PROFILES = {
    "any": (1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0),
    "shop": (1.0, 1.0, 1.0, 1.0, 1.0, 0.8, 0.3),
    "office": (1.0, 1.0, 1.0, 1.0, 1.0, 0.15, 0.1),
    "border": (0.8, 0.8, 0.9, 1.0, 1.3, 1.4, 1.2),
}


@dataclass(frozen=True, slots=True)
class NetworkActivity:
    name: str
    share: float
    per_event: float
    profile: str
    needs: Callable[[Network], bool]
    run: NetworkEvent


@dataclass(frozen=True, slots=True)
class BackgroundActivity:
    name: str
    share: float
    per_event: float
    profile: str
    run: BackgroundEvent


def _borders(network: Network) -> bool:
    return network.borders


def _posts(network: Network) -> bool:
    return network.posts


def _any(network: Network) -> bool:
    return True


def _network_camera(scene: Scene, network: Network, day: int) -> list[ReportDraft]:
    return watch.city_camera(scene, day, network)


NETWORK_ACTIVITIES = (
    NetworkActivity("courier_stop", 0.07, 2.5, "any", _borders, border.courier_stop),
    NetworkActivity("courier_passage", 0.03, 1.0, "border", _borders, border.courier_passage),
    NetworkActivity("drop_delivery", 0.12, 1.1, "shop", _posts, post.drop_delivery),
    NetworkActivity("letter_posting", 0.09, 1.1, "shop", _posts, post.letter_posting),
    NetworkActivity("surveillance", 0.035, 1.0, "any", _any, watch.surveillance),
    NetworkActivity("network_camera", 0.015, 1.0, "any", _any, _network_camera),
    NetworkActivity("network_report", 0.04, 1.0, "office", _any, intelligence.network_report),
)
BACKGROUND_ACTIVITIES = (
    BackgroundActivity("innocent_item", 0.22, 1.0, "shop", post.innocent_item),
    BackgroundActivity("personal_import", 0.05, 1.0, "office", post.personal_import),
    BackgroundActivity("traveller_seizure", 0.015, 1.0, "border", border.traveller_seizure),
    BackgroundActivity("border_traffic", 0.18, 1.0, "border", border.border_traffic),
    BackgroundActivity("city_camera", 0.085, 1.0, "any", watch.city_camera),
    BackgroundActivity("tip", 0.05, 1.0, "office", intelligence.tip),
)
# Share of call records between network phones (the rest are innocent).
_NETWORK_CALL_SHARE = 0.35


class _Picker:
    """Draws networks able to do an activity, in proportion to their weight."""

    def __init__(self, networks: list[Network]) -> None:
        self.networks = networks
        self.cumulative = list(accumulate(n.weight for n in networks))

    def pick(self, rng: random.Random) -> Network:
        index = bisect_right(self.cumulative, rng.random() * self.cumulative[-1])
        return self.networks[min(index, len(self.networks) - 1)]


class Schedule:
    def __init__(self, size: Size, networks: list[Network], year: int, rng: random.Random) -> None:
        self.rng = rng
        self.days = (date(year + 1, 1, 1) - date(year, 1, 1)).days
        weekdays = [(date(year, 1, 1) + timedelta(days=d)).weekday() for d in range(self.days)]
        self._weekdays = weekdays
        self._scale = {
            name: 1.0 / sum(profile[w] for w in weekdays) for name, profile in _PROFILES.items()
        }
        self._network: list[tuple[NetworkActivity, _Picker, float]] = []
        for activity in NETWORK_ACTIVITIES:
            able = [n for n in networks if activity.needs(n)]
            if able:
                events = size.reports * activity.share / activity.per_event
                self._network.append((activity, _Picker(able), events))
        self._background = [
            (activity, size.reports * activity.share / activity.per_event)
            for activity in BACKGROUND_ACTIVITIES
        ]
        self._calls = size.reports * size.calls_per_report
        self._all = _Picker(networks)

    def _count(self, yearly: float, profile: str, day: int) -> int:
        expected = yearly * _PROFILES[profile][self._weekdays[day]] * self._scale[profile]
        whole = int(expected)
        return whole + (self.rng.random() < expected - whole)

    def reports(self, scene: Scene, day: int) -> Iterator[ReportDraft]:
        for activity, picker, yearly in self._network:
            for _ in range(self._count(yearly, activity.profile, day)):
                yield from activity.run(scene, picker.pick(self.rng), day)
        for background, yearly in self._background:
            for _ in range(self._count(yearly, background.profile, day)):
                yield from background.run(scene, day)

    def calls(self, scene: Scene, day: int) -> Iterator[CallRecord]:
        for _ in range(self._count(self._calls * _NETWORK_CALL_SHARE, "any", day)):
            record = calls.network_call(scene, self._all.pick(self.rng), day)
            if record is not None:
                yield record
        for _ in range(self._count(self._calls * (1 - _NETWORK_CALL_SHARE), "any", day)):
            record = calls.innocent_call(scene, day)
            if record is not None:
                yield record
