"""The trainer's process group, FSDP2 sharding, consolidated checkpoints and resumable state.

Every run, one process or many, goes through the same path: a torch.distributed process group
(torchrun's when launched by it, else a group of one), the model sharded with FSDP2
(`fully_shard`: fp32 sharded parameters, bf16 compute, fp32 gradient reduction), sharded
resumable checkpoints written with torch.distributed.checkpoint, and a consolidated Hugging Face
checkpoint gathered onto rank 0. A group of one costs a few copies per step (the "all-gather"
of one shard) and keeps the single-GPU and CPU runs on the code that multi-GPU runs use.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.distributed as dist

RESUME_DIR = "resume"


@dataclass(frozen=True)
class Cluster:
    """Where this process sits: its rank among world_size processes and its device."""

    rank: int
    world_size: int
    device: torch.device

    @property
    def is_main(self) -> bool:
        return self.rank == 0


def init_cluster(device: str = "auto") -> Cluster:
    """Join torchrun's process group (RANK/WORLD_SIZE in the environment) or make a group of one.

    device "auto" is this process's GPU (LOCAL_RANK) where CUDA is available, else the CPU."""
    launched = "RANK" in os.environ and "WORLD_SIZE" in os.environ
    local_rank = int(os.environ.get("LOCAL_RANK", "0")) if launched else 0
    if device == "auto":
        device = "cuda" if torch.cuda.is_available() else "cpu"
    chosen = torch.device(device)
    if chosen.type == "cuda":
        chosen = torch.device("cuda", local_rank if chosen.index is None else chosen.index)
        torch.cuda.set_device(chosen)
    # gloo beside NCCL: object collectives and CPU tensors (checkpoint metadata) need it.
    backend = "cpu:gloo,cuda:nccl" if chosen.type == "cuda" else "gloo"
    if not dist.is_initialized():
        if launched:
            dist.init_process_group(backend)
        else:
            dist.init_process_group(backend, store=dist.HashStore(), rank=0, world_size=1)
    return Cluster(dist.get_rank(), dist.get_world_size(), chosen)


def close_cluster() -> None:
    if dist.is_initialized():
        dist.destroy_process_group()


def decoder_layers(causal_lm) -> torch.nn.ModuleList:
    """The transformer blocks of a transformers causal LM (or of the model a peft model wraps)."""
    base = causal_lm.get_base_model() if hasattr(causal_lm, "get_base_model") else causal_lm
    layers = getattr(getattr(base, "model", None), "layers", None)
    if not isinstance(layers, torch.nn.ModuleList):
        raise TypeError(
            f"{type(base).__name__} does not keep its blocks at .model.layers; the trainer shards "
            "and compiles per block and knows only that (Llama/Qwen/Mistral-style) layout"
        )
    return layers


def wrap_block_forward(block: torch.nn.Module, compile_block: bool, checkpoint: bool) -> None:
    """Compile a block's forward and/or recompute its activations in backward.

    Only `forward` is replaced, so FSDP2's hooks (which run around forward in Module.__call__)
    stay outside the compiled region and the checkpoint, and the parameter names, which the
    consolidated checkpoint keeps, do not change. Identical blocks share one compiled graph."""
    forward = block.forward
    if compile_block:
        forward = torch.compile(forward, dynamic=False)
    if checkpoint:
        from torch.utils.checkpoint import checkpoint as recompute

        inner = forward

        def forward(*args, **kwargs):
            return recompute(inner, *args, use_reentrant=False, **kwargs)

    block.forward = forward


def shard(
    model: torch.nn.Module,
    blocks: torch.nn.ModuleList,
    cluster: Cluster,
    bf16: bool,
) -> None:
    """FSDP2: one unit per block, the rest (embeddings, final norm, output layer) in the root."""
    from torch.distributed.device_mesh import init_device_mesh
    from torch.distributed.fsdp import MixedPrecisionPolicy, fully_shard

    mesh = init_device_mesh(cluster.device.type, (cluster.world_size,))
    policy = MixedPrecisionPolicy(param_dtype=torch.bfloat16 if bf16 else None, reduce_dtype=torch.float32)
    # Alone, re-gathering a shard in backward saves no memory; across GPUs it saves the most.
    reshard = cluster.world_size > 1
    for block in blocks:
        fully_shard(block, mesh=mesh, mp_policy=policy, reshard_after_forward=reshard)
    fully_shard(model, mesh=mesh, mp_policy=policy, reshard_after_forward=reshard)


def full_state_dict(model: torch.nn.Module, prefix: str = "") -> dict[str, torch.Tensor]:
    """The whole model's state on rank 0's CPU (empty on the other ranks), keys without prefix.

    A collective: every rank calls it."""
    from torch.distributed.checkpoint.state_dict import StateDictOptions, get_model_state_dict

    state = get_model_state_dict(model, options=StateDictOptions(full_state_dict=True, cpu_offload=True))
    return {key.removeprefix(prefix): value for key, value in state.items()}


def save_resume_state(out: Path, model: torch.nn.Module, optimizer, step: int, progress: dict) -> Path:
    """Sharded model and optimizer state after `step` steps, by every rank, into out/resume.

    Written to a new folder and named in `latest` only once complete, so an interruption while
    saving leaves the previous state usable."""
    import torch.distributed.checkpoint as dcp
    from torch.distributed.checkpoint.state_dict import get_state_dict

    root = out / RESUME_DIR
    target = root / f"step-{step}"
    model_state, optimizer_state = get_state_dict(model, optimizer)
    dcp.save({"model": model_state, "optimizer": optimizer_state}, checkpoint_id=str(target))
    if dist.get_rank() == 0:
        (target / "progress.json").write_text(json.dumps({"step": step, **progress}))
        (root / "latest.tmp").write_text(target.name)
        os.replace(root / "latest.tmp", root / "latest")
        for old in root.glob("step-*"):
            if old != target:
                shutil.rmtree(old, ignore_errors=True)
    dist.barrier()
    return target


def latest_resume_state(out: Path) -> Path | None:
    pointer = out / RESUME_DIR / "latest"
    if not pointer.exists():
        return None
    target = out / RESUME_DIR / pointer.read_text().strip()
    return target if (target / "progress.json").exists() else None


def resume_progress(target: Path) -> dict:
    """The progress record save_resume_state wrote beside the state: step, losses, settings."""
    return json.loads((target / "progress.json").read_text())


def load_resume_state(target: Path, model: torch.nn.Module, optimizer) -> None:
    """Load what save_resume_state wrote into the (already sharded) model and optimizer."""
    import torch.distributed.checkpoint as dcp
    from torch.distributed.checkpoint.state_dict import get_state_dict, set_state_dict

    model_state, optimizer_state = get_state_dict(model, optimizer)
    state = {"model": model_state, "optimizer": optimizer_state}
    dcp.load(state, checkpoint_id=str(target))
    set_state_dict(model, optimizer, model_state_dict=state["model"], optim_state_dict=state["optimizer"])


def drop_resume_state(out: Path) -> None:
    if dist.get_rank() == 0:
        shutil.rmtree(out / RESUME_DIR, ignore_errors=True)
    dist.barrier()


def all_ranks_max(value: float, device: torch.device) -> float:
    tensor = torch.tensor([value], dtype=torch.float64, device=device)
    dist.all_reduce(tensor, op=dist.ReduceOp.MAX)
    return float(tensor.item())


def all_ranks_sum(values: list[torch.Tensor]) -> list[float]:
    """Sum a list of scalar tensors over the ranks in one collective."""
    if not values:
        return []
    stacked = torch.stack(values).to(torch.float64)
    dist.all_reduce(stacked)
    return stacked.tolist()
