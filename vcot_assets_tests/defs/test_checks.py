"""The blocking checks on a real instance: real IO manager, real sandbox, hand-made batches.

Upstream assets here emit fixed records through the lead's `stage_output` (same metadata as
the real stages), so each test controls exactly what is wrong with a batch.
"""

from __future__ import annotations

import pytest
from dagster import AssetChecksDefinition, AssetKey, DagsterInstance, asset, materialize

from vcot_assets.core.consensus.records import SelectedPair
from vcot_assets.core.grounding.records import Rationale, Trace
from vcot_assets.core.grounding.samples import build_samples
from vcot_assets.core.records import Rejection
from vcot_assets.core.synthesis.records import Candidate
from vcot_assets.defs.common import record_metadata, stage_output
from vcot_assets.defs.consensus import checks as consensus_checks
from vcot_assets.defs.grounding import checks as grounding_checks
from vcot_assets.defs.synthesis import checks as synthesis_checks
from vcot_assets.partitions import concept_batches
from vcot_assets.resources.sandbox import SandboxResource
from vcot_assets.resources.storage import VcotIOManager

KEY = "doc-000"
CODE = "def f(x):\n    return [v + 1 for v in x]\n"
PAIR = SelectedPair(
    instruction_id="i1",
    concept_id="c1",
    difficulty="easy",
    kind="function",
    instruction="Add one to each item.",
    solution_id="i1-s0",
    code=CODE,
    test_id="i1-t00",
    test_source="def test_f():\n    assert f([0, 2]) == [1, 3]",
    call="f([0, 2])",
    expected="[1, 3]",
    cluster_score=20.0,
    cluster_size=4,
    coverage=1.0,
)
TRACE = Trace(trace_id="i1", code=CODE, call="f([0, 2])", status="ok", returned="[1, 3]", sha256="t" * 64)


def samples(forward_answer: str = "[1, 3]", backward_answer: str = "f([0, 2])", duplicate: bool = False) -> list:
    forward = Rationale("i1-forward", "i1", "forward", "Each v grows by one.", forward_answer)
    backward = Rationale("i1-backward", "i1", "backward", "Undo the increment.", backward_answer)
    built = build_samples(PAIR, TRACE, forward, backward, {"instruction_id": "i1", "batch": KEY})
    return built + built[:1] if duplicate else built


def batch_assets(dataset: list, candidates_rejected: int = 1) -> list:
    """Stand-ins for the checked stage assets, emitting fixed records."""

    @asset(partitions_def=concept_batches, metadata=record_metadata("Candidate"))
    def candidate_code():
        kept = [Candidate(f"i1-s{k}", "i1", k, CODE) for k in range(4)]
        rejected = [Rejection("candidate_code", f"i1-x{k}", "no_function") for k in range(candidates_rejected)]
        return stage_output(kept, rejected)

    @asset(partitions_def=concept_batches, metadata=record_metadata("SelectedPair"))
    def selected_pairs():
        return stage_output([PAIR], [])

    @asset(partitions_def=concept_batches, metadata=record_metadata("Trace"))
    def traces():
        return stage_output([TRACE], [])

    @asset(partitions_def=concept_batches, metadata=record_metadata("Sample"), deps=[traces, selected_pairs])
    def verified_dataset():
        return stage_output(dataset, [])

    @asset(partitions_def=concept_batches, deps=[verified_dataset])
    def after_dataset() -> None:
        """Stands for Stage D: must not run when a blocking check of the batch fails."""

    return [candidate_code, selected_pairs, traces, verified_dataset, after_dataset]


CHECKS = [
    value
    for module in (synthesis_checks, consensus_checks, grounding_checks)
    for value in vars(module).values()
    if isinstance(value, AssetChecksDefinition)
]


def checks_for(names: set[str]) -> list:
    return [c for c in CHECKS if {k.asset_key.path[-1] for k in c.check_keys} <= names]


def run(tmp_path, assets: list):
    instance = DagsterInstance.ephemeral()
    instance.add_dynamic_partitions(concept_batches.name, [KEY])
    names = {a.key.path[-1] for a in assets}
    resources = {
        "io_manager": VcotIOManager(home=str(tmp_path)),
        "sandbox": SandboxResource(backend="local", workers=1),
    }
    return materialize(
        [*assets, *checks_for(names)], instance=instance, partition_key=KEY, resources=resources, raise_on_error=False
    )


def evaluations(result) -> dict[tuple[str, str], object]:
    return {(e.asset_key.path[-1], e.check_name): e for e in result.get_asset_check_evaluations()}


def test_a_good_batch_passes_every_check_and_runs_downstream(tmp_path):
    result = run(tmp_path, batch_assets(samples()))
    checks = evaluations(result)
    assert result.success
    assert {name for (_, name) in checks} >= {
        "record_schema",
        "rejected_share_within_bounds",
        "answers_match_traces",
        "no_duplicate_samples",
    }
    assert all(e.passed for e in checks.values()), {k: e.metadata for k, e in checks.items() if not e.passed}
    assert checks[("verified_dataset", "answers_match_traces")].metadata["backward_calls_executed"].value == 2
    assert result.asset_materializations_for_node("after_dataset")


@pytest.mark.parametrize(
    "bad, check",
    [
        (dict(forward_answer="[1, 4]"), "answers_match_traces"),
        (dict(backward_answer="f([5])"), "answers_match_traces"),  # executed: returns [6], not [1, 3]
        (dict(duplicate=True), "no_duplicate_samples"),
    ],
)
def test_a_bad_dataset_fails_its_check_and_blocks_downstream(tmp_path, bad, check):
    result = run(tmp_path, batch_assets(samples(**bad)))
    checks = evaluations(result)
    assert not checks[("verified_dataset", check)].passed
    assert "first_problems" in checks[("verified_dataset", check)].metadata
    assert not result.success
    assert not result.asset_materializations_for_node("after_dataset")


def test_rejected_share_above_bound_fails(tmp_path):
    result = run(tmp_path, batch_assets(samples(), candidates_rejected=12))  # 12 of 16 = 75% > 60%
    check = evaluations(result)[("candidate_code", "rejected_share_within_bounds")]
    assert not check.passed and check.metadata["share"].value == 0.75


def test_schema_check_catches_a_malformed_record(tmp_path):
    broken = samples()
    broken[0].messages = "not a list"  # type: ignore[assignment]
    result = run(tmp_path, batch_assets(broken))
    checks = evaluations(result)
    assert not checks[("verified_dataset", "record_schema")].passed
    assert checks[("verified_dataset", "answers_match_traces")].passed  # judged on the well-formed rest
    assert AssetKey("after_dataset") not in {m.asset_key for m in result.get_asset_materialization_events()}
