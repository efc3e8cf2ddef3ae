"""`vcot run` end to end as a user types it: a real home, then incremental, then export."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from vcot_assets.core.records import VIEWS

REPO = Path(__file__).resolve().parents[2]
DOC = """# Intervals and counting

Merging overlapping intervals sorts them by start and extends the last merged interval while
the next one overlaps it. Counting word frequencies builds a dictionary from words to counts.

The greatest common divisor of two integers is found by Euclid's algorithm, and a running
total of a list adds each element to the sum of the ones before it.
"""


def vcot(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, LITELLM_LOCAL_MODEL_COST_MAP="True")
    env.pop("DAGSTER_HOME", None)
    return subprocess.run(
        [sys.executable, "-m", "vcot_assets.cli", *args, "--home", str(home)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_run_then_rerun_is_up_to_date_then_export_loads(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "intervals.md").write_text(DOC)
    (docs / "counting.txt").write_text(DOC.replace("Intervals", "Counting"))
    (docs / "empty.rst").write_text("")
    (docs / "picture.md").write_bytes(b"\x89PNG\x00\x00\x00")
    home = tmp_path / "home"

    first = vcot("run", "--docs", str(docs), "--no-stdlib", home=home)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "skipped document" in first.stdout and "empty_document" in first.stdout and "not_text" in first.stdout
    assert "2 batches" in first.stdout
    assert (home / "dagster.yaml").exists()

    second = vcot("run", "--docs", str(docs), "--no-stdlib", home=home)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "up to date" in second.stdout

    from datasets import load_dataset

    total = 0
    for view in ("forward", "backward", "bidirectional"):
        out = tmp_path / f"{view}.jsonl"
        exported = vcot("export", "--view", view, "--out", str(out), home=home)
        rows = [json.loads(line) for line in out.read_text().splitlines()]
        assert exported.returncode == (0 if rows else 1)
        total += len(rows)
        if rows:
            loaded = load_dataset("json", data_files=str(out), split="train")
            assert loaded.num_rows == len(rows)
            assert set(loaded.column_names) == {"sample_id", "view", "messages", "provenance"}
            assert {"teacher", "difficulty", "input", "output"} <= set(loaded[0]["provenance"])
    assert total > 0
    training_set = home / "data" / "training_sets" / "full"
    assert total == sum(len((training_set / f"{v}.jsonl").read_text().splitlines()) for v in VIEWS)


def test_through_must_name_an_asset_and_training_needs_a_base_model(tmp_path):
    unknown = vcot("run", "--through", "everything", "--no-stdlib", "--docs", str(tmp_path), home=tmp_path / "h")
    assert unknown.returncode == 2 and "not an asset" in unknown.stderr
    no_model = vcot("run", "--through", "benchmark_scores", home=tmp_path / "h")
    assert no_model.returncode == 2 and "--base-model" in no_model.stderr


def test_two_runs_on_one_home_share_the_batches_and_batches_run_in_parallel(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "intervals.md").write_text(DOC)
    (docs / "counting.txt").write_text(DOC.replace("Intervals", "Counting"))
    home = tmp_path / "home"
    env = dict(os.environ, LITELLM_LOCAL_MODEL_COST_MAP="True")
    env.pop("DAGSTER_HOME", None)
    command = [sys.executable, "-m", "vcot_assets.cli", "run", "--docs", str(docs), "--no-stdlib", "--home", str(home)]
    first = subprocess.Popen(
        [*command, "--workers", "2"], cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    locks = [home / "locks" / "intervals-000.lock", home / "locks" / "counting-000.lock"]
    deadline = time.monotonic() + 300
    while not all(lock.exists() for lock in locks) and time.monotonic() < deadline:
        time.sleep(0.2)
    second = vcot("run", "--docs", str(docs), "--no-stdlib", home=home)
    out, err = first.communicate(timeout=900)
    assert first.returncode == 0, out + err
    assert second.returncode == 0, second.stdout + second.stderr
    assert "held by another `vcot run`" in second.stdout and "up to date" in second.stdout
    assert "teacher calls" in out and "rejections" in out and "verified_dataset" in out  # the progress table

    from dagster import DagsterInstance, RunsFilter

    monkeypatch.setenv("DAGSTER_HOME", str(home))  # the home's dagster.yaml reads it
    with DagsterInstance.from_config(str(home)) as instance:
        runs = {
            key: instance.get_run_records(RunsFilter(tags={"vcot/batch": key}))
            for key in ("intervals-000", "counting-000")
        }
        assert {key: len(records) for key, records in runs.items()} == {"intervals-000": 1, "counting-000": 1}
        [a], [b] = runs.values()
        assert a.start_time < b.end_time and b.start_time < a.end_time, "the two batches did not overlap"
        assert len(instance.get_run_records(RunsFilter(tags={"vcot/launched_by": "vcot run"}))) == 4
