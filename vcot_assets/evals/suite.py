"""One model through every benchmark: generate, then score in the sandbox."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from vcot_assets.core.training_data.records import BenchmarkScore
from vcot_assets.evals import cruxeval, humaneval, livecodebench
from vcot_assets.evals.execution import Runner
from vcot_assets.evals.generate import (
    ModelClient,
    SamplingParams,
    cruxeval_generations,
    humaneval_generations,
    livecodebench_generations,
)

BENCHMARKS = ("cruxeval-output", "cruxeval-input", "humaneval", "livecodebench-exec")


def evaluate_model(
    client: ModelClient,
    runner: Runner,
    params: SamplingParams,
    benchmarks: Sequence[str] = BENCHMARKS,
    problem_limit: int = 0,
    livecodebench_data: Path | None = None,
) -> list[BenchmarkScore]:
    """Scores of `client` on each benchmark; LiveCodeBench only when its file is supplied."""
    unknown = set(benchmarks) - set(BENCHMARKS)
    if unknown:
        raise ValueError(f"unknown benchmarks {sorted(unknown)}: choose from {BENCHMARKS}")

    def first(problems):
        return problems[:problem_limit] if problem_limit > 0 else problems

    scores = []
    for name in benchmarks:
        if name.startswith("cruxeval-"):
            mode = name.split("-", 1)[1]
            problems = first(cruxeval.load_problems())
            generations = cruxeval_generations(client, problems, mode, params)
            scores.append(cruxeval.score(generations, mode, runner, problems=problems, model=client.name))
        elif name == "humaneval":
            problems = first(humaneval.load_problems())
            generations = humaneval_generations(client, problems, params)
            scores.append(humaneval.score(generations, runner, problems=problems, model=client.name))
        elif livecodebench_data is not None:
            problems = first(livecodebench.load_problems(livecodebench_data))
            generations = livecodebench_generations(client, problems, params)
            scores.append(livecodebench.score(generations, runner, problems=problems, model=client.name))
    return scores
