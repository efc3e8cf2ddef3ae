"""Cross-entropy over the output projection in chunks of tokens, so full logits are never stored.

At 151,936 vocabulary entries, the logits of a micro-batch of 16 x 2,048 tokens are 10 GB in bf16
and 20 GB in fp32, and autograd keeps them (or their softmax) for the backward pass. Here the
forward pass walks the tokens `chunk` at a time: it projects one chunk to logits, takes the loss in
fp32 and, since the loss is the last operation of the step, its gradients with respect to the
hidden states and the projection weight right away (softmax minus one-hot), then drops the chunk's
logits. Backward only scales the stored gradients. The matmuls are the same three an unfused loss
does (logits, grad of hidden, grad of weight), so nothing is recomputed; the elementwise part
(upcast, log-sum-exp, softmax, one-hot, downcast) is one compiled function per chunk when
`compiled` is set. This is Liger's fused-linear-cross-entropy scheme written with torch ops only,
because the GPU machines have no internet to install kernels from.
"""

from __future__ import annotations

import torch

IGNORE_INDEX = -100


def _loss_and_logit_grad(logits: torch.Tensor, targets: torch.Tensor):
    """Summed cross-entropy of rows of logits against targets (IGNORE_INDEX rows count 0), and its
    gradient with respect to the logits, in the logits' dtype. Math in fp32."""
    dtype = logits.dtype
    logits = logits.float()
    valid = targets != IGNORE_INDEX
    safe_targets = torch.where(valid, targets, 0).unsqueeze(1)
    log_norm = torch.logsumexp(logits, dim=-1, keepdim=True)
    target_logit = logits.gather(1, safe_targets)
    loss = ((log_norm - target_logit).squeeze(1) * valid).sum()
    # One-hot as a comparison, so softmax, one-hot and mask are one elementwise pass when compiled.
    one_hot = torch.arange(logits.shape[1], device=logits.device) == safe_targets
    grad = (torch.exp(logits - log_norm) - one_hot.to(logits.dtype)) * valid.unsqueeze(1)
    return loss, grad.to(dtype)


_compiled_loss_and_logit_grad = None


def _elementwise(compiled: bool):
    global _compiled_loss_and_logit_grad
    if not compiled:
        return _loss_and_logit_grad
    if _compiled_loss_and_logit_grad is None:
        _compiled_loss_and_logit_grad = torch.compile(_loss_and_logit_grad, dynamic=False)
    return _compiled_loss_and_logit_grad


class _ChunkedLinearCrossEntropy(torch.autograd.Function):
    @staticmethod
    def forward(ctx, hidden, weight, targets, chunk: int, compiled: bool):
        loss_and_grad = _elementwise(compiled)
        want_weight_grad = ctx.needs_input_grad[1]
        grad_hidden = torch.empty_like(hidden) if ctx.needs_input_grad[0] else None
        # fp32 across chunks: the weight gradient sums over every token of the micro-batch.
        grad_weight = torch.zeros_like(weight, dtype=torch.float32) if want_weight_grad else None
        total = torch.zeros((), dtype=torch.float32, device=hidden.device)
        for start in range(0, hidden.shape[0], chunk):
            piece = hidden[start : start + chunk]
            loss, grad_logits = loss_and_grad(piece @ weight.t(), targets[start : start + chunk])
            total += loss
            if grad_hidden is not None:
                torch.matmul(grad_logits, weight, out=grad_hidden[start : start + chunk])
            if grad_weight is not None:
                grad_weight += (grad_logits.t() @ piece).float()
        ctx.save_for_backward(grad_hidden, grad_weight)
        ctx.weight_dtype = weight.dtype
        return total

    @staticmethod
    def backward(ctx, grad_output):
        grad_hidden, grad_weight = ctx.saved_tensors
        if grad_hidden is not None:
            grad_hidden = grad_hidden * grad_output.to(grad_hidden.dtype)
        if grad_weight is not None:
            grad_weight = (grad_weight * grad_output).to(ctx.weight_dtype)
        return grad_hidden, grad_weight, None, None, None


def chunked_linear_cross_entropy(
    hidden: torch.Tensor,
    weight: torch.Tensor,
    targets: torch.Tensor,
    chunk: int = 4096,
    compiled: bool = False,
) -> torch.Tensor:
    """sum over tokens of cross_entropy(hidden @ weight.T, targets), ignoring IGNORE_INDEX.

    hidden: [tokens, d] (any leading shape is flattened), weight: [vocab, d], targets: [tokens].
    Peak extra memory is one chunk of logits instead of all of them."""
    hidden = hidden.reshape(-1, hidden.shape[-1])
    targets = targets.reshape(-1)
    if chunk <= 0:
        raise ValueError(f"chunk must be positive, got {chunk}")
    return _ChunkedLinearCrossEntropy.apply(hidden, weight, targets, chunk, compiled)


class CausalLMLoss(torch.nn.Module):
    """A causal LM whose forward returns the summed loss of a batch of packed rows.

    It is the FSDP root, so the output layer's weight is gathered (in the root's forward) when
    the chunked loss reads it; the decoder runs without transformers' own logits and loss."""

    def __init__(self, causal_lm: torch.nn.Module, chunk: int = 4096, compiled: bool = False):
        super().__init__()
        self.causal_lm = causal_lm
        self.chunk = chunk
        self.compiled = compiled

    def forward(self, input_ids, position_ids, attention_mask, targets):
        base = self.causal_lm
        base = base.get_base_model() if hasattr(base, "get_base_model") else base
        hidden = base.model(
            input_ids=input_ids, position_ids=position_ids, attention_mask=attention_mask
        ).last_hidden_state
        weight = base.get_output_embeddings().weight
        return chunked_linear_cross_entropy(hidden, weight, targets, self.chunk, self.compiled)
