"""Dual agreement: cluster solutions by their pass rows and score each cluster.

A cluster C is a set of solutions with identical pass rows; Tp(C) is the set of tests all of
them pass. The paper scores a cluster |C| x |Tp(C)|; CodeT's |Tp(C)| x sqrt(|C|) is the option.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from vcot_assets.core.consensus.records import Cluster, Verdict

SCORE_FORMULAS = ("paper", "codet")


def cluster_score(size: int, passed: int, formula: str = "paper") -> float:
    if formula == "paper":
        return float(size * passed)
    if formula == "codet":
        return passed * math.sqrt(size)
    raise ValueError(f"unknown score formula {formula!r}; choose one of {SCORE_FORMULAS}")


def build_clusters(
    instruction_id: str,
    solution_ids: list[str],
    test_ids: list[str],
    verdicts: Iterable[Verdict],
    formula: str = "paper",
) -> list[Cluster]:
    """Clusters of one instruction, best first (score, then size, then first member's id)."""
    passing = {(v.solution_id, v.test_id) for v in verdicts if v.status == "pass"}
    rows: dict[tuple[str, ...], list[str]] = {}
    for solution_id in solution_ids:
        row = tuple(t for t in test_ids if (solution_id, t) in passing)
        rows.setdefault(row, []).append(solution_id)
    clusters = [
        Cluster(
            instruction_id=instruction_id,
            cluster_id=0,
            members=sorted(members),
            passed_tests=list(row),
            score=cluster_score(len(members), len(row), formula),
        )
        for row, members in rows.items()
    ]
    clusters.sort(key=lambda c: (-c.score, -len(c.members), c.members[0]))
    for rank, cluster in enumerate(clusters):
        cluster.cluster_id = rank
    return clusters


def best_cluster(clusters: list[Cluster], floor: float) -> Cluster | None:
    """The top cluster when its score clears the floor and it passes at least one test."""
    if not clusters:
        return None
    top = min(clusters, key=lambda c: c.cluster_id)
    if not top.passed_tests or top.score < floor:
        return None
    return top


def solution_runs(candidates: list, tests: list) -> list:
    """One sandbox job per candidate: the candidate against every test of its instruction."""
    from vcot_assets.core.sandbox_records import SolutionRun

    tests_by_instruction: dict[str, list] = {}
    for test in tests:
        tests_by_instruction.setdefault(test.instruction_id, []).append(test)
    return [
        SolutionRun(solution_id=c.candidate_id, code=c.code, tests=tests_by_instruction[c.instruction_id])
        for c in candidates
        if tests_by_instruction.get(c.instruction_id)
    ]


def clusters_by_instruction(
    candidates: list, tests: list, verdicts: list[Verdict], formula: str = "paper"
) -> dict[str, list[Cluster]]:
    solutions: dict[str, list[str]] = {}
    for c in candidates:
        solutions.setdefault(c.instruction_id, []).append(c.candidate_id)
    test_ids: dict[str, list[str]] = {}
    for t in tests:
        test_ids.setdefault(t.instruction_id, []).append(t.test_id)
    by_solution: dict[str, list[Verdict]] = {}
    for v in verdicts:
        by_solution.setdefault(v.solution_id, []).append(v)
    result = {}
    for instruction_id, members in solutions.items():
        if not test_ids.get(instruction_id):
            continue
        rows = [v for m in members for v in by_solution.get(m, [])]
        result[instruction_id] = build_clusters(instruction_id, members, test_ids[instruction_id], rows, formula)
    return result
