"""Jobs the sensor and the schedule launch, and the schedule for the cross-batch assets.

`concept_batch_job` materializes one concept batch through `verified_dataset` (its blocking
checks included); `training_sets_job` merges every batch. The schedule launches the merge only
when some batch was materialized after the last merge, so an idle night costs nothing.
"""

from __future__ import annotations

import os

from dagster import (
    AssetKey,
    AssetSelection,
    DefaultScheduleStatus,
    RunRequest,
    ScheduleEvaluationContext,
    SkipReason,
    define_asset_job,
    schedule,
)

from vcot_assets.partitions import concept_batches
from vcot_assets.scale_out import executor_from_env

LAST_PER_BATCH_ASSET = AssetKey("verified_dataset")
TRAINING_SETS = AssetKey("training_sets")

concept_batch_job = define_asset_job(
    "concept_batch_job",
    selection=AssetSelection.assets(LAST_PER_BATCH_ASSET).upstream(),
    partitions_def=concept_batches,
    executor_def=executor_from_env(),
    description="One concept batch, from its document slice through the verified dataset.",
)

training_sets_job = define_asset_job(
    "training_sets_job",
    selection=AssetSelection.assets(TRAINING_SETS),
    executor_def=executor_from_env(),
    description="Merge, deduplicate and decontaminate every batch into the training subsets.",
)

SCHEDULE_CRON_ENV = "VCOT_TRAINING_SETS_CRON"


def _latest_storage_id(context: ScheduleEvaluationContext, key: AssetKey) -> int:
    """Storage id of the asset's newest materialization (any partition); 0 when there is none."""
    records = context.instance.fetch_materializations(key, limit=1).records
    return records[0].storage_id if records else 0


@schedule(
    job=training_sets_job,
    cron_schedule=os.environ.get(SCHEDULE_CRON_ENV, "0 3 * * *"),
    default_status=DefaultScheduleStatus.STOPPED,
    description="Nightly merge of all batches; skipped when no batch changed since the last merge.",
)
def training_sets_schedule(context: ScheduleEvaluationContext):
    newest_batch = _latest_storage_id(context, LAST_PER_BATCH_ASSET)
    if newest_batch == 0:
        return SkipReason("no verified_dataset batch materialized yet")
    if newest_batch < _latest_storage_id(context, TRAINING_SETS):
        return SkipReason("training_sets is newer than every batch: nothing to merge")
    return RunRequest(run_key=f"training_sets@{newest_batch}")
