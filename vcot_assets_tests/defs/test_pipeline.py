"""The whole per-batch graph, materialized for one partition on a real temporary instance."""

import json

import pytest
from dagster import AssetsDefinition, DagsterInstance, materialize

from vcot_assets.defs.consensus import assets as consensus
from vcot_assets.defs.grounding import assets as grounding
from vcot_assets.defs.synthesis import assets as synthesis
from vcot_assets.partitions import CONCEPT_BATCHES_NAME
from vcot_assets.resources.home import HomeResource
from vcot_assets.resources.sandbox import SandboxResource
from vcot_assets.resources.storage import VcotIOManager
from vcot_assets.resources.teacher import TeacherResource

ASSETS = [
    value
    for module in (synthesis, consensus, grounding)
    for value in vars(module).values()
    if isinstance(value, AssetsDefinition)
]
DOC = """# Prefix sums and stacks

A running total (prefix sum) replaces each element of a list by the sum of all elements up to
it. Binary search finds an item in a sorted list by halving the interval at each step.

A stack is a last-in, first-out container with push and pop operations; a priority queue
hands out the smallest item first and is usually built on a binary heap.
"""


def resources(home, docs):
    return {
        "home": HomeResource(path=str(home), docs=str(docs), stdlib=False),
        "io_manager": VcotIOManager(home=str(home)),
        "teacher": TeacherResource(model="offline/default"),
        "sandbox": SandboxResource(backend="local", workers=2),
    }


@pytest.fixture()
def instance(tmp_path):
    with DagsterInstance.ephemeral(tempdir=str(tmp_path / "instance")) as ephemeral:
        yield ephemeral


def test_whole_graph_for_one_partition(tmp_path, instance):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "prefix-sums.md").write_text(DOC)
    instance.add_dynamic_partitions(CONCEPT_BATCHES_NAME, ["prefix-sums-000"])
    result = materialize(
        ASSETS, instance=instance, resources=resources(tmp_path, docs), partition_key="prefix-sums-000"
    )
    assert result.success
    materialized = {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}
    assert materialized == {a.key.to_user_string() for a in ASSETS}

    metadata = {
        e.asset_key.to_user_string(): e.step_materialization_data.materialization.metadata
        for e in result.get_asset_materialization_events()
    }
    assert metadata["candidate_tests"]["dagster/row_count"].value > 0
    assert "rejections_by_reason" in metadata["candidate_tests"]
    assert metadata["verified_rationales"]["rejected_share"].value < 1.0
    assert metadata["candidate_code"]["teacher/calls"].value > 0

    samples = [json.loads(line) for line in (tmp_path / "data" / "verified_dataset" / "prefix-sums-000.jsonl").open()]
    assert samples, "the batch produced no verified sample"
    assert {s["view"] for s in samples} <= {"forward", "backward", "bidirectional"}
    for sample in samples:
        assert sample["provenance"]["teacher"].startswith("offline")
        assert sample["messages"][-1]["role"] == "assistant"
    matrix = tmp_path / "data" / "pass_fail_matrix" / "prefix-sums-000.parquet"
    assert matrix.exists()


def test_a_batch_whose_document_is_not_text_records_a_rejection(tmp_path, instance):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "notes.md").write_text("Sorting.\n")
    instance.add_dynamic_partitions(CONCEPT_BATCHES_NAME, ["notes-000"])
    (docs / "notes.md").write_bytes(b"\x00\x01binary now")  # replaced after registration
    result = materialize(ASSETS, instance=instance, resources=resources(tmp_path, docs), partition_key="notes-000")
    assert result.success
    rejections = [
        json.loads(line) for line in (tmp_path / "data" / "source_docs" / "notes-000.rejections.jsonl").open()
    ]
    assert [r["reason"] for r in rejections] == ["not_text"]
    assert (tmp_path / "data" / "verified_dataset" / "notes-000.jsonl").read_text() == ""
