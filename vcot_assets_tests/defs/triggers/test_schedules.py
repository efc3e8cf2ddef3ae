"""The training-sets schedule launches only when some batch is newer than the last merge."""

from dagster import AssetKey, AssetMaterialization, DagsterInstance, RunRequest, SkipReason, build_schedule_context

from vcot_assets.defs.triggers.schedules import training_sets_schedule


def evaluate(instance: DagsterInstance):
    return training_sets_schedule(build_schedule_context(instance=instance))


def test_skips_until_a_batch_exists_then_runs_once_per_change(tmp_path):
    instance = DagsterInstance.local_temp(str(tmp_path))  # schedule contexts need an instance ref
    assert isinstance(evaluate(instance), SkipReason)
    instance.report_runless_asset_event(AssetMaterialization(AssetKey("verified_dataset"), partition="a-000"))
    first = evaluate(instance)
    assert isinstance(first, RunRequest)
    instance.report_runless_asset_event(AssetMaterialization(AssetKey("training_sets")))
    assert isinstance(evaluate(instance), SkipReason)
    instance.report_runless_asset_event(AssetMaterialization(AssetKey("verified_dataset"), partition="b-000"))
    again = evaluate(instance)
    assert isinstance(again, RunRequest) and again.run_key != first.run_key
