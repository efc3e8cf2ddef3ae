"""Scheduling knobs the assets share: concurrency pools, retry policies, declarative automation.

Pools cap how many steps may hold a scarce resource at once across all runs (teacher endpoints
rate-limit; sandbox steps are CPU-bound). Their limits live in the instance (`dagster.yaml`
sets a default, `apply_pool_limits` or `dagster instance concurrency set` the per-pool ones).

Declarative automation is off unless `VCOT_AUTOMATION=1`: an automation sensor that reacts to
code-version changes would otherwise race a user's own backfill after a prompt edit.
"""

from __future__ import annotations

import os

from dagster import AutomationCondition, Backoff, DagsterInstance, Jitter, RetryPolicy

TEACHER_POOL = "teacher"
SANDBOX_POOL = "sandbox"

# Steps, not requests: each teacher step fans out its own calls (16 concurrent by default).
POOL_LIMITS: dict[str, int] = {TEACHER_POOL: 4, SANDBOX_POOL: 2}

# Teacher steps fail on provider outages and rate limits: retry with growing, jittered waits.
# The response cache makes a retried step pay only for the calls that had not yet answered.
TEACHER_RETRY = RetryPolicy(max_retries=3, delay=10, backoff=Backoff.EXPONENTIAL, jitter=Jitter.PLUS_MINUS)

# Sandbox steps are deterministic; one retry covers a worker lost to the OOM killer or a node.
SANDBOX_RETRY = RetryPolicy(max_retries=1, delay=5)

AUTOMATION_ENV = "VCOT_AUTOMATION"

# Assets the user or a sensor starts; everything else follows them when automation is on.
_ROOT_ASSETS = frozenset({"source_docs", "base_model_answers"})


def automation_enabled() -> bool:
    return os.environ.get(AUTOMATION_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def automation_condition_for(asset_name: str) -> AutomationCondition | None:
    """Eager updates after an upstream change, and a rerun after the asset's own code changes.

    None (no automation) unless `VCOT_AUTOMATION=1`, and always for root assets, which a sensor
    or the user launches. The code-version branch waits for upstream data and for any run in
    flight, so it never stacks a second run on a backfill already under way.
    """
    if not automation_enabled() or asset_name in _ROOT_ASSETS:
        return None
    code_changed = (
        AutomationCondition.code_version_changed()
        & ~AutomationCondition.any_deps_missing()
        & ~AutomationCondition.in_progress()
    ).with_label("code version changed")
    return AutomationCondition.eager() | code_changed


def apply_pool_limits(instance: DagsterInstance, limits: dict[str, int] | None = None) -> dict[str, int]:
    """Set each pool's slot count on the instance (idempotent); returns what was set."""
    limits = dict(POOL_LIMITS if limits is None else limits)
    for pool, slots in limits.items():
        instance.event_log_storage.set_concurrency_slots(pool, slots)
    return limits
