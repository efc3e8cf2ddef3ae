"""Verify a batch of rationales; each rejection carries the code of its first reason."""

from __future__ import annotations

from collections.abc import Callable

from vcot_assets.core.consensus.records import SelectedPair
from vcot_assets.core.grounding.records import Entity, Rationale, Trace, VerifiedRationale
from vcot_assets.core.grounding.samples import callee_name
from vcot_assets.core.records import Rejection
from vcot_assets.core.sandbox_records import TraceRequest
from vcot_assets.core.verifier.answers import normalize_backward_answer
from vcot_assets.core.verifier.verdict import DEFAULT_MAX_UNVERIFIABLE, verify_backward, verify_forward


def predicted_call_requests(rationales: list[Rationale], pairs: dict[str, SelectedPair]) -> list[TraceRequest]:
    """The backward answers to execute: each predicted call, normalized to a full call."""
    return [
        TraceRequest(
            trace_id=r.rationale_id,
            code=pairs[r.instruction_id].code,
            call=normalize_backward_answer(r.answer, callee_name(pairs[r.instruction_id].call)),
        )
        for r in rationales
        if r.direction == "backward"
    ]


def verify_rationales(
    rationales: list[Rationale],
    traces: dict[str, Trace],
    predicted: dict[str, Trace],
    window: int,
    extract: Callable[[str], list[Entity]] | None = None,
    max_unverifiable: float = DEFAULT_MAX_UNVERIFIABLE,
) -> tuple[list[VerifiedRationale], list[Rejection]]:
    """Every rationale with its report; the rejected ones also as rejections with a stable reason."""
    verified, rejections = [], []
    for rationale in rationales:
        if rationale.direction == "forward":
            report = verify_forward(
                rationale, traces[rationale.instruction_id], window=window, extract=extract,
                max_unverifiable=max_unverifiable,
            )  # fmt: skip
        else:
            report = verify_backward(
                rationale,
                traces[rationale.instruction_id].returned,
                predicted.get(rationale.rationale_id),
                window=window,
                extract=extract,
                max_unverifiable=max_unverifiable,
            )
        verified.append(VerifiedRationale(rationale=rationale, report=report))
        if not report.accepted:
            reason = report.reason_codes[0] if report.reason_codes else "unspecified"
            rejections.append(
                Rejection("verified_rationales", rationale.rationale_id, reason, "; ".join(report.reasons)[:500])
            )
    return verified, rejections
