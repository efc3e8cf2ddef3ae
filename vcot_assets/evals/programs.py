"""Benchmark programs to decontaminate against: CRUXEval, HumanEval and, when supplied,
LiveCodeBench-Exec (`VCOT_LIVECODEBENCH` or an explicit path)."""

from __future__ import annotations

import os
from pathlib import Path

from vcot_assets.core.training_data.records import BenchmarkProgram
from vcot_assets.evals import cruxeval, humaneval, livecodebench
from vcot_assets.evals.common import BenchmarkDataError

ENV_LIVECODEBENCH = "VCOT_LIVECODEBENCH"


def livecodebench_path() -> Path | None:
    value = os.environ.get(ENV_LIVECODEBENCH)
    return Path(value) if value else None


def benchmark_programs(
    cruxeval_data: Path | None = None, livecodebench_data: Path | None = None
) -> tuple[list[BenchmarkProgram], list[dict[str, str]]]:
    """Programs of every benchmark found, and one status row per benchmark (name, problems, status).

    A benchmark whose data is missing is reported as such, never silently skipped.
    """
    programs: list[BenchmarkProgram] = []
    status: list[dict[str, str]] = []

    def add(name: str, load, to_code) -> None:
        try:
            problems = load()
        except BenchmarkDataError as err:
            status.append({"name": name, "problems": "0", "status": f"missing: {err}"})
            return
        programs.extend(BenchmarkProgram(name, p.problem_id, to_code(p)) for p in problems)
        status.append({"name": name, "problems": str(len(problems)), "status": "checked"})

    add("cruxeval", lambda: cruxeval.load_problems(cruxeval_data), lambda p: p.code)
    add("humaneval", humaneval.load_problems, lambda p: p.prompt + p.canonical_solution)
    lcb = livecodebench_data or livecodebench_path()
    if lcb is None:
        status.append(
            {
                "name": "livecodebench",
                "problems": "0",
                "status": f"not supplied (set {ENV_LIVECODEBENCH} to the execution-v2 JSONL)",
            }
        )
    else:
        add("livecodebench", lambda: livecodebench.load_problems(lcb), lambda p: p.code)
    return programs, status
