import hashlib

from vcot_assets.core.freshness import plan_partition, stale_reason

ORDER = ["a", "b", "c"]
DEPS = {"b": ["a"], "c": ["b"]}
CODE = {"a": "v1", "b": "v1", "c": "v1"}


def recorded_chain():
    return {
        "a": {"dagster/code_version": "v1", "dagster/data_version": "A1"},
        "b": {"dagster/code_version": "v1", "dagster/data_version": "B1", "dagster/input_data_version/a": "A1"},
        "c": {"dagster/code_version": "v1", "dagster/data_version": "C1", "dagster/input_data_version/b": "B1"},
    }


def test_everything_current_plans_nothing():
    assert plan_partition(ORDER, DEPS, CODE, recorded_chain()) == {}


def test_missing_asset_and_code_change_propagate_downstream():
    assert plan_partition(ORDER, DEPS, CODE, {"a": None, "b": None, "c": None}) == {
        "a": "never materialized",
        "b": "upstream a runs",
        "c": "upstream b runs",
    }
    assert list(plan_partition(ORDER, DEPS, dict(CODE, b="v2"), recorded_chain())) == ["b", "c"]


def test_upstream_data_change_marks_only_consumers():
    recorded = recorded_chain()
    recorded["b"]["dagster/data_version"] = "B2"  # b was re-made elsewhere (e.g. in the UI)
    assert plan_partition(ORDER, DEPS, CODE, recorded) == {"c": "upstream b changed"}
    assert stale_reason("v1", None, {}) == "never materialized"


def test_partitioned_upstream_is_recorded_as_the_hash_of_its_version():
    recorded = {"dagster/code_version": "v1", "dagster/input_data_version/a": hashlib.sha256(b"A1").hexdigest()}
    assert stale_reason("v1", recorded, {"a": "A1"}) is None
    assert stale_reason("v1", recorded, {"a": "A2"}) == "upstream a changed"
