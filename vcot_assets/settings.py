"""The pipeline's settings and their defaults, documented in one place (see README: Settings).

Settings shared by several stages live here and nowhere else: the teacher model, the pipeline
counts and thresholds, the sandbox limits.

Each setting, sandbox limits included, can be overridden by an environment variable
`VCOT_<NAME>` (for example `VCOT_SCORE_FLOOR=30`, `VCOT_MEMORY_MB=1024`), read when the
definitions load, so `vcot run`, the UI's code server and the daemon agree. Settings that
change an asset's output are part of its code version.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar


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


Settings = TypeVar("Settings", PipelineSettings, SandboxLimits)


def _from_env(kind: type[Settings], environ: Mapping[str, str] | None) -> Settings:
    """Defaults, overridden by `VCOT_<FIELD>` variables; a malformed value is a clear error."""
    environ = os.environ if environ is None else environ
    values = {}
    for field in dataclasses.fields(kind):
        name = f"VCOT_{field.name.upper()}"
        raw = environ.get(name)
        if raw is None:
            continue
        value_type = type(field.default)
        try:
            values[field.name] = value_type(raw)
        except ValueError as err:
            raise ValueError(f"{name}={raw!r} is not a valid {value_type.__name__}") from err
    return kind(**values)


def settings_from_env(environ: Mapping[str, str] | None = None) -> PipelineSettings:
    """The pipeline settings: defaults, overridden by `VCOT_<FIELD>` variables."""
    return _from_env(PipelineSettings, environ)


def limits_from_env(environ: Mapping[str, str] | None = None) -> SandboxLimits:
    """The sandbox limits: defaults, overridden by `VCOT_<FIELD>` variables (`VCOT_CPU_SECONDS=2`)."""
    return _from_env(SandboxLimits, environ)


TEACHER_ENV = "VCOT_TEACHER"
DEFAULT_TEACHER = "offline/default"


def teacher_model(environ: dict[str, str] | None = None) -> str:
    """The litellm model string of the teacher: `$VCOT_TEACHER` (`vcot run --teacher`), else the offline one."""
    environ = os.environ if environ is None else environ
    return environ.get(TEACHER_ENV) or DEFAULT_TEACHER


DEFAULT_SETTINGS = PipelineSettings()
DEFAULT_LIMITS = SandboxLimits()
