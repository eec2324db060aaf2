"""Every URL of Samverkan, who may use it, and what everyone else is told.

``ROUTES`` has one row per URL name. For GET and for POST a row holds a
short decision table: the first audience the caller belongs to decides the
answer. The audiences restate the product's rules in plain words
(``product.md``, "Who uses it"; ``samverkan.access.policy``'s docstring);
they never call ``samverkan.access``, so the tests compare the system with the
rules, not with itself.

The personas (``world_build``) are every role in every organisation kind that
may hold it, in one "home" organisation per kind; a visitor; a user without
organisation; a user disabled while logged in; and partner systems with API
tokens. Objects (reports, entities, merges, requests, imports, users,
tokens) also live in "twin" organisations of the same kinds, so that ids can
be swapped across organisations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from samverkan.access.models import Compartment, Organisation, OrganisationKind, User
from samverkan.access.roles import (
    LAW_ENFORCEMENT,
    POLICE,
    POSTAL,
    ROLES_BY_ORGANISATION_KIND,
)
from samverkan.access.user_services import user_active_set
from samverkan.api.models import ApiScope, ApiToken
from samverkan.api.services import api_token_create, api_token_revoke
from samverkan.entities.models import Entity, EntityMention, ReviewPair
from samverkan.entities.people import people_resolve
from samverkan.entities.services import entity_merge
from samverkan.imports.models import ImportJob, ImportStatus
from samverkan.intake.models import Report
from samverkan.intake.photos import photo_clean
from samverkan.intake.schemas import ReportIn
from samverkan.intake.services import report_photo_attach, report_submit
from samverkan.leads.detection import lead_make
from samverkan.leads.services import lead_reassign
from samverkan.resolution.clustering import Thresholds
from samverkan.sharing.services import information_request_ask
from tests.conftest import login_verified
from tests.intake.photo_files import plain_jpeg

READ, SUBMIT = ApiScope.REPORTS_READ.value, ApiScope.REPORTS_SUBMIT.value
INTELLIGENCE_ROLES = frozenset({"officer", "analyst", "coordinator"})
PURPOSE = "op-matrix-2026"

MISSING_ID = 999_999_999  # no object has it
LARGEST_ID = 2**63 - 1  # the largest bigint: no object has it
BEYOND_ID = 2**63  # no database column holds it; the web's <int:> still routes it
NEGATIVE_ID = -1  # the web's <int:> does not route it; the API's {report_id} does

# kind: (code, name, country, short name used in persona names)
HOME = {
    OrganisationKind.POSTAL_OPERATOR: ("se-postnord", "PostNord Sverige", "SE", "postnord"),
    OrganisationKind.POSTAL_AGENT: ("se-agent-ica", "ICA Nära Tallbacken", "SE", "ica"),
    OrganisationKind.CUSTOMS: ("se-customs", "Tullverket", "SE", "tullverket"),
    OrganisationKind.POLICE_DISTRICT: ("se-lpo-sodermalm", "LPO Södermalm", "SE", "sodermalm"),
    OrganisationKind.POLICE_REGION: ("se-region-sthlm", "Polisregion Stockholm", "SE", "region"),
    OrganisationKind.NATIONAL_POLICE: ("se-noa", "Nationella operativa avdelningen", "SE", "noa"),
    OrganisationKind.MUNICIPALITY: ("se-malmo", "Malmö stad", "SE", "malmo"),
}
TWIN = {
    OrganisationKind.POSTAL_OPERATOR: ("no-posten-bring", "Posten Bring", "NO", "bring"),
    OrganisationKind.CUSTOMS: ("no-customs", "Tolletaten", "NO", "tolletaten"),
    OrganisationKind.POLICE_DISTRICT: ("no-district-oslo", "Oslo politidistrikt", "NO", "oslo"),
    OrganisationKind.NATIONAL_POLICE: ("no-kripos", "Kripos", "NO", "kripos"),
    OrganisationKind.MUNICIPALITY: ("no-oslo-kommune", "Oslo kommune", "NO", "oslo_kommune"),
}
# People of the twin organisations: they own objects; the matrix does not ask them.
TWIN_PEOPLE = {
    "bring_admin": (OrganisationKind.POSTAL_OPERATOR, "admin"),
    "tolletaten_officer": (OrganisationKind.CUSTOMS, "officer"),
    "oslo_officer": (OrganisationKind.POLICE_DISTRICT, "officer"),
    "oslo_admin": (OrganisationKind.POLICE_DISTRICT, "admin"),
    "oslo_analyst": (OrganisationKind.POLICE_DISTRICT, "analyst"),
    "oslo_kommune_partner": (OrganisationKind.MUNICIPALITY, "partner"),
}
# The report forms (``samverkan.intake.forms``), by the slug in their URL.
POSTAL_FORMS = ("item",)
OFFICER_FORMS = ("intelligence",)  # and "seizure", "statement", "observation": the same rule

# ---------------------------------------------------------------------- personas


@dataclass
class Persona:
    """Someone (or some system) calling Samverkan, with their own browser or HTTP client.

    A person logs in (password and second factor) and states a purpose the
    first time their browser is used.
    """

    name: str
    user: User | None = None  # whose session the browser carries; None for a visitor
    token: str = ""  # the bearer token a partner system sends, if any
    token_organisation_id: int | None = None
    scopes: frozenset[str] = frozenset()
    token_valid: bool = False  # known and not revoked
    device: TOTPDevice | None = None
    browser: Client | None = None

    @property
    def client(self) -> Client:
        if self.browser is None:
            self.browser = Client()
            if self.user is not None:
                self.device = login_verified(self.browser, self.user)
                self.browser.post("/purpose/", {"reference": PURPOSE})
        return self.browser

    @property
    def signed_in(self) -> bool:
        return self.user is not None and self.user.is_active

    def holds(self, role: str) -> bool:
        """Whether the persona holds ``role`` in an organisation (a role alone gives nothing)."""
        user = self.user
        return (
            self.signed_in
            and user is not None
            and user.organisation is not None
            and role in user.roles
        )

    @property
    def organisation_kind(self) -> str | None:
        if self.user is None or self.user.organisation is None:
            return None
        return self.user.organisation.kind

    @property
    def organisation_id(self) -> int | None:
        return None if self.user is None else self.user.organisation_id

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def sign_in_again(self) -> None:
        """After logging out, the same person logs in again (second factor and purpose too)."""
        if self.user is None or self.device is None:
            return
        self.client.force_login(self.user)
        session = self.client.session
        session[DEVICE_ID_SESSION_KEY] = self.device.persistent_id
        session.save()
        self.client.post("/purpose/", {"reference": PURPOSE})


@dataclass(frozen=True)
class Target:
    """What goes into a URL's id: a real object, or an id that cannot be one."""

    label: str
    pk: int | str
    organisation_id: int | None = None  # None: the id is not of any object
    readers: frozenset[str] = frozenset()  # who may see the object (handling, catalogue)
    changers: frozenset[str] = frozenset()  # who may act on it, where that is fewer
    marker: str = ""  # a string that only the object's readers may ever be shown
    real: bool = True  # False for ids made up to fuzz the route


@dataclass
class World:
    personas: dict[str, Persona]
    people: dict[str, User]
    organisations: dict[str, Organisation]
    targets: dict[str, list[Target]]  # object kind → what to put into its URLs

    def persona(self, name: str) -> Persona:
        return self.personas[name]


def fuzzed_ids() -> list[Target]:
    return [
        Target("missing id", MISSING_ID, real=False),
        Target("largest bigint", LARGEST_ID, real=False),
        Target("beyond bigint", BEYOND_ID, real=False),
        Target("negative id", NEGATIVE_ID, real=False),
    ]


# --------------------------------------------------------------------- audiences


@dataclass(frozen=True)
class Audience:
    """A group of callers, named as the product names them."""

    name: str
    includes: Callable[[Persona, Target | None], bool]

    def __repr__(self) -> str:
        return self.name

    def __sub__(self, other: Audience) -> Audience:
        return Audience(
            f"{self.name} but not {other.name}",
            lambda p, t: self.includes(p, t) and not other.includes(p, t),
        )


def _its(target: Target | None) -> int | None:
    return None if target is None else target.organisation_id


def _reads_intelligence(p: Persona, t: Target | None) -> bool:
    return p.organisation_kind in LAW_ENFORCEMENT and any(p.holds(r) for r in INTELLIGENCE_ROLES)


def _numeric(t: Target | None) -> int:
    return t.pk if t is not None and isinstance(t.pk, int) else 1


EVERYONE = Audience("everyone", lambda p, t: True)
SIGNED_OUT = Audience("anyone without a live session", lambda p, t: not p.signed_in)
SIGNED_IN = Audience("anyone signed in", lambda p, t: p.signed_in)
ADMINS = Audience("administrators", lambda p, t: p.holds("admin"))
AUDITORS = Audience("auditors", lambda p, t: p.holds("auditor"))
RETENTION_OVERSEERS = Audience(
    "administrators and auditors of police and customs (retention runs over every report)",
    lambda p, t: (
        (p.holds("admin") or p.holds("auditor")) and p.organisation_kind in LAW_ENFORCEMENT
    ),
)
TOKEN_ADMINS = Audience(
    "administrators of organisations that hold API tokens",
    lambda p, t: p.holds("admin") and p.organisation_kind in POSTAL | LAW_ENFORCEMENT,
)
INTELLIGENCE_READERS = Audience(
    "officers, analysts and coordinators of police and customs", _reads_intelligence
)
LEAD_COORDINATORS = Audience(
    "coordinators of police districts, regions and national units (they run a lead board)",
    lambda p, t: p.holds("coordinator") and p.organisation_kind in POLICE,
)
ITS_LEAD_MAKERS = Audience(
    "analysts of police and customs who may see the entity",
    lambda p, t: (
        t is not None
        and p.name in t.readers
        and p.organisation_kind in LAW_ENFORCEMENT
        and p.holds("analyst")
    ),
)
ANALYSTS = Audience(
    "analysts of police and customs",
    lambda p, t: p.organisation_kind in LAW_ENFORCEMENT and p.holds("analyst"),
)
POSTAL_REPORTERS = Audience(
    "reporters of postal operators and agents",
    lambda p, t: p.holds("reporter") and p.organisation_kind in POSTAL,
)
PASSERS_ON = Audience(
    "intelligence readers and postal reporters (they follow what they passed on)",
    lambda p, t: _reads_intelligence(p, t) or POSTAL_REPORTERS.includes(p, t),
)
IMPORTERS = Audience(
    "officers and analysts of police and customs; reporters and administrators of postal operators",
    lambda p, t: (
        (p.organisation_kind in LAW_ENFORCEMENT and (p.holds("officer") or p.holds("analyst")))
        or (
            p.organisation_kind == OrganisationKind.POSTAL_OPERATOR
            and (p.holds("reporter") or p.holds("admin"))
        )
    ),
)
FORM_USERS = Audience(
    "those with a report form",
    lambda p, t: POSTAL_REPORTERS.includes(p, t) or INTELLIGENCE_READERS.includes(p, t),
)
ITS_ADMINS = Audience(
    "administrators of the object's organisation",
    lambda p, t: (
        p.holds("admin") and p.organisation_id is not None and p.organisation_id == _its(t)
    ),
)
ITS_TOKEN_ADMINS = Audience(
    "token administrators of the token's organisation",
    lambda p, t: TOKEN_ADMINS.includes(p, t) and p.organisation_id == _its(t),
)
ITS_READERS = Audience(
    "those the object is for (by handling code, by catalogue)",
    lambda p, t: t is not None and p.name in t.readers,
)
ITS_CHANGERS = Audience(
    "those who may act on the object", lambda p, t: t is not None and p.name in t.changers
)
NEGATIVE = Audience("a negative id", lambda p, t: _numeric(t) < 0)
BEYOND_RANGE = Audience("an id no database holds", lambda p, t: not 0 < _numeric(t) <= LARGEST_ID)
NO_VALID_TOKEN = Audience("callers without a live token", lambda p, t: not p.token_valid)
LIVE_TOKENS = Audience("any live token", lambda p, t: p.token_valid)
READ_TOKENS = Audience("tokens that may read", lambda p, t: p.token_valid and READ in p.scopes)
SUBMIT_TOKENS = Audience(
    "tokens that may submit", lambda p, t: p.token_valid and SUBMIT in p.scopes
)
ITS_READ_TOKENS = Audience(
    "reading tokens of the report's organisation",
    lambda p, t: READ_TOKENS.includes(p, t) and p.token_organisation_id == _its(t),
)

# ----------------------------------------------------------------------- answers


@dataclass(frozen=True)
class Redirect:
    """A 302 whose Location starts with ``to``."""

    to: str

    def __repr__(self) -> str:
        return f"302 → {self.to}"


Answer = int | Redirect
LOGIN = Redirect("/login/?next=")
LOGIN_PAGE = Redirect("/login/")
HOME_PAGE = Redirect("/")
TOKENS_PAGE = Redirect("/settings/api-tokens/")
FORMS_PAGE = Redirect("/report/")
ENTITIES_PAGE = Redirect("/entities/")
IMPORTS_PAGE = Redirect("/imports/")
REQUESTS_PAGE = Redirect("/requests/")
LEADS_PAGE = Redirect("/leads/")
NOTIFICATIONS_PAGE = Redirect("/notifications/")
REVIEW_PAGE = Redirect("/review/")
POSTAL_FORM = Redirect("/report/item/")
Decision = tuple[tuple[Audience, Answer], ...]


def page(audience: Audience, answer: Answer = 200, refused: Answer = 404) -> Decision:
    """A web page: visitors go to log in, ``audience`` gets ``answer``, the rest ``refused``."""
    return ((SIGNED_OUT, LOGIN), (audience, answer), (EVERYONE, refused))


def open_to_all(answer: Answer) -> Decision:
    return ((EVERYONE, answer),)


def api(scope: Audience, *then: tuple[Audience, Answer]) -> Decision:
    """An API operation: 401 without a live token, 403 without the scope, then ``then``."""
    return ((NO_VALID_TOKEN, 401), (LIVE_TOKENS - scope, 403), *then)


def _report_json(label: str) -> dict[str, Any]:
    return {
        "kind": "intelligence",
        "external_id": f"matrix-{label}",
        "occurred_at": "2026-05-02T06:40:00+02:00",
        "handling": {"tlp": "GREEN"},
        "summary": "Sent by a partner system during the access matrix.",
    }


@dataclass(frozen=True)
class Row:
    """One URL: where it is, which objects its id names, and who gets what."""

    path: str  # "{id}" stands for the object's id
    get: Decision
    post: Decision
    objects: str | None = None  # which of ``World.targets`` to put into the path
    form: Callable[[str], dict[str, str]] = lambda case: {}  # what a POST sends
    body: Callable[[str], dict[str, Any]] | None = None  # a JSON body instead of a form

    def decision(self, method: str) -> Decision:
        return self.get if method == "GET" else self.post


# An empty decision: the other row of the same path decides this method.
ELSEWHERE: Decision = ()
FORM_CHOICE: Decision = (
    (SIGNED_OUT, LOGIN),
    (POSTAL_REPORTERS, POSTAL_FORM),
    (INTELLIGENCE_READERS, 200),
    (EVERYONE, 404),
)

ROUTES: dict[str, Row] = {
    "home": Row("/", get=page(SIGNED_IN), post=page(SIGNED_IN)),
    "health": Row("/health", get=open_to_all(200), post=open_to_all(405)),
    "login": Row(
        "/login/",
        get=((SIGNED_OUT, 200), (EVERYONE, HOME_PAGE)),
        post=((SIGNED_OUT, 200), (EVERYONE, HOME_PAGE)),  # an empty form is asked again
    ),
    "second_factor": Row("/login/second-factor/", get=page(SIGNED_IN), post=page(SIGNED_IN)),
    "logout": Row("/logout/", get=open_to_all(405), post=open_to_all(LOGIN_PAGE)),
    "purpose": Row("/purpose/", get=page(SIGNED_IN), post=page(SIGNED_IN)),
    "report_list": Row("/reports/", get=page(SIGNED_IN), post=page(SIGNED_IN)),
    "report_detail": Row(
        "/reports/{id}/",
        get=((NEGATIVE, 404), *page(ITS_READERS)),
        post=((NEGATIVE, 404), *page(ITS_READERS)),
        objects="report",
    ),
    # A report's photo: for the report's readers; no photo, no report or not theirs: 404 alike.
    "report_photo": Row(
        "/reports/{id}/photo/",
        get=((NEGATIVE, 404), *page(ITS_READERS)),
        post=((NEGATIVE, 404), *page(SIGNED_IN, 405)),
        objects="report_photo",
    ),
    # A postal reporter has one form and goes straight to it; officers choose among theirs.
    "report_new": Row("/report/", get=FORM_CHOICE, post=FORM_CHOICE),
    # An empty POST is the form again, with what is missing marked.
    "report_entry": Row(
        "/report/{id}/", get=page(ITS_READERS), post=page(ITS_READERS), objects="form"
    ),
    # Nothing was sent in this session: back to the forms (which may then be 404).
    "report_sent": Row(
        "/report/sent/", get=page(SIGNED_IN, FORMS_PAGE), post=page(SIGNED_IN, FORMS_PAGE)
    ),
    "report_identifier_check": Row(
        "/report/identifier/",
        get=page(SIGNED_IN, 405),
        post=page(FORM_USERS, 400),  # an empty POST names no identifier kind
    ),
    "entities_named": Row(
        "/entities/", get=page(INTELLIGENCE_READERS), post=page(INTELLIGENCE_READERS)
    ),
    "entity_detail": Row(
        "/entities/{id}/",
        get=((NEGATIVE, 404), *page(ITS_READERS)),
        post=((NEGATIVE, 404), *page(ITS_READERS)),
        objects="entity",
    ),
    # An empty POST (no decision, no reason) goes back to the entity pages, found or not.
    "entity_judgement": Row(
        "/entities/{id}/judgement/",
        get=((NEGATIVE, 404), *page(SIGNED_IN, 405)),
        post=((NEGATIVE, 404), *page(INTELLIGENCE_READERS, ENTITIES_PAGE)),
        objects="entity",
    ),
    "entity_split": Row(
        "/judgements/{id}/split/",
        get=((NEGATIVE, 404), *page(SIGNED_IN, 405)),
        post=((NEGATIVE, 404), *page(INTELLIGENCE_READERS, ENTITIES_PAGE)),
        objects="judgement",
    ),
    # An empty POST names no holder: nobody may be asked, whatever the entity.
    "request_ask": Row(
        "/entities/{id}/ask/",
        get=((NEGATIVE, 404), *page(SIGNED_IN, 405)),
        post=((NEGATIVE, 404), *page(INTELLIGENCE_READERS, 404)),
        objects="entity",
    ),
    # The review queue is analysts' work; a pair exists only for those who see both sides.
    "review_queue": Row("/review/", get=page(ANALYSTS), post=page(ANALYSTS)),
    # Likewise the numbers one slip apart: decided on the entity page.
    "near_pairs": Row("/review/near/", get=page(ANALYSTS), post=page(ANALYSTS)),
    "review_pair": Row(
        "/review/{id}/",
        get=((NEGATIVE, 404), *page(ITS_READERS)),
        post=((NEGATIVE, 404), *page(ITS_READERS)),
        objects="review_pair",
    ),
    # An empty POST (no decision, no reason) goes back to the queue, found or not.
    "review_pair_decision": Row(
        "/review/{id}/decision/",
        get=((NEGATIVE, 404), *page(SIGNED_IN, 405)),
        post=((NEGATIVE, 404), *page(ANALYSTS, REVIEW_PAGE)),
        objects="review_pair",
    ),
    "request_list": Row(
        "/requests/", get=page(INTELLIGENCE_READERS), post=page(INTELLIGENCE_READERS)
    ),
    # The holder's empty answer is a refusal without a reason: asked again, nothing changes.
    "request_answer": Row(
        "/requests/{id}/answer/",
        get=((NEGATIVE, 404), *page(SIGNED_IN, 405)),
        post=(
            (NEGATIVE, 404),
            (SIGNED_OUT, LOGIN),
            (ITS_CHANGERS, REQUESTS_PAGE),
            (ITS_READERS, 403),
            (EVERYONE, 404),
        ),
        objects="request",
    ),
    "import_list": Row("/imports/", get=page(IMPORTERS), post=page(IMPORTERS)),
    # An upload's token lives in the uploader's session only: no other session may use it.
    "import_mapping": Row(
        "/imports/new/{id}/", get=page(ITS_READERS), post=page(ITS_READERS), objects="upload"
    ),
    "import_detail": Row(
        "/imports/{id}/",
        get=((NEGATIVE, 404), *page(ITS_READERS)),
        post=((NEGATIVE, 404), *page(ITS_READERS)),
        objects="import",
    ),
    "import_resume": Row(
        "/imports/{id}/resume/",
        get=((NEGATIVE, 404), *page(SIGNED_IN, 405)),
        post=((NEGATIVE, 404), *page(ITS_READERS, IMPORTS_PAGE)),  # a finished job: not resumed
        objects="import",
    ),
    # A coordinator's board (and capacity) or, for other intelligence readers, the
    # leads they see; an empty POST is the capacity form again, with what is missing.
    "lead_board": Row(
        "/leads/",
        get=page(INTELLIGENCE_READERS),
        post=(
            (SIGNED_OUT, LOGIN),
            (LEAD_COORDINATORS, 200),
            (INTELLIGENCE_READERS, 403),
            (EVERYONE, 404),
        ),
    ),
    "leads_passed_on": Row("/leads/passed-on/", get=page(PASSERS_ON), post=page(SIGNED_IN, 405)),
    # The action forms POST to the lead's page; an empty POST names no action.
    "lead_detail": Row(
        "/leads/{id}/",
        get=((NEGATIVE, 404), *page(ITS_READERS)),
        post=((NEGATIVE, 404), *page(ITS_READERS, 400)),
        objects="lead",
    ),
    "notifications": Row(
        "/notifications/", get=page(SIGNED_IN), post=page(SIGNED_IN, NOTIFICATIONS_PAGE)
    ),
    # Both entities are leads already: an analyst whose organisation follows the lead
    # lands on its page, another analyst is told so on the entity's page.
    "lead_make": Row(
        "/entities/{id}/lead/",
        get=((NEGATIVE, 404), *page(SIGNED_IN, 405)),
        post=(
            (NEGATIVE, 404),
            (SIGNED_OUT, LOGIN),
            (ITS_CHANGERS, LEADS_PAGE),
            (ITS_LEAD_MAKERS, ENTITIES_PAGE),
            (ITS_READERS, 403),
            (EVERYONE, 404),
        ),
        objects="lead_entity",
    ),
    "audit_trail": Row("/audit/", get=page(AUDITORS), post=page(AUDITORS)),
    "audit_export": Row("/audit/export.csv", get=page(AUDITORS), post=page(AUDITORS)),
    "user_list": Row("/settings/users/", get=page(ADMINS), post=page(ADMINS)),
    "user_change": Row(
        "/settings/users/{id}/",
        get=((NEGATIVE, 404), *page(SIGNED_IN, 405)),
        post=((NEGATIVE, 404), *page(ITS_ADMINS, 400)),  # no action named: 400 once found
        objects="user",
    ),
    "retention": Row(
        "/retention/", get=page(RETENTION_OVERSEERS), post=page(RETENTION_OVERSEERS, 302)
    ),
    "set_language": Row("/i18n/setlang/", get=open_to_all(HOME_PAGE), post=open_to_all(HOME_PAGE)),
    "api:openapi-json": Row("/api/openapi.json", get=open_to_all(200), post=open_to_all(200)),
    "api:api-root": Row("/api/", get=open_to_all(404), post=open_to_all(404)),
    "api:reports_status": Row(
        "/api/v1/reports", get=api(READ_TOKENS, (EVERYONE, 200)), post=ELSEWHERE
    ),
    "api:reports_submit": Row(
        "/api/v1/reports",
        get=ELSEWHERE,
        post=api(SUBMIT_TOKENS, (EVERYONE, 201)),
        body=_report_json,
    ),
    "api:report_detail": Row(
        "/api/v1/reports/{id}",
        get=api(READ_TOKENS, (BEYOND_RANGE, 422), (ITS_READ_TOKENS, 200), (EVERYONE, 404)),
        post=open_to_all(405),
        objects="report",
    ),
    # Only PUT: a system attaches a photo to its own report (tests/api/test_api_photos.py and
    # test_access_routes_objects.py swap the ids across organisations).
    "api:report_photo_put": Row(
        "/api/v1/reports/{id}/photo", get=open_to_all(405), post=open_to_all(405), objects="report"
    ),
    "api_tokens": Row("/settings/api-tokens/", get=page(TOKEN_ADMINS), post=page(TOKEN_ADMINS)),
    "api_token_revoke": Row(
        "/settings/api-tokens/{id}/revoke/",
        get=((NEGATIVE, 404), *page(SIGNED_IN, 405)),
        post=((NEGATIVE, 404), *page(ITS_TOKEN_ADMINS, TOKENS_PAGE)),
        objects="token",
    ),
}

# --------------------------------------------------------------------- the world


def organisation_make(kind: str, code: str, name: str, country: str) -> Organisation:
    return Organisation.objects.create(code=code, kind=kind, country=country, name=name)


def person_make(username: str, organisation: Organisation | None, roles: list[str]) -> User:
    # No password: personas sign in with login_verified; hashing one costs a tenth of a second.
    return User.objects.create(
        username=username,
        first_name=username.split("_")[0].title(),
        organisation=organisation,
        roles=roles,
    )


def marker(label: str) -> str:
    """A string that only the readers of this report may be shown: summary and external id."""
    return f"MARKER-{label.upper().replace('_', '-')}"


def report_file(
    label: str,
    *,
    by: User,
    tlp: str,
    summary: str = "",
    kind: str = "intelligence",
    details: dict[str, Any] | None = None,
    compartments: tuple[str, ...] = (),
    phones: tuple[str, ...] = (),
    occurred_at: str = "2026-05-02T06:40:00+02:00",
) -> Report:
    """``by`` submits a report whose summary starts with its marker, naming ``phones``."""
    assert by.organisation is not None
    subjects = [
        {"ref": "s1", "role": "backer", "mentions": [{"kind": "phone", "value": p} for p in phones]}
    ]
    data = ReportIn.model_validate(
        {
            "kind": kind,
            "external_id": marker(label),
            "occurred_at": occurred_at,
            "handling": {"tlp": tlp, "compartments": list(compartments)},
            "summary": summary or f"{marker(label)}: seen near Slussen.",
            "subjects": subjects if phones else [],
            **(details or {}),
        }
    )
    report, _ = report_submit(organisation=by.organisation, data=data, by=by, via="test")
    return report


def world_organisation(people: dict[str, User], name: str) -> Organisation:
    organisation = people[name].organisation
    assert organisation is not None, f"{name} belongs to no organisation"
    return organisation


def _law_enforcement_readers(personas: dict[str, Persona]) -> frozenset[str]:
    """Officers, analysts and coordinators of police and customs: who reads AMBER and below."""
    return frozenset(
        name for name, persona in personas.items() if _reads_intelligence(persona, None)
    )


def _token_persona(name: str, by: User, scopes: list[str]) -> tuple[Persona, ApiToken]:
    """A partner system with a token that ``by`` made for their organisation."""
    token, secret = api_token_create(by=by, name=name.replace("_", " "), scopes=scopes)
    persona = Persona(
        name,
        token=secret,
        token_organisation_id=token.organisation_id,
        scopes=frozenset(scopes),
        token_valid=True,
    )
    return persona, token


def world_build() -> World:
    """Organisations of every kind, a persona for each role in each, objects in two of a kind.

    People log in (both factors, a purpose stated) when their browser is first used.
    """
    organisations = {
        short: organisation_make(kind, code, name, country)
        for kind, (code, name, country, short) in [*HOME.items(), *TWIN.items()]
    }
    people: dict[str, User] = {}
    for kind, (_, _, _, short) in HOME.items():
        for role in sorted(ROLES_BY_ORGANISATION_KIND[kind]):
            people[f"{short}_{role}"] = person_make(f"{short}_{role}", organisations[short], [role])
    # Holds roles but belongs to no organisation: roles alone must give nothing.
    people["outsider"] = person_make("outsider", None, ["analyst", "admin", "auditor"])
    # An analyst of Södermalm, disabled by the administrator while logged in.
    people["disabled_analyst"] = person_make(
        "disabled_analyst", organisations["sodermalm"], ["analyst"]
    )
    personas = {name: Persona(name, user) for name, user in people.items()}
    assert personas["disabled_analyst"].client  # logged in before being disabled
    user_active_set(
        by=people["sodermalm_admin"], user_id=people["disabled_analyst"].pk, active=False
    )
    people["disabled_analyst"].refresh_from_db()
    for name, (twin_kind, twin_role) in TWIN_PEOPLE.items():
        people[name] = person_make(name, organisations[TWIN[twin_kind][3]], [twin_role])
    personas["visitor"] = Persona("visitor")
    _systems(personas, people)
    reports = _reports(people, personas)
    return World(
        personas=personas,
        people=people,
        organisations=organisations,
        targets={
            "report": reports + fuzzed_ids(),
            "report_photo": _photos(people, reports) + fuzzed_ids(),
            "entity": _entities(reports) + fuzzed_ids(),
            "user": _users(people) + fuzzed_ids(),
            "token": _tokens(people) + fuzzed_ids(),
            "form": _forms(personas),
            "judgement": _merges(people) + fuzzed_ids(),
            "import": _imports(people) + fuzzed_ids(),
            "request": _requests(people) + fuzzed_ids(),
            "review_pair": _review_pairs(people, personas) + fuzzed_ids(),
            **_leads(people, personas),
            "upload": [Target("an upload in another session", "0" * 32, real=False)],
        },
    )


def _systems(personas: dict[str, Persona], people: dict[str, User]) -> None:
    """Partner systems: tokens with both scopes, with one, revoked, and a forged one."""
    both = [SUBMIT, READ]
    for name, owner, scopes in [
        ("postnord_system", "postnord_admin", both),
        ("ica_counter_app", "ica_admin", [SUBMIT]),
        ("tullverket_status_board", "tullverket_admin", [READ]),
        ("bring_system", "bring_admin", both),
    ]:
        personas[name], _ = _token_persona(name, people[owner], scopes)
    revoked, token = _token_persona("revoked_system", people["postnord_admin"], both)
    api_token_revoke(by=people["postnord_admin"], token_id=token.pk)
    personas["revoked_system"] = Persona("revoked_system", token=revoked.token)
    # Knows PostNord's token prefix (it is public, in lists and logs) but not the secret.
    known_prefix = personas["postnord_system"].token[: len("svk_12345678_")]
    personas["forged_token"] = Persona("forged_token", token=known_prefix + "A" * 43)


def _reports(people: dict[str, User], personas: dict[str, Persona]) -> list[Target]:
    law_enforcement = _law_enforcement_readers(personas)
    compartment = Compartment.objects.create(
        code="op-vinterljus",
        name="Operation Vinterljus",
        owner=world_organisation(people, "noa_analyst"),
    )
    compartment.members.add(people["noa_analyst"], people["sodermalm_coordinator"])
    sodermalm = frozenset({"sodermalm_officer", "sodermalm_analyst", "sodermalm_coordinator"})
    red = frozenset({"sodermalm_analyst", "noa_analyst"})  # the submitter and the named recipient
    vinterljus = frozenset({"noa_analyst", "sodermalm_coordinator"})  # the compartment's members
    le = law_enforcement
    plan: list[tuple[str, str, str, frozenset[str], dict[str, Any]]] = [
        ("tullverket_amber", "tullverket_officer", "AMBER", le,
         {"phones": ("070-111 11 11", "070-333 33 33")}),
        ("sodermalm_strict", "sodermalm_analyst", "AMBER+STRICT", sodermalm,
         {"phones": ("070-333 33 33",)}),
        ("sodermalm_red", "sodermalm_analyst", "RED", red,
         {"phones": ("070-111 11 11", "070-222 22 22")}),
        ("noa_compartment", "noa_analyst", "AMBER", vinterljus,
         {"compartments": ("op-vinterljus",)}),
        ("ica_green", "ica_reporter", "GREEN", le | {"ica_reporter"}, {}),
        ("postnord_amber", "postnord_reporter", "AMBER", le | {"postnord_reporter"}, {}),
        ("bring_amber", "bring_admin", "AMBER", le, {}),
        ("oslo_strict", "oslo_officer", "AMBER+STRICT", frozenset(),
         {"phones": ("+47 912 34 567",)}),
    ]  # fmt: skip
    targets = []
    for label, by, tlp, readers, extra in plan:
        report = report_file(label, by=people[by], tlp=tlp, **extra)
        if tlp == "RED":
            report.red_recipients.add(people["noa_analyst"])
        targets.append(
            Target(label, report.pk, report.organisation_id, readers, marker=marker(label))
        )
    return targets


def _photos(people: dict[str, User], reports: list[Target]) -> list[Target]:
    """Photos of PostNord's AMBER report and Oslo's AMBER+STRICT one; ICA's report has none."""
    targets = []
    for label, colour in (("postnord_amber", (200, 40, 40)), ("oslo_strict", (40, 40, 200))):
        report = next(t for t in reports if t.label == label)
        report_photo_attach(
            report=Report.objects.get(pk=report.pk),
            photo=photo_clean(plain_jpeg(64, 48, colour)),
            by=None,
            via="test",
        )
        targets.append(replace(report, label=f"photo of {label}"))
    ica = next(t for t in reports if t.label == "ica_green")
    targets.append(replace(ica, label="ica_green, which has no photo", readers=frozenset()))
    return targets


def _entities(reports: list[Target]) -> list[Target]:
    """Each phone named in the reports; only intelligence readers of one of them see it."""
    readers: dict[int, set[str]] = {}
    labels: dict[int, list[str]] = {}
    for report in reports:
        for entity_id in EntityMention.objects.filter(mention__report_id=report.pk).values_list(
            "entity_id", flat=True
        ):
            readers.setdefault(entity_id, set()).update(report.readers)
            labels.setdefault(entity_id, []).append(report.label)
    return [
        Target(f"phone in {' and '.join(labels[pk])}", pk, readers=frozenset(readers[pk]))
        for pk in sorted(readers)
    ]


def _merges(people: dict[str, User]) -> list[Target]:
    """Oslo's analyst merged two phones that only Oslo's reports name."""
    first = report_file(
        "oslo_first", by=people["oslo_officer"], tlp="AMBER+STRICT", phones=("+47 912 34 501",)
    )
    second = report_file(
        "oslo_second", by=people["oslo_officer"], tlp="AMBER+STRICT", phones=("+47 912 34 502",)
    )
    a, b = (
        EntityMention.objects.get(mention__report=report).entity_id for report in (first, second)
    )
    merge = entity_merge(by=people["oslo_analyst"], a_id=a, b_id=b, reason="same burner, two SIMs")
    return [Target("Oslo's merge", merge.pk, first.organisation_id)]


def _imports(people: dict[str, User]) -> list[Target]:
    """Finished import jobs of three organisations; only their own importers of it see each."""
    jobs = [
        ("noa", "noa_analyst", "call_records", {"noa_officer", "noa_analyst"}),
        ("postnord", "postnord_reporter", "postal_items", {"postnord_reporter", "postnord_admin"}),
        ("oslo", "oslo_analyst", "call_records", set()),
    ]
    targets = []
    for organisation, by, connector, readers in jobs:
        job = ImportJob.objects.create(
            organisation=world_organisation(people, by),
            user=people[by],
            connector=connector,
            file_path=f"imports/{organisation}.csv",
            file_name=f"{organisation}.csv",
            file_sha256="0" * 64,
            file_bytes=1,
            status=ImportStatus.DONE,
            finished_at=timezone.now(),
        )
        label = f"{organisation}'s {connector} import"
        targets.append(Target(label, job.pk, job.organisation_id, frozenset(readers)))
    return targets


def _requests(people: dict[str, User]) -> list[Target]:
    """Tullverket asks Södermalm for its AMBER+STRICT report on a phone both name."""
    phone = EntityMention.objects.get(
        mention__report__external_id=marker("sodermalm_strict"), mention__raw="070-333 33 33"
    ).entity_id
    holder = world_organisation(people, "sodermalm_analyst")
    asked = information_request_ask(
        by=people["tullverket_analyst"], entity_id=phone, holder_id=holder.pk, reason="courier"
    )
    holders = frozenset({"sodermalm_officer", "sodermalm_analyst", "sodermalm_coordinator"})
    askers = frozenset({"tullverket_officer", "tullverket_analyst"})
    label = "Tullverket's request to Södermalm"
    return [Target(label, asked.pk, holder.pk, readers=holders | askers, changers=holders)]


def _review_pairs(people: dict[str, User], personas: dict[str, Persona]) -> list[Target]:
    """Two pairs of namesakes for review: one every analyst sees, one with a side only Oslo sees."""
    analysts = frozenset(n for n, p in personas.items() if ANALYSTS.includes(p, None))

    def named(label: str, by: str, tlp: str, name: str) -> None:
        subject = {
            "ref": "p",
            "role": "suspect",
            "mentions": [{"kind": "person_name", "value": name}],
        }
        report_file(label, by=people[by], tlp=tlp, details={"subjects": [subject]})

    named("review_tull", "tullverket_officer", "AMBER", "Karl Berg")
    named("review_oslo", "oslo_officer", "AMBER", "Karl Berg")
    named("review_tull_eva", "tullverket_officer", "AMBER", "Eva Lund")
    named("review_oslo_eva", "oslo_officer", "AMBER+STRICT", "Eva Lund")
    people_resolve(thresholds=Thresholds(auto_link=0.9999, review=0.5))
    targets = []
    for pair in ReviewPair.objects.order_by("pk"):
        hidden = "eva" in pair.left_ref + pair.right_ref
        readers = frozenset() if hidden else analysts
        label = "a pair with a side only Oslo sees" if hidden else "a pair every analyst sees"
        targets.append(Target(label, pair.pk, readers=readers))
    assert len(targets) == 2
    return targets


def _leads(people: dict[str, User], personas: dict[str, Persona]) -> dict[str, list[Target]]:
    """NOA's analyst makes a lead of a phone customs reported, and offers it to Södermalm;
    Oslo's analyst makes one of a phone only Oslo's reports name (held by Kripos).

    A lead's page is for its holder, its originator, whoever it was offered to and the
    national units (all leads, either country's).
    """

    def phone(raw: str) -> int:
        return EntityMention.objects.filter(mention__raw=raw).values_list("entity_id", flat=True)[0]

    def staff(*organisations: str) -> frozenset[str]:
        return frozenset(
            f"{org}_{role}"
            for org in organisations
            for role in ("officer", "analyst", "coordinator")
        ) & frozenset(p for p in personas if personas[p].signed_in)

    customs_phone, oslo_phone = phone("070-111 11 11"), phone("+47 912 34 567")
    noas = lead_make(entity=Entity.objects.get(pk=customs_phone), by=people["noa_analyst"])
    offered = lead_reassign(
        lead=noas,
        by=people["noa_coordinator"],
        organisation=world_organisation(people, "sodermalm_coordinator"),
    )
    oslos = lead_make(entity=Entity.objects.get(pk=oslo_phone), by=people["oslo_analyst"])
    followers = staff("noa", "sodermalm")  # NOA's analyst made it; Södermalm was offered it
    return {
        "lead": [
            Target("NOA's lead offered to Södermalm", offered.pk, offered.owner_id, followers),
            Target("Oslo's lead held by Kripos", oslos.pk, oslos.owner_id, staff("noa", "oslo")),
            *fuzzed_ids(),
        ],
        "lead_entity": [
            Target(
                "phone of NOA's lead",
                customs_phone,
                readers=_law_enforcement_readers(personas),
                changers=frozenset({"noa_analyst", "sodermalm_analyst"}),
            ),
            Target("phone of Oslo's lead", oslo_phone),
            *fuzzed_ids(),
        ],
    }


def _users(people: dict[str, User]) -> list[Target]:
    names = [
        "sodermalm_officer",
        "malmo_partner",
        "ica_reporter",
        "postnord_admin",
        "oslo_officer",
        "bring_admin",
        "oslo_kommune_partner",
    ]
    return [Target(name, people[name].pk, people[name].organisation_id) for name in names]


def _tokens(people: dict[str, User]) -> list[Target]:
    owners = ["postnord_admin", "tullverket_admin", "sodermalm_admin", "bring_admin", "oslo_admin"]
    targets = []
    for owner in owners:
        token, _ = api_token_create(by=people[owner], name="Old scanner", scopes=[SUBMIT])
        organisation = owner.split("_")[0]
        targets.append(Target(f"{organisation}'s old scanner", token.pk, token.organisation_id))
    return targets


def _forms(personas: dict[str, Persona]) -> list[Target]:
    """Each report form, for those the catalogue gives it to; and a form that does not exist."""
    postal = frozenset(n for n, p in personas.items() if POSTAL_REPORTERS.includes(p, None))
    officers = frozenset(n for n, p in personas.items() if INTELLIGENCE_READERS.includes(p, None))
    return [
        *(Target(f"{slug} form", slug, readers=postal) for slug in POSTAL_FORMS),
        *(Target(f"{slug} form", slug, readers=officers) for slug in OFFICER_FORMS),
        Target("no such form", "no-such-form", real=False),
    ]


# -------------------------------------------------------- what a refusal leaves

# What a refused request may still write: its session, login throttling, the token's
# "last used" stamp, and (API) the audit event that records the refusal itself.
BOOKKEEPING = {
    "sessions.Session",
    "axes.AccessAttempt",
    "axes.AccessLog",
    "audit.AuditEvent",
    "audit.AuditHead",
}


def database_state() -> dict[str, Any]:
    """What a refused request must leave as it was: every table's size and the guarded fields."""
    quote = connection.ops.quote_name  # the table names are the models', not input
    tables = sorted(
        model._meta.db_table
        for model in apps.get_models()
        if model._meta.label not in BOOKKEEPING and model._meta.managed
    )
    counts = ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables)  # noqa: S608
    ok_events = "(SELECT COUNT(*) FROM audit_auditevent WHERE outcome = 'ok')"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}, {ok_events}")
        sizes = cursor.fetchone()
    state: dict[str, Any] = dict(zip([*tables, "audit events of done things"], sizes, strict=True))
    for username, *user in User.objects.values_list(
        "username", "is_active", "roles", "organisation_id"
    ):
        state[f"user {username}"] = user
    for pk, *token in ApiToken.objects.values_list("pk", "revoked_at", "scopes", "name"):
        state[f"token {pk}"] = token
    return state


def changes(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return [
        f"{key}: {before.get(key)} → {after.get(key)}"
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    ]


# ------------------------------------------------------------------ the URL tree


def url_patterns() -> dict[str, str]:
    """Every named URL of the project with its pattern, the API's included."""
    found: dict[str, str] = {}

    def walk(patterns: list[URLPattern | URLResolver], prefix: str, namespace: str) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = ":".join(part for part in (namespace, entry.namespace or "") if part)
                walk(entry.url_patterns, prefix + str(entry.pattern), inner)
            else:
                assert entry.name, f"{prefix}{entry.pattern} has no name: name it, add a row"
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                found[name] = prefix + str(entry.pattern)

    walk(get_resolver().url_patterns, "", "")
    return found
