"""Chat samples in the three views: forward, backward and bi-directional."""

from __future__ import annotations

import hashlib
import json
import re

from vcot_assets.core.consensus.records import SelectedPair
from vcot_assets.core.grounding.records import Rationale, Sample, Trace
from vcot_assets.core.records import Rejection

_CALLEE = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)")


def callee_name(call: str) -> str:
    """`running_total([1])` -> `running_total`; `Stack(3).push(1)` -> `Stack`."""
    match = _CALLEE.match(call)
    return match.group(1) if match else "f"


def forward_question(pair: SelectedPair) -> str:
    return (
        f"{pair.instruction}\n\n```python\n{pair.code.rstrip()}\n```\n\n"
        f"What does `{pair.call}` return? Reason through the execution step by step, "
        "then give the value on a last line `Answer: <value>`."
    )


def backward_question(pair: SelectedPair, output: str) -> str:
    return (
        f"{pair.instruction}\n\n```python\n{pair.code.rstrip()}\n```\n\n"
        f"Find a call of `{callee_name(pair.call)}` that returns `{output}`. Reason backwards "
        "from the output step by step, then give the call on a last line `Answer: <call>`."
    )


def backward_question_followup(pair: SelectedPair, output: str) -> str:
    return (
        f"Now the other way round: find a call of `{callee_name(pair.call)}` that returns "
        f"`{output}`. Reason backwards from the output, then give the call on a last line "
        "`Answer: <call>`."
    )


def assistant_turn(rationale: Rationale) -> str:
    return f"{rationale.text.rstrip()}\n\nAnswer: {rationale.answer}"


def build_samples(
    pair: SelectedPair, trace: Trace, forward: Rationale | None, backward: Rationale | None, provenance: dict[str, str]
) -> list[Sample]:
    """Samples for whichever directions were verified; bi-directional needs both."""
    samples = []
    base = dict(provenance, trace_sha256=trace.sha256, python_version=trace.python_version)
    if forward is not None:
        samples.append(
            Sample(
                sample_id=f"{pair.instruction_id}-forward",
                view="forward",
                messages=[
                    {"role": "user", "content": forward_question(pair)},
                    {"role": "assistant", "content": assistant_turn(forward)},
                ],
                provenance=dict(base, direction="forward", input=pair.call, output=trace.returned),
            )
        )
    if backward is not None:
        samples.append(
            Sample(
                sample_id=f"{pair.instruction_id}-backward",
                view="backward",
                messages=[
                    {"role": "user", "content": backward_question(pair, trace.returned)},
                    {"role": "assistant", "content": assistant_turn(backward)},
                ],
                provenance=dict(base, direction="backward", input=backward.answer, output=trace.returned),
            )
        )
    if forward is not None and backward is not None:
        samples.append(
            Sample(
                sample_id=f"{pair.instruction_id}-bidirectional",
                view="bidirectional",
                messages=[
                    {"role": "user", "content": forward_question(pair)},
                    {"role": "assistant", "content": assistant_turn(forward)},
                    {"role": "user", "content": backward_question_followup(pair, trace.returned)},
                    {"role": "assistant", "content": assistant_turn(backward)},
                ],
                provenance=dict(base, direction="bidirectional", input=pair.call, output=trace.returned),
            )
        )
    return samples


def conversation_digest(sample: Sample) -> str:
    return hashlib.sha256(json.dumps([sample.view, sample.messages], sort_keys=True).encode("utf-8")).hexdigest()


def drop_duplicate_samples(samples: list[Sample]) -> tuple[list[Sample], list[Rejection]]:
    """Keep the first of samples that hold the same conversation (same exercise, code and call)."""
    kept, rejections, first_of = [], [], {}
    for sample in samples:
        digest = conversation_digest(sample)
        if digest in first_of:
            rejections.append(
                Rejection(
                    "verified_dataset", sample.sample_id, "duplicate_sample", f"same conversation as {first_of[digest]}"
                )
            )
            continue
        first_of[digest] = sample.sample_id
        kept.append(sample)
    return kept, rejections
