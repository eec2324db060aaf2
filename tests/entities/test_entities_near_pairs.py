"""Numbers one slip apart that nothing ties, listed for the analysts to decide.

Reports go in through the intake service; the analyst reads the list at
/review/near/, decides on the entity page, and the pair leaves the list.
Checked: what each reader sees (a pair with a side the reader may not see
does not exist for them), what was stored, and the consultation trail.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from samverkan.access.models import Organisation, OrganisationKind, User
from samverkan.audit.models import AuditEvent
from samverkan.entities.models import Entity, EntityJudgement, NearPair
from samverkan.entities.sweep import near_sweep
from tests.conftest import PASSWORD, login_verified
from tests.entities.reports import intelligence

pytestmark = pytest.mark.django_db

PHONE = "070-123 45 67"
SLIP = "070-123 54 67"  # two digits swapped: a valid number, maybe someone else's
HIDDEN = "070-123 45 68"  # one digit from PHONE, in a RED report


@pytest.fixture
def noa_analyst(db: None) -> User:
    """An analyst at the Swedish national unit: another organisation than Kripos."""
    noa, _ = Organisation.objects.get_or_create(
        code="se-noa",
        defaults={"kind": OrganisationKind.NATIONAL_POLICE, "country": "SE", "name": "NOA"},
    )
    return User.objects.create_user(
        username="noa_analyst", password=PASSWORD, organisation=noa, roles=["analyst"]
    )


def _list(client: Client, user: User, query: str = "") -> tuple[int, str]:
    login_verified(client, user)
    client.post("/purpose/", {"reference": "op-vinterljus"})
    response = client.get(f"/review/near/{query}", HTTP_ACCEPT_LANGUAGE="en")
    return response.status_code, response.content.decode()


def _keys() -> tuple[Entity, Entity]:
    return Entity.objects.get(key="+46701234567"), Entity.objects.get(key="+46701235467")


def test_an_untied_slip_is_listed_and_leaves_the_list_once_judged(
    client: Client, kripos_analyst: User
) -> None:
    intelligence(kripos_analyst, "r-1", ("phone", PHONE), ("person_name", "Anna Berg"))
    intelligence(kripos_analyst, "r-2", ("phone", SLIP), ("person_name", "Omar Khalid"))
    known, slipped = _keys()
    pair = NearPair.objects.get()
    assert (pair.left_id, pair.right_id, pair.kind, pair.status) == (
        known.pk, slipped.pk, "phone", "open"
    )  # fmt: skip

    status, page = _list(client, kripos_analyst)
    assert status == 200
    assert f'<a href="/entities/{known.pk}/">070-123 45 67</a>' in page
    assert f'<a href="/entities/{slipped.pk}/">070-123 54 67</a>' in page
    assert f'href="/entities/{known.pk}/#near"' in page
    event = AuditEvent.objects.filter(action="consult", object_type="near_pairs").get()
    assert event.details["pairs"] == [pair.pk]

    client.post(
        f"/entities/{known.pk}/judgement/",
        {"other": slipped.pk, "decision": "negative", "reason": "two different SIMs"},
    )
    pair.refresh_from_db()
    assert pair.status == "decided"
    assert pair.decided_at is not None
    _status, page = _list(client, kripos_analyst)
    assert "Nothing to review." in page
    # Judged once, never offered again, even when the slip is looked at anew nightly.
    intelligence(kripos_analyst, "r-3", ("phone", SLIP), ("person_name", "Omar Khalid"))
    near_sweep()
    assert NearPair.objects.filter(status="open").count() == 0


def test_a_merge_from_the_entity_page_closes_the_pair(client: Client, kripos_analyst: User) -> None:
    intelligence(kripos_analyst, "r-1", ("phone", PHONE), ("person_name", "Anna Berg"))
    intelligence(kripos_analyst, "r-2", ("phone", SLIP), ("person_name", "Omar Khalid"))
    known, slipped = _keys()
    login_verified(client, kripos_analyst)
    client.post("/purpose/", {"reference": "op-vinterljus"})
    client.post(
        f"/entities/{known.pk}/judgement/",
        {"other": slipped.pk, "decision": "merge", "reason": "same SIM, read off the phone"},
    )
    assert NearPair.objects.get().status == "decided"


def test_a_pair_the_rules_tie_is_merged_not_listed(kripos_analyst: User) -> None:
    intelligence(kripos_analyst, "r-1", ("phone", PHONE), ("person_name", "Karl Berg"))
    intelligence(kripos_analyst, "r-2", ("phone", SLIP), ("person_name", "Karl Berg"))
    assert not NearPair.objects.exists()


def test_a_pair_with_a_side_the_reader_may_not_see_does_not_exist_for_them(
    client: Client, kripos_analyst: User, noa_analyst: User
) -> None:
    intelligence(noa_analyst, "n-1", ("phone", PHONE), ("person_name", "Anna Berg"))
    intelligence(kripos_analyst, "r-1", ("phone", SLIP), ("person_name", "Omar Khalid"), tlp="RED")
    assert NearPair.objects.count() == 1
    _status, kripos_page = _list(client, kripos_analyst)
    assert "070-123 54 67" in kripos_page
    client.logout()
    _status, noa_page = _list(client, noa_analyst)
    # Kripos's RED report stays in Kripos: for NOA the slipped number does not exist.
    assert "070-123 54 67" not in noa_page
    assert "Nothing to review." in noa_page
    event = AuditEvent.objects.filter(object_type="near_pairs", actor=noa_analyst).get()
    assert event.details["pairs"] == []


@pytest.mark.parametrize("reader", ["customs_officer", "oslo_coordinator", "postal_agent"])
def test_the_list_does_not_exist_for_those_who_do_not_review(
    client: Client, kripos_analyst: User, reader: str, request: pytest.FixtureRequest
) -> None:
    intelligence(kripos_analyst, "r-1", ("phone", PHONE), ("person_name", "Anna Berg"))
    intelligence(kripos_analyst, "r-2", ("phone", SLIP), ("person_name", "Omar Khalid"))
    status, page = _list(client, request.getfixturevalue(reader))
    assert status == 404
    assert "070-123" not in page


def test_the_list_is_filtered_by_kind(client: Client, kripos_analyst: User) -> None:
    intelligence(kripos_analyst, "r-1", ("phone", PHONE), ("plate", "ABC 123"))
    intelligence(kripos_analyst, "r-2", ("phone", SLIP), ("plate", "ABC 132"))
    assert sorted(NearPair.objects.values_list("kind", flat=True)) == ["phone", "vehicle"]
    _status, page = _list(client, kripos_analyst, "?kind=vehicle")
    assert "ABC 132" in page
    assert "070-123 54 67" not in page
    _status, page = _list(client, kripos_analyst, "?kind=<script>")
    assert "<script>" not in page
    assert "ABC 132" in page
    assert "070-123 54 67" in page


def test_a_number_one_slip_from_a_hidden_number_merged_into_a_visible_one_is_not_offered(
    client: Client, kripos_analyst: User, noa_analyst: User
) -> None:
    # NOA's RED number joins NOA's AMBER number by the name they share.
    intelligence(noa_analyst, "n-1", ("phone", PHONE), ("person_name", "Anna Berg"))
    intelligence(
        noa_analyst, "n-red", ("phone", "070-123 45 68"), ("person_name", "Anna Berg"), tlp="RED"
    )
    assert Entity.objects.get(key="+46701234568").merged_into_id is not None
    # Kripos's number is one slip from the hidden number, two from the visible one.
    intelligence(kripos_analyst, "r-1", ("phone", "070-123 45 98"), ("person_name", "Omar Khalid"))
    assert not NearPair.objects.exists()
    _status, page = _list(client, kripos_analyst)
    assert "Nothing to review." in page


def test_a_cluster_seen_through_a_merged_writing_hides_what_is_near_its_hidden_key(
    client: Client, kripos_analyst: User, noa_analyst: User
) -> None:
    # The RED number comes first: it is the cluster's own key, the AMBER one joins it.
    intelligence(
        noa_analyst, "n-red", ("phone", "070-123 45 68"), ("person_name", "Anna Berg"), tlp="RED"
    )
    intelligence(noa_analyst, "n-1", ("phone", PHONE), ("person_name", "Anna Berg"))
    hidden = Entity.objects.get(key="+46701234568")
    assert hidden.merged_into_id is None
    intelligence(kripos_analyst, "r-1", ("phone", "070-123 45 98"), ("person_name", "Omar Khalid"))
    assert NearPair.objects.filter(left=hidden).exists()  # recorded, for those who may see it
    _status, page = _list(client, kripos_analyst)
    assert "Nothing to review." in page
    mine = Entity.objects.get(key="+46701234598")
    entity_page = client.get(f"/entities/{mine.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "070-123 45 98" in entity_page
    assert "Written one keystroke apart" not in entity_page
    assert f'href="/entities/{hidden.pk}/"' not in entity_page
    client.logout()
    _status, page = _list(client, noa_analyst)
    assert "070-123 45 98" in page


def test_a_pair_judged_while_it_was_being_offered_is_not_listed(
    client: Client, kripos_analyst: User
) -> None:
    intelligence(kripos_analyst, "r-1", ("phone", PHONE), ("person_name", "Anna Berg"))
    intelligence(kripos_analyst, "r-2", ("phone", SLIP), ("person_name", "Omar Khalid"))
    known, slipped = _keys()
    # The judgement commits first; the nightly sweep's offer, read before it, lands after.
    EntityJudgement.objects.create(
        left=known, right=slipped, judgement="negative", reason="two SIMs", by=kripos_analyst,
        at=timezone.now(),
    )  # fmt: skip
    assert NearPair.objects.get().status == "open"
    _status, page = _list(client, kripos_analyst)
    assert "Nothing to review." in page
