"""Accept or reject one rationale. Each reason carries its code, set here where it is decided
(`ungrounded_value`, `wrong_answer`, ...), and a sentence for a person."""

from __future__ import annotations

from typing import NamedTuple

from vcot_assets.core.grounding.records import Rationale, SentenceReport, Trace, VerificationReport
from vcot_assets.core.verifier.alignment import DEFAULT_WINDOW, Extractor, ground_sentences
from vcot_assets.core.verifier.answers import answers_match


class Reason(NamedTuple):
    code: str
    detail: str


def _report(
    rationale: Rationale, direction: str, reasons: list[Reason], sentences: list[SentenceReport]
) -> VerificationReport:
    return VerificationReport(
        rationale_id=rationale.rationale_id,
        direction=direction,
        accepted=not reasons,
        reasons=[r.detail for r in reasons],
        reason_codes=[r.code for r in reasons],
        sentences=sentences,
    )


def emptiness_reasons(total: int, tied: int) -> list[Reason]:
    if total == 0:
        return [Reason("no_claims", "no checkable claim in the rationale")]
    if tied == 0:
        return [Reason("no_claims_about_execution", "no claim about this execution (only comparisons of literals)")]
    return []


def ungrounded_reasons(reports: list[SentenceReport]) -> list[Reason]:
    return [
        Reason(f"ungrounded_{entity.kind}", f"ungrounded {entity.kind} in sentence {number}: {entity.text!r}")
        for number, report in enumerate(reports, 1)
        for entity in report.ungrounded
    ]


def verify_forward(
    rationale: Rationale, trace: Trace, window: int = DEFAULT_WINDOW, extract: Extractor | None = None
) -> VerificationReport:
    """Accept a forward rationale when every entity is grounded and the answer is the traced value."""
    reasons: list[Reason] = []
    if trace.status != "ok":
        reasons.append(Reason("trace_failed", f"trace status {trace.status}: {trace.detail}".strip()))
    if trace.truncated:
        reasons.append(Reason("trace_cut", "trace was cut by its caps"))
    sentences, total, tied = ground_sentences(rationale.text, trace, window, False, extract)
    reasons.extend(ungrounded_reasons(sentences))
    reasons.extend(emptiness_reasons(total, tied))
    if trace.status == "ok" and not answers_match(rationale.answer, trace.returned):
        reasons.append(
            Reason(
                "wrong_answer",
                f"answer {rationale.answer.strip()!r} differs from the traced return value {trace.returned!r}",
            )
        )
    return _report(rationale, "forward", reasons, sentences)


def verify_backward(
    rationale: Rationale,
    target_output: str,
    predicted_trace: Trace | None,
    window: int = DEFAULT_WINDOW,
    extract: Extractor | None = None,
) -> VerificationReport:
    """Accept a backward rationale when its predicted call reproduces the output and its
    sentences are grounded in that call's trace, walked from the return event back."""
    reasons: list[Reason] = []
    sentences: list[SentenceReport] = []
    if predicted_trace is None:
        reasons.append(Reason("predicted_call_not_run", "the predicted call was not executed"))
    else:
        if predicted_trace.status != "ok":
            reasons.append(
                Reason(
                    "predicted_call_failed",
                    f"predicted call {predicted_trace.call!r} ended with "
                    f"{predicted_trace.status}: {predicted_trace.detail}".strip(),
                )
            )
        elif not answers_match(predicted_trace.returned, target_output):
            reasons.append(
                Reason(
                    "wrong_predicted_call",
                    f"predicted call {predicted_trace.call!r} returns "
                    f"{predicted_trace.returned!r}, not {target_output!r}",
                )
            )
        if predicted_trace.truncated:
            reasons.append(Reason("trace_cut", "trace was cut by its caps"))
        sentences, total, tied = ground_sentences(rationale.text, predicted_trace, window, True, extract)
        reasons.extend(ungrounded_reasons(sentences))
        reasons.extend(emptiness_reasons(total, tied))
    return _report(rationale, "backward", reasons, sentences)
