"""Prompt change -> stale -> backfill, end to end against a live `dagster dev`.

The documents sensor registers two batches and runs them; a prompt template is then edited
(in a temp copy named by VCOT_PROMPTS_DIR), the code location reloaded, the edited asset seen
stale over GraphQL, and `vcot backfill --url` launches a backfill of it and everything
downstream, which the daemon completes. Every process of `dagster dev` is gone afterwards.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from vcot_assets.core.documents.corpus import stdlib_text
from vcot_assets_tests.live.dagster_dev import REPO, DagsterDev, group_alive, make_live_dir

pytestmark = pytest.mark.slow

EDITED_PROMPT = "narrate_forward"
EDITED_ASSET = "rationales"
BATCHES = ["bisect-000", "heapq-000"]


@pytest.fixture
def live_dir():
    path = make_live_dir()
    yield path
    shutil.rmtree(path, ignore_errors=True)


def asset_state(dev: DagsterDev, asset: str, partitions: list[str]) -> dict:
    data = dev.query(
        """query($key: [AssetKeyInput!], $parts: [String!]) { assetNodes(assetKeys: $key) {
        opVersion staleStatusByPartition(partitions: $parts)
        staleCausesByPartition(partitions: $parts) { reason category }
        partitionStats { numMaterialized numFailed } } }""",
        {"key": [{"path": [asset]}], "parts": partitions},
    )
    return data["assetNodes"][0]


def materialized_code_versions(dev: DagsterDev, asset: str) -> dict[str, str]:
    """The code version recorded by the latest materialization of each partition."""
    data = dev.query(
        """query($key: AssetKeyInput!) { assetOrError(assetKey: $key) { ... on Asset {
        assetMaterializations(limit: 100) { partition tags { key value } } } } }""",
        {"key": {"path": [asset]}},
    )
    latest: dict[str, str] = {}
    for event in data["assetOrError"]["assetMaterializations"]:  # newest first
        tags = {t["key"]: t["value"] for t in event["tags"]}
        latest.setdefault(event["partition"], tags.get("dagster/code_version", ""))
    return latest


def all_batches_done(dev: DagsterDev):
    failed = dev.failed_run_messages()
    assert not failed, "\n".join(failed)
    return asset_state(dev, "verified_dataset", BATCHES)["partitionStats"]["numMaterialized"] == len(BATCHES)


def test_prompt_edit_marks_stale_and_backfill_completes(live_dir):
    home, docs, prompts = live_dir / "home", live_dir / "docs", live_dir / "prompts"
    docs.mkdir(parents=True)
    shutil.copytree(REPO / "prompts", prompts)
    for module in ("heapq", "bisect"):  # one batch each: under batch_chars
        (docs / f"{module}.md").write_text(stdlib_text(module)[:3000], encoding="utf-8")
    dev = DagsterDev(home, env={"VCOT_DOCS": str(docs), "VCOT_PROMPTS_DIR": str(prompts), "VCOT_DOCS_SENSOR": "on"})
    try:
        dev.start()
        dev.wait_until(lambda: all_batches_done(dev), 600, "the sensor's runs of both batches")
        sensor_runs = [
            r for r in dev.runs() if {"key": "dagster/sensor_name", "value": "documents_sensor"} in r["tags"]
        ]
        assert (
            sorted(next(t["value"] for t in r["tags"] if t["key"] == "dagster/partition") for r in sensor_runs)
            == BATCHES
        )

        before = asset_state(dev, EDITED_ASSET, BATCHES)
        assert before["staleStatusByPartition"] == ["FRESH", "FRESH"], before
        template = prompts / f"{EDITED_PROMPT}.txt"
        template.write_text(template.read_text() + "\nKeep every sentence about one step of the trace.\n")
        dev.reload_location()

        after_edit = asset_state(dev, EDITED_ASSET, BATCHES)
        assert after_edit["opVersion"] != before["opVersion"]
        assert after_edit["staleStatusByPartition"] == ["STALE", "STALE"], after_edit
        assert all(any(c["category"] == "CODE" for c in causes) for causes in after_edit["staleCausesByPartition"])

        launched = subprocess.run(
            # Everything downstream through the merged training sets; checkpoints and benchmark
            # scores (GPU training) are left to their own launch.
            [
                sys.executable,
                "-m",
                "vcot_assets.cli",
                "backfill",
                "--from",
                EDITED_ASSET,
                "--partitions",
                "all",
                "--through",
                "training_sets",
                "--url",
                dev.url,
                "--wait",
                "--timeout",
                "600",
            ],
            cwd=REPO,
            env=dev.env,
            capture_output=True,
            text=True,
            timeout=700,
        )
        assert launched.returncode == 0, f"{launched.stdout}\n{launched.stderr}\n{dev.failed_run_messages()}"
        assert "COMPLETED_SUCCESS" in launched.stdout

        final = asset_state(dev, EDITED_ASSET, BATCHES)
        assert final["staleStatusByPartition"] == ["FRESH", "FRESH"], final
        assert set(materialized_code_versions(dev, EDITED_ASSET).values()) == {after_edit["opVersion"]}
        downstream = materialized_code_versions(dev, "verified_dataset")
        assert sorted(downstream) == BATCHES
    finally:
        dev.stop()
    assert dev.process is not None and not group_alive(dev.process.pid), "dagster dev left processes behind"
