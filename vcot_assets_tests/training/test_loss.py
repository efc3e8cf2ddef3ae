"""The chunked linear cross-entropy matches F.cross_entropy over full logits, value and gradients."""

import pytest

from vcot_assets.training.loss import IGNORE_INDEX, chunked_linear_cross_entropy

torch = pytest.importorskip("torch")


def _case(tokens: int = 50, hidden: int = 16, vocab: int = 37):
    generator = torch.Generator().manual_seed(0)
    h = torch.randn(tokens, hidden, generator=generator, requires_grad=True)
    w = torch.randn(vocab, hidden, generator=generator, requires_grad=True)
    targets = torch.randint(0, vocab, (tokens,), generator=generator)
    targets[::3] = IGNORE_INDEX
    return h, w, targets


def _reference(h, w, targets):
    logits = (h @ w.t()).float()
    return torch.nn.functional.cross_entropy(logits, targets, ignore_index=IGNORE_INDEX, reduction="sum")


@pytest.mark.parametrize("chunk", [7, 16, 50, 4096])
def test_value_and_gradients_match_the_full_logits(chunk):
    h, w, targets = _case()
    expected = _reference(h, w, targets)
    expected_h, expected_w = torch.autograd.grad(expected * 0.5, (h, w))
    got = chunked_linear_cross_entropy(h, w, targets, chunk=chunk)
    got_h, got_w = torch.autograd.grad(got * 0.5, (h, w))
    assert got.item() == pytest.approx(expected.item(), rel=1e-6)
    assert torch.allclose(got_h, expected_h, atol=1e-6) and torch.allclose(got_w, expected_w, atol=1e-5)


def test_frozen_weight_gets_no_gradient_and_ignored_tokens_none():
    h, w, targets = _case()
    w = w.detach()
    targets[:] = IGNORE_INDEX
    targets[5] = 3
    loss = chunked_linear_cross_entropy(h, w, targets, chunk=8)
    (grad_h,) = torch.autograd.grad(loss, (h,))
    assert grad_h[5].abs().sum() > 0
    assert grad_h[torch.arange(len(targets)) != 5].abs().max() == 0


def test_bf16_inputs_give_an_fp32_loss_close_to_the_reference():
    h, w, targets = _case(tokens=64, hidden=32, vocab=101)
    expected = _reference(h, w, targets)
    got = chunked_linear_cross_entropy(h.bfloat16(), w.bfloat16(), targets, chunk=10)
    assert got.dtype == torch.float32
    assert got.item() == pytest.approx(expected.item(), rel=2e-2)


def test_leading_dimensions_are_flattened():
    h, w, targets = _case(tokens=48)
    flat = chunked_linear_cross_entropy(h, w, targets, chunk=5)
    batched = chunked_linear_cross_entropy(h.reshape(4, 12, -1), w, targets.reshape(4, 12), chunk=5)
    assert flat.item() == pytest.approx(batched.item(), rel=1e-6)
