"""Stage B records: verdicts, clusters and the selected (solution, test) pair."""

from __future__ import annotations

from dataclasses import dataclass

from vcot_assets.core.records import Record

VERDICT_STATUSES: tuple[str, ...] = ("pass", "fail", "error", "timeout", "crash", "resource", "invalid")


@dataclass
class Verdict(Record):
    solution_id: str
    test_id: str
    status: str  # one of VERDICT_STATUSES
    detail: str = ""
    isolation: str = "full"  # "full" or "reduced: <why>"


@dataclass
class Cluster(Record):
    instruction_id: str
    cluster_id: int
    members: list[str]  # candidate ids with identical pass rows
    passed_tests: list[str]  # Tp(C): tests every member passes
    score: float


@dataclass
class SelectedPair(Record):
    """The canonical solution of an instruction and the test chosen to trace it."""

    instruction_id: str
    concept_id: str
    difficulty: str
    kind: str
    instruction: str
    solution_id: str
    code: str
    test_id: str
    test_source: str
    call: str
    expected: str
    cluster_score: float
    cluster_size: int
    coverage: float  # line+branch coverage of the canonical solution by the chosen test
