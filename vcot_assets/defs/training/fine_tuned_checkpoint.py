"""Stage D: one fine-tuned checkpoint per training subset and view, trained through Dagster Pipes."""

from pathlib import Path

from dagster import (
    AssetExecutionContext,
    AssetKey,
    Failure,
    MaterializeResult,
    MetadataValue,
    StaticPartitionsDefinition,
    asset,
)

from vcot_assets.core.training_data.subsets import subset_view_keys, training_set_path
from vcot_assets.defs.code_versions import code_version
from vcot_assets.resources.trainer_launchers import gpu_op_tags

CHECKPOINTS_DIR = "fine_tuned_checkpoint"
# Keys are `<subset>-<view>` (full-forward, ...), the names of the training sets' dataset configs.
subset_view_partitions = StaticPartitionsDefinition(subset_view_keys())


def _split_partition(key: str) -> tuple[str, str]:
    subset, view = key.split("-", 1)
    return subset, view


@asset(
    partitions_def=subset_view_partitions,
    deps=[AssetKey("training_sets")],
    required_resource_keys={"home", "trainer", "base_model"},
    group_name="stage_d_training",
    owners=["team:vcot"],
    kinds={"python", "pytorch"},
    op_tags=gpu_op_tags(1),
    code_version=code_version(__name__, "fine_tuned_checkpoint", resources=("trainer",)),
)
def fine_tuned_checkpoint(context: AssetExecutionContext) -> MaterializeResult:
    """Supervised fine-tuning of the base model on one training set (subset x view), launched
    through Pipes (subprocess, Docker or Kubernetes); loss, tokens/s and MFU come back as metadata."""
    subset, view = _split_partition(context.partition_key)
    data_dir = Path(context.resources.home.data_dir)
    data = training_set_path(data_dir, subset, view)
    if not data.exists():
        raise Failure(description=f"training set {data} does not exist: materialize `training_sets` first")
    trainer = context.resources.trainer
    base_model = trainer.base_model or context.resources.base_model.model
    if not base_model:
        raise Failure(
            description="no base model to fine-tune: set VCOT_TRAIN_BASE_MODEL (or VCOT_BASE_MODEL) "
            "to a local checkpoint directory or model id"
        )
    if not any(line.strip() for line in data.open(encoding="utf-8")):
        # An empty subset (no base-model answers, say) is a fact to show, not a failed run.
        return MaterializeResult(
            metadata={
                "trained": False,
                "note": f"{data} is empty: nothing to train",
                "base_model": base_model,
                "training_set": MetadataValue.path(str(data)),
            }
        )
    out = data_dir / CHECKPOINTS_DIR / subset / view
    invocation = trainer.launch(context, data=data, out=out, base_model=base_model, data_dir=data_dir)
    reported = invocation.get_materialize_result()
    return MaterializeResult(
        metadata={
            **reported.metadata,
            "trained": True,
            "base_model": base_model,
            "launcher": trainer.launcher,
            "training_set": MetadataValue.path(str(data)),
        }
    )
