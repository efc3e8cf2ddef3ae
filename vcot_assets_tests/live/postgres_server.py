"""A throwaway PostgreSQL server for tests: initdb + pg_ctl on a temp dir and a free port.

PostgreSQL refuses to run as root, so as root the server runs as `nobody` (setpriv, no login
shell needed). Debian keeps the binaries under /usr/lib/postgresql/<major>/bin; `.ci/services.sh`
installs them where they are missing.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

UNPRIVILEGED = (65534, 65534)  # nobody:nogroup


def postgres_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return candidates[0] if candidates else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    def __init__(self) -> None:
        # Its own folder directly under /tmp: the unprivileged server cannot enter pytest's
        # root-only temp folders.
        self.root = Path(tempfile.mkdtemp(prefix="vcot-pg-"))
        self.data = self.root / "pgdata"
        self.socket_dir = self.root / "sock"
        self.port = free_port()
        self.user = "vcot"
        self._as_root = os.geteuid() == 0

    def _run(self, argv: list[str], **kwargs) -> subprocess.CompletedProcess:
        if self._as_root:
            uid, gid = UNPRIVILEGED
            argv = ["setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups", *argv]
        return subprocess.run(argv, capture_output=True, text=True, timeout=120, **kwargs)

    def start(self) -> "PostgresServer":
        initdb, pg_ctl = postgres_bin("initdb"), postgres_bin("pg_ctl")
        if not initdb or not pg_ctl:
            raise RuntimeError("PostgreSQL binaries not found: run .ci/services.sh (apt-get install postgresql)")
        self.socket_dir.mkdir(exist_ok=True)
        if self._as_root:
            for path in (self.root, self.socket_dir):
                os.chown(path, *UNPRIVILEGED)
        done = self._run(
            [initdb, "-D", str(self.data), "-U", self.user, "--auth=trust", "-E", "UTF8", "--no-sync"], cwd="/"
        )
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed: {done.stderr[-2000:]}")
        options = f"-p {self.port} -k {self.socket_dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        done = self._run(
            [
                pg_ctl,
                "-D",
                str(self.data),
                "-o",
                options,
                "-l",
                str(self.root / "server.log"),
                "-w",
                "-t",
                "60",
                "start",
            ],
            cwd="/",
        )
        if done.returncode != 0:
            log = (self.root / "server.log").read_text(errors="replace") if (self.root / "server.log").exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {done.stderr[-1000:]} {log[-2000:]}")
        return self

    def url(self, db: str = "postgres") -> str:
        return f"postgresql+psycopg2://{self.user}@127.0.0.1:{self.port}/{db}"

    def create_database(self, name: str) -> str:
        import psycopg2

        connection = psycopg2.connect(host="127.0.0.1", port=self.port, user=self.user, dbname="postgres")
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        connection.close()
        return self.url(name)

    def stop(self) -> None:
        pg_ctl = postgres_bin("pg_ctl")
        if pg_ctl and self.data.exists():
            self._run([pg_ctl, "-D", str(self.data), "-m", "immediate", "-w", "-t", "30", "stop"], cwd="/")
        shutil.rmtree(self.root, ignore_errors=True)


def wait_for(predicate, timeout_s: float, interval_s: float = 0.5) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval_s)
    return predicate()
