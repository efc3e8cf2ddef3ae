"""docker/compose.yaml really comes up: PostgreSQL, the code location, the webserver and the daemon.

The stack runs under its own project name, network, home volume and port, so it never touches
a `vcot` stack already on the host, and is torn down (containers, network, its volumes) after.
The images are reused when present, else built by docker/orchestrator/build.sh (needs root and
a Debian mirror and PyPI; minutes for the code image).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
COMPOSE_FILE = REPO / "docker" / "compose.yaml"
IMAGES = {"code": "vcot-code:latest", "postgres": "vcot-postgres:latest"}
UP_TIMEOUT_S = 180
ASSET_QUERY = {"query": "{assetNodes{assetKey{path}}}"}


def docker_ok() -> bool:
    try:
        return subprocess.run(["docker", "info"], capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def compose_command() -> list[str] | None:
    """`docker compose` (v2 plugin) when there, else Debian's `docker-compose` (v1)."""
    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0:
        return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return None


pytestmark = [pytest.mark.docker, pytest.mark.slow]
if not os.environ.get("VCOT_REQUIRE_DOCKER") and (not docker_ok() or compose_command() is None):
    pytest.skip(
        "no Docker daemon or no compose (CI: .ci/docker.sh, apt-get install docker-compose)", allow_module_level=True
    )


def ensure_image(target: str, image: str) -> None:
    if subprocess.run(["docker", "image", "inspect", image], capture_output=True).returncode == 0:
        return
    built = subprocess.run(
        ["bash", str(REPO / "docker/orchestrator/build.sh"), target, image],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def asset_paths(port: int) -> list[list[str]] | None:
    """The asset keys the webserver lists, or None while it does not answer them yet."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql",
        data=json.dumps(ASSET_QUERY).encode(),
        headers={"content-type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            body = json.load(response)
    except (OSError, ValueError):
        return None
    nodes = (body.get("data") or {}).get("assetNodes") or []
    return [node["assetKey"]["path"] for node in nodes] or None


def test_compose_stack_serves_the_vcot_assets():
    compose = compose_command()
    assert compose is not None, "VCOT_REQUIRE_DOCKER is set but neither `docker compose` nor docker-compose is there"
    for target, image in IMAGES.items():
        ensure_image(target, image)

    project = f"vcot-live-{os.getpid()}"
    port = free_port()
    env = {
        **os.environ,
        "VCOT_WEB_PORT": str(port),
        "VCOT_NETWORK": project,
        "VCOT_HOME_VOLUME": f"{project}-home",
        "VCOT_DB_PASSWORD": "live-test",
    }
    base = [*compose, "-p", project, "-f", str(COMPOSE_FILE)]

    def compose_run(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
        return subprocess.run([*base, *args], env=env, capture_output=True, text=True, timeout=timeout)

    try:
        up = compose_run("up", "-d")
        assert up.returncode == 0, up.stdout[-3000:] + up.stderr[-3000:]
        deadline = time.monotonic() + UP_TIMEOUT_S
        paths = None
        while paths is None and time.monotonic() < deadline:
            time.sleep(3)
            paths = asset_paths(port)
        logs = "" if paths else compose_run("logs", "--tail", "40").stdout[-6000:]
        assert paths, f"webserver on 127.0.0.1:{port} listed no assets within {UP_TIMEOUT_S}s\n{logs}"
        names = {"/".join(path) for path in paths}
        assert {"source_docs", "traces"} <= names, sorted(names)

        ps = compose_run("ps").stdout
        for service in ("postgres", "code", "webserver", "daemon"):
            line = next((row for row in ps.splitlines() if f"_{service}_" in row or f"-{service}-" in row), "")
            assert "Up" in line or "running" in line, f"{service} is not up:\n{ps}"
        daemon_log = compose_run("logs", "daemon").stdout
        assert "Traceback" not in daemon_log, daemon_log[-3000:]
    finally:
        down = compose_run("down", "-v", "--remove-orphans", "-t", "10")
        assert down.returncode == 0, down.stdout[-2000:] + down.stderr[-2000:]
