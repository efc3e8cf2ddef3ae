"""Blocking checks of Stage C: verified rationales within the rejection bound; the verified dataset
agrees with its traces (backward answers executed again in the sandbox) and holds no duplicate."""

# No `from __future__ import annotations`: Dagster 1.13 rejects a string-annotated `context`.
from dagster import AssetCheckExecutionContext, AssetCheckSpec, AssetIn, AssetKey, multi_asset_check

from vcot_assets.core.grounding.records import Sample
from vcot_assets.core.grounding.samples import callee_name
from vcot_assets.core.record_checks import answer_problems, backward_calls, duplicate_problems, schema_problems
from vcot_assets.core.sandbox_records import CallRequest
from vcot_assets.core.verifier.answers import normalize_backward_answer
from vcot_assets.defs.check_factories import check_result, record_checks_for, schema_spec

verified_rationales_checks = record_checks_for("verified_rationales")


@multi_asset_check(
    name="verified_dataset_checks",
    specs=[
        schema_spec("verified_dataset", ("traces", "selected_pairs")),
        AssetCheckSpec(
            "answers_match_traces",
            asset="verified_dataset",
            blocking=True,
            additional_deps=["traces", "selected_pairs"],
            description="Forward answers equal the traced return; backward calls, executed "
            "again in the sandbox, return it too.",
        ),
        AssetCheckSpec(
            "no_duplicate_samples",
            asset="verified_dataset",
            blocking=True,
            additional_deps=["traces", "selected_pairs"],
            description="No sample id or conversation appears twice in a batch.",
        ),
    ],
    ins={
        "samples": AssetIn(key=AssetKey("verified_dataset")),
        "traces": AssetIn(key=AssetKey("traces")),
        "selected_pairs": AssetIn(key=AssetKey("selected_pairs")),
    },
    required_resource_keys={"sandbox"},
    description="Blocking data checks of verified_dataset.",
)
def verified_dataset_checks(context: AssetCheckExecutionContext, samples: list, traces: list, selected_pairs: list):
    yield check_result("record_schema", "verified_dataset", schema_problems(samples, Sample), samples=len(samples))
    typed = [s for s in samples if not schema_problems([s], Sample)]  # the schema check reports the rest
    traces_by_id = {t.trace_id: t for t in traces}
    returns = rerun_backward_calls(context, typed, {p.instruction_id: p for p in selected_pairs})
    yield check_result(
        "answers_match_traces",
        "verified_dataset",
        answer_problems(typed, traces_by_id, returns),
        samples=len(typed),
        backward_calls_executed=len(returns),
    )
    yield check_result("no_duplicate_samples", "verified_dataset", duplicate_problems(typed), samples=len(typed))


def rerun_backward_calls(context: AssetCheckExecutionContext, samples: list[Sample], pairs: dict) -> dict[str, str]:
    """Execute each backward answer in the sandbox; the canonical value by sample id (ok only)."""
    instruction_of = {s.sample_id: s.provenance.get("instruction_id", "") for s in samples}
    requests = []
    for sample_id, answer in backward_calls(samples).items():
        pair = pairs.get(instruction_of[sample_id])
        if pair is None:
            continue
        call = normalize_backward_answer(answer, callee_name(pair.call))
        requests.append(CallRequest(request_id=sample_id, code=pair.code, calls=[call]))
    if not requests:
        return {}
    with context.resources.sandbox.open() as box:
        outcomes = box.run_calls(requests)
    return {outcome.request_id: outcome.value for outcome in outcomes if outcome.status == "ok"}
