"""Stage D: the base model's answers to the training problems, and the training sets.

Both assets read every batch of `verified_dataset` (a batch registered but never materialized
is skipped and counted in `missing_batches`).
"""

import json
from collections import Counter
from pathlib import Path

from dagster import (
    AssetCheckExecutionContext,
    AssetCheckResult,
    AssetCheckSeverity,
    AssetExecutionContext,
    AssetIn,
    DataVersion,
    MetadataValue,
    Output,
    asset,
    asset_check,
)

from vcot_assets.core.grounding.records import Sample
from vcot_assets.core.records import VIEWS, Rejection, StageOutput
from vcot_assets.core.training_data.dataset_card import STDLIB_LICENCE, USER_LICENCE, CardFacts, render_card
from vcot_assets.core.training_data.decontam import (
    BenchmarkIndex,
    DecontamConfig,
    deduplicate_and_decontaminate,
    extract_code,
    group_problems,
)
from vcot_assets.core.training_data.records import BaseModelAnswer
from vcot_assets.core.training_data.subsets import (
    SUBSETS,
    TRAINING_SETS_DIR,
    build_subsets,
    sample_row,
    subset_counts,
    training_set_path,
    write_subsets,
    wrong_answers,
)
from vcot_assets.defs.automation import SANDBOX_POOL, SANDBOX_RETRY
from vcot_assets.defs.code_versions import code_version
from vcot_assets.defs.common import content_hash, preview_markdown, record_metadata, rejection_table
from vcot_assets.evals.answerability import ask_base_model, grade_answers, training_questions
from vcot_assets.evals.programs import CHECKED, benchmark_programs, missing_sources
from vcot_assets.partitions import CONCEPT_BATCHES_NAME
from vcot_assets.resources.storage import read_jsonl

GROUP = "stage_d_training"
STAGE_D = dict(group_name=GROUP, owners=["team:vcot"])


def all_samples(context: AssetExecutionContext, by_batch: dict) -> tuple[list[Sample], dict]:
    """Samples of every materialized batch, in batch order, and batch counts for metadata."""
    registered = set(context.instance.get_dynamic_partitions(CONCEPT_BATCHES_NAME))
    samples = []
    for key in sorted(by_batch):
        samples.extend(s if isinstance(s, Sample) else Sample.from_dict(s) for s in by_batch[key] or [])
    missing = sorted(registered - set(by_batch))
    return samples, {
        "batches": len(by_batch),
        "missing_batches": len(missing),
        "missing_batch_keys": ", ".join(missing[:20]) + (" ..." if len(missing) > 20 else ""),
    }


@asset(
    **STAGE_D,
    kinds={"python", "sandbox"},
    required_resource_keys={"sandbox", "base_model"},
    pool=SANDBOX_POOL,
    retry_policy=SANDBOX_RETRY,
    code_version=code_version(__name__, "base_model_answers", resources=("sandbox", "base_model")),
    ins={"verified_dataset": AssetIn()},
    metadata=record_metadata("BaseModelAnswer"),
)
def base_model_answers(context: AssetExecutionContext, verified_dataset: dict) -> Output:
    """The base model's answer to each training problem's forward and backward question, graded
    by execution: the model-answerability subset keeps what it gets wrong."""
    samples, batch_meta = all_samples(context, verified_dataset)
    questions, rejections = training_questions(samples)
    model = context.resources.base_model
    metadata = {**batch_meta, "base_model": model.model or "(none)"}
    if not model.configured:
        metadata["note"] = "no base model configured (set VCOT_BASE_MODEL): no answers, empty answerability subset"
        return _records_output([], rejections, metadata)
    # The sandbox's workers start before any model client exists (no fork after litellm).
    with context.resources.sandbox.open(code_from="base model") as box:
        replies = ask_base_model(model.client(), questions, model.sampling(1)) if questions else []
        answers = grade_answers(questions, replies, box, model.model)
    for direction in ("forward", "backward"):
        graded = [a for a in answers if a.direction == direction]
        metadata[f"correct/{direction}"] = sum(a.correct for a in graded)
        metadata[f"asked/{direction}"] = len(graded)
    return _records_output(answers, rejections, metadata)


def _records_output(records: list, rejections: list[Rejection], metadata: dict) -> Output:
    rows = [r.to_dict() for r in records]
    metadata = {
        "dagster/row_count": len(records),
        "rejected": len(rejections),
        "rejections_by_reason": MetadataValue.md(rejection_table(rejections)),
        **metadata,
    }
    if records:
        metadata["preview"] = MetadataValue.md(preview_markdown(records[0]))
    return Output(StageOutput(records, rejections), metadata=metadata, data_version=DataVersion(content_hash(rows)))


@asset(
    **STAGE_D,
    kinds={"python", "parquet"},
    required_resource_keys={"home"},
    code_version=code_version(__name__, "training_sets"),
    ins={"verified_dataset": AssetIn(), "base_model_answers": AssetIn()},
    metadata=record_metadata("Sample"),
)
def training_sets(context: AssetExecutionContext, verified_dataset: dict, base_model_answers: list) -> Output:
    """All batches merged, deduplicated and decontaminated against the benchmarks, cut into the
    paper's subsets (full, answerability, difficulty) in three views, with a dataset card."""
    samples, batch_meta = all_samples(context, verified_dataset)
    config = DecontamConfig()
    programs, benchmarks = benchmark_programs()
    result = deduplicate_and_decontaminate(samples, programs, config)
    answers = [a if isinstance(a, BaseModelAnswer) else BaseModelAnswer.from_dict(a) for a in base_model_answers or []]
    subsets = build_subsets(result.kept, wrong_answers(answers) if answers else None)

    data_dir = Path(context.resources.home.data_dir)
    paths = write_subsets(data_dir, subsets)
    counts = subset_counts(subsets)
    card = render_card(_card_facts(data_dir, samples, result, counts, benchmarks, answers, batch_meta, config))
    card_path = data_dir / TRAINING_SETS_DIR / "README.md"
    card_path.write_text(card, encoding="utf-8")

    rows = [sample_row(s) for views in subsets.values() for items in views.values() for s in items]
    metadata = {
        "dagster/row_count": len(result.kept),
        **batch_meta,
        "problems_in": len(group_problems(samples)),
        "problems_kept": len(group_problems(result.kept)),
        "dropped": len(result.rejections),
        "dropped_by_reason": MetadataValue.md(rejection_table(result.rejections)),
        **{f"dropped/{reason}": n for reason, n in result.counts.items()},
        **{f"contaminated/{bench}": n for bench, n in result.counts_by_benchmark.items()},
        **{f"subset/{key}": n for key, n in counts.items()},
        "benchmarks_checked": MetadataValue.md(_benchmark_table(benchmarks)),
        **{f"benchmark/{b['name']}": int(b["problems"]) for b in benchmarks if b["status"] == CHECKED},
        "benchmarks_missing": len(missing_sources(benchmarks)),
        "dataset_dir": MetadataValue.path(str(data_dir / TRAINING_SETS_DIR)),
        "dataset_card": MetadataValue.md(card),
        "files": MetadataValue.json({k: str(p) for k, p in paths.items()}),
    }
    if result.kept:
        metadata["preview"] = MetadataValue.md(preview_markdown(result.kept[0]))
    return Output(
        StageOutput(result.kept, result.rejections), metadata=metadata, data_version=DataVersion(content_hash(rows))
    )


def _benchmark_table(benchmarks: list[dict[str, str]]) -> str:
    lines = ["| benchmark | programs | status | source |", "| --- | --- | --- | --- |"]
    return "\n".join(lines + [f"| {b['name']} | {b['problems']} | {b['status']} | {b['detail']} |" for b in benchmarks])


def _card_facts(
    data_dir: Path,
    samples: list[Sample],
    result,
    counts: dict[str, int],
    benchmarks: list[dict[str, str]],
    answers: list[BaseModelAnswer],
    batch_meta: dict,
    config: DecontamConfig,
) -> CardFacts:
    provenance = [s.provenance or {} for s in samples]
    batches = sorted({p.get("batch", "") for p in provenance if p.get("batch")})
    prompt_versions: dict[str, str] = {}
    for p in provenance:
        if p.get("prompt_versions"):
            try:
                prompt_versions.update(json.loads(p["prompt_versions"]))
            except (TypeError, ValueError):
                pass
    return CardFacts(
        counts=counts,
        problems_in=len(group_problems(samples)),
        problems_kept=len(group_problems(result.kept)),
        dropped_by_reason=result.counts,
        contaminated_by_benchmark=result.counts_by_benchmark,
        benchmarks=benchmarks,
        sources=_sources(data_dir, batches),
        teachers=sorted({p.get("teacher", "") for p in provenance if p.get("teacher")}),
        prompt_versions=prompt_versions,
        base_model=answers[0].model if answers else "",
        base_model_answers=len(answers),
        missing_batches=batch_meta["missing_batches"],
        python_versions=sorted({p.get("python_version", "") for p in provenance if p.get("python_version")}),
        pipeline_rejections=_pipeline_rejections(data_dir, batches),
        settings={
            "near-duplicate Jaccard": str(config.near_duplicate_jaccard),
            "n-gram size": f"{config.ngram_tokens} tokens",
            "n-gram containment": str(config.ngram_containment),
        },
    )


def _pipeline_rejections(data_dir: Path, batches: list[str]) -> dict[str, int]:
    """Rejections that the per-batch stages stored for these batches, by stage and reason."""
    counts: Counter[str] = Counter()
    for stored in sorted(data_dir.glob("*/*.rejections.jsonl")):
        if stored.name[: -len(".rejections.jsonl")] not in batches:
            continue
        for row in read_jsonl(stored):
            counts[f"{row.get('stage', stored.parent.name)}/{row.get('reason', 'unknown')}"] += 1
    return dict(counts)


def _sources(data_dir: Path, batches: list[str]) -> list[dict[str, str]]:
    """Documents behind the batches, from the stored `source_docs` records when present."""
    by_document: Counter[str] = Counter()
    for batch in batches:
        stored = data_dir / "source_docs" / f"{batch}.jsonl"
        document = batch.rsplit("-", 1)[0]
        if stored.is_file():
            rows = read_jsonl(stored)
            if rows:
                document = rows[0].get("batch", {}).get("doc_path", document) or document
        by_document[document] += 1
    return [
        {"document": doc, "batches": str(n), "licence": STDLIB_LICENCE if doc.startswith("stdlib:") else USER_LICENCE}
        for doc, n in sorted(by_document.items())
    ]


@asset_check(
    asset=training_sets,
    blocking=True,
    required_resource_keys={"home"},
    description="The files on disk hold what the trainer may use: every subset inside `full`, "
    "no sample twice, no benchmark program (re-checked from the written files), and every "
    "configured benchmark actually loaded.",
)
def training_sets_files_are_clean(context: AssetCheckExecutionContext) -> AssetCheckResult:
    data_dir = Path(context.resources.home.data_dir)
    problems: list[str] = []
    ids: dict[str, set[str]] = {}
    questions: dict[str, str] = {}
    for subset in SUBSETS:
        for view in VIEWS:
            path = training_set_path(data_dir, subset, view)
            if not path.is_file() or not path.with_suffix(".parquet").is_file():
                problems.append(f"missing {path} or its Parquet twin")
                continue
            rows = read_jsonl(path)
            seen = [r["sample_id"] for r in rows]
            if len(seen) != len(set(seen)):
                problems.append(f"{subset}/{view}: a sample appears twice")
            ids[f"{subset}-{view}"] = set(seen)
            for row in rows:
                questions.setdefault(row["sample_id"], Sample.from_dict(row).messages[0].get("content", ""))
    for key, members in ids.items():
        view = key.split("-", 1)[1]
        if not members <= ids.get(f"full-{view}", set()):
            problems.append(f"{key} holds samples that are not in full-{view}")
    programs, benchmarks = benchmark_programs()
    problems.extend(missing_sources(benchmarks))
    index = BenchmarkIndex(programs)
    leaks = [
        f"{sid}: {hit[1]}"
        for sid, text in sorted(questions.items())
        if (hit := index.match(extract_code(text))) is not None
    ]
    problems.extend(f"contaminated {leak}" for leak in leaks[:10])
    return AssetCheckResult(
        passed=not problems,
        severity=AssetCheckSeverity.ERROR,
        description="; ".join(problems) or None,
        metadata={
            "problems": MetadataValue.md("\n".join(f"- {p}" for p in problems) or "none"),
            "samples_checked": len(questions),
            "benchmarks_checked": MetadataValue.md(_benchmark_table(benchmarks)),
            **{f"benchmark/{b['name']}": int(b["problems"]) for b in benchmarks if b["status"] == CHECKED},
        },
    )
