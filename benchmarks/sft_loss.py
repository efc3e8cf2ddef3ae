"""Chunked linear cross-entropy against the full-logits loss it replaced, at the SFT shapes.

    python benchmarks/sft_loss.py [--device cuda]

For each shape (Qwen2.5-0.5B at 16 x 2048 tokens, Qwen2.5-7B at 1 x 4096), prints milliseconds per
forward+backward and peak memory above the inputs for: the old loss (`F.cross_entropy` over
`(h @ W.T).float()`, compiled, as the trainer did before), and the chunked loss at two chunk sizes.
"""

import argparse
import time

import torch
import torch.nn.functional as F

from vcot_assets.training.loss import chunked_linear_cross_entropy

SHAPES = {
    "qwen2.5-0.5b 16x2048": (16 * 2048, 896, 151936),
    "qwen2.5-7b 1x4096": (4096, 3584, 152064),
}


def full_logits_loss(hidden, weight, targets):
    logits = hidden @ weight.t()
    return F.cross_entropy(logits.float(), targets, ignore_index=-100, reduction="sum")


def measure(fn, hidden, weight, targets, repeats: int, device) -> tuple[float, float]:
    for _ in range(2):
        fn(hidden, weight, targets).backward()
    hidden.grad = weight.grad = None
    synchronize(device)
    if device.type == "cuda":
        torch.cuda.reset_peak_memory_stats(device)
    base = torch.cuda.memory_allocated(device) if device.type == "cuda" else 0
    start = time.perf_counter()
    for _ in range(repeats):
        fn(hidden, weight, targets).backward()
        hidden.grad = weight.grad = None
    synchronize(device)
    ms = (time.perf_counter() - start) / repeats * 1e3
    peak = (torch.cuda.max_memory_allocated(device) - base) / 2**30 if device.type == "cuda" else 0.0
    return ms, peak


def synchronize(device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    device = torch.device(args.device)
    compiled_full = torch.compile(full_logits_loss)
    for name, (tokens, hidden_size, vocab) in SHAPES.items():
        hidden = torch.randn(tokens, hidden_size, device=device, dtype=torch.bfloat16, requires_grad=True)
        weight = torch.randn(vocab, hidden_size, device=device, dtype=torch.bfloat16) * 0.02
        weight.requires_grad_(True)
        targets = torch.randint(0, vocab, (tokens,), device=device)
        targets[::3] = -100
        runs = [("full logits, compiled", compiled_full)]
        for chunk in (4096, 8192):
            runs.append(
                (
                    f"chunked {chunk}",
                    lambda h, w, t, c=chunk: chunked_linear_cross_entropy(h, w, t, c, True),
                )
            )
        for label, fn in runs:
            try:
                ms, peak = measure(fn, hidden, weight, targets, args.repeats, device)
                print(f"loss {name}: {label}: {ms:.1f} ms fwd+bwd, peak +{peak:.1f} GiB", flush=True)
            except torch.cuda.OutOfMemoryError:
                print(f"loss {name}: {label}: out of memory", flush=True)
            if device.type == "cuda":
                torch.cuda.empty_cache()


if __name__ == "__main__":
    main()
