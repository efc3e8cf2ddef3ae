"""Settings and sandbox limits come from `VCOT_*` variables, and the README names every one."""

import dataclasses
from pathlib import Path

import pytest

from vcot_assets.resources.sandbox import SandboxResource
from vcot_assets.settings import PipelineSettings, SandboxLimits, limits_from_env, settings_from_env

README = Path(__file__).resolve().parents[1] / "README.md"


def test_sandbox_limits_are_read_from_vcot_variables():
    limits = limits_from_env({"VCOT_CPU_SECONDS": "2.5", "VCOT_MEMORY_MB": "1024", "VCOT_TRACE_MAX_EVENTS": "99"})
    assert (limits.cpu_seconds, limits.memory_mb, limits.trace_max_events) == (2.5, 1024, 99)
    assert limits.wall_factor == SandboxLimits().wall_factor
    with pytest.raises(ValueError, match="VCOT_MEMORY_MB='lots' is not a valid int"):
        limits_from_env({"VCOT_MEMORY_MB": "lots"})


def test_the_sandbox_resource_runs_with_the_variables_limits(monkeypatch):
    monkeypatch.setenv("VCOT_MEMORY_MB", "768")
    monkeypatch.setenv("VCOT_OUTPUT_BYTES", "4096")
    limits = SandboxResource(backend="local").limits()
    assert (limits.memory_mb, limits.output_bytes) == (768, 4096)
    assert SandboxResource(backend="local", cpu_seconds=3.0).limits().cpu_seconds == 3.0


def test_pipeline_settings_are_read_from_vcot_variables():
    assert settings_from_env({"VCOT_SCORE_FLOOR": "30"}).score_floor == 30.0


def test_the_readme_names_the_variable_of_every_setting_and_limit():
    text = README.read_text(encoding="utf-8")
    fields = [f.name for kind in (PipelineSettings, SandboxLimits) for f in dataclasses.fields(kind)]
    missing = [f"VCOT_{name.upper()}" for name in fields if f"`VCOT_{name.upper()}`" not in text]
    assert not missing, f"README's settings table does not name {missing}"
