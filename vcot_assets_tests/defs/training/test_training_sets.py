"""`base_model_answers` and `training_sets` materialized on a temp instance.

Upstream, a stand-in `verified_dataset` (same key, same partitions, the lead's IO manager)
writes realistic samples built by `core.samples.build_samples`; the base model is a real
OpenAI-compatible HTTP server on 127.0.0.1 reached through litellm; grading runs in the sandbox.
"""

import json
import os

import pytest
from dagster import AssetKey, AssetSelection, DagsterInstance, asset, materialize

from vcot_assets.core.consensus.records import SelectedPair
from vcot_assets.core.grounding.records import Rationale, Trace
from vcot_assets.core.grounding.samples import build_samples
from vcot_assets.core.records import StageOutput
from vcot_assets.defs.training.training_sets import base_model_answers, training_sets, training_sets_files_are_clean
from vcot_assets.evals import cruxeval
from vcot_assets.partitions import CONCEPT_BATCHES_NAME, concept_batches
from vcot_assets.resources.home import HomeResource
from vcot_assets.resources.model_under_test import ModelUnderTest
from vcot_assets.resources.sandbox import SandboxResource
from vcot_assets.resources.storage import VcotIOManager
from vcot_assets_tests.testing.wire_server import WireServer

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")


def problem(batch, index, difficulty, code, call, returned, backward_call):
    iid = f"{batch}-c01-{difficulty}-{index:02d}"
    pair = SelectedPair(
        instruction_id=iid,
        concept_id=f"{batch}-c01",
        difficulty=difficulty,
        kind="function",
        instruction=f"Solve this task about {call.split('(')[0]}.",
        solution_id=f"{iid}-s0",
        code=code,
        test_id=f"{iid}-t00",
        test_source=f"def test_x():\n    assert {call} == {returned}",
        call=call,
        expected=returned,
        cluster_score=20.0,
        cluster_size=2,
        coverage=1.0,
    )
    trace = Trace(
        trace_id=iid, code=code, call=call, status="ok", returned=returned, sha256="ab" * 8, python_version="3.11.9"
    )
    forward = Rationale(f"{iid}-forward", iid, "forward", "The loop adds each value.", returned, "offline")
    backward = Rationale(f"{iid}-backward", iid, "backward", "Working back from the total.", backward_call, "offline")
    provenance = {
        "batch": batch,
        "concept": "sums",
        "concept_id": pair.concept_id,
        "difficulty": difficulty,
        "kind": "function",
        "instruction_id": iid,
        "teacher": "offline",
        "prompt_versions": json.dumps({"narrate_forward": "0123abcd"}),
    }
    return build_samples(pair, trace, forward, backward, provenance)


SQUARES = "def sum_squares(xs):\n    total = 0\n    for x in xs:\n        total += x * x\n    return total"
REVERSE = "def reverse_words(text):\n    return ' '.join(reversed(text.split()))"
RUNNING_MAX = (
    "def running_max(values):\n    best, out = None, []\n    for v in values:\n"
    "        best = v if best is None or v > best else best\n        out.append(best)\n    return out"
)
LEAK = cruxeval.load_problems()[0]

BATCHES = {
    "docs-a-000": [
        *problem("docs-a-000", 0, "easy", SQUARES, "sum_squares([1, 2, 3])", "14", "sum_squares([3, 2, 1])"),
        *problem("docs-a-000", 1, "hard", REVERSE, "reverse_words('a b c')", "'c b a'", "reverse_words('a b c')"),
        # A CRUXEval program under another name: must not reach training.
        *problem(
            "docs-a-000",
            2,
            "medium",
            LEAK.code.replace("def f(", "def solution(", 1),
            f"solution({LEAK.input})",
            LEAK.output,
            f"solution({LEAK.input})",
        ),
    ],
    "docs-b-000": [
        *problem(
            "docs-b-000", 0, "medium", RUNNING_MAX, "running_max([1, 3, 2])", "[1, 3, 3]", "running_max([1, 3, 0])"
        ),
        # The same problem again in another batch: an exact duplicate.
        *problem("docs-b-000", 1, "easy", SQUARES, "sum_squares([1, 2, 3])", "14", "sum_squares([3, 2, 1])"),
    ],
}
REGISTERED = [*BATCHES, "docs-c-000"]  # docs-c-000 is registered but never materialized


@asset(name="verified_dataset", partitions_def=concept_batches, metadata={"vcot/record_type": "Sample"})
def verified_dataset_stand_in(context):
    return StageOutput(BATCHES[context.partition_key], [])


def base_model_reply(prompt: str, seed: int) -> str:
    """A base model that knows sums of squares (forward and backward) and nothing else."""
    if "sum_squares" in prompt:
        answer = "14" if "What does" in prompt else "sum_squares([1, 2, 3])"
    elif "What does" in prompt:
        answer = "None"
    else:
        answer = "reverse_words('no')" if "reverse_words" in prompt else "running_max([])"
    return f"Let me think.\nAnswer: {answer}"


@pytest.fixture
def home(tmp_path):
    return tmp_path / "home"


def resources(home, model="", api_base=""):
    return {
        "home": HomeResource(path=str(home)),
        "io_manager": VcotIOManager(home=str(home)),
        "sandbox": SandboxResource(workers=1),
        "base_model": ModelUnderTest(model=model, api_base=api_base),
    }


def test_training_sets_from_batches_with_base_model_answers(home, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-local-test")
    instance = DagsterInstance.ephemeral()
    instance.add_dynamic_partitions(CONCEPT_BATCHES_NAME, REGISTERED)
    for key in BATCHES:
        result = materialize(
            [verified_dataset_stand_in],
            instance=instance,
            partition_key=key,
            resources={"io_manager": VcotIOManager(home=str(home))},
        )
        assert result.success

    with WireServer(answer=base_model_reply) as server:
        result = materialize(
            [verified_dataset_stand_in, base_model_answers, training_sets, training_sets_files_are_clean],
            selection=AssetSelection.assets(base_model_answers, training_sets),
            instance=instance,
            resources=resources(home, "openai/base-under-test", server.base_url),
        )
    assert result.success
    [check] = result.get_asset_check_evaluations()
    assert check.passed and check.metadata["samples_checked"].value == 9

    answers_meta = result.asset_materializations_for_node("base_model_answers")[0].metadata
    assert answers_meta["missing_batches"].value == 1
    # 5 problems x 2 directions; it knows sums of squares both ways (2 problems hold it).
    assert answers_meta["asked/forward"].value == 5 and answers_meta["correct/forward"].value == 2
    assert answers_meta["correct/backward"].value == 2

    meta = result.asset_materializations_for_node("training_sets")[0].metadata
    assert meta["dropped/exact_duplicate"].value == 1
    assert meta["dropped/contaminated_ast"].value == 1
    assert meta["contaminated/cruxeval"].value == 1
    assert meta["problems_in"].value == 5 and meta["problems_kept"].value == 3
    assert meta["subset/full-forward"].value == 3
    assert meta["subset/difficulty-forward"].value == 2  # hard reverse_words, medium running_max
    assert meta["subset/answerability-forward"].value == 2  # everything but sum_squares
    assert meta["subset/answerability-bidirectional"].value == 2

    folder = home / "data" / "training_sets"
    card = (folder / "README.md").read_text()
    assert "config_name: answerability-backward" in card and "cruxeval" in card and "MIT" in card

    from datasets import load_dataset

    loaded = load_dataset(str(folder), "full-bidirectional", split="train")
    assert loaded.num_rows == 3
    assert [m["role"] for m in loaded[0]["messages"]] == ["user", "assistant", "user", "assistant"]
    from_jsonl = load_dataset("json", data_files=str(folder / "answerability" / "forward.jsonl"), split="train")
    assert sorted(r["provenance"]["difficulty"] for r in from_jsonl) == ["hard", "medium"]


def test_without_a_base_model_answerability_is_empty(home):
    instance = DagsterInstance.ephemeral()
    instance.add_dynamic_partitions(CONCEPT_BATCHES_NAME, list(BATCHES))
    for key in BATCHES:
        assert materialize(
            [verified_dataset_stand_in],
            instance=instance,
            partition_key=key,
            resources={"io_manager": VcotIOManager(home=str(home))},
        ).success
    result = materialize(
        [verified_dataset_stand_in, base_model_answers, training_sets],
        selection=[base_model_answers, training_sets],
        instance=instance,
        resources=resources(home),
    )
    assert result.success
    meta = result.asset_materializations_for_node("training_sets")[0].metadata
    assert meta["subset/answerability-forward"].value == 0
    assert meta["subset/full-backward"].value == 3
    assert instance.get_latest_materialization_event(AssetKey("training_sets")) is not None


def test_the_check_blocks_a_leak_written_behind_its_back(home):
    instance = DagsterInstance.ephemeral()
    instance.add_dynamic_partitions(CONCEPT_BATCHES_NAME, list(BATCHES))
    for key in BATCHES:
        assert materialize(
            [verified_dataset_stand_in],
            instance=instance,
            partition_key=key,
            resources={"io_manager": VcotIOManager(home=str(home))},
        ).success
    everything = [verified_dataset_stand_in, base_model_answers, training_sets, training_sets_files_are_clean]
    selection = AssetSelection.assets(base_model_answers, training_sets)
    assert materialize(everything, selection=selection, instance=instance, resources=resources(home)).success
    leaked = problem("docs-z-000", 9, "hard", LEAK.code, f"f({LEAK.input})", LEAK.output, f"f({LEAK.input})")[0]
    with (home / "data" / "training_sets" / "full" / "forward.jsonl").open("a") as out:
        out.write(json.dumps(leaked.to_dict()) + "\n")
    result = materialize(
        everything,
        selection=AssetSelection.checks(training_sets_files_are_clean),
        instance=instance,
        resources=resources(home),
        raise_on_error=False,
    )
    [check] = result.get_asset_check_evaluations()
    assert not check.passed
    assert "cruxeval:sample_0" in check.metadata["problems"].value


def test_a_configured_benchmark_that_is_missing_fails_the_check_and_export(home, tmp_path, monkeypatch):
    from vcot_assets.commands import export_cmd

    monkeypatch.setenv("VCOT_CRUXEVAL", str(tmp_path / "no-cruxeval.jsonl"))
    monkeypatch.setenv("VCOT_HOME", str(home))
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    export_cmd.prepare_home(str(home))
    instance = DagsterInstance.get()
    instance.add_dynamic_partitions(CONCEPT_BATCHES_NAME, list(BATCHES))
    for key in BATCHES:
        assert materialize(
            [verified_dataset_stand_in],
            instance=instance,
            partition_key=key,
            resources={"io_manager": VcotIOManager(home=str(home))},
        ).success
    everything = [verified_dataset_stand_in, base_model_answers, training_sets, training_sets_files_are_clean]
    result = materialize(
        everything,
        selection=AssetSelection.assets(base_model_answers, training_sets),
        instance=instance,
        resources=resources(home),
        raise_on_error=False,
    )
    [check] = result.get_asset_check_evaluations()
    assert not check.passed
    problems = check.metadata["problems"].value
    assert "cruxeval is configured but missing" in problems and "VCOT_CRUXEVAL" in problems
    assert check.metadata["benchmark/humaneval"].value == 164
    meta = result.asset_materializations_for_node("training_sets")[0].metadata
    assert meta["benchmarks_missing"].value == 1 and "benchmark/cruxeval" not in meta

    out = tmp_path / "forward.jsonl"
    assert export_cmd.main(["--home", str(home), "--view", "forward", "--out", str(out)]) == 1
    assert not out.exists()
