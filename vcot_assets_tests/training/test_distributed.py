"""The distributed path on CPU: torchrun starts two processes (gloo), FSDP2 shards the model over
them, and the run must be the same run one process makes: same loss curve, same consolidated
checkpoint, also when it is interrupted and resumed with both processes, and with LoRA."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from vcot_assets.training.synthetic import generate_samples, write_samples
from vcot_assets.training.tiny_model import build_base_model
from vcot_assets.training.train import main

transformers = pytest.importorskip("transformers")
REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def setup(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("distributed")
    base = build_base_model(root / "base", generate_samples(200, seed=3), "tiny", 384)
    return base, write_samples(root / "samples.jsonl", 64, seed=5)


def _args(base: Path, data: Path, out: Path, *extra: str) -> list[str]:
    return ["--data", str(data), "--base-model", str(base), "--out", str(out), "--lr", "5e-3",
            "--max-steps", "6", "--batch-size", "8", "--micro-batch-size", "2",
            "--max-seq-len", "1024", "--packing", "--log-every", "1", *extra]  # fmt: skip


def _torchrun(args: list[str], processes: int = 2) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO_ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    env.pop("DAGSTER_PIPES_CONTEXT", None)
    command = [sys.executable, "-m", "torch.distributed.run", "--standalone",
               f"--nproc-per-node={processes}", "-m", "vcot_assets.training.train", *args]  # fmt: skip
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def _metrics(out: Path) -> dict:
    return json.loads((out / "metrics.json").read_text())


def _weights(path: Path) -> dict:
    from safetensors.torch import load_file

    return load_file(path / "model.safetensors")


def test_two_processes_interrupted_and_resumed_match_one_process(setup, tmp_path: Path):
    base, data = setup
    assert main(_args(base, data, tmp_path / "one", "--threads", "1")) == 0
    one = _metrics(tmp_path / "one")
    assert one["rows"] < one["samples"]  # rows hold several samples: masking is exercised

    first = _torchrun(_args(base, data, tmp_path / "two", "--stop-after-steps", "3"))
    assert _metrics(tmp_path / "two")["completed"] is False
    assert (tmp_path / "two" / "resume" / "latest").read_text() == "step-3"
    # Only rank 0 reports: one summary line, one log of each step.
    assert first.stdout.count('"world_size": 2') == 1 and first.stdout.count("step 1/6") == 1
    _torchrun(_args(base, data, tmp_path / "two"))
    two = _metrics(tmp_path / "two")

    assert two["world_size"] == 2 and two["resumed_from_step"] == 3 and two["completed"] is True
    assert two["loss_curve"] == pytest.approx(one["loss_curve"], rel=1e-5)
    assert 0 < two["train_tokens"] < one["train_tokens"]  # the resumed run counts its own steps
    a, b = _weights(tmp_path / "one"), _weights(tmp_path / "two")
    assert sorted(a) == sorted(b)
    assert all((a[name] - b[name]).abs().max() < 1e-5 for name in a)
    assert not (tmp_path / "two" / "resume").exists()


def test_lora_under_two_processes_saves_a_merged_checkpoint(setup, tmp_path: Path):
    base, data = setup
    _torchrun(
        _args(
            base,
            data,
            tmp_path / "lora",
            "--lora",
            "--lora-r",
            "8",
            "--lr",
            "5e-2",
            "--max-steps",
            "3",
        )
    )
    assert _metrics(tmp_path / "lora")["lora"] is True
    assert not (tmp_path / "lora" / "adapter_config.json").exists()
    merged, original = _weights(tmp_path / "lora"), _weights(base)
    changed = [name for name, p in merged.items() if not p.equal(original[name])]
    assert changed and all("proj" in name for name in changed)
    model = transformers.AutoModelForCausalLM.from_pretrained(tmp_path / "lora")
    assert model.config.vocab_size == original["model.embed_tokens.weight"].shape[0]
