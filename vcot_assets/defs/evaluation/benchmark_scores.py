"""Stage D: benchmark scores of the base model and of every fine-tuned checkpoint.

CRUXEval output and input prediction, HumanEval and (when its file is supplied)
LiveCodeBench-Exec, asked with the benchmarks' own prompts; pass@1 and pass@5, scored in the
sandbox with the official rules. The metadata holds the base vs fine-tuned table with deltas, a
bar plot, and each generation's throughput (`<label>/<benchmark>/tokens_per_s`).
"""

from pathlib import Path

from dagster import AssetExecutionContext, AssetKey, DataVersion, MetadataValue, Output, asset

from vcot_assets.core.records import StageOutput
from vcot_assets.defs.automation import SANDBOX_POOL
from vcot_assets.defs.code_versions import code_version
from vcot_assets.defs.common import content_hash, record_metadata
from vcot_assets.evals.generate import is_local_checkpoint
from vcot_assets.evals.report import BASE, comparison_markdown, comparison_rows, image_markdown, plot_scores
from vcot_assets.evals.suite import evaluate_model

CHECKPOINT = AssetKey("fine_tuned_checkpoint")
TRAINING_SETS = AssetKey("training_sets")
# Metadata keys under which a checkpoint materialization may name its directory and base model.
_PATH_KEYS = ("checkpoint_dir", "checkpoint", "output_dir", "path")
_BASE_KEYS = ("base_model", "base")


def latest_checkpoints(context: AssetExecutionContext, data_dir: Path) -> list[dict[str, str]]:
    """The newest materialization of each checkpoint partition: label, directory, base model."""
    records = context.instance.fetch_materializations(CHECKPOINT, limit=1000).records
    found: dict[str, dict[str, str]] = {}
    for record in records:  # newest first
        label = record.partition_key or "all"
        if label in found or record.asset_materialization is None:
            continue
        metadata = {k: getattr(v, "value", v) for k, v in record.asset_materialization.metadata.items()}
        path = next((str(metadata[k]) for k in _PATH_KEYS if metadata.get(k)), "")
        if not path:  # the trainer's layout: <data>/fine_tuned_checkpoint/<subset>/<view>
            path = str(data_dir / CHECKPOINT.path[-1] / label.replace("-", "/", 1))
        found[label] = {
            "label": label,
            "path": path,
            "base_model": next((str(metadata[k]) for k in _BASE_KEYS if metadata.get(k)), ""),
        }
    return [found[label] for label in sorted(found)]


@asset(
    group_name="stage_d_training",
    owners=["team:vcot"],
    kinds={"python", "sandbox"},
    deps=[TRAINING_SETS, CHECKPOINT],
    required_resource_keys={"sandbox", "base_model", "home"},
    pool=SANDBOX_POOL,
    code_version=code_version(__name__, "benchmark_scores", resources=("sandbox", "base_model")),
    metadata=record_metadata("BenchmarkScore"),
)
def benchmark_scores(context: AssetExecutionContext) -> Output:
    """pass@1 / pass@5 of the base model and each fine-tuned checkpoint; deltas and a plot."""
    model = context.resources.base_model
    data_dir = Path(context.resources.home.data_dir)
    checkpoints = latest_checkpoints(context, data_dir)
    usable = [c for c in checkpoints if is_local_checkpoint(c["path"])]
    base_name = model.model or next((c["base_model"] for c in checkpoints if c["base_model"]), "")
    metadata = {
        "base_model": base_name or "(none)",
        "checkpoints": len(usable),
        "checkpoints_unusable": MetadataValue.json([c for c in checkpoints if c not in usable]),
    }
    scores, labels = [], []
    generation: dict[str, dict] = {}
    cache_dir = str(Path(context.resources.home.cache_dir) / "model_under_test")
    livecodebench = Path(model.livecodebench) if model.livecodebench else None
    with context.resources.sandbox.open(code_from="base model") as box:
        for label, name in [(BASE, base_name)] + [(c["label"], c["path"]) for c in usable]:
            if not name:
                continue
            context.log.info(f"scoring {label}: {name}")
            stats: dict[str, dict] = {}
            for score in evaluate_model(
                model.client(name, cache_dir=cache_dir),
                box,
                model.sampling(),
                model.benchmarks,
                model.problem_limit,
                livecodebench,
                style=model.prompt_style,
                generation_stats=stats,
            ):
                scores.append(score)
                labels.append(label)
            for benchmark, figures in stats.items():
                generation[f"{label}/{benchmark}"] = figures
    if not scores:
        metadata["note"] = "no base model (VCOT_BASE_MODEL) and no usable checkpoint: nothing scored"
        return Output(
            StageOutput([], []),
            metadata={"dagster/row_count": 0, **metadata},
            data_version=DataVersion(content_hash([])),
        )
    rows = comparison_rows(scores, labels)
    plot = plot_scores(scores, labels, data_dir / "benchmark_scores" / "pass_at_1.png")
    metadata.update(
        {
            "dagster/row_count": len(scores),
            "comparison": MetadataValue.md(comparison_markdown(rows)),
            "plot": MetadataValue.md(image_markdown(plot)),
            "plot_path": MetadataValue.path(str(plot)),
            "problem_limit": model.problem_limit,
            "samples_per_problem": model.samples,
            "prompt_style": model.prompt_style,
            "generation": MetadataValue.json(generation),
        }
    )
    for key, figures in generation.items():
        metadata[f"{key}/tokens_per_s"] = figures.get("tokens_per_s", 0.0)
    for score, label in zip(scores, labels):
        for metric, value in score.pass_at.items():
            metadata[f"{label}/{score.benchmark}/{metric}"] = value
    for row in rows:
        if row["delta"] is not None:
            metadata[f"delta/{row['model']}/{row['benchmark']}/{row['metric']}"] = row["delta"]
    return Output(
        StageOutput(scores, []),
        metadata=metadata,
        data_version=DataVersion(content_hash([s.to_dict() for s in scores])),
    )
