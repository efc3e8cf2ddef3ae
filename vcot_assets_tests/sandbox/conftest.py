"""Sandbox fixtures: one warm sandbox per backend per module, limits small so tests stay fast.

Docker tests are marked `docker`; they are skipped only when no Docker daemon (or no sandbox
image) is reachable AND `VCOT_REQUIRE_DOCKER` is unset. CI sets it to 1, so there they run.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from vcot_assets.sandbox import open_sandbox
from vcot_assets.sandbox.api import DOCKER_IMAGE
from vcot_assets.settings import SandboxLimits

TEST_LIMITS = SandboxLimits(cpu_seconds=0.5, wall_factor=8.0, memory_mb=256, output_bytes=1 << 16)


def docker_unavailable_reason() -> str | None:
    if shutil.which("docker") is None:
        return "no docker command"
    probe = subprocess.run(
        ["docker", "image", "inspect", DOCKER_IMAGE], capture_output=True, text=True, timeout=60, check=False
    )
    if probe.returncode != 0:
        return f"no Docker daemon or no image {DOCKER_IMAGE}: {probe.stderr.strip()[:200]}"
    return None


def require_docker() -> None:
    reason = docker_unavailable_reason()
    if reason is None:
        return
    if os.environ.get("VCOT_REQUIRE_DOCKER"):
        pytest.fail(f"VCOT_REQUIRE_DOCKER is set but docker is unusable: {reason}")
    pytest.skip(reason)


def bubblewrap_unavailable_reason() -> str | None:
    """Why the local backend cannot start bubblewrap workers here (None: it can)."""
    if shutil.which("bwrap") is None:
        return "bubblewrap is not installed"
    probe = subprocess.run(
        ["bwrap", "--unshare-all", "--unshare-user", "--ro-bind", "/", "/", "true"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    return None if probe.returncode == 0 else f"bwrap refused: {probe.stderr.strip()[:200]}"


def require_bubblewrap() -> None:
    """CI installs bubblewrap (scripts/test.sh): there, a machine without it is a failure."""
    reason = bubblewrap_unavailable_reason()
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI needs bubblewrap for the local sandbox: {reason}")
    pytest.skip(reason)


BACKENDS = ["local", pytest.param("docker", marks=pytest.mark.docker)]


@pytest.fixture(scope="module", params=BACKENDS)
def box(request):
    if request.param == "docker":
        require_docker()
    with open_sandbox(request.param, TEST_LIMITS, workers=2) as sandbox:
        yield sandbox
