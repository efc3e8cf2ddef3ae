"""Forward+backward time of causal SDPA backends at the 0.5B SFT shape (GQA 14/2 heads, d_head 64).

    python benchmarks/sdpa_backends.py [--batch 16] [--seq 2048]

Prints one line per backend: milliseconds per forward+backward and attention TFLOP/s, or why the
backend cannot run this shape. Needs a CUDA GPU.
"""

import argparse
import time

import torch
import torch.nn.functional as F
from torch.nn.attention import SDPBackend, sdpa_kernel


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--seq", type=int, default=2048)
    parser.add_argument("--heads", type=int, default=14)
    parser.add_argument("--kv-heads", type=int, default=2)
    parser.add_argument("--head-dim", type=int, default=64)
    args = parser.parse_args()
    shape = (args.batch, args.heads, args.seq, args.head_dim)
    kv_shape = (args.batch, args.kv_heads, args.seq, args.head_dim)
    q = torch.randn(shape, device="cuda", dtype=torch.bfloat16, requires_grad=True)
    k = torch.randn(kv_shape, device="cuda", dtype=torch.bfloat16, requires_grad=True)
    v = torch.randn(kv_shape, device="cuda", dtype=torch.bfloat16, requires_grad=True)
    # Causal attention: 4 * s^2 * d_head per head forward, x3.5 with backward (2.5x forward).
    flops = 3.5 * 2 * args.batch * args.heads * args.seq**2 * args.head_dim
    for name, backend in [
        ("flash", SDPBackend.FLASH_ATTENTION),
        ("cudnn", SDPBackend.CUDNN_ATTENTION),
        ("efficient", SDPBackend.EFFICIENT_ATTENTION),
    ]:
        try:
            with sdpa_kernel([backend]):
                for _ in range(3):
                    F.scaled_dot_product_attention(q, k, v, is_causal=True, enable_gqa=True).sum().backward()
                torch.cuda.synchronize()
                start, runs = time.perf_counter(), 20
                for _ in range(runs):
                    F.scaled_dot_product_attention(q, k, v, is_causal=True, enable_gqa=True).sum().backward()
                torch.cuda.synchronize()
            ms = (time.perf_counter() - start) / runs * 1e3
            print(f"{name}: {ms:.2f} ms fwd+bwd, {flops / ms / 1e9:.0f} TFLOP/s")
        except RuntimeError as err:
            print(f"{name}: cannot run ({str(err).splitlines()[0][:120]})")


if __name__ == "__main__":
    main()
