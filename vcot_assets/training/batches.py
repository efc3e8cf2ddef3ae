"""Packed rows as padded tensors, and the micro-batches the trainer feeds the model.

Every row carries, beside its token ids and shifted targets, the document id and the position
within its sample of each token (`masking.document_layout`), so a micro-batch has everything the
document-masked forward pass needs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import torch

from vcot_assets.training.data import IGNORE_INDEX, PackedRow
from vcot_assets.training.masking import attention_flops_per_row, document_layout


@dataclass
class MicroBatch:
    input_ids: torch.Tensor
    position_ids: torch.Tensor
    document_ids: torch.Tensor
    targets: torch.Tensor


@dataclass
class RowTable:
    """All training rows, padded to one length, on the CPU."""

    input_ids: torch.Tensor
    targets: torch.Tensor
    document_ids: torch.Tensor
    position_ids: torch.Tensor
    lengths: torch.Tensor  # real (non-padding) tokens per row
    target_counts: torch.Tensor  # target tokens per row
    attention_flops: torch.Tensor  # per-document attention FLOPs per row (float64)

    def micro_batch(self, rows: torch.Tensor, width: int, device) -> MicroBatch:
        """The rows at these indices, cut to `width` tokens, on device."""

        def take(table: torch.Tensor) -> torch.Tensor:
            return table.index_select(0, rows)[:, :width].to(device, non_blocking=True)

        return MicroBatch(
            take(self.input_ids),
            take(self.position_ids),
            take(self.document_ids),
            take(self.targets),
        )


def row_table(
    rows: Sequence[PackedRow], pad_id: int, row_len: int, layers: int = 0, attention_width: int = 0
) -> RowTable:
    """Pad rows to row_len; layers and attention_width size the per-document attention FLOPs."""
    input_ids = torch.full((len(rows), row_len), pad_id, dtype=torch.long)
    targets = torch.full((len(rows), row_len), IGNORE_INDEX, dtype=torch.long)
    document_ids = torch.empty((len(rows), row_len), dtype=torch.long)
    position_ids = torch.empty((len(rows), row_len), dtype=torch.long)
    for i, row in enumerate(rows):
        input_ids[i, : len(row.input_ids)] = torch.tensor(row.input_ids)
        targets[i, : len(row.targets)] = torch.tensor(row.targets)
        row_documents, row_positions = document_layout(row.lengths, row_len)
        document_ids[i] = torch.tensor(row_documents)
        position_ids[i] = torch.tensor(row_positions)
    return RowTable(
        input_ids=input_ids,
        targets=targets,
        document_ids=document_ids,
        position_ids=position_ids,
        lengths=torch.tensor([len(row.input_ids) for row in rows]),
        target_counts=torch.tensor([row.target_count for row in rows]),
        attention_flops=torch.tensor(
            [attention_flops_per_row(row.lengths, layers, attention_width) for row in rows],
            dtype=torch.float64,
        ),
    )
