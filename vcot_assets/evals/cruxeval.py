"""CRUXEval (Gu et al., 2024): output prediction (CRUXEval-O) and input prediction (CRUXEval-I).

Official rules (see `../shared/benchmarks/README.md`):
- output: generation `g` is checked by `code + "\\nassert " + output + " == " + g`; a generation
  containing the call `f(<input>)` is skipped (it would let the model copy the question).
- input: `g` must contain `f(` (else skipped); it is checked by `code + "\\nassert " + output +
  " == " + g`, so the predicted call itself runs.
- skipped generations leave n; when no executed generation passes, all count, as failures.

Here no generation decides its own verdict (see `execution`): an output prediction is read as a
literal and compared on the trusted side, never run; an input prediction must be a call of `f`,
whose arguments are turned into literals (by a child of their own when they are expressions)
and passed to `f` in a child that holds no generation code. Where the official check would
evaluate an expression (`'a' + 'b'` as an output, `f(1) or f(2)` as an input), this is stricter;
on the published CodeLlama samples no verdict changes (`vcot_assets_tests/evals`).
"""

from __future__ import annotations

import os
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
from vcot_assets.evals.execution import CallCheck, Check, LiteralCheck, Runner

MODES = ("input", "output")
ENV_DATA = "VCOT_CRUXEVAL"
_FIELDS = ("id", "code", "input", "output")


@dataclass(frozen=True)
class CruxProblem:
    problem_id: str  # `sample_<i>`
    code: str  # always `def f(...)`
    input: str  # argument text, e.g. `(1, ), (1, ), (1, 2)`
    output: str  # a Python literal


# The 800 problems ship inside the package (MIT, LICENSE beside them), so decontamination and
# scoring work from an installed copy.
PACKAGED_DATA = Path(__file__).resolve().parent / "data" / "cruxeval" / "cruxeval.jsonl"


def default_data_path() -> Path:
    """`$VCOT_CRUXEVAL`, else the copy shipped in the package."""
    override = os.environ.get(ENV_DATA)
    return Path(override) if override else PACKAGED_DATA


def published_samples_dir() -> Path:
    """The published sample generations (CodeLlama-7B), kept beside a checkout, not shipped."""
    repo = Path(__file__).resolve().parents[2]
    return repo.parent / "shared" / "benchmarks" / "cruxeval" / "samples"


def load_problems(path: Path | None = None) -> list[CruxProblem]:
    path = Path(path) if path is not None else default_data_path()
    problems = []
    for number, row in enumerate(read_jsonl(path), start=1):
        missing = [name for name in _FIELDS if not isinstance(row.get(name), str)]
        if missing:
            raise BenchmarkDataError(f"{path}: row {number} lacks text field(s) {', '.join(missing)}")
        problems.append(CruxProblem(row["id"], row["code"], row["input"], row["output"]))
    if not problems:
        raise BenchmarkDataError(f"{path}: no CRUXEval problems")
    return problems


def check_of(problem: CruxProblem, generation: str, mode: str) -> Check | None:
    """How one generation is judged, or None when the official rules skip it."""
    if mode == "input":
        if "f(" not in generation:
            return None
        return CallCheck(problem.code, "f", generation, problem.output)
    if mode == "output":
        if f"f({problem.input})" in generation:
            return None
        return LiteralCheck(problem.output, generation)
    raise ValueError(f"CRUXEval mode must be one of {MODES}, not {mode!r}")


def plan(problems: Sequence[CruxProblem], generations: dict[str, list[str]], mode: str) -> list[ProblemPlan]:
    return plan_checks(problems, generations, f"cruxeval-{mode}", lambda p, g: check_of(p, g, mode))


def score(
    generations: dict[str, list[str]],
    mode: str,
    runner: Runner,
    problems: Sequence[CruxProblem] | None = None,
    model: str = "",
) -> BenchmarkScore:
    """pass@1 and pass@5 (percent) of `generations` on CRUXEval-I or -O."""
    if mode not in MODES:
        raise ValueError(f"CRUXEval mode must be one of {MODES}, not {mode!r}")
    problems = list(problems) if problems is not None else load_problems()
    return score_plans(f"cruxeval-{mode}", model, plan(problems, generations, mode), EmptyRule.NO_PASS, runner)
