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


def test_missing_assets_run_together_in_graph_order():
    assert plan_partition(ORDER, DEPS, CODE, {"a": None, "b": None, "c": None}) == {
        "a": "never materialized",
        "b": "never materialized",
        "c": "never materialized",
    }


def test_a_code_change_runs_that_asset_then_only_consumers_whose_input_changed():
    code = dict(CODE, b="v2")
    assert plan_partition(ORDER, DEPS, code, recorded_chain()) == {"b": "code version changed"}
    same_output = recorded_chain()
    same_output["b"]["dagster/code_version"] = "v2"  # b ran again and made the same data
    assert plan_partition(ORDER, DEPS, code, same_output) == {}
    new_output = recorded_chain()
    new_output["b"].update({"dagster/code_version": "v2", "dagster/data_version": "B2"})
    assert plan_partition(ORDER, DEPS, code, new_output) == {"c": "upstream b changed"}


def test_upstream_data_change_marks_only_consumers():
    recorded = recorded_chain()
    recorded["b"]["dagster/data_version"] = "B2"  # b was re-made elsewhere (e.g. in the UI)
    assert plan_partition(ORDER, DEPS, CODE, recorded) == {"c": "upstream b changed"}
    assert stale_reason("v1", None, {}) == "never materialized"


def test_partitioned_upstream_is_recorded_as_the_hash_of_its_version():
    recorded = {"dagster/code_version": "v1", "dagster/input_data_version/a": hashlib.sha256(b"A1").hexdigest()}
    assert stale_reason("v1", recorded, {"a": "A1"}) is None
    assert stale_reason("v1", recorded, {"a": "A2"}) == "upstream a changed"
