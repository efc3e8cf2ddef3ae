"""Accept or reject one rationale. Each reason carries its code, set here where it is decided
(`ungrounded_value`, `wrong_answer`, ...), and a sentence for a person."""

from __future__ import annotations

from typing import NamedTuple

from vcot_assets.core.grounding.records import Rationale, SentenceReport, Trace, VerificationReport
from vcot_assets.core.verifier.alignment import DEFAULT_WINDOW, Extractor, ground_sentences
from vcot_assets.core.verifier.answers import answers_match
from vcot_assets.core.verifier.prose import check_rationale

# A rationale may have this share of sentences whose values no check could read (a setting).
DEFAULT_MAX_UNVERIFIABLE = 0.34


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


def _grounded(
    text: str, trace: Trace, window: int, backward: bool, extract: Extractor | None, max_unverifiable: float
) -> tuple[list[SentenceReport], list[Reason]]:
    """Check every sentence: by reading its prose (the default), or with a teacher's claims (the paper's way)."""
    if extract is not None:
        sentences, total, tied = ground_sentences(text, trace, window, backward, extract)
        return sentences, ungrounded_reasons(sentences) + emptiness_reasons(total, tied)
    sentences, total, unverifiable, tied = check_rationale(text, trace, window, backward)
    reasons = ungrounded_reasons(sentences) + emptiness_reasons(total, tied)
    with_values = sum(1 for s in sentences if s.grounded or s.ungrounded) + unverifiable
    if with_values and unverifiable / with_values > max_unverifiable:
        reasons.append(
            Reason(
                "unverifiable",
                f"{unverifiable} of {with_values} sentences with values could not "
                f"be checked (at most {max_unverifiable:.0%} may be)",
            )
        )
    return sentences, reasons


def ungrounded_reasons(reports: list[SentenceReport]) -> list[Reason]:
    return [
        Reason(f"ungrounded_{entity.kind}", f"ungrounded {entity.kind} in sentence {number}: {entity.text!r}")
        for number, report in enumerate(reports, 1)
        for entity in report.ungrounded
    ]


def verify_forward(
    rationale: Rationale,
    trace: Trace,
    window: int = DEFAULT_WINDOW,
    extract: Extractor | None = None,
    max_unverifiable: float = DEFAULT_MAX_UNVERIFIABLE,
) -> VerificationReport:
    """Accept a forward rationale when every entity is grounded and the answer is the traced value."""
    reasons: list[Reason] = []
    if trace.status != "ok":
        reasons.append(Reason("trace_failed", f"trace status {trace.status}: {trace.detail}".strip()))
    if trace.truncated:
        reasons.append(Reason("trace_cut", "trace was cut by its caps"))
    sentences, found = _grounded(rationale.text, trace, window, False, extract, max_unverifiable)
    reasons.extend(found)
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
    max_unverifiable: float = DEFAULT_MAX_UNVERIFIABLE,
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
        sentences, found = _grounded(rationale.text, predicted_trace, window, True, extract, max_unverifiable)
        reasons.extend(found)
    return _report(rationale, "backward", reasons, sentences)
