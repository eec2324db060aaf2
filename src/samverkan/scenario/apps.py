"""Django app of the scenario generator: it only contributes the ``generate`` command."""

from __future__ import annotations

from django.apps import AppConfig


class ScenarioConfig(AppConfig):
    name = "samverkan.scenario"
    verbose_name = "Synthetic world"
