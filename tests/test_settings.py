"""Settings come from SAMVERKAN_* variables, with safe defaults and clear errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from samverkan import settings as samverkan_settings


def _run_samverkan(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        [sys.executable, "-m", "samverkan.cli", *args],
        env={**inherited, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_production_settings_pass_check_deploy_without_warnings(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("x" * 64 + "-production-secret-key-from-a-file\n", encoding="utf-8")
    result = _run_samverkan(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "SAMVERKAN_DATA_DIR": str(tmp_path),
            "SAMVERKAN_SECRET_KEY_FILE": str(secret),
            "SAMVERKAN_HTTPS": "true",
            "SAMVERKAN_ALLOWED_HOSTS": "samverkan.example",
            "SAMVERKAN_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_bad_boolean_stops_start_up_with_its_name(tmp_path: Path) -> None:
    result = _run_samverkan(
        "check", env={"SAMVERKAN_DATA_DIR": str(tmp_path), "SAMVERKAN_DEBUG": "maybe"}
    )
    assert result.returncode != 0
    assert "SAMVERKAN_DEBUG must be true or false" in result.stderr


def test_an_unknown_escalation_step_stops_start_up_with_its_name(tmp_path: Path) -> None:
    result = _run_samverkan(
        "check",
        env={"SAMVERKAN_DATA_DIR": str(tmp_path), "SAMVERKAN_LEAD_ESCALATION": "parent,county"},
    )
    assert result.returncode != 0
    assert "SAMVERKAN_LEAD_ESCALATION lists steps from parent" in result.stderr


def test_generated_secret_key_is_kept_private_and_stable(tmp_path: Path) -> None:
    first = samverkan_settings._secret_key(tmp_path)
    assert samverkan_settings._secret_key(tmp_path) == first
    assert len(first) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_secret_from_unreadable_file_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SAMVERKAN_SECRET_KEY_FILE", str(tmp_path / "absent"))
    with pytest.raises(ImproperlyConfigured, match="SAMVERKAN_SECRET_KEY_FILE"):
        samverkan_settings.env("SECRET_KEY")


def test_short_secret_key_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SAMVERKAN_SECRET_KEY", "short")
    with pytest.raises(ImproperlyConfigured, match="at least 50"):
        samverkan_settings._secret_key(tmp_path)


def test_postgres_url_selects_postgresql(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SAMVERKAN_DATABASE_URL", "postgres://u@db.internal:5433/samverkan")
    config = samverkan_settings._database(tmp_path)
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.internal", 5433, "samverkan")


def test_sqlite_default_queues_writers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SAMVERKAN_DATABASE_URL", raising=False)
    config = samverkan_settings._database(tmp_path)
    assert config["NAME"] == str(tmp_path / "samverkan.sqlite3")
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
