"""A slipped number on the entity page, and what the reader's own call records say of it.

Customs report a backer's number with a name, then a courier's statement
naming the backer's number with two digits swapped beside the courier's own
number: nothing else ties the two, so no rule merges them and the page
offers the pair to judge. The national unit (``police_analyst``) holds call
records of the courier's number calling the backer's; Oslo holds none. Only
the holder reads the hint, nothing is merged by it, and the read is audited.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from samverkan.access.models import User
from samverkan.audit.models import AuditEvent
from samverkan.entities.models import Entity, EntityJudgement, NearPair
from samverkan.imports.models import ImportJob
from tests.conftest import login_verified
from tests.entities.reports import intelligence
from tests.imports.conftest import import_file, write_csv

pytestmark = pytest.mark.django_db

BACKER = "+46701234567"
SLIP = "+46701235467"  # the backer's number with two digits swapped
COURIER = "+46731112233"
HINT = "Your call records tie them: 3 calls"


def _calls(tmp_path: Path, *pairs: tuple[str, str], name: str = "calls.csv") -> Path:
    header = ["a_number", "b_number", "started_at", "duration_seconds", "cell"]
    rows = [
        [a, b, f"2026-04-{day:02d}T10:00:00+02:00", "60", "240-01-1"]
        for day, (a, b) in enumerate(pairs, start=1)
    ]
    return write_csv(tmp_path / name, header, rows)


@pytest.fixture
def pair(tmp_path: Path, customs_officer: User, police_analyst: User) -> tuple[int, int]:
    intelligence(customs_officer, "c-1", ("phone", BACKER), ("person_name", "Karl Berg"))
    intelligence(customs_officer, "c-2", ("phone", SLIP), ("phone", COURIER))
    calls = _calls(tmp_path, (COURIER, BACKER), (BACKER, COURIER), (COURIER, BACKER))
    import_file(police_analyst, "call_records", calls)
    return Entity.objects.get(key=SLIP).pk, Entity.objects.get(key=BACKER).pk


def _page(client: Client, user: User, entity_id: int) -> str:
    login_verified(client, user)
    client.post("/purpose/", {"reference": "op-vinterljus"})
    response = client.get(f"/entities/{entity_id}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("side", ["slip", "backer"])
def test_the_holder_of_the_call_records_sees_them_tie_the_pair_from_either_side(
    client: Client, pair: tuple[int, int], police_analyst: User, side: str
) -> None:
    slip, backer = pair
    here, there = (slip, backer) if side == "slip" else (backer, slip)
    page = _page(client, police_analyst, here)
    assert "Written one keystroke apart" in page
    assert f'href="/entities/{there}/"' in page
    assert HINT in page
    event = AuditEvent.objects.filter(action="consult", object_id=str(here)).latest("sequence")
    assert event.details["near_calls"] == {str(there): 3}
    assert event.details["near_call_jobs"] == [ImportJob.objects.get().pk]
    # A hint for the analyst, not a merge: nothing stored changed.
    assert not EntityJudgement.objects.exists()
    assert Entity.objects.get(pk=slip).merged_into_id is None


@pytest.mark.parametrize("reader", ["oslo_analyst", "customs_officer"])
def test_readers_without_the_call_records_see_the_pair_and_no_hint(
    client: Client, pair: tuple[int, int], reader: str, request: pytest.FixtureRequest
) -> None:
    slip, backer = pair
    page = _page(client, request.getfixturevalue(reader), slip)
    assert f'href="/entities/{backer}/"' in page
    assert "call records" not in page
    event = AuditEvent.objects.filter(action="consult", object_id=str(slip)).latest("sequence")
    assert "near_calls" not in event.details


def test_each_holder_counts_only_its_own_call_records(
    client: Client, tmp_path: Path, pair: tuple[int, int], oslo_analyst: User
) -> None:
    slip, _backer = pair
    import_file(oslo_analyst, "call_records", _calls(tmp_path, (COURIER, BACKER), name="oslo.csv"))
    assert "Your call records tie them: 1 call" in _page(client, oslo_analyst, slip)


def test_a_number_written_beside_only_in_a_report_hidden_from_the_reader_ties_nothing(
    client: Client, tmp_path: Path, customs_officer: User, police_analyst: User
) -> None:
    intelligence(customs_officer, "c-1", ("phone", BACKER), ("person_name", "Karl Berg"))
    intelligence(customs_officer, "c-2", ("phone", SLIP), ("person_name", "Omar Khalid"))
    # The courier's number is beside the slip only in customs' RED report.
    intelligence(customs_officer, "c-red", ("phone", SLIP), ("phone", COURIER), tlp="RED")
    import_file(police_analyst, "call_records", _calls(tmp_path, (COURIER, BACKER)))
    page = _page(client, police_analyst, Entity.objects.get(key=SLIP).pk)
    assert f'href="/entities/{Entity.objects.get(key=BACKER).pk}/"' in page
    assert "call records" not in page


def test_the_holder_sees_the_hint_in_the_list_of_near_pairs_and_the_read_is_audited(
    client: Client, pair: tuple[int, int], police_analyst: User, oslo_analyst: User
) -> None:
    slip, backer = pair
    login_verified(client, police_analyst)
    client.post("/purpose/", {"reference": "op-vinterljus"})
    page = client.get("/review/near/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'href="/entities/{slip}/"' in page
    assert HINT in page
    event = AuditEvent.objects.filter(object_type="near_pairs").latest("sequence")
    assert event.details["near_calls"] == {str(NearPair.objects.get().pk): 3}
    assert event.details["near_call_jobs"] == [ImportJob.objects.get().pk]
    client.logout()
    login_verified(client, oslo_analyst)
    client.post("/purpose/", {"reference": "op-vinterljus"})
    page = client.get("/review/near/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'href="/entities/{backer}/"' in page
    assert "call records" not in page
