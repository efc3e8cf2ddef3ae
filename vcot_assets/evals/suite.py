"""One model through every benchmark: generate, then score in the sandbox.

Each benchmark's generation statistics (tokens, seconds, tokens/s: `ModelClient.stats()`) are
recorded beside its score in `generation_stats`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from vcot_assets.core.training_data.records import BenchmarkScore
from vcot_assets.evals import cruxeval, humaneval, livecodebench
from vcot_assets.evals.execution import Runner
from vcot_assets.evals.generate import (
    STYLES,
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
    style: str = "cot",
    generation_stats: dict[str, dict] | None = None,
) -> list[BenchmarkScore]:
    """Scores of `client` on each benchmark; LiveCodeBench only when its file is supplied.

    `style`: the benchmarks' chain-of-thought ("cot") or direct prompts. `generation_stats`, when
    given, receives each scored benchmark's generation statistics by name."""
    if style not in STYLES:
        raise ValueError(f"prompt style must be one of {STYLES}, not {style!r}")
    unknown = set(benchmarks) - set(BENCHMARKS)
    if unknown:
        raise ValueError(f"unknown benchmarks {sorted(unknown)}: choose from {BENCHMARKS}")

    def first(problems):
        return problems[:problem_limit] if problem_limit > 0 else problems

    scores = []
    for name in benchmarks:
        before = client.stats()
        if name.startswith("cruxeval-"):
            mode = name.split("-", 1)[1]
            problems = first(cruxeval.load_problems())
            generations = cruxeval_generations(client, problems, mode, params, style)
            scores.append(cruxeval.score(generations, mode, runner, problems=problems, model=client.name))
        elif name == "humaneval":
            problems = first(humaneval.load_problems())
            generations = humaneval_generations(client, problems, params)
            scores.append(humaneval.score(generations, runner, problems=problems, model=client.name))
        elif livecodebench_data is not None:
            problems = first(livecodebench.load_problems(livecodebench_data))
            generations = livecodebench_generations(client, problems, params, style)
            scores.append(livecodebench.score(generations, runner, problems=problems, model=client.name))
        else:
            continue
        if generation_stats is not None:
            generation_stats[name] = stats_between(before, client.stats())
    return scores


def stats_between(before: dict, after: dict) -> dict:
    """The statistics of what was generated between two `ModelClient.stats()` snapshots."""
    counted = ("generated_tokens", "generation_s", "sequences", "batches", "cache_hits", "failures")
    delta = {k: after[k] - before.get(k, 0) for k in counted if k in after}
    if "generation_s" in delta:
        delta["generation_s"] = round(delta["generation_s"], 3)
        seconds = delta["generation_s"]
        delta["tokens_per_s"] = round(delta.get("generated_tokens", 0) / seconds, 1) if seconds > 0 else 0.0
    delta.update({k: v for k, v in after.items() if k not in counted and k != "tokens_per_s"})
    return delta
