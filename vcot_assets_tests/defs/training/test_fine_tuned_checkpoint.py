"""The tiny local model trains through the real Pipes path: materialize() -> PipesSubprocessClient
-> `python -m vcot_assets.training.train` -> metadata reported back -> a checkpoint that loads."""

import json
from pathlib import Path

import pytest
from dagster import DagsterInstance, materialize

from vcot_assets.core.training_data.subsets import training_set_path
from vcot_assets.defs.training.fine_tuned_checkpoint import fine_tuned_checkpoint, subset_view_partitions
from vcot_assets.resources.home import HomeResource
from vcot_assets.resources.model_under_test import ModelUnderTest
from vcot_assets.resources.trainer_launchers import TrainerResource
from vcot_assets.training.synthetic import generate_samples
from vcot_assets.training.tiny_model import build_base_model

transformers = pytest.importorskip("transformers")


@pytest.fixture(scope="module")
def tiny_base(tmp_path_factory) -> Path:
    return build_base_model(tmp_path_factory.mktemp("base"), generate_samples(300, seed=1), "tiny", 512)


def _write_training_set(home: Path, subset: str, view: str, samples: list[dict]) -> Path:
    path = training_set_path(home / "data", subset, view)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(s) + "\n" for s in samples))
    return path


def _resources(home: Path, base_model: str, **trainer) -> dict:
    return {
        "home": HomeResource(path=str(home)),
        "base_model": ModelUnderTest(model=""),
        "trainer": TrainerResource(base_model=base_model, **trainer),
    }


def test_partitions_are_subset_by_view():
    keys = subset_view_partitions.get_partition_keys()
    assert len(keys) == 9 and "full-forward" in keys and "difficulty-bidirectional" in keys


def test_tiny_model_trains_through_pipes_and_checkpoint_loads(tmp_path: Path, tiny_base: Path):
    home = tmp_path / "home"
    _write_training_set(home, "full", "forward", list(generate_samples(120, seed=2)))
    # A learning rate far above the paper's 2e-6 so a randomly initialised model visibly learns.
    resources = _resources(
        home, str(tiny_base), learning_rate=5e-3, max_steps=16, batch_size=8,
        micro_batch_size=4, max_seq_len=384, extra_args=["--log-every", "4", "--warmup-ratio", "0.1", "--threads", "1"],
    )  # fmt: skip
    result = materialize(
        [fine_tuned_checkpoint], partition_key="full-forward", resources=resources,
        instance=DagsterInstance.ephemeral(),
    )  # fmt: skip
    assert result.success
    [materialization] = result.asset_materializations_for_node("fine_tuned_checkpoint")
    metadata = {k: v.value for k, v in materialization.metadata.items()}
    curve = metadata["loss_curve"]
    assert len(curve) == 16 and metadata["steps"] == 16
    assert sum(curve[-3:]) / 3 < 0.8 * sum(curve[:3]) / 3, curve
    assert metadata["tokens_per_second"] > 0 and metadata["mfu"] > 0
    assert metadata["trained"] is True and metadata["base_model"] == str(tiny_base)
    checkpoint = Path(metadata["checkpoint_dir"])
    assert checkpoint == home / "data" / "fine_tuned_checkpoint" / "full" / "forward"

    import torch

    model = transformers.AutoModelForCausalLM.from_pretrained(checkpoint)
    tokenizer = transformers.AutoTokenizer.from_pretrained(checkpoint)
    ids = tokenizer.apply_chat_template(
        [{"role": "user", "content": "What does `count_vowels('abe')` return?"}],
        add_generation_prompt=True, return_tensors="pt", return_dict=True,
    )["input_ids"]  # fmt: skip
    with torch.no_grad():
        logits = model(input_ids=ids).logits
    assert logits.shape[-1] == model.config.vocab_size and torch.isfinite(logits).all()


def test_empty_subset_is_reported_not_trained(tmp_path: Path, tiny_base: Path):
    home = tmp_path / "home"
    _write_training_set(home, "answerability", "backward", [])
    result = materialize(
        [fine_tuned_checkpoint], partition_key="answerability-backward",
        resources=_resources(home, str(tiny_base)), instance=DagsterInstance.ephemeral(),
    )  # fmt: skip
    [materialization] = result.asset_materializations_for_node("fine_tuned_checkpoint")
    assert materialization.metadata["trained"].value is False
    assert not (home / "data" / "fine_tuned_checkpoint" / "answerability").exists()


def test_missing_training_set_fails_with_a_hint(tmp_path: Path, tiny_base: Path):
    result = materialize(
        [fine_tuned_checkpoint], partition_key="full-backward",
        resources=_resources(tmp_path / "home", str(tiny_base)),
        instance=DagsterInstance.ephemeral(), raise_on_error=False,
    )  # fmt: skip
    assert not result.success
    failure = result.failure_data_for_node("fine_tuned_checkpoint")
    assert "materialize `training_sets` first" in failure.user_failure_data.description
