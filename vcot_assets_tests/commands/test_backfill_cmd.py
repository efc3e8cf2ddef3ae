"""`vcot backfill` on a home with no daemon running: it submits the asset backfill to the
instance, starts `dagster-daemon` itself, waits for the backfill and stops the daemon."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest

from vcot_assets.commands.backfill_cmd import BackfillError, parse_partitions
from vcot_assets_tests.live.dagster_dev import REPO, SMALL_PIPELINE, make_live_dir

BATCH = "bisect-000"


def processes_on_home(home) -> list[int]:
    """Pids whose environment points DAGSTER_HOME at this home."""
    marker = f"DAGSTER_HOME={home}".encode() + b"\0"
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/environ", "rb") as environ:
                    if marker in environ.read():
                        found.append(int(entry))
            except OSError:
                continue
    return found


def test_parse_partitions():
    assert parse_partitions("all") is None
    assert parse_partitions(" a-000, b-001 ") == ["a-000", "b-001"]
    with pytest.raises(BackfillError):
        parse_partitions(" , ")


@pytest.mark.slow
def test_backfill_on_the_instance_starts_its_own_daemon():
    from vcot_assets.core.documents.corpus import stdlib_text
    from vcot_assets.instance_config import write_instance_yaml

    live = make_live_dir()
    home, docs = live / "home", live / "docs"
    docs.mkdir(parents=True)
    (docs / "bisect.md").write_text(stdlib_text("bisect")[:2500], encoding="utf-8")
    env = {
        **os.environ,
        **SMALL_PIPELINE,
        "DAGSTER_HOME": str(home),
        "VCOT_HOME": str(home),
        "VCOT_DOCS": str(docs),
        "PYTHONPATH": str(REPO),
        "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    }
    try:
        write_instance_yaml(home, {})
        upstream = subprocess.run(
            [
                sys.executable,
                "-c",
                (
                    "from dagster import AssetSelection, DagsterInstance, materialize\n"
                    "from vcot_assets.definitions import defs\n"
                    "instance = DagsterInstance.get()\n"
                    f"instance.add_dynamic_partitions('concept_batches', ['{BATCH}'])\n"
                    f"assert materialize(list(defs.assets), instance=instance, partition_key='{BATCH}', resources=defs.resources,\n"
                    "    selection=AssetSelection.assets('verified_rationales').upstream()).success\n"
                ),
            ],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert upstream.returncode == 0, upstream.stderr[-3000:]

        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "vcot_assets.cli",
                "backfill",
                "--from",
                "verified_rationales",
                "--through",
                "verified_dataset",
                "--partitions",
                BATCH,
                "--home",
                str(home),
                "--timeout",
                "500",
            ],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        assert "starting one until the backfill ends" in done.stdout
        assert "verified_dataset" in done.stdout and "COMPLETED_SUCCESS" in done.stdout
        assert (home / "data" / "verified_dataset" / f"{BATCH}.jsonl").exists()
        assert (home / "backfill-daemon.log").exists()
        # Processes the daemon launched outside its group (run workers) may take a moment to exit.
        deadline = time.monotonic() + 30
        while processes_on_home(home) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not processes_on_home(home), "the daemon vcot backfill started is still running"
    finally:
        shutil.rmtree(live, ignore_errors=True)
