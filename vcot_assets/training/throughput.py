"""FLOP counts behind MFU: the old per-row formula and the honest per-document one.

Old (kept to compare with earlier figures): 6N + 12 L d s per token, N every parameter, s the row
length. It overstates in two ways: an untied input embedding is a table lookup, not a matmul, and
with document masking a token attends only to its own sample, not to the whole row.

Honest: 6N' per token, N' the parameters without the untied input embedding (a tied one is also
the output layer, so it stays), plus 12 L w l^2 per packed sample of length l, w = query heads x
head size (`masking.attention_flops_per_row`). Neither halves attention for causality.
"""

from __future__ import annotations

from dataclasses import dataclass

H100_BF16_DENSE_FLOPS = 989e12


def model_flops_per_token(parameters: int, layers: int, hidden: int, seq_len: int) -> float:
    """The old formula: 6N for the dense matmuls forward and backward, 12 L d s for attention."""
    return 6 * parameters + 12 * layers * hidden * seq_len


def mfu(tokens_per_second: float, flops_per_token: float, peak_flops: float) -> float:
    return tokens_per_second * flops_per_token / peak_flops


@dataclass(frozen=True)
class ModelShape:
    parameters: int  # every parameter, as the old formula counts them
    matmul_parameters: int  # without the untied input embedding
    layers: int
    hidden: int
    attention_width: int  # query heads x head size

    def old_flops_per_token(self, seq_len: int) -> float:
        return model_flops_per_token(self.parameters, self.layers, self.hidden, seq_len)


def model_shape(causal_lm) -> ModelShape:
    """Count a transformers causal LM (or a peft model around one) before it is sharded."""
    base = causal_lm.get_base_model() if hasattr(causal_lm, "get_base_model") else causal_lm
    config = base.config.get_text_config()
    parameters = sum(p.numel() for p in causal_lm.parameters())
    embedding = base.get_input_embeddings().weight
    output = base.get_output_embeddings()
    tied = output is not None and output.weight is embedding
    heads = config.num_attention_heads
    head_dim = getattr(config, "head_dim", None) or config.hidden_size // heads
    return ModelShape(
        parameters=parameters,
        matmul_parameters=parameters if tied else parameters - embedding.numel(),
        layers=config.num_hidden_layers,
        hidden=config.hidden_size,
        attention_width=heads * head_dim,
    )
