"""The trainer standalone (Pipes is a no-op outside Dagster), one process: FSDP2 over a group of
one, bf16 compute over fp32 shards, LoRA, compile with activation checkpointing, resume, MFU."""

import json
from pathlib import Path

import pytest

from vcot_assets.training.synthetic import generate_samples, write_samples
from vcot_assets.training.throughput import mfu, model_flops_per_token, model_shape
from vcot_assets.training.tiny_model import build_base_model, build_model
from vcot_assets.training.train import main, parse_args

transformers = pytest.importorskip("transformers")


@pytest.fixture(scope="module")
def setup(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("train")
    base = build_base_model(root / "base", generate_samples(200, seed=3), "tiny", 384)
    return base, write_samples(root / "samples.jsonl", 80, seed=4)


def _run(base: Path, data: Path, out: Path, *extra: str) -> dict:
    argv = ["--data", str(data), "--base-model", str(base), "--out", str(out), "--lr", "5e-3",
            "--max-steps", "10", "--batch-size", "8", "--micro-batch-size", "4",
            "--max-seq-len", "1024", "--packing", "--threads", "1", "--log-every", "5", *extra]  # fmt: skip
    assert main(argv) == 0
    return json.loads((out / "metrics.json").read_text())


def _falls(curve: list[float], by: float = 0.15) -> bool:
    return sum(curve[-3:]) / 3 < (1 - by) * sum(curve[:3]) / 3


def _weights(path: Path) -> dict:
    from safetensors.torch import load_file

    return load_file(path / "model.safetensors")


def test_bf16_over_fp32_shards_learns_and_saves_bf16(setup, tmp_path: Path):
    import torch

    base, data = setup
    metrics = _run(base, data, tmp_path / "ckpt", "--bf16")
    assert metrics["bf16"] is True and metrics["packing"] is True and metrics["world_size"] == 1
    assert metrics["rows"] < 80  # several samples share a row
    assert _falls(metrics["loss_curve"]), metrics["loss_curve"]
    model = transformers.AutoModelForCausalLM.from_pretrained(tmp_path / "ckpt")
    assert model.dtype == torch.bfloat16
    assert not (tmp_path / "ckpt" / "resume").exists()  # a finished run leaves no resume state


def test_lora_adapters_are_merged_into_a_plain_checkpoint(setup, tmp_path: Path):
    base, data = setup
    metrics = _run(base, data, tmp_path / "lora", "--lora", "--lora-r", "8", "--lr", "5e-2")
    # Adapters on two tiny random layers cannot reshape the embeddings, so the fall is small.
    assert metrics["lora"] is True and _falls(metrics["loss_curve"], by=0.01), metrics["loss_curve"]
    assert not (tmp_path / "lora" / "adapter_config.json").exists()
    merged, original = _weights(tmp_path / "lora"), _weights(base)
    assert sorted(merged) == sorted(original)
    changed = [name for name, p in merged.items() if not p.equal(original[name])]
    assert changed and all("proj" in name for name in changed)


def test_compile_and_activation_checkpointing_change_nothing_but_speed(setup, tmp_path: Path):
    base, data = setup
    plain = _run(base, data, tmp_path / "plain", "--max-steps", "4", "--no-save")
    compiled = _run(base, data, tmp_path / "compiled", "--max-steps", "4", "--no-save",
                    "--compile", "--activation-checkpointing", "--loss-chunk-tokens", "256")  # fmt: skip
    assert compiled["compile"] and compiled["activation_checkpointing"]
    assert compiled["loss_curve"] == pytest.approx(plain["loss_curve"], rel=1e-4)


def test_an_interrupted_run_resumes_where_it_stopped(setup, tmp_path: Path):
    base, data = setup
    whole = _run(base, data, tmp_path / "whole", "--max-steps", "6")
    stopped = _run(base, data, tmp_path / "split", "--max-steps", "6", "--stop-after-steps", "4")
    assert stopped["completed"] is False and not (tmp_path / "split" / "model.safetensors").exists()
    assert (tmp_path / "split" / "resume" / "latest").read_text() == "step-4"
    resumed = _run(base, data, tmp_path / "split", "--max-steps", "6")
    assert resumed["completed"] is True and resumed["resumed_from_step"] == 4
    assert resumed["loss_curve"] == pytest.approx(whole["loss_curve"], rel=1e-5)
    a, b = _weights(tmp_path / "whole"), _weights(tmp_path / "split")
    assert all((a[name] - b[name]).abs().max() < 1e-6 for name in a)


def test_resuming_with_other_settings_is_refused(setup, tmp_path: Path):
    base, data = setup
    _run(base, data, tmp_path / "run", "--max-steps", "4", "--stop-after-steps", "2")
    with pytest.raises(ValueError, match=r"other settings \(learning_rate\).*--no-resume"):
        _run(base, data, tmp_path / "run", "--max-steps", "4", "--lr", "1e-3")
    fresh = _run(base, data, tmp_path / "run", "--max-steps", "4", "--lr", "1e-3", "--no-resume")
    assert fresh["resumed_from_step"] == 0 and fresh["completed"] is True


def test_paper_defaults():
    config = parse_args(["--data", "d.jsonl", "--base-model", "m", "--out", "o"])
    assert config.learning_rate == 2e-6 and config.epochs == 10 and config.lr_schedule == "linear"
    assert config.batch_size == 32 and config.max_seq_len == 8192 and config.accumulation() == 16
    assert config.accumulation(world_size=8) == 2


def test_batch_must_divide_into_micro_batches_over_the_processes():
    config = parse_args(["--data", "d", "--base-model", "m", "--out", "o", "--batch-size", "32",
                         "--micro-batch-size", "8"])  # fmt: skip
    assert config.accumulation(world_size=2) == 2
    with pytest.raises(ValueError, match="multiple of --micro-batch-size 8 x 3 process"):
        config.accumulation(world_size=3)


def test_old_mfu_formula_of_qwen25_05b_at_2048():
    flops = model_flops_per_token(494_032_768, layers=24, hidden=896, seq_len=2048)
    assert flops == 6 * 494_032_768 + 12 * 24 * 896 * 2048 == 3_492_678_912
    assert mfu(106_402.6, flops, 989e12) == pytest.approx(0.3758, abs=1e-4)


def test_honest_count_leaves_out_only_an_untied_input_embedding():
    tied = model_shape(build_model("tiny", 384))
    assert tied.matmul_parameters == tied.parameters
    untied_model = build_model("tiny", 384, tie_word_embeddings=False)
    untied = model_shape(untied_model)
    embedding = untied_model.get_input_embeddings().weight.numel()
    assert untied.matmul_parameters == untied.parameters - embedding
    assert untied.attention_width == 64 and untied.layers == 2
