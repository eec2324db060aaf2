"""``samverkan generate``: arguments checked, progress on stderr, the world on disk."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from samverkan.scenario.management.commands.generate import Command
from samverkan.scenario.progress import ProgressLine


def _generate(**options: object) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(Command(), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_unknown_size_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Unknown size 'huge'"):
        _generate(size="huge", out=str(tmp_path / "world"))


def test_noise_outside_zero_to_one_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="between 0 and 1"):
        _generate(size="demo", noise=1.5, out=str(tmp_path / "world"))


def test_a_folder_with_files_needs_force(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(CommandError, match="not empty"):
        _generate(size="demo", out=str(tmp_path))
    assert not (tmp_path / "reports.jsonl").exists()


def test_force_writes_the_world(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    out, _ = _generate(size="demo", seed=3, noise=0.0, out=str(tmp_path), force=True)
    assert "reports" in out
    assert (tmp_path / "manifest.json").is_file()
    assert (tmp_path / "truth" / "reports.jsonl").is_file()


def test_progress_line_shows_share_rate_and_eta() -> None:
    stream = io.StringIO()
    progress = ProgressLine(stream, interval=0.0)
    progress(500, 1000)
    progress(1000, 1000)
    text = stream.getvalue()
    assert "50.0%" in text
    assert "reports/s" in text
    assert "ETA" in text
    assert text.endswith("\n")
