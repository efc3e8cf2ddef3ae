"""Stage C glue: verify a batch of rationales and count rejections by a stable reason."""

from __future__ import annotations

import re
from collections.abc import Callable

from vcot_assets.core.records import (
    Entity, Rationale, Rejection, SelectedPair, Trace, TraceRequest, VerifiedRationale,
)
from vcot_assets.core.grounding.samples import callee_name
from vcot_assets.core.verifier.verify import normalize_backward_answer, verify_backward, verify_forward

_REASON_PATTERNS = [
    (re.compile(r"^ungrounded (\w+) in sentence"), r"ungrounded_\1"),
    (re.compile(r"^answer .* differs from the traced return value"), "wrong_answer"),
    (re.compile(r"^predicted call .* returns .*, not "), "wrong_predicted_call"),
    (re.compile(r"^predicted call .* ended with"), "predicted_call_failed"),
    (re.compile(r"^the predicted call was not executed"), "predicted_call_not_run"),
    (re.compile(r"^trace was cut"), "trace_cut"),
    (re.compile(r"^trace status"), "trace_failed"),
    (re.compile(r"^no checkable claim"), "no_claims"),
    (re.compile(r"^no claim about this execution"), "no_claims_about_execution"),
]


def reason_category(reason: str) -> str:
    """A countable token for a verifier reason (which carry sentence numbers and values)."""
    for pattern, category in _REASON_PATTERNS:
        match = pattern.match(reason)
        if match:
            return match.expand(category)
    return re.sub(r"[^a-z0-9]+", "_", reason.split(":")[0].lower()).strip("_")[:40] or "unspecified"


def predicted_call_requests(rationales: list[Rationale], pairs: dict[str, SelectedPair]) -> list[TraceRequest]:
    """The backward answers to execute: each predicted call, normalized to a full call."""
    return [TraceRequest(trace_id=r.rationale_id, code=pairs[r.instruction_id].code,
                         call=normalize_backward_answer(r.answer, callee_name(pairs[r.instruction_id].call)))
            for r in rationales if r.direction == "backward"]


def verify_rationales(rationales: list[Rationale], traces: dict[str, Trace], predicted: dict[str, Trace],
                      window: int, extract: Callable[[str], list[Entity]] | None = None,
                      ) -> tuple[list[VerifiedRationale], list[Rejection]]:
    """Every rationale with its report; the rejected ones also as rejections with a stable reason."""
    verified, rejections = [], []
    for rationale in rationales:
        if rationale.direction == "forward":
            report = verify_forward(rationale, traces[rationale.instruction_id], window=window, extract=extract)
        else:
            report = verify_backward(rationale, traces[rationale.instruction_id].returned,
                                     predicted.get(rationale.rationale_id), window=window, extract=extract)
        verified.append(VerifiedRationale(rationale=rationale, report=report))
        if not report.accepted:
            reason = reason_category(report.reasons[0]) if report.reasons else "unspecified"
            rejections.append(Rejection("verified_rationales", rationale.rationale_id, reason,
                                        "; ".join(report.reasons)[:500]))
    return verified, rejections
