"""Run a command against a throwaway PostgreSQL cluster, then remove the cluster.

    python scripts/throwaway_postgres.py -- pytest -q

Starts a private cluster on loopback in a temporary folder (as the ``postgres``
user when running as root, since initdb refuses root), exports
``SAMVERKAN_DATABASE_URL`` for the command, and always stops and deletes the
cluster afterwards. Exits with the command's exit code.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path


def _bindir() -> Path:
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda path: int(path.parts[-3]),
    )
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    sys.exit("PostgreSQL is not installed (no initdb): run 'make test-deps' or install postgresql.")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_owner(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def main(argv: list[str]) -> int:
    if "--" in argv:
        argv = argv[argv.index("--") + 1 :]
    if not argv:
        sys.exit(__doc__)
    bindir = _bindir()
    root = Path(tempfile.mkdtemp(prefix="samverkan-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, user="postgres", group="postgres")
    data, port = root / "data", _free_port()
    pg_ctl = [str(bindir / "pg_ctl"), "-D", str(data)]
    subprocess.run(
        _as_owner([str(bindir / "initdb"), "-A", "trust", "-U", "samverkan", "-D", str(data)]),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    options = f"-k {root} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        _as_owner([*pg_ctl, "-o", options, "-l", str(root / "log"), "-w", "start"]),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    try:
        env = dict(os.environ)
        env["SAMVERKAN_DATABASE_URL"] = f"postgres://samverkan@127.0.0.1:{port}/postgres"
        print(f"PostgreSQL ({bindir.parent.name}) on 127.0.0.1:{port}", flush=True)
        return subprocess.run(argv, env=env, check=False).returncode
    finally:
        subprocess.run(
            _as_owner([*pg_ctl, "-m", "fast", "stop"]), stdout=subprocess.DEVNULL, check=False
        )
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
