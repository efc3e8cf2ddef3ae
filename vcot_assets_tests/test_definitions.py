"""The code location loads as Dagster loads it, with every stage asset in place."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
STAGE_ASSETS = [
    "source_docs",
    "concepts",
    "instructions",
    "signatures",
    "candidate_code",
    "test_scenarios",
    "candidate_tests",
    "pass_fail_matrix",
    "clusters",
    "selected_pairs",
    "traces",
    "rationales",
    "verified_rationales",
    "verified_dataset",
]


def test_definitions_hold_every_stage_asset_on_one_partitions_definition(tmp_path, monkeypatch):
    monkeypatch.setenv("VCOT_HOME", str(tmp_path))
    from vcot_assets.definitions import defs

    graph = defs.resolve_asset_graph()
    keys = {key.to_user_string() for key in graph.get_all_asset_keys()}
    assert set(STAGE_ASSETS) <= keys
    partitions = {
        graph.get(graph_key).partitions_def.name
        for graph_key in graph.get_all_asset_keys()
        if graph_key.to_user_string() in STAGE_ASSETS
    }
    assert partitions == {"concept_batches"}
    for name in STAGE_ASSETS:
        node = graph.get(next(k for k in graph.get_all_asset_keys() if k.to_user_string() == name))
        assert node.group_name.startswith("stage_"), name
        assert node.code_version, name


def test_dagster_definitions_validate_passes(tmp_path):
    env = dict(os.environ, DAGSTER_HOME=str(tmp_path), VCOT_HOME=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-m", "dagster", "definitions", "validate", "-m", "vcot_assets.definitions"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
