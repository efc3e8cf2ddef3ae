"""Stage D records: base-model answers, benchmark programs and scores."""

from __future__ import annotations

from dataclasses import dataclass, field

from vcot_assets.core.records import Record


@dataclass
class BaseModelAnswer(Record):
    """The base model's own answer to one training problem (model-answerability subset)."""

    instruction_id: str
    direction: str  # "forward" | "backward"
    model: str
    answer: str  # what the model said, after extracting its final answer line
    correct: bool
    detail: str = ""


@dataclass
class BenchmarkScore(Record):
    """pass@k of one model on one benchmark, in percent, with per-problem (n, c)."""

    benchmark: str  # "cruxeval-input" | "cruxeval-output" | "humaneval" | "livecodebench-exec"
    model: str
    pass_at: dict[str, float]  # {"pass@1": 35.95, "pass@5": 44.99}
    problems: int
    generations: int
    executions: int  # distinct programs actually executed
    per_problem: dict[str, list[int]] = field(default_factory=dict)  # problem id -> [n, c]


@dataclass
class BenchmarkProgram(Record):
    """A benchmark's program, which training data must not contain (decontamination)."""

    benchmark: str  # "cruxeval" | "humaneval" | "livecodebench"
    problem_id: str
    code: str
