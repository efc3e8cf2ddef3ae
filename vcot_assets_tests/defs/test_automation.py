from dagster import AutomationCondition, DagsterInstance

from vcot_assets.defs.automation import (
    POOL_LIMITS,
    SANDBOX_POOL,
    TEACHER_POOL,
    TEACHER_RETRY,
    apply_pool_limits,
    automation_condition_for,
)


def test_automation_is_off_unless_asked(monkeypatch):
    monkeypatch.delenv("VCOT_AUTOMATION", raising=False)
    assert automation_condition_for("rationales") is None
    monkeypatch.setenv("VCOT_AUTOMATION", "0")
    assert automation_condition_for("rationales") is None


def test_downstream_assets_react_to_upstream_and_code_changes(monkeypatch):
    monkeypatch.setenv("VCOT_AUTOMATION", "1")
    condition = automation_condition_for("rationales")
    assert isinstance(condition, AutomationCondition)
    labels = str(condition)
    assert "eager" in labels and "code version changed" in labels and "CodeVersionChangedCondition" in labels
    assert "BackfillInProgressAutomationCondition" in labels  # waits while a backfill runs
    assert automation_condition_for("source_docs") is None  # the sensor or the user starts roots


def test_pool_limits_land_on_the_instance():
    instance = DagsterInstance.ephemeral()
    assert apply_pool_limits(instance) == POOL_LIMITS
    assert instance.event_log_storage.get_concurrency_info(TEACHER_POOL).slot_count == POOL_LIMITS[TEACHER_POOL]
    assert instance.event_log_storage.get_concurrency_info(SANDBOX_POOL).slot_count == POOL_LIMITS[SANDBOX_POOL]
    assert TEACHER_RETRY.max_retries >= 1 and TEACHER_RETRY.backoff is not None
