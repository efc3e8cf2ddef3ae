"""Chat samples -> token rows for causal-LM training: loss on assistant tokens only, packed.

A packed row remembers the length of each sample in it, so the trainer can give every sample its
own positions and keep its attention inside the sample (`vcot_assets.training.masking`).

Assistant spans are found by rendering the chat template twice per assistant turn (the history
with a generation prompt, then with the turn) and keeping the tokens whose characters fall between
the two renderings. This works with any fast tokenizer and any chat template whose renderings
extend one another, so user-supplied base models need no `{% generation %}` markers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

IGNORE_INDEX = -100


@dataclass
class TokenizedSample:
    input_ids: list[int]
    assistant_mask: list[bool]


@dataclass
class PackedRow:
    """One training row: samples concatenated, targets already shifted by one position;
    `lengths` are the samples' token counts in order (they sum to len(input_ids))."""

    input_ids: list[int] = field(default_factory=list)
    targets: list[int] = field(default_factory=list)
    lengths: list[int] = field(default_factory=list)

    @property
    def target_count(self) -> int:
        return sum(1 for t in self.targets if t != IGNORE_INDEX)


class SampleError(ValueError):
    """A sample that cannot be turned into training tokens (why is in the message)."""


def read_chat_samples(path: Path) -> list[dict]:
    samples = []
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                sample = json.loads(line)
            except json.JSONDecodeError as err:
                raise SampleError(f"{path}:{number}: not JSON ({err.msg})") from err
            if not isinstance(sample, dict) or not isinstance(sample.get("messages"), list):
                raise SampleError(f"{path}:{number}: expected an object with a 'messages' list")
            samples.append(sample)
    return samples


def _assistant_char_spans(tokenizer, messages: list[dict]) -> tuple[str, list[tuple[int, int]]]:
    full = tokenizer.apply_chat_template(messages, tokenize=False)
    spans = []
    for index, message in enumerate(messages):
        if message.get("role") != "assistant":
            continue
        before = tokenizer.apply_chat_template(messages[:index], tokenize=False, add_generation_prompt=True)
        through = tokenizer.apply_chat_template(messages[: index + 1], tokenize=False)
        if not (through.startswith(before) and full.startswith(through)):
            raise SampleError(
                "the chat template's renderings do not extend one another, so assistant tokens "
                "cannot be located; use a template that renders conversations incrementally"
            )
        spans.append((len(before), len(through)))
    if not spans:
        raise SampleError("sample has no assistant message to learn from")
    return full, spans


def tokenize_sample(tokenizer, messages: list[dict]) -> TokenizedSample:
    text, spans = _assistant_char_spans(tokenizer, messages)
    encoded = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    mask = [any(start <= s < end for start, end in spans) for s, _ in encoded["offset_mapping"]]
    return TokenizedSample(list(encoded["input_ids"]), mask)


def shifted_targets(sample: TokenizedSample) -> list[int]:
    """targets[t] = token t+1 when it is an assistant token, else IGNORE_INDEX."""
    ids, mask = sample.input_ids, sample.assistant_mask
    targets = [ids[t + 1] if mask[t + 1] else IGNORE_INDEX for t in range(len(ids) - 1)]
    return targets + [IGNORE_INDEX]


def pack_samples(samples: list[TokenizedSample], max_len: int, packing: bool) -> list[PackedRow]:
    """Rows of at most max_len tokens. With packing, best-fit-decreasing bins of whole samples
    (a sample longer than max_len is cut); without, one sample per row."""
    pieces = []
    for sample in samples:
        targets = shifted_targets(sample)
        ids, targets = sample.input_ids[:max_len], targets[:max_len]
        if any(t != IGNORE_INDEX for t in targets):
            pieces.append((ids, targets))
    if not packing:
        return [PackedRow(list(ids), list(targets), [len(ids)]) for ids, targets in pieces]
    rows: list[PackedRow] = []
    free: list[int] = []
    for ids, targets in sorted(pieces, key=lambda piece: len(piece[0]), reverse=True):
        fitting = [i for i, room in enumerate(free) if room >= len(ids)]
        if fitting:
            best = min(fitting, key=lambda i: free[i])
        else:
            rows.append(PackedRow())
            free.append(max_len)
            best = len(rows) - 1
        rows[best].input_ids.extend(ids)
        rows[best].targets.extend(targets)
        rows[best].lengths.append(len(ids))
        free[best] -= len(ids)
    return rows


def build_rows(tokenizer, samples: list[dict], max_len: int, packing: bool):
    """Tokenize and pack samples; returns (rows, rejections as (sample id, reason))."""
    tokenized, rejected = [], []
    for number, sample in enumerate(samples):
        try:
            tokenized.append(tokenize_sample(tokenizer, sample["messages"]))
        except SampleError as err:
            rejected.append((str(sample.get("id", number)), str(err)))
    return pack_samples(tokenized, max_len, packing), rejected
