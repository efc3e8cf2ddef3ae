"""LiveCodeBench-Exec (`livecodebench/execution-v2`, 479 rows): output prediction on contest code.

The data lives on a model hub these machines cannot reach, so the user supplies it as JSONL
(or a JSON list) with the fields `question_id, contest_id, contest_date, difficulty,
function_name, code, input, output, id, problem_id, numsteps`; `input` is a full call such as
`fn(arg = ...)`.

Official rules: a generation that contains the input call is skipped; the others are checked by
`<imports>\\n<code>\\nassert <output> == <generation>` (3 s); only when no generation was
executed do all count, as failures. Here the generation is read as a literal and compared with
the output on the trusted side, never run (see `execution.LiteralCheck`): the output of the
contest code does not depend on the generation, so nothing needs executing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from vcot_assets.core.training_data.records import BenchmarkScore
from vcot_assets.evals.common import (
    BenchmarkDataError,
    EmptyRule,
    ProblemPlan,
    plan_checks,
    read_jsonl,
    score_plans,
)
from vcot_assets.evals.execution import LiteralCheck, Runner

_FIELDS = ("code", "input", "output")


@dataclass(frozen=True)
class LiveCodeBenchProblem:
    problem_id: str
    code: str
    input: str  # a full call, e.g. `maxSum(nums = [1, 2])`
    output: str
    difficulty: str = ""
    contest_date: str = ""


def load_problems(path: Path) -> list[LiveCodeBenchProblem]:
    path = Path(path)
    if path.suffix == ".json":
        if not path.is_file():
            raise BenchmarkDataError(f"benchmark data file not found: {path}")
        rows = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(rows, list):
            raise BenchmarkDataError(f"{path}: expected a JSON list of rows")
    else:
        rows = read_jsonl(path)
    problems = []
    for number, row in enumerate(rows, start=1):
        missing = [name for name in _FIELDS if not isinstance(row.get(name), str)]
        if missing:
            raise BenchmarkDataError(f"{path}: row {number} lacks text field(s) {', '.join(missing)}")
        problem_id = str(row.get("id", row.get("question_id", number - 1)))
        problems.append(
            LiveCodeBenchProblem(
                problem_id,
                row["code"],
                row["input"],
                row["output"],
                str(row.get("difficulty", "")),
                str(row.get("contest_date", "")),
            )
        )
    if not problems:
        raise BenchmarkDataError(f"{path}: no LiveCodeBench rows")
    if len({p.problem_id for p in problems}) != len(problems):
        raise BenchmarkDataError(f"{path}: problem ids are not unique")
    return problems


def check_of(problem: LiveCodeBenchProblem, generation: str) -> LiteralCheck | None:
    if problem.input in generation:
        return None
    return LiteralCheck(problem.output, generation)


def plan(problems: Sequence[LiveCodeBenchProblem], generations: dict[str, list[str]]) -> list[ProblemPlan]:
    return plan_checks(problems, generations, "livecodebench-exec", check_of)


def score(
    generations: dict[str, list[str]],
    runner: Runner,
    problems: Sequence[LiveCodeBenchProblem],
    model: str = "",
) -> BenchmarkScore:
    return score_plans("livecodebench-exec", model, plan(problems, generations), EmptyRule.NONE_EXECUTED, runner)
