"""The whole graph through `benchmark_scores`, launched over GraphQL as the UI does it.

`vcot run` materializes the per-batch assets of one small document into a temp home; a live
`dagster dev` on that home then gets the UI's own `launchRun` mutations (an asset selection on
the implicit asset job, run config from the launchpad, a partition tag for the checkpoint):
`base_model_answers` + `training_sets`, the `full-forward` partition of
`fine_tuned_checkpoint` (a tiny local model trained a few CPU steps through Pipes), then
`benchmark_scores`, whose materialization must hold the base vs fine-tuned table.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest

from vcot_assets_tests.live.dagster_dev import (
    REPO,
    SMALL_PIPELINE,
    DagsterDev,
    group_alive,
    make_live_dir,
)

pytestmark = pytest.mark.slow
pytest.importorskip("transformers")

PARTITION = "full-forward"
BENCHMARKS = ["cruxeval-output", "cruxeval-input"]
DOC = """# Intervals and counting

Merging overlapping intervals sorts them by start and extends the last merged interval while
the next one overlaps it. Counting word frequencies builds a dictionary from words to counts.

The greatest common divisor of two integers is found by Euclid's algorithm, and a running
total of a list adds each element to the sum of the ones before it.
"""

# What a user types into the launchpad: a few CPU steps at a learning rate that moves a random
# model, and short generations so scoring a tiny model stays quick on 2 cores.
RUN_CONFIG = {
    "resources": {
        "trainer": {
            "config": {
                "learning_rate": 5e-3,
                "max_steps": 4,
                "batch_size": 4,
                "micro_batch_size": 2,
                "max_seq_len": 256,
                "compile": False,
                "extra_args": ["--log-every", "1", "--threads", "1"],
            }
        },
        "base_model": {"config": {"max_new_tokens": 16, "concurrency": 1}},
    }
}

LAUNCH_RUN = """mutation($params: ExecutionParams!) { launchRun(executionParams: $params) {
    __typename ... on LaunchRunSuccess { run { runId } }
    ... on PythonError { message } ... on RunConfigValidationInvalid { errors { message } }
    ... on InvalidSubsetError { message } ... on UnauthorizedError { message } } }"""


@pytest.fixture
def live_dir():
    path = make_live_dir()
    yield path
    shutil.rmtree(path, ignore_errors=True)


def launch_assets(dev: DagsterDev, assets: list[str], partition: str | None = None) -> str:
    """launchRun as the UI's Materialize button sends it for an asset selection."""
    tags = [{"key": "dagster/partition", "value": partition}] if partition else []
    params = {
        "selector": {
            "repositoryLocationName": "vcot",
            "repositoryName": "__repository__",
            "pipelineName": "__ASSET_JOB",
            "assetSelection": [{"path": [a]} for a in assets],
            "assetCheckSelection": [],
        },
        "runConfigData": RUN_CONFIG,
        "mode": "default",
        "executionMetadata": {"tags": tags},
    }
    result = dev.query(LAUNCH_RUN, {"params": params})["launchRun"]
    assert result["__typename"] == "LaunchRunSuccess", result
    return result["run"]["runId"]


def run_status(dev: DagsterDev, run_id: str) -> str:
    data = dev.query("""query($id: ID!) { runOrError(runId: $id) { ... on Run { status } } }""", {"id": run_id})
    return data["runOrError"]["status"]


def wait_for_success(dev: DagsterDev, run_id: str, timeout_s: float) -> float:
    started = time.monotonic()

    def finished():
        status = run_status(dev, run_id)
        if status in ("FAILURE", "CANCELED"):
            raise AssertionError(f"run {run_id} ended {status}: {dev.failed_run_messages()}\n{dev.log_tail()}")
        return status == "SUCCESS"

    dev.wait_until(finished, timeout_s, f"run {run_id}", interval_s=1.0)
    return time.monotonic() - started


def latest_metadata(dev: DagsterDev, asset: str) -> dict:
    data = dev.query(
        """query($key: AssetKeyInput!) { assetOrError(assetKey: $key) { ... on Asset {
        assetMaterializations(limit: 1) { partition metadataEntries { label
            ... on MarkdownMetadataEntry { mdStr } ... on FloatMetadataEntry { floatValue }
            ... on IntMetadataEntry { intValue } ... on TextMetadataEntry { text }
            ... on PathMetadataEntry { path } ... on BoolMetadataEntry { boolValue } } } } } }""",
        {"key": {"path": [asset]}},
    )
    [event] = data["assetOrError"]["assetMaterializations"]
    values = {}
    for entry in event["metadataEntries"]:
        values[entry["label"]] = next((v for k, v in entry.items() if k != "label"), None)
    return values


def test_full_graph_through_benchmark_scores_from_the_ui(live_dir):
    from vcot_assets.training.synthetic import generate_samples
    from vcot_assets.training.tiny_model import build_base_model

    timings = {}
    home, docs = live_dir / "home", live_dir / "docs"
    docs.mkdir(parents=True)
    (docs / "intervals.md").write_text(DOC)
    started = time.monotonic()
    tiny = build_base_model(live_dir / "tiny-base", generate_samples(300, seed=1), "tiny", 512)
    timings["tiny model"] = time.monotonic() - started

    env = {
        **os.environ,
        **SMALL_PIPELINE,
        "LITELLM_LOCAL_MODEL_COST_MAP": "True",
        "VCOT_CONCEPTS_PER_BATCH": "3",
        "VCOT_INSTRUCTIONS_PER_DIFFICULTY": "2",
    }
    env.pop("DAGSTER_HOME", None)
    started = time.monotonic()
    per_batch = subprocess.run(
        [sys.executable, "-m", "vcot_assets.cli", "run", "--home", str(home), "--docs", str(docs), "--no-stdlib"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    timings["vcot run"] = time.monotonic() - started
    assert per_batch.returncode == 0, per_batch.stdout + per_batch.stderr

    dev = DagsterDev(
        home,
        env={
            "VCOT_CONCEPTS_PER_BATCH": "3",
            "VCOT_INSTRUCTIONS_PER_DIFFICULTY": "2",
            "VCOT_BASE_MODEL": str(tiny),
            "VCOT_EVAL_PROBLEM_LIMIT": "2",
            "VCOT_EVAL_BENCHMARKS": ",".join(BENCHMARKS),
        },
    )
    try:
        started = time.monotonic()
        dev.start()
        timings["dagster dev up"] = time.monotonic() - started
        timings["answers + training sets"] = wait_for_success(
            dev, launch_assets(dev, ["base_model_answers", "training_sets"]), 600
        )
        answers, sets = latest_metadata(dev, "base_model_answers"), latest_metadata(dev, "training_sets")
        # The tiny model was asked the training problems' questions, and the subset to train is not empty.
        assert answers["base_model"] == str(tiny) and answers["asked/forward"] > 0, answers
        assert sets[f"subset/{PARTITION}"] > 0, sets
        timings["checkpoint"] = wait_for_success(dev, launch_assets(dev, ["fine_tuned_checkpoint"], PARTITION), 600)
        checkpoint = latest_metadata(dev, "fine_tuned_checkpoint")
        assert checkpoint["trained"] is True, (checkpoint, sets)
        # Four steps, not the paper's ten epochs: the launchpad's trainer config reached the trainer.
        assert checkpoint["steps"] == 4 and checkpoint["base_model"] == str(tiny)
        assert checkpoint["checkpoint_dir"] == str(home / "data" / "fine_tuned_checkpoint" / "full" / "forward")
        timings["benchmark scores"] = wait_for_success(dev, launch_assets(dev, ["benchmark_scores"]), 600)
        scores = latest_metadata(dev, "benchmark_scores")
    finally:
        dev.stop()
    assert dev.process is not None and not group_alive(dev.process.pid), "dagster dev left processes behind"
    print("timings (s):", {k: round(v, 1) for k, v in timings.items()})

    assert scores["checkpoints"] == 1 and scores["base_model"] == str(tiny)
    assert scores["problem_limit"] == 2
    table = scores["comparison"]
    for benchmark in BENCHMARKS:
        for metric in ("pass@1", "pass@5"):
            base = scores[f"base/{benchmark}/{metric}"]
            tuned = scores[f"{PARTITION}/{benchmark}/{metric}"]
            assert 0.0 <= base <= 100.0 and 0.0 <= tuned <= 100.0
            assert scores[f"delta/{PARTITION}/{benchmark}/{metric}"] == pytest.approx(tuned - base, abs=0.01)
            assert f"| {benchmark} | {metric} | {PARTITION} | {base:.2f} |" in table, table
    assert scores["plot"].startswith("![benchmark scores](data:image/png;base64,")
