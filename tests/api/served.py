"""The real server for tests: waitress serving ``samverkan.wsgi.application`` on 127.0.0.1.

``samverkan serve`` runs this same waitress over this same application; here
it listens on a free port in a thread of the test process, so requests go
over TCP through waitress' HTTP parsing, as a partner system's would. The
test must use a database that other threads can see (``transactional_db``):
each of waitress' worker threads opens its own connection.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connections
from waitress import wasyncore
from waitress.server import create_server

from samverkan.wsgi import application


@dataclass(frozen=True)
class Served:
    url: str  # http://127.0.0.1:<port>, no trailing slash


@contextmanager
def waitress_serving(*, threads: int = 2) -> Iterator[Served]:
    """Serve the application until the block ends; then close every connection it opened."""
    database = connections["default"].settings_dict
    kept_for = database["CONN_MAX_AGE"]
    # Worker threads must not keep connections past a request: the test database
    # is emptied and dropped by the test thread after the test.
    database["CONN_MAX_AGE"] = 0
    server = create_server(
        application, host="127.0.0.1", port=0, threads=threads, ident="samverkan"
    )
    port = server.effective_port
    thread = threading.Thread(target=server.run, name="waitress", daemon=True)
    thread.start()
    try:
        yield Served(url=f"http://127.0.0.1:{port}")
    finally:
        server.task_dispatcher.shutdown()  # waits for the requests under way
        # The listening socket and the client's keep-alive connections: the loop then ends.
        wasyncore.close_all(server._map)
        thread.join(timeout=10)
        assert not thread.is_alive(), "waitress did not stop"
        database["CONN_MAX_AGE"] = kept_for
