"""Document masking, on the trainer's own path: packed rows -> RowTable -> the 4D document mask
-> CausalLMLoss (the module FSDP shards). Sample B must learn nothing from sample A packed before
it, and a packed row must score each sample as if it were alone."""

import pytest

from vcot_assets.training.batches import row_table
from vcot_assets.training.data import IGNORE_INDEX, PackedRow, TokenizedSample, pack_samples
from vcot_assets.training.masking import (
    ATTN_IMPLEMENTATION,
    attention_flops_per_row,
    document_attention_mask,
    document_layout,
)

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

VOCAB = 97


def _model(attention: str = "sdpa"):
    from transformers import Qwen2Config, Qwen2ForCausalLM

    from vcot_assets.training.loss import CausalLMLoss

    torch.manual_seed(0)
    config = Qwen2Config(
        hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=4,
        num_key_value_heads=2, vocab_size=VOCAB, max_position_embeddings=512,
        attn_implementation=ATTN_IMPLEMENTATION[attention], use_cache=False,
    )  # fmt: skip
    # Chunks smaller than a row, so the loss walks several of them.
    return CausalLMLoss(Qwen2ForCausalLM(config).eval(), chunk=16)


def _sample(length: int, seed: int) -> TokenizedSample:
    generator = torch.Generator().manual_seed(seed)
    ids = torch.randint(3, VOCAB, (length,), generator=generator).tolist()
    # A prompt of a few tokens, then the "assistant" tokens that carry the loss.
    return TokenizedSample(ids, [i >= 4 for i in range(length)])


def _forward(model, rows: list[PackedRow], row_len: int, attention: str = "sdpa", embeddings=None):
    """Summed loss of the rows, run as the trainer runs a micro-batch."""
    table = row_table(rows, pad_id=0, row_len=row_len)
    batch = table.micro_batch(torch.arange(len(rows)), row_len, "cpu")
    mask = document_attention_mask(batch.document_ids, attention)
    if embeddings is None:
        return model(batch.input_ids, batch.position_ids, mask, batch.targets)
    embed = model.causal_lm.get_input_embeddings()
    hook = embed.register_forward_hook(lambda _m, _i, out: embeddings.append(out) or out.retain_grad())
    try:
        return model(batch.input_ids, batch.position_ids, mask, batch.targets)
    finally:
        hook.remove()


def _only_loss_of(row: PackedRow, keep: slice) -> PackedRow:
    """The row with targets outside `keep` ignored: the loss of one sample of it."""
    targets = [t if keep.start <= i < keep.stop else IGNORE_INDEX for i, t in enumerate(row.targets)]
    return PackedRow(row.input_ids, targets, row.lengths)


def test_layout_restarts_positions_and_gives_padding_its_own_document():
    documents, positions = document_layout([3, 2], row_len=7)
    assert documents == [0, 0, 0, 1, 1, 2, 2]
    assert positions == [0, 1, 2, 0, 1, 0, 1]
    with pytest.raises(ValueError, match="do not fit"):
        document_layout([5, 5], row_len=8)


def test_packed_rows_remember_their_samples():
    samples = [_sample(n, seed=n) for n in (30, 20, 12)]
    [row] = pack_samples(samples, max_len=64, packing=True)
    assert row.lengths == [30, 20, 12] and len(row.input_ids) == 62


def test_the_dense_mask_is_block_diagonal_and_causal():
    mask = document_attention_mask(torch.tensor([[0, 0, 0, 1, 1, 2]]), "sdpa")[0, 0]
    expected = torch.tensor([
        [1, 0, 0, 0, 0, 0],
        [1, 1, 0, 0, 0, 0],
        [1, 1, 1, 0, 0, 0],
        [0, 0, 0, 1, 0, 0],
        [0, 0, 0, 1, 1, 0],
        [0, 0, 0, 0, 0, 1],
    ], dtype=torch.bool)  # fmt: skip
    assert torch.equal(mask, expected)


def test_loss_of_a_later_sample_has_no_gradient_from_an_earlier_one():
    a, b = _sample(40, seed=1), _sample(30, seed=2)
    [row] = pack_samples([a, b], max_len=80, packing=True)
    assert row.lengths == [40, 30]
    model = _model()
    embeddings = []
    loss_b = _forward(model, [_only_loss_of(row, slice(40, 70))], 80, embeddings=embeddings)
    loss_b.backward()
    grad = embeddings[0].grad[0]
    assert grad[:40].abs().max() < 1e-6
    assert grad[40:70].abs().max() > 1e-4  # B's own tokens do carry gradient

    # Control: with one plain causal mask over the row, A leaks into B's loss.
    unmasked = PackedRow(row.input_ids, _only_loss_of(row, slice(40, 70)).targets, [70])
    embeddings.clear()
    _forward(_model(), [unmasked], 80, embeddings=embeddings).backward()
    assert embeddings[0].grad[0][:40].abs().max() > 1e-4


@pytest.mark.parametrize("dtype, tolerance", [(torch.float32, 1e-5), (torch.bfloat16, 3e-2)])
def test_a_packed_row_scores_each_sample_as_if_alone(dtype, tolerance):
    samples = [_sample(n, seed=10 + n) for n in (50, 33, 21)]
    [row] = pack_samples(samples, max_len=128, packing=True)
    alone = pack_samples(samples, max_len=128, packing=False)
    model = _model().to(dtype)
    start = 0
    with torch.no_grad():
        for length, single in zip(row.lengths, sorted(alone, key=lambda r: -len(r.input_ids))):
            assert len(single.input_ids) == length
            packed = _forward(model, [_only_loss_of(row, slice(start, start + length))], 128)
            by_itself = _forward(model, [single], length)
            assert packed.item() == pytest.approx(by_itself.item(), rel=tolerance)
            start += length


def test_flex_block_mask_gives_the_same_losses_as_the_dense_mask():
    """Flex attention, the GPU kernel, has no CPU backward in torch 2.13: compare its forward."""
    samples = [_sample(n, seed=20 + n) for n in (70, 40, 9)]
    rows = pack_samples(samples, max_len=128, packing=True)
    dense, flex = _model("sdpa"), _model("flex")
    flex.load_state_dict(dense.state_dict())
    with torch.no_grad():
        for keep in (slice(0, 70), slice(70, 110), slice(110, 119)):
            masked_rows = [_only_loss_of(rows[0], keep)]
            expected = _forward(dense, masked_rows, 128, "sdpa").item()
            assert _forward(flex, masked_rows, 128, "flex").item() == pytest.approx(expected, rel=1e-4)


def test_attention_flops_count_each_document_not_the_row():
    assert attention_flops_per_row([100, 50], layers=2, attention_width=8) == 12 * 2 * 8 * (100**2 + 50**2)
