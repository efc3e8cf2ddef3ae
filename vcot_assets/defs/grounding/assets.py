"""Stage C: trace the selected pairs, narrate the traces, verify every sentence, build samples."""

import json
from collections import Counter

from dagster import AssetExecutionContext, Failure, MetadataValue, Output, asset

from vcot_assets.core.consensus.testcases import values_equal
from vcot_assets.core.grounding.narration import (
    entity_requests,
    narration_requests,
    rationales_from_replies,
    sentence_key,
)
from vcot_assets.core.grounding.records import VerificationReport, VerifiedRationale
from vcot_assets.core.grounding.samples import build_samples, drop_duplicate_samples
from vcot_assets.core.grounding.tracing import build_trace
from vcot_assets.core.prompts import template_version
from vcot_assets.core.records import Rejection
from vcot_assets.core.sandbox_records import TraceRequest
from vcot_assets.core.verifier.batch import predicted_call_requests, verify_rationales
from vcot_assets.core.verifier.sentences import split_sentences
from vcot_assets.core.verifier.teacher_claims import TeacherExtractor
from vcot_assets.defs.automation import SANDBOX_POOL, SANDBOX_RETRY, TEACHER_POOL, TEACHER_RETRY
from vcot_assets.defs.code_versions import code_version
from vcot_assets.defs.common import (
    SETTINGS as S,
)
from vcot_assets.defs.common import (
    by_key,
    record_metadata,
    stage_output,
)
from vcot_assets.defs.teacher_calls import ask_teacher
from vcot_assets.partitions import concept_batches

GROUP = "stage_c_verification"
STAGE = dict(partitions_def=concept_batches, group_name=GROUP, owners=["team:vcot"])
PROMPTS = (
    "concepts",
    "instructions",
    "signature",
    "candidate_code",
    "test_scenarios",
    "candidate_tests",
    "narrate_forward",
    "narrate_backward",
)


@asset(
    **STAGE,
    kinds={"python", "sandbox"},
    required_resource_keys={"sandbox"},
    pool=SANDBOX_POOL,
    retry_policy=SANDBOX_RETRY,
    code_version=code_version(__name__, "traces", resources=("sandbox",)),
    metadata=record_metadata("Trace"),
)
def traces(context: AssetExecutionContext, selected_pairs: list) -> Output:
    """pysnooper trace of canonical(test input), run in the sandbox, sanitized and parsed into events.

    A trace whose returned value differs from the selected test's expected value is rejected
    (`trace_diverges`)."""
    requests = [TraceRequest(trace_id=p.instruction_id, code=p.code, call=p.call) for p in selected_pairs]
    with context.resources.sandbox.open() as box:
        outcomes = box.trace(requests) if requests else []
        isolation = box.isolation
    if outcomes and all(o.status == "error" for o in outcomes):
        # Every pair failing the same way is the sandbox, not the code: stop instead of writing nothing.
        raise Failure(
            description=f"the tracer failed on all {len(outcomes)} pairs in the sandbox "
            f"({outcomes[0].detail}); isolation: {isolation}"
        )
    found, rejections = [], []
    for pair, request, outcome in zip(selected_pairs, requests, outcomes):
        trace = build_trace(request.trace_id, request.code, request.call, outcome)
        if trace.status != "ok":
            rejections.append(Rejection("traces", request.trace_id, f"trace_{trace.status}", trace.detail))
        elif not values_equal(outcome.value, pair.expected):
            # The program passed its test but returns something else under the tracer (it can
            # look at sys.gettrace()): the trace does not show what the test checked.
            shown = outcome.value or f"{outcome.returned} (not a plain value)"
            detail = f"traced {request.call} returned {shown[:200]}; the test expects {pair.expected[:200]}"
            rejections.append(Rejection("traces", request.trace_id, "trace_diverges", detail))
        else:
            found.append(trace)
    raw, clean = sum(t.raw_chars for t in found), sum(t.chars for t in found)
    return stage_output(
        found,
        rejections,
        {
            "raw_chars": raw,
            "sanitized_chars": clean,
            "shortened_by": round(1 - clean / raw, 4) if raw else 0.0,
            "events_total": sum(len(t.events) for t in found),
            "truncated": sum(1 for t in found if t.truncated),
        },
    )


@asset(
    **STAGE,
    kinds={"python", "llm"},
    required_resource_keys={"teacher", "home"},
    pool=TEACHER_POOL,
    retry_policy=TEACHER_RETRY,
    code_version=code_version(__name__, "rationales", ("narrate_forward", "narrate_backward"), ("teacher",)),
    metadata=record_metadata("Rationale"),
)
def rationales(context: AssetExecutionContext, selected_pairs: list, traces: list) -> Output:
    """Forward (input -> output) and backward (output -> input) narrations of each trace."""
    metadata: dict = {}
    requests = narration_requests(selected_pairs, by_key(traces, "trace_id"))
    replies = ask_teacher(context, requests, metadata)
    found, rejections = rationales_from_replies(requests, replies)
    return stage_output(found, rejections, metadata)


def worst_cases_table(verified: list[VerifiedRationale], limit: int = 10) -> str:
    lines = ["| rationale | reason | first ungrounded claim |", "| --- | --- | --- |"]
    for item in [v for v in verified if not v.report.accepted][:limit]:
        claim = next((e.text for s in item.report.sentences for e in s.ungrounded), "")
        reason = item.report.reasons[0] if item.report.reasons else ""
        lines.append(f"| {item.rationale.rationale_id} | {reason[:80]} | {claim[:80]} |".replace("\n", " "))
    return "\n".join(lines)


def sentence_report_markdown(report: VerificationReport) -> str:
    """Per-sentence verdicts of one rationale: what was grounded, what was not, and where."""
    verdict = "accepted" if report.accepted else "rejected: " + "; ".join(report.reasons)
    lines = [
        f"**{report.rationale_id}** ({report.direction}) {verdict}",
        "",
        "| # | sentence | grounded | ungrounded | window |",
        "| --- | --- | --- | --- | --- |",
    ]
    for number, sentence in enumerate(report.sentences, 1):
        cells = [
            sentence.sentence[:120],
            ", ".join(e.text for e in sentence.grounded)[:120],
            ", ".join(e.text for e in sentence.ungrounded)[:120],
            f"{sentence.window_start}-{sentence.window_end}",
        ]
        lines.append(f"| {number} | " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    return "\n".join(lines)


def teacher_extractor(context: AssetExecutionContext, rationales: list, metadata: dict):
    """The paper's way, behind a setting: the teacher names each sentence's claims."""
    if S.entity_extraction != "teacher":
        return None
    replies = ask_teacher(context, entity_requests(rationales), metadata)
    by_sentence = {
        s: replies[sentence_key(s)].text or ""
        for r in rationales
        for s in split_sentences(r.text)
        if sentence_key(s) in replies
    }
    return TeacherExtractor(by_sentence)


EXTRACTION_TEMPLATES = ("extract_entities",) if S.entity_extraction == "teacher" else ()


@asset(
    **STAGE,
    kinds={"python", "sandbox"},
    required_resource_keys={"sandbox", "teacher", "home"},
    pool=SANDBOX_POOL,
    retry_policy=SANDBOX_RETRY,
    metadata=record_metadata("VerifiedRationale"),
    code_version=code_version(
        __name__,
        "verified_rationales",
        EXTRACTION_TEMPLATES,
        ("sandbox", "teacher") if EXTRACTION_TEMPLATES else ("sandbox",),
    ),
)
def verified_rationales(context: AssetExecutionContext, rationales: list, traces: list, selected_pairs: list) -> Output:
    """Every sentence grounded in the trace (window K), answers checked by value or by execution."""
    requests = predicted_call_requests(rationales, by_key(selected_pairs, "instruction_id"))
    with context.resources.sandbox.open() as box:
        outcomes = box.trace(requests) if requests else []
    predicted = {q.trace_id: build_trace(q.trace_id, q.code, q.call, o) for q, o in zip(requests, outcomes)}
    metadata: dict = {"entity_extraction": S.entity_extraction}
    extract = teacher_extractor(context, rationales, metadata)
    verified, rejections = verify_rationales(
        rationales, by_key(traces, "trace_id"), predicted, S.verifier_window, extract, S.max_unverifiable_share
    )
    if extract is not None:  # (claims a teacher named that their sentence never writes: left out, counted)
        metadata["claims_invented"] = len(extract.invented)
    accepted = next((v for v in verified if v.report.accepted), None)
    rejected = next((v for v in verified if not v.report.accepted), None)
    metadata.update(
        {
            "accepted": len(verified) - len(rejections),
            "rejected_share": round(len(rejections) / len(verified), 4) if verified else 0.0,
            "worst_cases": MetadataValue.md(worst_cases_table(verified)),
            "sentence_reports": MetadataValue.md(
                "\n\n".join(sentence_report_markdown(v.report) for v in (accepted, rejected) if v) or "no rationales"
            ),
        }
    )
    return stage_output(verified, rejections, metadata)


@asset(
    **STAGE,
    kinds={"python"},
    code_version=code_version(__name__, "verified_dataset", PROMPTS),
    metadata=record_metadata("Sample"),
)
def verified_dataset(
    context: AssetExecutionContext, verified_rationales: list, traces: list, selected_pairs: list, concepts: list
) -> Output:
    """Chat samples in three views (forward, backward, bi-directional) with provenance."""
    accepted = {
        (v.rationale.instruction_id, v.rationale.direction): v.rationale
        for v in verified_rationales
        if v.report.accepted
    }
    traces_by_id, concepts_by_id = by_key(traces, "trace_id"), by_key(concepts, "concept_id")
    prompt_versions = json.dumps({name: template_version(name) for name in PROMPTS}, sort_keys=True)
    samples = []
    for pair in selected_pairs:
        trace = traces_by_id.get(pair.instruction_id)
        forward, backward = (
            accepted.get((pair.instruction_id, "forward")),
            accepted.get((pair.instruction_id, "backward")),
        )
        if trace is None or (forward is None and backward is None):
            continue
        concept = concepts_by_id.get(pair.concept_id)
        teacher = (forward or backward).teacher
        provenance = {
            "batch": context.partition_key,
            "concept": concept.name if concept else "",
            "concept_id": pair.concept_id,
            "difficulty": pair.difficulty,
            "kind": pair.kind,
            "instruction_id": pair.instruction_id,
            "solution_id": pair.solution_id,
            "test_id": pair.test_id,
            "cluster_score": f"{pair.cluster_score:g}",
            "teacher": teacher,
            "prompt_versions": prompt_versions,
        }
        samples.extend(build_samples(pair, trace, forward, backward, provenance))
    samples, rejections = drop_duplicate_samples(samples)
    views = Counter(s.view for s in samples)
    return stage_output(
        samples,
        rejections,
        {f"samples/{view}": views.get(view, 0) for view in ("forward", "backward", "bidirectional")},
    )
