"""The sandbox as a Dagster resource: which backend, how many workers, which limits."""

from __future__ import annotations

import dataclasses
import os
from contextlib import AbstractContextManager

from dagster import ConfigurableResource
from pydantic import Field

from vcot_assets.settings import SandboxLimits, limits_from_env, teacher_model


def default_backend() -> str:
    return os.environ.get("VCOT_SANDBOX", "local")


class SandboxResource(ConfigurableResource):
    backend: str = Field(default_factory=default_backend, description="local | docker")
    workers: int = Field(default_factory=lambda: os.cpu_count() or 1)
    cpu_seconds: float = Field(default_factory=lambda: limits_from_env().cpu_seconds)
    memory_mb: int = Field(default_factory=lambda: limits_from_env().memory_mb)

    def limits(self) -> SandboxLimits:
        """The `VCOT_*` limits (see settings.py), with this resource's CPU and memory."""
        return dataclasses.replace(limits_from_env(), cpu_seconds=self.cpu_seconds, memory_mb=self.memory_mb)

    def open(self, code_from: str = "teacher") -> AbstractContextManager:
        """A sandbox for code from the teacher, or from another model (`code_from="base model"`).

        Below full isolation it refuses to start unless reduced isolation is allowed
        (`VCOT_ALLOW_REDUCED_ISOLATION=1`, set by `vcot run --allow-reduced-isolation`) or, for
        the teacher's code, the teacher is the offline one.
        """
        from vcot_assets.sandbox import open_sandbox
        from vcot_assets.sandbox.api import reduced_isolation_allowance

        allowance = reduced_isolation_allowance(teacher=teacher_model() if code_from == "teacher" else None)
        return open_sandbox(self.backend, self.limits(), workers=self.workers, allow_reduced=allowance)
