"""The instance on a real PostgreSQL server, chosen by the environment switch in dagster.yaml."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from vcot_assets.instance_config import write_instance_yaml
from vcot_assets_tests.live.postgres_server import PostgresServer, postgres_bin

pytestmark = pytest.mark.skipif(
    postgres_bin("initdb") is None and not (os.environ.get("VCOT_REQUIRE_POSTGRES") or os.environ.get("CI")),
    reason="no PostgreSQL binaries (CI installs them with .ci/services.sh)",
)

REPO = Path(__file__).resolve().parents[1]

# A writer in its own process: materializes one concept batch of a real partitioned asset.
WRITER = textwrap.dedent("""
    import sys
    from dagster import DagsterInstance, asset, materialize
    from vcot_assets.partitions import concept_batches

    @asset(partitions_def=concept_batches)
    def batch_marker(context) -> None:
        context.add_output_metadata({"batch": context.partition_key})

    instance = DagsterInstance.get()
    instance.add_dynamic_partitions(concept_batches.name, [sys.argv[1]])
    result = materialize([batch_marker], instance=instance, partition_key=sys.argv[1])
    print(type(instance.run_storage).__name__, result.success)
""")


@pytest.fixture(scope="module")
def server():
    server = PostgresServer().start()
    yield server
    server.stop()


def writer(home: Path, env: dict[str, str], key: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, key],
        cwd=REPO,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_instance_on_postgres_with_concurrent_writers(server, tmp_path):
    url = server.create_database("vcot_writers")
    home = tmp_path / "home"
    env = {**os.environ, "DAGSTER_HOME": str(home), "VCOT_POSTGRES_URL": url, "PYTHONPATH": str(REPO)}
    config = write_instance_yaml(home, env).read_text()
    assert "postgres_url" in config and url not in config  # an env reference, not the secret

    # Create the schema once, as a deployment does before its writers start (the webserver or
    # `dagster instance migrate`); several processes racing to create tables collide in DDL.
    migrate = subprocess.run(
        [sys.executable, "-m", "dagster", "instance", "migrate"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert migrate.returncode == 0, migrate.stderr[-3000:]
    writers = [writer(home, env, key) for key in ("doc-a-000", "doc-b-000", "doc-c-000")]
    outputs = [w.communicate(timeout=240) for w in writers]
    for process, (out, err) in zip(writers, outputs):
        assert process.returncode == 0, err[-3000:]
        assert out.split() == ["PostgresRunStorage", "True"], out

    os.environ["VCOT_POSTGRES_URL"] = url  # the reader resolves the same env reference
    try:
        from dagster import AssetKey, DagsterInstance

        with DagsterInstance.from_config(str(home)) as instance:
            assert type(instance.event_log_storage).__name__ == "PostgresEventLogStorage"
            assert sorted(instance.get_dynamic_partitions("concept_batches")) == ["doc-a-000", "doc-b-000", "doc-c-000"]
            assert len(instance.get_runs()) == 3
            materialized = instance.get_materialized_partitions(AssetKey("batch_marker"))
            assert materialized == {"doc-a-000", "doc-b-000", "doc-c-000"}
    finally:
        del os.environ["VCOT_POSTGRES_URL"]
    assert not list(home.rglob("*.db")), "SQLite files were written although PostgreSQL was chosen"


def test_postgres_by_parts(server, tmp_path):
    server.create_database("vcot_parts")
    home = tmp_path / "home"
    env = {
        "DAGSTER_POSTGRES_HOST": "127.0.0.1",
        "DAGSTER_POSTGRES_USER": server.user,
        "DAGSTER_POSTGRES_DB": "vcot_parts",
        "DAGSTER_POSTGRES_PORT": str(server.port),
    }
    write_instance_yaml(home, env)
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        from dagster import DagsterInstance

        with DagsterInstance.from_config(str(home)) as instance:
            instance.add_dynamic_partitions("concept_batches", ["parts-000"])
            assert instance.get_dynamic_partitions("concept_batches") == ["parts-000"]
            assert type(instance.run_storage).__name__ == "PostgresRunStorage"
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
