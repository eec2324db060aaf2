"""All configuration, read once from ``SAMVERKAN_*`` environment variables.

Every value has a safe default: DEBUG is off, the database is a SQLite file in
the data folder, the secret key is generated once per installation and kept in
that folder. Secrets can also be given as ``SAMVERKAN_<NAME>_FILE`` pointing at a
file (Docker and systemd credentials). A bad value stops start-up with
``ImproperlyConfigured`` instead of running with a surprise.

Production: see ``docs/operations.md`` (HTTPS, PostgreSQL, allowed hosts).
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env(name: str, default: str = "") -> str:
    """Return ``SAMVERKAN_<name>``, or the contents of ``SAMVERKAN_<name>_FILE``."""
    key = f"SAMVERKAN_{name}"
    file_name = os.environ.get(f"{key}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{key}_FILE={file_name!r} cannot be read: {exc}") from exc
    return os.environ.get(key, default)


def envbool(name: str, default: bool) -> bool:
    raw = env(name, "true" if default else "false").strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ImproperlyConfigured(f"SAMVERKAN_{name} must be true or false, not {raw!r}.")


def envint(name: str, default: int) -> int:
    raw = env(name, str(default)).strip()
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(
            f"SAMVERKAN_{name} must be a whole number, not {raw!r}."
        ) from None


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def _secret_key(data_dir: Path) -> str:
    """Use the configured key, else one generated once and kept beside the database."""
    configured = env("SECRET_KEY")
    if configured:
        if len(configured) < 50:
            raise ImproperlyConfigured("SAMVERKAN_SECRET_KEY must be at least 50 characters.")
        return configured
    key_file = data_dir / "secret_key"
    if not key_file.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_urlsafe(64))
    return key_file.read_text(encoding="utf-8").strip()


def _database(data_dir: Path) -> dict[str, Any]:
    url = env("DATABASE_URL")
    if not url:
        data_dir.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{data_dir / 'samverkan.sqlite3'}"
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
    except ValueError as exc:
        raise ImproperlyConfigured(f"SAMVERKAN_DATABASE_URL is not usable: {exc}") from exc
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Writers take the lock at BEGIN, so concurrent writes queue instead of
        # failing half-way; WAL lets readers go on while one writer works.
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    config["ATOMIC_REQUESTS"] = False
    return config


DATA_DIR = Path(env("DATA_DIR", "data")).resolve()
DEBUG = envbool("DEBUG", default=False)
SECRET_KEY = _secret_key(DATA_DIR)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "huey.contrib.djhuey",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "samverkan.access",
    "samverkan.audit",
    "samverkan.intake",
    "samverkan.entities",
    "samverkan.sharing",
    "samverkan.retention",
    "samverkan.scenario",
    "samverkan.web",
    "samverkan.api",
    "samverkan.imports",
    "samverkan.registers",
    "samverkan.resolution",
    "samverkan.leads",
]
API_RATE_PER_MINUTE = envint("API_RATE_PER_MINUTE", 600)  # requests per API token

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "samverkan.access.middleware.SessionLifetimeMiddleware",
    "samverkan.access.middleware.SecondFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses locked-out users before the password check
    "django.contrib.auth.backends.ModelBackend",  # refuses inactive users, on every request too
]

ROOT_URLCONF = "samverkan.urls"
WSGI_APPLICATION = "samverkan.wsgi.application"
AUTH_USER_MODEL = "access.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samverkan.web.menu.menu",
            ],
        },
    },
]

DATABASES = {"default": _database(DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = env("LANGUAGE", "sv")
LANGUAGES = [("sv", _("Swedish")), ("nb", _("Norwegian Bokmål")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", "Europe/Stockholm")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Sessions: end after SESSION_IDLE_SECONDS without a request and at the latest
# SESSION_SECONDS after login; a new session id at every login (Django's own).
SESSION_ABSOLUTE_SECONDS = envint("SESSION_SECONDS", 8 * 3600)
SESSION_COOKIE_AGE = envint("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# HTTPS: on in production (see docs/operations.md), off for the laptop demo on
# http://127.0.0.1 where secure cookies would make login impossible.
HTTPS = envbool("HTTPS", default=False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and envbool("SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if HTTPS and envbool("BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

# Brute force: five failures for one username lock it for LOCKOUT_MINUTES.
AXES_FAILURE_LIMIT = envint("LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes.W006 wants the IP address in the lockout key too. Offices and border
# posts share one address behind NAT: one mistyping officer would lock out the
# whole post. Locking the username already stops guessing at an account, and
# rotating cookies or user agents does not get round it.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "samverkan.access.views.locked_out"
AXES_VERBOSE = False

SECOND_FACTOR_REQUIRED = env("SECOND_FACTOR", "required").strip().lower() != "off"
OTP_TOTP_ISSUER = env("OTP_ISSUER", "Samverkan")
OTP_TOTP_THROTTLE_FACTOR = 1

# Content security policy: only our own scripts, styles and images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# The worker runs long and scheduled jobs (imports, retention). By default its
# queue is a SQLite file in the data folder and `samverkan serve` starts it
# beside the web server; with SAMVERKAN_REDIS_URL it uses Redis, and with
# SAMVERKAN_WORKER=external you run `samverkan run_huey` yourself.
REDIS_URL = env("REDIS_URL")
WORKER = env("WORKER", "embedded").strip().lower()
if WORKER not in {"embedded", "external"}:
    raise ImproperlyConfigured(f"SAMVERKAN_WORKER must be embedded or external, not {WORKER!r}.")
HUEY: dict[str, Any] = {
    "name": "samverkan",
    "huey_class": "huey.RedisHuey" if REDIS_URL else "huey.SqliteHuey",
    "connection": {"url": REDIS_URL}
    if REDIS_URL
    else {"filename": str(DATA_DIR / "worker.sqlite3")},
    "immediate": False,
    "utc": True,
    "consumer": {"workers": envint("WORKER_THREADS", 2), "worker_type": "thread"},
}

# Leads (samverkan.leads): days to answer an offer, to wait for capacity, to
# follow an accepted lead up; and who is next when a district declines:
# "parent" (the district's region), "free_capacity" (another district of the
# country with capacity left this week), "national" (the national unit).
LEAD_OFFER_DAYS = envint("LEAD_OFFER_DAYS", 5)
LEAD_QUEUE_DAYS = envint("LEAD_QUEUE_DAYS", 7)
LEAD_FOLLOW_UP_DAYS = envint("LEAD_FOLLOW_UP_DAYS", 30)
LEAD_ESCALATION = envlist("LEAD_ESCALATION", "parent,free_capacity,national")
if not set(LEAD_ESCALATION) <= {"parent", "free_capacity", "national"} or not LEAD_ESCALATION:
    raise ImproperlyConfigured(
        "SAMVERKAN_LEAD_ESCALATION lists steps from parent, free_capacity and national, "
        f"not {','.join(LEAD_ESCALATION)!r}."
    )

# Notifications go in the app and by e-mail: through SMTP when
# SAMVERKAN_EMAIL_HOST is set, else written as files to DATA_DIR/outbox.
EMAIL_HOST = env("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = envint("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", default=True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(DATA_DIR / "outbox")
DEFAULT_FROM_EMAIL = env("EMAIL_FROM", "samverkan@localhost")

LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
}
