"""The whole per-batch graph with its blocking checks, materialized for one partition on a real
temporary instance: what the batch must contain, asserted record by record."""

import json
from collections import Counter

import pandas as pd
import pytest
from dagster import AssetChecksDefinition, AssetsDefinition, DagsterInstance, materialize

from vcot_assets.defs.consensus import assets as consensus
from vcot_assets.defs.consensus import checks as consensus_checks
from vcot_assets.defs.grounding import assets as grounding
from vcot_assets.defs.grounding import checks as grounding_checks
from vcot_assets.defs.synthesis import assets as synthesis
from vcot_assets.defs.synthesis import checks as synthesis_checks
from vcot_assets.partitions import CONCEPT_BATCHES_NAME
from vcot_assets.resources.home import HomeResource
from vcot_assets.resources.sandbox import SandboxResource
from vcot_assets.resources.storage import VcotIOManager, read_jsonl
from vcot_assets.resources.teacher import TeacherResource
from vcot_assets.settings import DEFAULT_SETTINGS

ASSETS = [
    value
    for module in (synthesis, consensus, grounding)
    for value in vars(module).values()
    if isinstance(value, AssetsDefinition) and not isinstance(value, AssetChecksDefinition)
]
CHECKS = [
    value
    for module in (synthesis_checks, consensus_checks, grounding_checks)
    for value in vars(module).values()
    if isinstance(value, AssetChecksDefinition)
]
BATCH = "prefix-sums-000"
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


def rows(home, asset: str, suffix: str = ".jsonl") -> list[dict]:
    return read_jsonl(home / "data" / asset / f"{BATCH}{suffix}")


def test_whole_graph_for_one_partition_passes_its_blocking_checks(tmp_path, instance):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "prefix-sums.md").write_text(DOC)
    instance.add_dynamic_partitions(CONCEPT_BATCHES_NAME, [BATCH])
    result = materialize(
        [*ASSETS, *CHECKS], instance=instance, resources=resources(tmp_path, docs), partition_key=BATCH
    )
    assert result.success
    materialized = {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}
    assert materialized == {a.key.to_user_string() for a in ASSETS}
    evaluations = {
        (e.event_specific_data.asset_key.to_user_string(), e.event_specific_data.check_name): e.event_specific_data
        for e in result.all_events
        if e.event_type_value == "ASSET_CHECK_EVALUATION"
    }
    expected = {(key.asset_key.to_user_string(), key.name) for check in CHECKS for key in check.check_keys}
    assert set(evaluations) == expected and ("verified_dataset", "answers_match_traces") in expected
    failed = {key: e.metadata for key, e in evaluations.items() if not e.passed}
    assert not failed, failed

    metadata = {
        e.asset_key.to_user_string(): e.step_materialization_data.materialization.metadata
        for e in result.get_asset_materialization_events()
    }
    assert metadata["candidate_code"]["teacher/calls"].value > 0
    assert metadata["candidate_tests"]["dagster/row_count"].value > 0

    # every candidate ran against every test of its instruction
    candidates, tests = rows(tmp_path, "candidate_code"), rows(tmp_path, "candidate_tests")
    matrix = pd.read_parquet(tmp_path / "data" / "pass_fail_matrix" / f"{BATCH}.parquet")
    per_instruction = Counter(c["instruction_id"] for c in candidates)
    tests_per_instruction = Counter(t["instruction_id"] for t in tests)
    assert len(matrix) == sum(n * tests_per_instruction[i] for i, n in per_instruction.items())

    # each selected pair clears the score floor, and every traced pair is a selected one
    pairs = {p["instruction_id"]: p for p in rows(tmp_path, "selected_pairs")}
    assert pairs and all(p["cluster_score"] >= DEFAULT_SETTINGS.score_floor for p in pairs.values())
    traces = {t["trace_id"]: t for t in rows(tmp_path, "traces")}
    assert set(traces) <= set(pairs) and traces

    # the samples are exactly the accepted rationales: one per direction, a bi-directional one
    # where both directions were accepted, each with the answer its trace returned
    accepted = {
        (v["rationale"]["instruction_id"], v["rationale"]["direction"]): v["rationale"]
        for v in rows(tmp_path, "verified_rationales")
        if v["report"]["accepted"]
    }
    assert accepted, "the batch produced no verified rationale"
    samples = rows(tmp_path, "verified_dataset")
    by_view = Counter(s["view"] for s in samples)
    both = {i for i, d in accepted if d == "forward" and (i, "backward") in accepted}
    assert (
        by_view
        == Counter(
            forward=sum(d == "forward" for _, d in accepted),
            backward=sum(d == "backward" for _, d in accepted),
            bidirectional=len(both),
        )
        - Counter()
    )
    assert len({s["sample_id"] for s in samples}) == len(samples)
    for sample in samples:
        instruction = sample["provenance"]["instruction_id"]
        assert sample["provenance"]["teacher"].startswith("offline")
        assert sample["provenance"]["batch"] == BATCH
        assert sample["provenance"]["trace_sha256"] == traces[instruction]["sha256"]
        assert [m["role"] for m in sample["messages"]][::2] == ["user"] * (len(sample["messages"]) // 2)
        assert sample["messages"][-1]["role"] == "assistant"
        directions = ["forward", "backward"] if sample["view"] == "bidirectional" else [sample["view"]]
        for direction, message in zip(directions, sample["messages"][1::2]):
            assert message["content"].endswith(f"Answer: {accepted[(instruction, direction)]['answer']}")


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
