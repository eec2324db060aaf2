"""Ids swapped across organisations on every route that names an object, with real writes.

The peers' bug class: permission checked on one object, another one changed.
Each test sends the write a persona would send for their own object, with an
object of another organisation instead, and checks three things: the answer
is the very answer for an id that does not exist (status and body), the
object is unchanged, and nothing else in the database changed either.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from samverkan.entities.models import EntityJudgement
from samverkan.intake.models import Report
from samverkan.sharing.models import InformationRequest, ReportDisclosure
from tests.access.routes import (
    ADMINS,
    MISSING_ID,
    READ_TOKENS,
    SUBMIT_TOKENS,
    TOKEN_ADMINS,
    Persona,
    Target,
    World,
    changes,
    database_state,
    marker,
    world_build,
)
from tests.intake.photo_files import plain_jpeg

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db

USER_ACTIONS = {
    "disable": {"action": "disable"},
    "enable": {"action": "enable"},
    "make administrator": {"action": "roles", "roles": ["admin"]},
    "reset second factor": {"action": "reset_second_factor"},
    "unlock": {"action": "unlock"},
}


@pytest.fixture
def world() -> World:
    return world_build()


def _looks_missing(refused: Response, missing: Response) -> str:
    """Empty when the refusal is byte for byte the answer for an id that does not exist."""
    if (refused.status_code, refused.content) == (missing.status_code, missing.content):
        return ""
    return f"{refused.status_code} {refused.content[:80]!r} ≠ {missing.status_code}"


def _others(targets: list[Target], persona: Persona) -> list[Target]:
    return [t for t in targets if t.real and t.organisation_id != persona.organisation_id]


def _entity(world: World, label_part: str) -> Target:
    return next(t for t in world.targets["entity"] if label_part in t.label)


@pytest.mark.parametrize("action", USER_ACTIONS)
def test_administrators_never_change_another_organisations_users(world: World, action: str) -> None:
    """Every administrator, every user of another organisation, every action: as if absent."""
    for target in world.targets["user"]:
        if target.real:
            TOTPDevice.objects.get_or_create(user_id=target.pk, name="phone", confirmed=True)
    wrong, tried = [], 0
    for admin in (p for p in world.personas.values() if ADMINS.includes(p, None)):
        form = USER_ACTIONS[action]
        missing = admin.client.post(f"/settings/users/{MISSING_ID}/", form)
        for target in _others(world.targets["user"], admin):
            before = database_state()
            refused = admin.client.post(f"/settings/users/{target.pk}/", form)
            tried += 1
            if difference := _looks_missing(refused, missing):
                wrong.append(f"{admin.name} → {target.label}: {difference}")
            if changed := changes(before, database_state()):
                wrong.append(f"{admin.name} → {target.label} changed {changed}")
    assert tried >= 40
    assert not wrong, f"{len(wrong)} of {tried}:\n" + "\n".join(wrong)


def test_administrators_never_revoke_another_organisations_tokens(world: World) -> None:
    wrong, tried = [], 0
    for admin in (p for p in world.personas.values() if TOKEN_ADMINS.includes(p, None)):
        missing = admin.client.post(f"/settings/api-tokens/{MISSING_ID}/revoke/")
        for token in _others(world.targets["token"], admin):
            before = database_state()
            refused = admin.client.post(f"/settings/api-tokens/{token.pk}/revoke/")
            tried += 1
            if difference := _looks_missing(refused, missing):
                wrong.append(f"{admin.name} → {token.label}: {difference}")
            if changed := changes(before, database_state()):
                wrong.append(f"{admin.name} → {token.label} changed {changed}")
    assert tried >= 20
    assert not wrong, f"{len(wrong)} of {tried}:\n" + "\n".join(wrong)


def test_a_system_reads_its_own_organisations_reports_and_no_other(world: World) -> None:
    """Another organisation's report, whatever its handling code, is the missing id's 404."""
    wrong, tried = [], 0
    for system in (p for p in world.personas.values() if READ_TOKENS.includes(p, None)):
        api = system.client
        missing = api.get(f"/api/v1/reports/{MISSING_ID}", headers=system.headers())
        for report in (t for t in world.targets["report"] if t.real):
            answer = api.get(f"/api/v1/reports/{report.pk}", headers=system.headers())
            tried += 1
            if report.organisation_id == system.token_organisation_id:
                if answer.status_code != 200 or report.marker not in answer.content.decode():
                    wrong.append(f"{system.name} cannot read its own {report.label}")
            elif difference := _looks_missing(answer, missing):
                wrong.append(f"{system.name} → {report.label}: {difference}")
    assert tried >= 16
    assert not wrong, "\n".join(wrong)


def test_a_system_attaches_photos_to_its_own_organisations_reports_only(world: World) -> None:
    """Another organisation's report, whatever its handling code, is the missing id's 404."""
    wrong, tried = [], 0
    photo = plain_jpeg(48, 32)
    for system in (p for p in world.personas.values() if SUBMIT_TOKENS.includes(p, None)):

        def put(report_id: int, system: Persona = system) -> Response:
            return system.client.put(
                f"/api/v1/reports/{report_id}/photo",
                photo,
                content_type="image/jpeg",
                headers=system.headers(),
            )

        missing = put(MISSING_ID)
        for report in (t for t in world.targets["report"] if t.real):
            before = database_state()
            answer = put(int(report.pk))
            tried += 1
            if report.organisation_id == system.token_organisation_id:
                if answer.status_code not in (201, 409):  # 409: the world's own photo is kept
                    wrong.append(f"{system.name} cannot attach to its own {report.label}")
                continue
            if difference := _looks_missing(answer, missing):
                wrong.append(f"{system.name} → {report.label}: {difference}")
            if changed := changes(before, database_state()):
                wrong.append(f"{system.name} → {report.label} changed {changed}")
    assert tried >= 16
    assert not wrong, "\n".join(wrong)


def test_an_idempotency_key_belongs_to_the_token_that_used_it(world: World) -> None:
    """Bring's system sending PostNord's key gets its own receipt, never PostNord's."""
    postnord, bring = world.persona("postnord_system"), world.persona("bring_system")
    key = {"Idempotency-Key": "shared-key-2026-05-02"}

    def submit(system: Persona, external_id: str) -> Response:
        body = {
            "kind": "intelligence",
            "external_id": external_id,
            "occurred_at": "2026-05-02T06:40:00+02:00",
            "summary": f"{external_id}: sent with a key someone else used",
        }
        return system.client.post(
            "/api/v1/reports",
            json.dumps(body),
            content_type="application/json",
            headers={**system.headers(), **key},
        )

    first = submit(postnord, "PN-KEY-1")
    second = submit(bring, "BRING-KEY-1")
    assert first.status_code == second.status_code == 201
    assert "PN-KEY-1" not in second.content.decode()
    assert not second.has_header("Idempotent-Replayed")
    stored = Report.objects.get(external_id="BRING-KEY-1")
    assert stored.organisation_id == bring.token_organisation_id


def test_an_external_id_names_a_report_of_the_senders_organisation_only(world: World) -> None:
    """Bring sends an external id that PostNord already used: a new report, PostNord's unchanged."""
    bring = world.persona("bring_system")
    postnords = Report.objects.get(external_id=marker("postnord_amber"))
    answer = bring.client.post(
        "/api/v1/reports",
        json.dumps(
            {
                "kind": "intelligence",
                "external_id": postnords.external_id,
                "occurred_at": "2026-05-02T06:40:00+02:00",
                "summary": "Bring's own words",
            }
        ),
        content_type="application/json",
        headers=bring.headers(),
    )
    assert answer.status_code == 201
    assert "MARKER-POSTNORD-AMBER: seen" not in answer.content.decode()
    unchanged = Report.objects.get(pk=postnords.pk)
    assert unchanged.payload == postnords.payload
    assert Report.objects.filter(external_id=postnords.external_id).count() == 2


@pytest.mark.parametrize("direction", ["visible into hidden", "hidden into visible"])
def test_an_analyst_cannot_merge_an_entity_out_of_their_sight(world: World, direction: str) -> None:
    """Tullverket's analyst sees one phone, not Oslo's: merging them is as with no entity."""
    analyst = world.persona("tullverket_analyst")
    seen = _entity(world, "tullverket_amber and sodermalm_red")
    hidden = _entity(world, "oslo_strict")
    first, other = (seen, hidden) if direction == "visible into hidden" else (hidden, seen)
    form = {"decision": "merge", "reason": "same burner", "other": str(other.pk)}
    missing_form = {**form, "other": str(MISSING_ID)}
    assert analyst.client  # logged in before the database is looked at
    before = database_state()
    refused = analyst.client.post(f"/entities/{first.pk}/judgement/", form)
    after = database_state()
    if direction == "visible into hidden":
        missing = analyst.client.post(f"/entities/{first.pk}/judgement/", missing_form)
    else:
        missing = analyst.client.post(f"/entities/{MISSING_ID}/judgement/", form)
    assert not _looks_missing(refused, missing), _looks_missing(refused, missing)
    assert refused.status_code == 404
    assert not changes(before, after)
    assert not EntityJudgement.objects.filter(by=analyst.user).exists()


def test_splitting_another_organisations_merge_looks_like_splitting_nothing(world: World) -> None:
    """Whether a merge out of the analyst's sight is live must not show: 404 as for no merge."""
    analyst = world.persona("sodermalm_analyst")
    oslos_merge = next(t for t in world.targets["judgement"] if t.real)
    form = {"reason": "looks wrong to me"}
    assert analyst.client  # logged in before the database is looked at
    before = database_state()
    refused = analyst.client.post(f"/judgements/{oslos_merge.pk}/split/", form)
    assert not changes(before, database_state())
    missing = analyst.client.post(f"/judgements/{MISSING_ID}/split/", form)
    assert not _looks_missing(refused, missing), _looks_missing(refused, missing)


def test_only_the_holder_answers_a_request(world: World) -> None:
    """Tullverket asked Södermalm: Tullverket may not grant itself; NOA may not even see it."""
    asked = next(t for t in world.targets["request"] if t.real)
    grant = {"grant": "1", "answer": "here you are"}
    requester, stranger = world.persona("tullverket_analyst"), world.persona("noa_analyst")
    assert requester.client  # both log in before the database is looked at
    assert stranger.client
    before = database_state()
    own_grant = requester.client.post(f"/requests/{asked.pk}/answer/", grant)
    strangers = stranger.client.post(f"/requests/{asked.pk}/answer/", grant)
    assert not changes(before, database_state())
    missing = stranger.client.post(f"/requests/{MISSING_ID}/answer/", grant)
    assert own_grant.status_code == 403  # the requester sees the request, may not answer it
    assert not _looks_missing(strangers, missing), _looks_missing(strangers, missing)
    assert not ReportDisclosure.objects.exists()
    strict = next(t for t in world.targets["report"] if t.label == "sodermalm_strict")
    assert requester.client.get(f"/reports/{strict.pk}/").status_code == 404


def test_asking_about_an_entity_out_of_sight_is_like_asking_about_none(world: World) -> None:
    analyst = world.persona("tullverket_analyst")
    hidden = _entity(world, "oslo_strict")
    oslo = world.organisations["oslo"].pk
    form = {"holder": str(oslo), "reason": "we need it"}
    assert analyst.client  # logged in before the database is looked at
    before = database_state()
    refused = analyst.client.post(f"/entities/{hidden.pk}/ask/", form)
    # A phone Tullverket sees, asked of an organisation holding nothing hidden on it.
    seen = _entity(world, "tullverket_amber and sodermalm_red")
    not_holder = analyst.client.post(f"/entities/{seen.pk}/ask/", form)
    assert not changes(before, database_state())
    missing = analyst.client.post(f"/entities/{MISSING_ID}/ask/", form)
    assert not _looks_missing(refused, missing), _looks_missing(refused, missing)
    assert not _looks_missing(not_holder, missing), _looks_missing(not_holder, missing)
    assert InformationRequest.objects.count() == 1  # the world's own


def test_another_organisations_import_is_neither_shown_nor_resumed(world: World) -> None:
    analyst = world.persona("noa_analyst")
    oslos = next(t for t in world.targets["import"] if t.label.startswith("oslo"))
    assert analyst.client  # logged in before the database is looked at
    before = database_state()
    for method, path in [("get", "/imports/{}/"), ("post", "/imports/{}/resume/")]:
        send = getattr(analyst.client, method)
        refused, missing = send(path.format(oslos.pk)), send(path.format(MISSING_ID))
        assert not _looks_missing(refused, missing), (path, _looks_missing(refused, missing))
        assert refused.status_code == 404
    assert not changes(before, database_state())
