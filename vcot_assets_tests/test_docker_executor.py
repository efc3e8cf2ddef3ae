"""One real step through Dagster's `docker_executor`: `source_docs` of one batch in a container.

The container runs this machine's interpreter and virtualenv, mounted read-only at the same
paths (so no image build is needed for the test), and writes to the same SQLite instance and
data folder through a bind mount. Any image with a glibc userland serves: the orchestrator or
sandbox image when built, else a debootstrap base built by docker/orchestrator/build.sh.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CANDIDATE_IMAGES = [
    os.environ.get("VCOT_EXECUTOR_TEST_IMAGE", ""),
    "vcot-code:latest",
    "vcot-sandbox:latest",
    "vcot-base:latest",
]
BATCH = "bisect-000"


def docker_client():
    try:
        import docker

        client = docker.from_env()
        client.ping()
        return client
    except Exception:  # no daemon, no socket, no permission: all mean "no Docker here"
        return None


pytestmark = [pytest.mark.docker, pytest.mark.slow]
if docker_client() is None and not os.environ.get("VCOT_REQUIRE_DOCKER"):
    pytest.skip("no Docker daemon (CI starts one with .ci/docker.sh)", allow_module_level=True)


def test_image() -> str:
    client = docker_client()
    assert client is not None, "VCOT_REQUIRE_DOCKER is set but no Docker daemon answers"
    for name in filter(None, CANDIDATE_IMAGES):
        try:
            client.images.get(name)
            return name
        except Exception:
            continue
    built = subprocess.run(
        ["bash", str(REPO / "docker/orchestrator/build.sh"), "base", "vcot-base:latest"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    return "vcot-base:latest"


test_image.__test__ = False  # a helper, not a test


def test_source_docs_step_runs_in_a_container():
    from dagster import DagsterEventType, DagsterInstance, execute_job, reconstructable

    from vcot_assets.core.documents.corpus import stdlib_text
    from vcot_assets.instance_config import write_instance_yaml
    from vcot_assets_tests.live.dagster_dev import make_live_dir
    from vcot_assets_tests.live.docker_step_job import docker_step_job

    image = test_image()
    live = make_live_dir()
    home = live / "home"
    docs = home / "docs"  # inside the one folder mounted into the container
    docs.mkdir(parents=True)
    (docs / "bisect.md").write_text(stdlib_text("bisect")[:2500], encoding="utf-8")
    saved = {k: os.environ.get(k) for k in ("DAGSTER_HOME", "VCOT_HOME", "VCOT_DOCS", "VCOT_TEST_IMAGE")}
    os.environ.update(DAGSTER_HOME=str(home), VCOT_HOME=str(home), VCOT_DOCS=str(docs), VCOT_TEST_IMAGE=image)
    containers = []
    try:
        write_instance_yaml(home, {})
        with DagsterInstance.get() as instance:
            instance.add_dynamic_partitions("concept_batches", [BATCH])
            with execute_job(
                reconstructable(docker_step_job), instance=instance, tags={"dagster/partition": BATCH}
            ) as result:
                events = result.all_events
                starting = [e for e in events if e.event_type == DagsterEventType.STEP_WORKER_STARTING]
                containers = [str(e.event_specific_data.metadata["Docker container id"].value) for e in starting]
                assert result.success, [e.message for e in events if e.is_failure]
            assert starting and "Docker container" in starting[0].message
        written = home / "data" / "source_docs" / f"{BATCH}.jsonl"
        record = json.loads(written.read_text().splitlines()[0])
        assert record["batch"]["key"] == BATCH and "bisect" in record["text"].lower()
    finally:
        for key, value in saved.items():
            os.environ.pop(key, None) if value is None else os.environ.__setitem__(key, value)
        client = docker_client()
        for container_id in containers:
            try:
                client.containers.get(container_id).remove(force=True)
            except Exception:
                pass
        shutil.rmtree(live, ignore_errors=True)
