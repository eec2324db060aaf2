"""``samverkan serve``: serve the web pages and the API with waitress, and start the worker.

With ``SAMVERKAN_WORKER=embedded`` (the default) the worker that runs imports
and scheduled jobs is started as a child process and stopped with the
server, so one command runs everything on a laptop.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from typing import Any

from django.conf import settings
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
        worker = None
        if settings.WORKER == "embedded":
            worker = subprocess.Popen([sys.executable, "-m", "samverkan.cli", "run_huey"])
            self.stdout.write(f"Worker started (process {worker.pid}).")
        self.stdout.write(f"Serving Samverkan on http://{host}:{port}/ (Ctrl+C stops)")
        # A service manager stops us with SIGTERM: leave through `finally` to stop the worker.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            serve(application, host=host, port=port, threads=options["threads"], ident="samverkan")
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=15)
