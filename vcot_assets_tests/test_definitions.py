"""The code location loads as Dagster loads it, with every stage asset in place."""

import json
import os
import subprocess
import sys
from pathlib import Path

from vcot_assets_tests.test_defs_snapshot import node_logic

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


CODE_VERSIONS = """
import json
from vcot_assets.definitions import defs
graph = defs.resolve_asset_graph()
print(json.dumps({k.to_user_string(): graph.get(k).code_version for k in graph.get_all_asset_keys()}))
"""


def test_code_versions_are_the_same_in_every_process(tmp_path, monkeypatch):
    """`vcot run`, the UI's code server and the daemon each import the definitions: same
    files and settings, same versions, whatever the hash seed or working directory."""
    monkeypatch.setenv("VCOT_HOME", str(tmp_path))
    from vcot_assets.definitions import defs

    graph = defs.resolve_asset_graph()
    here = {k.to_user_string(): graph.get(k).code_version for k in graph.get_all_asset_keys()}
    for seed, cwd in (("1", tmp_path), ("2", REPO)):
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(REPO), VCOT_HOME=str(tmp_path / seed))
        done = subprocess.run(
            [sys.executable, "-c", CODE_VERSIONS], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout.strip().splitlines()[-1]) == here


def test_each_code_version_hashes_the_logic_of_its_own_asset(tmp_path, monkeypatch):
    """A code version names its asset's function by hand (`code_version(__name__, "traces")`):
    the digest it holds must be that function's."""
    monkeypatch.setenv("VCOT_HOME", str(tmp_path))
    from vcot_assets.definitions import defs

    graph = defs.resolve_asset_graph()
    for key in graph.get_all_asset_keys():
        node = graph.get(key)
        assert node.assets_def.op.compute_fn.decorated_fn.__name__ == key.to_user_string()
        assert f"logic={node_logic(node).digest}" in node.code_version.split(";"), key
