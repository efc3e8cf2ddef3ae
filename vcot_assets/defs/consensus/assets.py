"""Stage B: run every (solution, test) pair in the sandbox, cluster by agreement, select pairs."""

import pandas as pd
from dagster import AssetExecutionContext, DataVersion, Output, asset

from vcot_assets.core.consensus.agreement import best_cluster, clusters_by_instruction, solution_runs
from vcot_assets.core.consensus.records import Cluster, SelectedPair, Verdict
from vcot_assets.core.consensus.selection import select_canonical_solution, select_test_by_coverage
from vcot_assets.core.records import Rejection
from vcot_assets.core.sandbox_records import CoverageRequest
from vcot_assets.defs.automation import SANDBOX_POOL, SANDBOX_RETRY
from vcot_assets.defs.code_versions import code_version
from vcot_assets.defs.common import SETTINGS as S
from vcot_assets.defs.common import by_key, content_hash, record_metadata, stage_output
from vcot_assets.partitions import concept_batches

GROUP = "stage_b_consensus"
STAGE = dict(partitions_def=concept_batches, group_name=GROUP, owners=["team:vcot"])
SANDBOX_ASSET = dict(
    STAGE,
    kinds={"python", "sandbox"},
    required_resource_keys={"sandbox"},
    pool=SANDBOX_POOL,
    retry_policy=SANDBOX_RETRY,
)


def frame_output(frame: pd.DataFrame, metadata: dict) -> Output:
    rows = frame.astype(str).to_dict(orient="records")
    return Output(
        frame, metadata={"dagster/row_count": len(frame), **metadata}, data_version=DataVersion(content_hash(rows))
    )


@asset(**SANDBOX_ASSET, code_version=code_version(__name__, "pass_fail_matrix", resources=("sandbox",)))
def pass_fail_matrix(context: AssetExecutionContext, candidate_code: list, candidate_tests: list) -> Output:
    """M[i, j] with the verdict of every candidate solution on every candidate test (Parquet)."""
    jobs = solution_runs(candidate_code, candidate_tests)
    with context.resources.sandbox.open() as box:
        verdicts = box.run_tests(jobs) if jobs else []
        isolation = box.isolation
    instruction_of = {c.candidate_id: c.instruction_id for c in candidate_code}
    frame = pd.DataFrame(
        [dict(v.to_dict(), instruction_id=instruction_of[v.solution_id]) for v in verdicts],
        columns=["instruction_id", "solution_id", "test_id", "status", "detail", "isolation"],
    )
    counts = frame["status"].value_counts().to_dict() if len(frame) else {}
    return frame_output(
        frame, {"isolation": isolation, "pairs": len(frame), **{f"verdicts/{k}": int(v) for k, v in counts.items()}}
    )


@asset(**STAGE, kinds={"python", "pandas"}, code_version=code_version(__name__, "clusters"))
def clusters(
    context: AssetExecutionContext, pass_fail_matrix: pd.DataFrame, candidate_code: list, candidate_tests: list
) -> Output:
    """Solutions with identical pass rows, scored |C| x |Tp| (or CodeT's |Tp| x sqrt|C|)."""
    verdicts = [
        Verdict(**{k: r[k] for k in ("solution_id", "test_id", "status", "detail", "isolation")})
        for r in pass_fail_matrix.to_dict(orient="records")
    ]
    found = clusters_by_instruction(candidate_code, candidate_tests, verdicts, S.score_formula)
    rows = [c.to_dict() for cs in found.values() for c in cs]
    frame = pd.DataFrame(rows, columns=["instruction_id", "cluster_id", "members", "passed_tests", "score"])
    top = [cs[0].score for cs in found.values() if cs]
    above = sum(1 for s in top if s >= S.score_floor)
    return frame_output(
        frame,
        {
            "instructions": len(found),
            "top_score_median": float(pd.Series(top).median()) if top else 0.0,
            "instructions_above_floor": above,
            "score_floor": S.score_floor,
        },
    )


def clusters_from_frame(frame: pd.DataFrame) -> dict[str, list[Cluster]]:
    result: dict[str, list[Cluster]] = {}
    for row in frame.to_dict(orient="records"):
        cluster = Cluster(
            instruction_id=row["instruction_id"],
            cluster_id=int(row["cluster_id"]),
            members=list(row["members"]),
            passed_tests=list(row["passed_tests"]),
            score=float(row["score"]),
        )
        result.setdefault(cluster.instruction_id, []).append(cluster)
    return result


@asset(
    **SANDBOX_ASSET,
    code_version=code_version(__name__, "selected_pairs", resources=("sandbox",)),
    metadata=record_metadata("SelectedPair"),
)
def selected_pairs(
    context: AssetExecutionContext,
    clusters: pd.DataFrame,
    candidate_code: list,
    candidate_tests: list,
    instructions: list,
    concepts: list,
) -> Output:
    """Canonical solution (shortest in the best cluster) and its highest-coverage passing test."""
    candidates, tests = by_key(candidate_code, "candidate_id"), by_key(candidate_tests, "test_id")
    instructions_by_id, concepts_by_id = by_key(instructions, "instruction_id"), by_key(concepts, "concept_id")
    plans, rejections = [], []
    for instruction_id, ranked in sorted(clusters_from_frame(clusters).items()):
        best = best_cluster(ranked, S.score_floor)
        if best is None:
            rejections.append(
                Rejection(
                    "selected_pairs",
                    instruction_id,
                    "below_score_floor",
                    f"best score {max(c.score for c in ranked):g} < {S.score_floor:g}",
                )
            )
            continue
        canonical = select_canonical_solution([candidates[m] for m in best.members])
        plans.append((instruction_id, best, canonical, [tests[t] for t in best.passed_tests]))
    requests = [
        CoverageRequest(request_id=iid, code=canon.code, calls=[t.call for t in passing])
        for iid, _, canon, passing in plans
    ]
    with context.resources.sandbox.open() as box:
        outcomes = box.coverage(requests) if requests else []
    coverage: dict[str, dict[int, float]] = {}
    for outcome in outcomes:
        coverage.setdefault(outcome.request_id, {})[outcome.call_index] = outcome.coverage
    pairs = []
    for instruction_id, best, canonical, passing in plans:
        figures = [coverage.get(instruction_id, {}).get(i, 0.0) for i in range(len(passing))]
        test, covered = select_test_by_coverage(passing, figures)
        instruction = instructions_by_id[instruction_id]
        pairs.append(
            SelectedPair(
                instruction_id=instruction_id,
                concept_id=instruction.concept_id,
                difficulty=instruction.difficulty,
                kind=instruction.kind,
                instruction=instruction.text,
                solution_id=canonical.candidate_id,
                code=canonical.code,
                test_id=test.test_id,
                test_source=test.source,
                call=test.call,
                expected=test.expected,
                cluster_score=best.score,
                cluster_size=len(best.members),
                coverage=covered,
            )
        )
    covered_concepts = {p.concept_id for p in pairs if p.concept_id in concepts_by_id}
    return stage_output(pairs, rejections, {"concepts_covered": len(covered_concepts)})
