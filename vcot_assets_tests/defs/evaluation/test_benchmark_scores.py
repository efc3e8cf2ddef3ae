"""`benchmark_scores` materialized: a base model over HTTP (litellm) against a local checkpoint.

The base model is a real OpenAI-compatible server on 127.0.0.1 that knows the answers to some
CRUXEval problems; the "fine-tuned checkpoint" is a tiny randomly initialised local transformers
model (built here, no download), recorded by a stand-in materialization of
`fine_tuned_checkpoint` that names its directory in metadata, as the trainer's asset does.
"""

import os

import pytest
from dagster import DagsterInstance, MaterializeResult, asset, materialize

from vcot_assets.defs.evaluation.benchmark_scores import benchmark_scores
from vcot_assets.defs.training.fine_tuned_checkpoint import subset_view_partitions
from vcot_assets.evals import cruxeval
from vcot_assets.resources.home import HomeResource
from vcot_assets.resources.model_under_test import ModelUnderTest
from vcot_assets.resources.sandbox import SandboxResource
from vcot_assets.resources.storage import VcotIOManager
from vcot_assets_tests.testing.wire_server import WireServer

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
pytest.importorskip("transformers")
pytestmark = pytest.mark.slow

PROBLEMS = cruxeval.load_problems()[:2]


def knows_the_first_problem(prompt: str, seed: int) -> str:
    """Right on sample_0's output question (CRUXEval's own prompt), wrong everywhere else."""
    first = PROBLEMS[0]
    if f"{first.code}\nassert f({first.input}) == ??" in prompt:
        return f"Step by step...\n[/THOUGHT]\n[ANSWER]\nassert f({first.input}) == {first.output}\n[/ANSWER]"
    return "[ANSWER]\nassert f(None) == None\n[/ANSWER]"


@pytest.fixture(scope="module")
def tiny_checkpoint(tmp_path_factory):
    from vcot_assets.training.synthetic import generate_samples
    from vcot_assets.training.tiny_model import build_base_model

    return build_base_model(tmp_path_factory.mktemp("ckpt"), generate_samples(60, seed=3), vocab_size=512)


def test_base_vs_fine_tuned_table_deltas_and_plot(tmp_path, tiny_checkpoint, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-local-test")
    home = tmp_path / "home"
    instance = DagsterInstance.ephemeral()

    @asset(name="fine_tuned_checkpoint", partitions_def=subset_view_partitions)
    def checkpoint_stand_in():
        return MaterializeResult(metadata={"checkpoint_dir": str(tiny_checkpoint), "base_model": "unused"})

    assert materialize([checkpoint_stand_in], instance=instance, partition_key="full-forward").success

    with WireServer(answer=knows_the_first_problem) as server:
        model = ModelUnderTest(
            model="openai/base-under-test",
            api_base=server.base_url,
            samples=5,
            max_new_tokens=4,
            problem_limit=2,
            benchmarks=["cruxeval-output", "cruxeval-input"],
        )
        result = materialize(
            [benchmark_scores],
            instance=instance,
            resources={
                "home": HomeResource(path=str(home)),
                "io_manager": VcotIOManager(home=str(home)),
                "sandbox": SandboxResource(workers=1),
                "base_model": model,
            },
        )
    assert result.success
    meta = result.asset_materializations_for_node("benchmark_scores")[0].metadata
    assert meta["checkpoints"].value == 1
    # The base model answers one of the two output questions right, every time.
    assert meta["base/cruxeval-output/pass@1"].value == 50.0
    assert meta["base/cruxeval-input/pass@1"].value == 0.0
    tuned = meta["full-forward/cruxeval-output/pass@1"].value
    assert meta["delta/full-forward/cruxeval-output/pass@1"].value == round(tuned - 50.0, 2)
    assert "| cruxeval-output | pass@5 | full-forward | 50.00 |" in meta["comparison"].value
    assert meta["plot"].value.startswith("![benchmark scores](data:image/png;base64,")
    assert (home / "data" / "benchmark_scores" / "pass_at_1.png").read_bytes()[:4] == b"\x89PNG"
    # Generation throughput beside the scores: the endpoint through the teacher client, the
    # checkpoint batched locally.
    generation = meta["generation"].value
    assert generation["base/cruxeval-output"]["client"] == "teacher"
    assert generation["full-forward/cruxeval-output"]["client"] == "transformers"
    assert meta["full-forward/cruxeval-output/tokens_per_s"].value > 0
    assert meta["prompt_style"].value == "cot"
