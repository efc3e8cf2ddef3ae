"""Supervised fine-tuning of a causal LM on vcot chat samples, standalone or under Dagster Pipes.

    python -m vcot_assets.training.train --data FILE.jsonl --base-model PATH_OR_ID --out DIR [...]
    torchrun --nproc-per-node 8 -m vcot_assets.training.train ...   # several GPUs or nodes

Defaults are the paper's (lr 2e-6, linear schedule, 10 epochs, batch 32 sequences, 8K context).
Loss is on assistant tokens only. Rows are packed with document masking (each sample keeps its
own positions and attends only to itself). The model is sharded with FSDP2 over however many
processes torchrun started (one without torchrun), computes in bf16 over fp32 parameters, and the
loss is a chunked cross-entropy that never holds the full logits. Loss, tokens/s, MFU and peak
memory go to stdout, DIR/metrics.json and, from rank 0 when launched by Dagster, back to the asset
as materialization metadata. Outside Dagster, Pipes is a no-op.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from vcot_assets.training.throughput import H100_BF16_DENSE_FLOPS, mfu

# Settings a resumed run must share with the run that saved the state.
RESUME_KEYS = (
    "data", "base_model", "learning_rate", "epochs", "batch_size", "max_seq_len", "lr_schedule",
    "warmup_ratio", "weight_decay", "max_steps", "lora", "lora_r", "lora_alpha", "packing", "seed",
)  # fmt: skip


@dataclass
class TrainConfig:
    data: Path
    base_model: str
    out: Path
    learning_rate: float = 2e-6
    epochs: float = 10.0
    batch_size: int = 32  # sequences per optimizer step, over all processes
    micro_batch_size: int = 2  # sequences per forward pass of one process
    max_seq_len: int = 8192
    lr_schedule: str = "linear"
    warmup_ratio: float = 0.0
    weight_decay: float = 0.0
    max_grad_norm: float = 1.0
    max_steps: int | None = None  # overrides epochs when set
    lora: bool = False
    lora_r: int = 16
    lora_alpha: int = 32
    lora_dropout: float = 0.0
    packing: bool | None = None  # None: on for GPU, off for CPU
    bf16: bool | None = None  # None: on where the GPU supports it
    compile: bool | None = None  # None: on for GPU
    attention: str | None = None  # flex | sdpa; None: flex on GPU, sdpa on CPU
    sdpa_backend: str = "auto"  # auto | flash | cudnn | efficient (with --attention sdpa)
    activation_checkpointing: bool = False
    loss_chunk_tokens: int = 4096
    random_init: bool = False
    checkpoint_every: int | None = None  # steps; None: once per epoch; 0: never
    resume: bool = True
    stop_after_steps: int = 0  # 0: run to the end
    device: str = "auto"
    threads: int = 0  # CPU threads for torch; 0: torch's default
    seed: int = 0
    log_every: int = 10
    timing_warmup_steps: int = 3  # steps left out of tokens/s (compilation, allocator warm-up)
    peak_flops: float = H100_BF16_DENSE_FLOPS
    save: bool = True

    def accumulation(self, world_size: int = 1) -> int:
        per_pass = self.micro_batch_size * world_size
        if self.batch_size % per_pass:
            raise ValueError(
                f"--batch-size {self.batch_size} must be a multiple of --micro-batch-size "
                f"{self.micro_batch_size} x {world_size} process(es) = {per_pass}"
            )
        return self.batch_size // per_pass


def parse_args(argv: list[str] | None) -> TrainConfig:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="chat-sample JSONL")
    parser.add_argument("--base-model", required=True, help="local path or model id")
    parser.add_argument("--out", type=Path, required=True, help="checkpoint directory")
    parser.add_argument("--lr", dest="learning_rate", type=float, default=2e-6)
    parser.add_argument("--epochs", type=float, default=10.0)
    parser.add_argument("--batch-size", type=int, default=32, help="sequences per step, all processes")
    parser.add_argument("--micro-batch-size", type=int, default=2, help="sequences per pass, per process")
    parser.add_argument("--max-seq-len", type=int, default=8192)
    parser.add_argument("--lr-schedule", choices=["linear", "constant"], default="linear")
    parser.add_argument("--warmup-ratio", type=float, default=0.0)
    parser.add_argument("--weight-decay", type=float, default=0.0)
    parser.add_argument("--max-grad-norm", type=float, default=1.0)
    parser.add_argument("--max-steps", type=int)
    parser.add_argument("--lora", action="store_true", help="train LoRA adapters (peft), merged on save")
    parser.add_argument("--lora-r", type=int, default=16)
    parser.add_argument("--lora-alpha", type=int, default=32)
    parser.add_argument("--lora-dropout", type=float, default=0.0)
    parser.add_argument("--packing", action=argparse.BooleanOptionalAction, default=None)
    parser.add_argument("--bf16", action=argparse.BooleanOptionalAction, default=None)
    parser.add_argument(
        "--compile", action=argparse.BooleanOptionalAction, default=None,
        help="torch.compile each transformer block and the loss (default: on GPU only)",
    )  # fmt: skip
    parser.add_argument(
        "--attention", choices=["flex", "sdpa"], default=None,
        help="kernel for the document mask: flex attention's block mask (GPU default) or SDPA "
        "with a dense mask (CPU default)",
    )  # fmt: skip
    parser.add_argument(
        "--sdpa-backend", choices=["auto", "flash", "cudnn", "efficient"], default="auto",
        help="with --attention sdpa: restrict SDPA to one fused kernel (math stays the fallback)",
    )  # fmt: skip
    parser.add_argument(
        "--activation-checkpointing", action=argparse.BooleanOptionalAction, default=False,
        help="recompute each block's activations in backward instead of storing them",
    )  # fmt: skip
    parser.add_argument(
        "--loss-chunk-tokens", type=int, default=4096,
        help="tokens per chunk of the cross-entropy; one chunk's logits are alive at a time",
    )  # fmt: skip
    parser.add_argument(
        "--random-init", action="store_true",
        help="initialise weights from the base model's config instead of loading them "
        "(throughput runs on a config and tokenizer only)",
    )  # fmt: skip
    parser.add_argument(
        "--checkpoint-every", type=int, default=None,
        help="steps between resumable checkpoints in OUT/resume (default: once per epoch; 0: never)",
    )  # fmt: skip
    parser.add_argument(
        "--resume", action=argparse.BooleanOptionalAction, default=True,
        help="continue from OUT/resume when an unfinished run left one (default)",
    )  # fmt: skip
    parser.add_argument(
        "--stop-after-steps", type=int, default=0,
        help="stop after this many steps of this invocation, leaving a resumable checkpoint "
        "(for time-limited jobs)",
    )  # fmt: skip
    parser.add_argument("--device", default="auto")
    parser.add_argument(
        "--threads", type=int, default=0,
        help="CPU threads for torch (0: torch's default); 1 avoids spin-waiting on busy hosts",
    )  # fmt: skip
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--log-every", type=int, default=10)
    parser.add_argument("--timing-warmup-steps", type=int, default=3)
    parser.add_argument("--peak-flops", type=float, default=H100_BF16_DENSE_FLOPS)
    parser.add_argument("--save", action=argparse.BooleanOptionalAction, default=True)
    return TrainConfig(**vars(parser.parse_args(argv)))


class _NullPipes:
    """Stands in for dagster-pipes on ranks other than 0, and where nothing launched us and the
    package is absent."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def report_asset_materialization(self, **_kwargs):
        pass

    @property
    def log(self):
        import logging

        return logging.getLogger("vcot.train")


def open_pipes():
    """dagster_pipes.open_dagster_pipes(); it is itself a no-op outside Dagster."""
    try:
        from dagster_pipes import open_dagster_pipes
    except ImportError:
        if "DAGSTER_PIPES_CONTEXT" in os.environ:
            raise RuntimeError(
                "launched by Dagster Pipes but dagster-pipes is not installed in this environment"
            ) from None
        return _NullPipes()
    return open_dagster_pipes()


def _load_tokenizer(config: TrainConfig):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(config.base_model)
    if tokenizer.pad_token_id is None:
        tokenizer.pad_token = tokenizer.eos_token
    if not getattr(tokenizer, "chat_template", None):
        raise ValueError(
            f"the tokenizer of {config.base_model} has no chat template; "
            "use an instruct/chat base model or add a chat_template to its tokenizer_config.json"
        )
    return tokenizer


def _lora_config(config: TrainConfig):
    from peft import LoraConfig

    return LoraConfig(
        r=config.lora_r,
        lora_alpha=config.lora_alpha,
        lora_dropout=config.lora_dropout,
        target_modules="all-linear",
        task_type="CAUSAL_LM",
    )


def _load_model(config: TrainConfig, device, attn_implementation: str):
    """The base model in fp32 on this process's device (FSDP keeps fp32 shards as master
    weights and computes in bf16), with LoRA adapters when asked."""
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM

    options = {"dtype": torch.float32, "attn_implementation": attn_implementation}
    if config.random_init:
        torch.manual_seed(config.seed)  # the same weights on every rank
        with device:
            model = AutoModelForCausalLM.from_config(AutoConfig.from_pretrained(config.base_model), **options)
    elif device.type == "cuda":
        model = AutoModelForCausalLM.from_pretrained(config.base_model, device_map={"": device}, **options)
    else:
        model = AutoModelForCausalLM.from_pretrained(config.base_model, **options)
    model = model.to(device)
    model.config.use_cache = False
    if config.lora:
        from peft import get_peft_model

        model = get_peft_model(model, _lora_config(config))
    return model


def _index_stream(num_rows: int, micro_batch_size: int, seed: int):
    """Micro-batches of row indices from successive shuffled epochs, always full."""
    import torch

    generator = torch.Generator().manual_seed(seed)
    pending: list[int] = []
    while True:
        while len(pending) < micro_batch_size:
            pending.extend(torch.randperm(num_rows, generator=generator).tolist())
        batch, pending = pending[:micro_batch_size], pending[micro_batch_size:]
        yield torch.tensor(batch)


def _resume_settings(config: TrainConfig) -> dict:
    values = asdict(config)
    return {key: str(values[key]) for key in RESUME_KEYS}


def _resume(config: TrainConfig, model, optimizer, log) -> tuple[int, list[float]]:
    """(steps done, their losses) of the unfinished run in config.out, loaded into the model and
    optimizer; (0, []) when there is none or --no-resume."""
    from vcot_assets.training import distributed

    target = distributed.latest_resume_state(config.out) if config.resume else None
    if target is None:
        return 0, []
    progress = distributed.resume_progress(target)
    settings = _resume_settings(config)
    changed = sorted(k for k in RESUME_KEYS if progress["settings"].get(k) != settings[k])
    if changed:
        raise ValueError(
            f"{target} holds an unfinished run with other settings ({', '.join(changed)}); "
            "delete it or pass --no-resume to start over"
        )
    distributed.load_resume_state(target, model, optimizer)
    log(f"resuming from {target} after step {progress['step']}")
    return progress["step"], list(progress["losses"])


def _configure_backends(config: TrainConfig, on_gpu: bool, attention: str, compile_model: bool) -> None:
    import torch

    if on_gpu:
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
        if attention == "sdpa" and config.sdpa_backend != "auto":
            torch.backends.cuda.enable_flash_sdp(config.sdpa_backend == "flash")
            torch.backends.cuda.enable_cudnn_sdp(config.sdpa_backend == "cudnn")
            torch.backends.cuda.enable_mem_efficient_sdp(config.sdpa_backend == "efficient")
    if compile_model:
        # Every block is a separate compiled call site; let them share one graph.
        torch._dynamo.config.cache_size_limit = max(torch._dynamo.config.cache_size_limit, 64)


def train(config: TrainConfig, log=print, cluster=None) -> dict:
    """Run the fine-tuning described by config; returns the metrics also written to metrics.json.

    cluster: from distributed.init_cluster(); made here (and closed) when not given."""
    from vcot_assets.training import distributed

    own_cluster = cluster is None
    if own_cluster:
        cluster = distributed.init_cluster(config.device)
    try:
        return _train(config, log, cluster)
    finally:
        if own_cluster:
            distributed.close_cluster()


def _train(config: TrainConfig, log, cluster) -> dict:
    import torch

    from vcot_assets.training import distributed
    from vcot_assets.training.batches import row_table
    from vcot_assets.training.data import build_rows, read_chat_samples
    from vcot_assets.training.loss import CausalLMLoss
    from vcot_assets.training.masking import ATTN_IMPLEMENTATION, document_attention_mask
    from vcot_assets.training.throughput import model_shape

    torch.manual_seed(config.seed)
    if config.threads:
        torch.set_num_threads(config.threads)
    device, world = cluster.device, cluster.world_size
    on_gpu = device.type == "cuda"
    bf16, packing, compile_model, attention = _resolved_options(config, on_gpu)
    accumulation = config.accumulation(world)
    _configure_backends(config, on_gpu, attention, compile_model)

    samples = read_chat_samples(config.data)
    if not samples:
        raise ValueError(f"{config.data} holds no samples; nothing to train on")
    tokenizer = _load_tokenizer(config)
    rows, rejected = build_rows(tokenizer, samples, config.max_seq_len, packing)
    if not rows:
        reasons = sorted({reason for _, reason in rejected})
        raise ValueError(f"no trainable rows in {config.data}: {reasons}")
    causal_lm = _load_model(config, device, ATTN_IMPLEMENTATION[attention])
    shape = model_shape(causal_lm)
    # Static shapes let torch.compile build one graph; eager runs trim each batch to its longest row.
    row_len = config.max_seq_len if compile_model else max(len(r.input_ids) for r in rows)
    data = row_table(rows, tokenizer.pad_token_id, row_len, shape.layers, shape.attention_width)

    blocks = distributed.decoder_layers(causal_lm)
    for block in blocks:
        distributed.wrap_block_forward(block, compile_model, config.activation_checkpointing)
    model = CausalLMLoss(causal_lm, config.loss_chunk_tokens, compile_model)
    distributed.shard(model, blocks, cluster, bf16)
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(
        trainable, lr=config.learning_rate, weight_decay=config.weight_decay,
        fused=on_gpu, foreach=None if on_gpu else True,
    )  # fmt: skip

    steps_per_epoch = max(1, math.ceil(len(rows) / config.batch_size))
    total_steps = config.max_steps or max(1, math.ceil(config.epochs * len(rows) / config.batch_size))
    warmup_steps = math.ceil(config.warmup_ratio * total_steps)
    checkpoint_every = steps_per_epoch if config.checkpoint_every is None else config.checkpoint_every

    def lr_factor(step: int) -> float:
        if step < warmup_steps:
            return (step + 1) / warmup_steps
        if config.lr_schedule == "constant":
            return 1.0
        return max(0.0, (total_steps - step) / max(1, total_steps - warmup_steps))

    start_step, losses_read = _resume(config, model, optimizer, log)

    def sync():
        if on_gpu:
            torch.cuda.synchronize(device)

    log(
        f"training {config.base_model} on {len(samples)} samples ({len(rejected)} rejected) -> "
        f"{len(rows)} rows of <= {row_len} tokens; {total_steps} steps of {config.batch_size} rows "
        f"({config.micro_batch_size} x {world} process(es) x {accumulation}); "
        f"{shape.parameters / 1e6:.1f}M parameters; device={device.type} bf16={bf16} "
        f"packing={packing} attention={attention} compile={compile_model} lora={config.lora} "
        f"activation_checkpointing={config.activation_checkpointing}"
    )
    model.train()
    stream = _index_stream(len(rows), config.micro_batch_size * world, config.seed)
    for _ in range(start_step * accumulation):
        next(stream)
    mine = slice(cluster.rank * config.micro_batch_size, (cluster.rank + 1) * config.micro_batch_size)
    end_step = total_steps
    if config.stop_after_steps:
        end_step = min(total_steps, start_step + config.stop_after_steps)
    step_losses: list = []
    timed_tokens, timed_flops, timer_start, total_tokens = 0, 0.0, None, 0
    timing_from = min(start_step + config.timing_warmup_steps, end_step - 1)
    run_start = time.perf_counter()
    for step in range(start_step, end_step):
        if step == timing_from:
            sync()
            timer_start, timed_tokens, timed_flops = time.perf_counter(), 0, 0.0
        for group in optimizer.param_groups:
            group["lr"] = config.learning_rate * lr_factor(step)
        groups = [next(stream) for _ in range(accumulation)]
        every_row = torch.cat(groups)
        target_total = max(1, int(data.target_counts[every_row].sum()))
        step_loss = torch.zeros((), device=device)
        for group in groups:
            local = group[mine]
            width = row_len if compile_model else int(data.lengths[local].max())
            batch = data.micro_batch(local, width, device)
            mask = document_attention_mask(batch.document_ids, attention)
            loss_sum = model(batch.input_ids, batch.position_ids, mask, batch.targets)
            # FSDP averages gradients over ranks; the step's loss is a sum over all of them.
            (loss_sum * (world / target_total)).backward()
            step_loss += loss_sum.detach() / target_total
        tokens = int(data.lengths[every_row].sum())
        total_tokens += tokens
        timed_tokens += tokens
        timed_flops += 6 * shape.matmul_parameters * tokens + float(data.attention_flops[every_row].sum())
        if config.max_grad_norm > 0:
            torch.nn.utils.clip_grad_norm_(trainable, config.max_grad_norm)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        step_losses.append(step_loss)
        done = step + 1
        if done % config.log_every == 0 or done == end_step:
            sync()
            losses_read += distributed.all_ranks_sum(step_losses)
            step_losses = []
            elapsed = time.perf_counter() - timer_start if timer_start else 0.0
            rate = timed_tokens / elapsed if elapsed > 0 else 0.0
            honest = timed_flops / elapsed / (world * config.peak_flops) if elapsed > 0 else 0.0
            log(f"step {done}/{total_steps} loss {losses_read[-1]:.4f} tokens/s {rate:,.0f} mfu {honest:.1%}")
        if done < total_steps and (done == end_step or (checkpoint_every and done % checkpoint_every == 0)):
            distributed.save_resume_state(
                config.out, model, optimizer, done,
                {"losses": losses_read, "settings": _resume_settings(config)},
            )  # fmt: skip

    sync()
    elapsed = time.perf_counter() - timer_start
    tokens_per_second = timed_tokens / elapsed if elapsed > 0 else 0.0
    flops_per_token = timed_flops / timed_tokens if timed_tokens else 0.0
    old_flops_per_token = shape.old_flops_per_token(row_len)
    peak_memory = torch.cuda.max_memory_allocated(device) / 2**30 if on_gpu else 0.0
    metrics = {
        "steps": total_steps,
        "completed": end_step == total_steps,
        "resumed_from_step": start_step,
        "world_size": world,
        "samples": len(samples),
        "rejected_samples": len(rejected),
        "rows": len(rows),
        "train_tokens": total_tokens,
        "loss_first": losses_read[0],
        "loss_last": losses_read[-1],
        "loss_curve": losses_read,
        "tokens_per_second": tokens_per_second,
        "tokens_per_second_per_device": tokens_per_second / world,
        "mfu": tokens_per_second * flops_per_token / (world * config.peak_flops),
        "mfu_old_formula": mfu(tokens_per_second / world, old_flops_per_token, config.peak_flops),
        "flops_per_token": flops_per_token,
        "flops_per_token_old_formula": old_flops_per_token,
        "parameters": shape.parameters,
        "matmul_parameters": shape.matmul_parameters,
        "seq_len": row_len,
        "wall_seconds": time.perf_counter() - run_start,
        "peak_memory_gb": distributed.all_ranks_max(peak_memory, device),
        "device": torch.cuda.get_device_name(device) if on_gpu else "cpu",
        "bf16": bf16,
        "packing": packing,
        "attention": attention,
        "compile": compile_model,
        "activation_checkpointing": config.activation_checkpointing,
        "loss_chunk_tokens": config.loss_chunk_tokens,
        "lora": config.lora,
    }
    log(
        f"MFU {metrics['mfu']:.1%} honest (6N' + attention per document: "
        f"{flops_per_token / 1e9:.3f} GFLOP/token, N' = {shape.matmul_parameters / 1e6:.1f}M) vs "
        f"{metrics['mfu_old_formula']:.1%} by the old formula (6N + 12 L d s: "
        f"{old_flops_per_token / 1e9:.3f} GFLOP/token, N = {shape.parameters / 1e6:.1f}M, s = {row_len}); "
        f"peak memory {metrics['peak_memory_gb']:.1f} GiB per device"
    )
    _finish(config, metrics, model, causal_lm, tokenizer, bf16, cluster)
    return metrics


def _resolved_options(config: TrainConfig, on_gpu: bool) -> tuple[bool, bool, bool, str]:
    """bf16, packing, compile and the attention kernel: what the config says, else what the device suits."""
    import torch

    bf16 = config.bf16 if config.bf16 is not None else on_gpu and torch.cuda.is_bf16_supported()
    packing = config.packing if config.packing is not None else on_gpu
    compile_model = config.compile if config.compile is not None else on_gpu
    attention = config.attention or ("flex" if on_gpu else "sdpa")
    return bf16, packing, compile_model, attention


def _finish(config: TrainConfig, metrics: dict, model, causal_lm, tokenizer, bf16: bool, cluster) -> None:
    """A completed run leaves a plain transformers checkpoint (rank 0) and no resume state; every run its metrics."""
    from vcot_assets.training import distributed

    if cluster.is_main:
        config.out.mkdir(parents=True, exist_ok=True)
    if metrics["completed"]:
        if config.save:
            state = distributed.full_state_dict(model, prefix="causal_lm.")
            if cluster.is_main:
                _save_consolidated(state, causal_lm, tokenizer, config, bf16)
        distributed.drop_resume_state(config.out)
    metrics["checkpoint_dir"] = str(config.out.resolve())
    metrics["hyperparameters"] = {k: str(v) if isinstance(v, Path) else v for k, v in asdict(config).items()}
    if cluster.is_main:
        (config.out / "metrics.json").write_text(json.dumps(metrics, indent=2))


def _save_consolidated(state: dict, causal_lm, tokenizer, config: TrainConfig, bf16: bool) -> None:
    """Write a plain transformers checkpoint from the gathered state (LoRA merged in).

    The state goes into a fresh copy of the model built on the meta device, so rank 0 needs CPU
    memory for one copy of the weights, not two."""
    import torch
    from transformers import AutoModelForCausalLM

    base = causal_lm.get_base_model() if config.lora else causal_lm
    with torch.device("meta"):
        model = AutoModelForCausalLM.from_config(base.config, dtype=torch.float32)
    if config.lora:
        from peft import get_peft_model

        model = get_peft_model(model, _lora_config(config))
    _, unexpected = model.load_state_dict(state, strict=False, assign=True)
    model.tie_weights()
    still_missing = [name for name, p in model.named_parameters() if p.is_meta]
    if unexpected or still_missing:
        raise RuntimeError(
            f"the gathered state does not fit {type(model).__name__}: "
            f"missing {still_missing[:5]}, unexpected {unexpected[:5]}"
        )
    if config.lora:
        model = model.merge_and_unload()
    if bf16:
        model = model.to(torch.bfloat16)
    model.save_pretrained(config.out)
    tokenizer.save_pretrained(config.out)


def pipes_metadata(metrics: dict) -> dict:
    """Metrics as Pipes metadata values, typed where the raw value would be ambiguous."""
    metadata = {k: v for k, v in metrics.items() if isinstance(v, (int, float, str, bool))}
    metadata["checkpoint_dir"] = {"raw_value": metrics["checkpoint_dir"], "type": "path"}
    metadata["loss_curve"] = {"raw_value": metrics["loss_curve"], "type": "json"}
    metadata["hyperparameters"] = {"raw_value": metrics["hyperparameters"], "type": "json"}
    return metadata


def main(argv: list[str] | None = None) -> int:
    from vcot_assets.training import distributed

    config = parse_args(argv)
    cluster = distributed.init_cluster(config.device)
    try:
        # Only rank 0 talks to Dagster: one materialization per run, however many processes.
        with open_pipes() if cluster.is_main else _NullPipes() as pipes:
            log_to_pipes = getattr(pipes.log, "info", None) if cluster.is_main else None

            def log(message: str) -> None:
                if not cluster.is_main:
                    return
                print(message, flush=True)
                if log_to_pipes is not None:
                    log_to_pipes(message)

            metrics = train(config, log=log, cluster=cluster)
            if cluster.is_main:
                pipes.report_asset_materialization(metadata=pipes_metadata(metrics))
    finally:
        distributed.close_cluster()
    if cluster.is_main:
        summary = {k: v for k, v in metrics.items() if k not in ("loss_curve", "hyperparameters")}
        print(json.dumps(summary), flush=True)
    return 0


if __name__ == "__main__":
    with contextlib.suppress(BrokenPipeError):
        sys.exit(main())
