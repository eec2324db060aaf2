"""``samverkan serve``: serve the web pages and the API with waitress."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from waitress import serve

from samverkan.wsgi import application


class Command(BaseCommand):
    help = "Serve Samverkan over HTTP (put a TLS proxy in front in production)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args: Any, **options: Any) -> None:
        host, port = options["host"], options["port"]
        self.stdout.write(f"Serving Samverkan on http://{host}:{port}/ (Ctrl+C stops)")
        serve(application, host=host, port=port, threads=options["threads"], ident="samverkan")
