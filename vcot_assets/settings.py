"""The pipeline's settings and their defaults, documented in one place (see README: Settings).

Settings shared by several stages live here and nowhere else: the teacher model, the pipeline
counts and thresholds, the sandbox limits.

Each setting can be overridden by an environment variable `VCOT_<NAME>` (for example
`VCOT_SCORE_FLOOR=30`), read when the definitions load, so `vcot run`, the UI's code server
and the daemon agree. Settings that change an asset's output are part of its code version.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass


@dataclass(frozen=True)
class PipelineSettings:
    concepts_per_batch: int = 10
    batch_chars: int = 4000  # size of one concept batch, in characters of document text
    instructions_per_difficulty: int = 6
    candidates_per_instruction: int = 5
    tests_per_instruction: int = 25
    scenarios_per_instruction: int = 10
    score_floor: float = 15.0  # dual-agreement score below which an instruction is dropped
    score_formula: str = "paper"  # "paper": |C| x |Tp|; "codet": |Tp| x sqrt(|C|)
    verifier_window: int = 15  # K trace events
    # share of a rationale's sentences with values that no check could read before it is rejected
    max_unverifiable_share: float = 0.34
    entity_extraction: str = "rules"  # "rules": deterministic extractor; "teacher": the paper's model-based way


@dataclass(frozen=True)
class SandboxLimits:
    cpu_seconds: float = 1.0  # per test, CPU time
    wall_factor: float = 5.0  # wall-clock backstop = cpu_seconds x wall_factor
    memory_mb: int = 512  # address space per child
    output_bytes: int = 1 << 20
    max_processes: int = 32
    max_open_files: int = 64
    max_file_bytes: int = 16 << 20
    consecutive_timeouts_to_give_up: int = 2
    trace_max_events: int = 5000
    trace_max_chars: int = 400_000


def settings_from_env(environ: dict[str, str] | None = None) -> PipelineSettings:
    """Defaults, overridden by `VCOT_<FIELD>` variables; a malformed value is a clear error."""
    environ = os.environ if environ is None else environ
    values = {}
    for field in dataclasses.fields(PipelineSettings):
        raw = environ.get(f"VCOT_{field.name.upper()}")
        if raw is None:
            continue
        kind = type(field.default)
        try:
            values[field.name] = kind(raw)
        except ValueError as err:
            raise ValueError(f"VCOT_{field.name.upper()}={raw!r} is not a valid {kind.__name__}") from err
    return PipelineSettings(**values)


TEACHER_ENV = "VCOT_TEACHER"
DEFAULT_TEACHER = "offline/default"


def teacher_model(environ: dict[str, str] | None = None) -> str:
    """The litellm model string of the teacher: `$VCOT_TEACHER` (`vcot run --teacher`), else the offline one."""
    environ = os.environ if environ is None else environ
    return environ.get(TEACHER_ENV) or DEFAULT_TEACHER


DEFAULT_SETTINGS = PipelineSettings()
DEFAULT_LIMITS = SandboxLimits()
