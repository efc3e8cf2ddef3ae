"""Document-masked attention for packed rows: every sample has its own positions and sees only itself.

A packed row holds several samples. Each token gets a document id (its sample's index in the row;
the padding after the last sample is one more document) and a position counted from the start of
its sample. One mask rule, `document_causal_mask_mod`, says which key a query may attend to: an
earlier or equal position of the same document. That rule is rendered two ways for transformers'
4D-mask path (a 4D mask is used as given, so transformers adds no mask of its own):

- `flex`: a flex-attention `BlockMask` (GPU default). Flex attention skips the key blocks the rule
  rules out, so attention costs the sum of each sample's own length squared, not the row's.
- `sdpa`: the same rule evaluated densely into a boolean mask for scaled_dot_product_attention
  (CPU default). Flex attention has no CPU backward in torch 2.13, so the CPU tests take gradients
  through this rendering and compare the flex rendering against it in the forward pass.
"""

from __future__ import annotations

from collections.abc import Sequence

ATTENTION_KINDS = ("flex", "sdpa")
# transformers' attn_implementation for each rendering of the mask.
ATTN_IMPLEMENTATION = {"flex": "flex_attention", "sdpa": "sdpa"}


def document_layout(lengths: Sequence[int], row_len: int) -> tuple[list[int], list[int]]:
    """(document ids, positions) for one row of samples of these lengths, padded to row_len.

    Positions restart at 0 for each sample; the padding is one more document, so it never shares
    attention with a sample (and its targets are ignored anyway)."""
    used = sum(lengths)
    if used > row_len:
        raise ValueError(f"samples of {used} tokens do not fit a row of {row_len}")
    documents: list[int] = []
    positions: list[int] = []
    for index, length in enumerate(lengths):
        documents.extend([index] * length)
        positions.extend(range(length))
    documents.extend([len(lengths)] * (row_len - used))
    positions.extend(range(row_len - used))
    return documents, positions


def document_causal_mask_mod(document_ids):
    """flex-attention mask_mod: query q sees key kv of its own document at an earlier or equal
    position. document_ids is a [batch, seq] tensor."""

    def mask_mod(batch, head, q_idx, kv_idx):
        return (q_idx >= kv_idx) & (document_ids[batch, q_idx] == document_ids[batch, kv_idx])

    return mask_mod


def document_attention_mask(document_ids, kind: str):
    """The 4D attention mask for a [batch, seq] tensor of document ids, rendered for `kind`."""
    from torch.nn.attention.flex_attention import create_block_mask, create_mask

    batch, seq = document_ids.shape
    mask_mod = document_causal_mask_mod(document_ids)
    if kind == "flex":
        return create_block_mask(mask_mod, batch, None, seq, seq, device=document_ids.device)
    if kind == "sdpa":
        return create_mask(mask_mod, batch, 1, seq, seq, device=document_ids.device)
    raise ValueError(f"unknown attention {kind!r}; choose one of {ATTENTION_KINDS}")


def attention_flops_per_row(lengths: Sequence[int], layers: int, attention_width: int) -> int:
    """Attention-score FLOPs of one row, forward and backward, counted per document: 12 L w l^2
    summed over the row's samples of length l (w = query heads x head size). Like the 6N term it
    counts the full l x l score matrix (no halving for causality), as PaLM's MFU does."""
    return 12 * layers * attention_width * sum(length * length for length in lengths)
