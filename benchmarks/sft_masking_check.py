"""Document masking on the GPU, through the trainer's own path (RowTable -> flex BlockMask ->
CausalLMLoss, blocks compiled as the trainer compiles them): the checks the CPU tests make with
the dense mask, here with the flex-attention kernels the GPU runs train with, backward included.

    python benchmarks/sft_masking_check.py [--device cuda] [--attention flex]

Prints one line per check and a final "masking check: PASS|FAIL" line; exits 1 on failure.
(`--device cpu --attention sdpa` runs the same checks on the CPU's dense-mask path.)
"""

import argparse
import sys

import torch
from transformers import Qwen2Config, Qwen2ForCausalLM

from vcot_assets.training.batches import row_table
from vcot_assets.training.data import IGNORE_INDEX, PackedRow, TokenizedSample, pack_samples
from vcot_assets.training.distributed import decoder_layers, wrap_block_forward
from vcot_assets.training.loss import CausalLMLoss
from vcot_assets.training.masking import ATTN_IMPLEMENTATION, document_attention_mask

VOCAB, ROW = 1024, 1024


def model(attention: str, compiled: bool, device: str) -> CausalLMLoss:
    torch.manual_seed(0)
    config = Qwen2Config(
        hidden_size=256, intermediate_size=512, num_hidden_layers=3, num_attention_heads=4,
        num_key_value_heads=2, vocab_size=VOCAB, max_position_embeddings=4096, use_cache=False,
        attn_implementation=ATTN_IMPLEMENTATION[attention],
    )  # fmt: skip
    causal_lm = Qwen2ForCausalLM(config).to(device, torch.bfloat16)
    for block in decoder_layers(causal_lm):
        wrap_block_forward(block, compile_block=compiled, checkpoint=False)
    return CausalLMLoss(causal_lm, chunk=256, compiled=compiled)


def sample(length: int, seed: int) -> TokenizedSample:
    generator = torch.Generator().manual_seed(seed)
    ids = torch.randint(3, VOCAB, (length,), generator=generator).tolist()
    return TokenizedSample(ids, [i >= 8 for i in range(length)])


def only(row: PackedRow, start: int, stop: int) -> PackedRow:
    targets = [t if start <= i < stop else IGNORE_INDEX for i, t in enumerate(row.targets)]
    return PackedRow(row.input_ids, targets, row.lengths)


def loss(net: CausalLMLoss, rows, attention: str, width: int = ROW, embeddings=None):
    table = row_table(rows, pad_id=0, row_len=width)
    device = net.causal_lm.get_input_embeddings().weight.device
    batch = table.micro_batch(torch.arange(len(rows)), width, device)
    mask = document_attention_mask(batch.document_ids, attention)
    if embeddings is None:
        return net(batch.input_ids, batch.position_ids, mask, batch.targets)
    hook = net.causal_lm.get_input_embeddings().register_forward_hook(
        lambda _m, _i, out: embeddings.append(out) or out.retain_grad()
    )
    try:
        return net(batch.input_ids, batch.position_ids, mask, batch.targets)
    finally:
        hook.remove()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--attention", choices=["flex", "sdpa"], default="flex")
    args = parser.parse_args()
    kernel, device = args.attention, args.device
    if device == "cuda" and not torch.cuda.is_available():
        print("masking check: needs a CUDA GPU (or --device cpu --attention sdpa)")
        return 1
    failures = []

    def check(name: str, ok: bool, detail: str) -> None:
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}", flush=True)
        if not ok:
            failures.append(name)

    lengths = (400, 300, 250)
    samples = [sample(n, seed=n) for n in lengths]
    [row] = pack_samples(samples, max_len=ROW, packing=True)
    alone = {len(r.input_ids): r for r in pack_samples(samples, max_len=ROW, packing=False)}
    for compiled in (False, True):
        tag = f"{kernel} {'compiled' if compiled else 'eager'}"
        net = model(kernel, compiled, device)
        embeddings: list = []
        start = row.lengths[0]
        loss(net, [only(row, start, start + row.lengths[1])], kernel, embeddings=embeddings).backward()
        grad = embeddings[0].grad[0].float()
        leak, own = (
            grad[:start].abs().max().item(),
            grad[start : start + row.lengths[1]].abs().max().item(),
        )
        check(f"{tag}: no gradient from sample A into sample B's loss", leak < 1e-6 and own > 0,
              f"max |grad| on A {leak:.2e}, on B {own:.2e}")  # fmt: skip
        with torch.no_grad():
            start = 0
            for length in row.lengths:
                packed = loss(net, [only(row, start, start + length)], kernel).item()
                single = loss(net, [alone[length]], kernel).item()  # padded: one shape
                check(f"{tag}: sample of {length} tokens packed = alone",
                      abs(packed - single) <= 2e-2 * abs(single), f"{packed:.4f} vs {single:.4f}")  # fmt: skip
                start += length
    dense, flex = model("sdpa", False, device), model("flex", False, device)
    flex.load_state_dict(dense.state_dict())
    with torch.no_grad():
        a = loss(dense, [row], "sdpa").item()
        b = loss(flex, [row], "flex").item()
    check("flex block mask = dense SDPA mask", abs(a - b) <= 1e-2 * abs(a), f"{b:.4f} vs {a:.4f}")
    print(f"masking check: {'FAIL ' + ', '.join(failures) if failures else 'PASS'}", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
