"""``samverkan demo``: migrate, generate and load the demo world, print logins, serve.

A second run reuses the database and the world and starts in seconds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from samverkan.intake.models import Report
from samverkan.leads.demo import demo_leads_prepare
from samverkan.web.demo import DEMO_PASSWORD, demo_logins_ensure


class Command(BaseCommand):
    help = "Set up the demo world on this machine and serve it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="set up, then stop")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        world = Path(settings.DATA_DIR) / "worlds" / f"demo-seed{options['seed']}"
        if not (world / "manifest.json").is_file():
            self.stdout.write(f"Generating the demo world in {world} …")
            call_command("generate", size="demo", seed=options["seed"], out=str(world), force=True)
        if not Report.objects.exists():
            self.stdout.write("Loading it through the intake services …")
            call_command("load", str(world))
            self.stdout.write("Linking identifiers written with a slip …")
            call_command("link-near", quiet=True)
            self.stdout.write("Resolving people into entities (the review queue fills) …")
            call_command("resolve-people", quiet=True)
        logins = demo_logins_ensure()
        leads = demo_leads_prepare()
        self.stdout.write(
            f"{leads.leads} leads: {leads.offered} offered to districts within their capacity, "
            f"{leads.waiting} waiting for capacity."
        )
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS("Demo logins (password for all: " + DEMO_PASSWORD + ")")
        )
        for login in logins:
            self.stdout.write(f"  {login.username:<22} {login.organisation} — {login.does}")
        self.stdout.write("")
        if not options["no_serve"]:
            call_command("serve", port=options["port"])
