"""The dataset card (`README.md`) of the training sets, in the Hugging Face card format.

Its YAML header declares one config per subset and view, so `datasets.load_dataset(<dir>,
"full-forward")` loads exactly that file; the body says where the data came from (documents and
their licences, teacher, prompt versions), what was dropped and why, and against which
benchmarks it was decontaminated.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from vcot_assets.core.records import VIEWS
from vcot_assets.core.training_data.subsets import SUBSETS

STDLIB_LICENCE = "PSF-2.0 (Python standard library documentation)"
USER_LICENCE = "as supplied by the user (not recorded: check the document)"
BENCHMARK_LICENCES = {"cruxeval": "MIT", "humaneval": "MIT", "livecodebench": "CC-BY-4.0 (per the dataset card)"}

_REASONS = {
    "exact_duplicate": "same instruction, code and call as a kept problem",
    "near_duplicate": "word 3-gram Jaccard similarity with a kept problem at or above the threshold",
    "contaminated_ast": "a function or class equal to a benchmark program's after renaming identifiers",
    "contaminated_ngram": "contains at least the threshold share of a benchmark program's token n-grams",
}


@dataclass
class CardFacts:
    counts: Mapping[str, int]  # `<subset>-<view>` -> samples
    problems_in: int
    problems_kept: int
    dropped_by_reason: Mapping[str, int]
    contaminated_by_benchmark: Mapping[str, int]
    benchmarks: Sequence[Mapping[str, str]]  # name, problems, status
    sources: Sequence[Mapping[str, str]]  # document, batches, licence
    teachers: Sequence[str]
    prompt_versions: Mapping[str, str]
    base_model: str = ""
    base_model_answers: int = 0
    missing_batches: int = 0
    python_versions: Sequence[str] = field(default_factory=list)
    settings: Mapping[str, str] = field(default_factory=dict)
    pipeline_rejections: Mapping[str, int] = field(default_factory=dict)  # "<stage>/<reason>" -> count
    licence: str = "other"


def render_card(facts: CardFacts) -> str:
    lines = [
        "---",
        f"license: {facts.licence}",
        "language:",
        "- en",
        "tags:",
        "- code",
        "- chain-of-thought",
        "- execution-traces",
        "configs:",
    ]
    for subset in SUBSETS:
        for view in VIEWS:
            lines += [
                f"- config_name: {subset}-{view}",
                "  data_files:",
                "  - split: train",
                f"    path: {subset}/{view}.parquet",
            ]
    lines += [
        "---",
        "",
        "# vcot training sets",
        "",
        "Chat samples whose every reasoning step was checked against a real execution trace "
        "(forward: input to output; backward: output to input; bi-directional: both in one "
        "conversation). Each subset and view is one JSONL file (`<subset>/<view>.jsonl`, what "
        "the trainer reads) and the same rows as Parquet, which the configs above load.",
        "",
        "## Subsets",
        "",
        "| subset | forward | backward | bidirectional |",
        "| --- | --- | --- | --- |",
    ]
    for subset in SUBSETS:
        lines.append(f"| {subset} | " + " | ".join(str(facts.counts.get(f"{subset}-{v}", 0)) for v in VIEWS) + " |")
    answered = (
        f"answers of `{facts.base_model}` to {facts.base_model_answers} training questions"
        if facts.base_model
        else "no base model configured, so this subset is empty"
    )
    lines += [
        "",
        "- full: every problem kept after deduplication and decontamination.",
        f"- answerability: problems the base model answers wrongly ({answered}).",
        "- difficulty: problems of medium or hard difficulty.",
        "",
        "## Sources",
        "",
        "| document | batches | licence |",
        "| --- | --- | --- |",
    ]
    for source in facts.sources:
        lines.append(f"| {source.get('document', '')} | {source.get('batches', '')} | {source.get('licence', '')} |")
    if not facts.sources:
        lines.append("| (none) | 0 | |")
    teachers = ", ".join(f"`{t}`" for t in facts.teachers) or "(none recorded)"
    lines += ["", f"Teacher: {teachers}.", ""]
    if facts.prompt_versions:
        lines += ["Prompt versions (content hashes of the templates):", "", "| template | version |", "| --- | --- |"]
        lines += [f"| {name} | `{version}` |" for name, version in sorted(facts.prompt_versions.items())]
        lines.append("")
    if facts.python_versions:
        lines += [f"Traces recorded with Python {', '.join(facts.python_versions)}.", ""]
    lines += [
        "## What was dropped",
        "",
        f"{facts.problems_in} problems came in from the verified batches; {facts.problems_kept} were kept. "
        f"Batches registered but not materialized (skipped): {facts.missing_batches}.",
        "",
        "| reason | problems | meaning |",
        "| --- | --- | --- |",
    ]
    for reason, meaning in _REASONS.items():
        lines.append(f"| {reason} | {facts.dropped_by_reason.get(reason, 0)} | {meaning} |")
    if facts.pipeline_rejections:
        lines += [
            "",
            "Rejected on the way, in every stage of the included batches (each a checked failure: "
            "malformed teacher output, disagreeing candidates, ungrounded reasoning, ...):",
            "",
            "| stage | reason | count |",
            "| --- | --- | --- |",
        ]
        for key, count in sorted(facts.pipeline_rejections.items(), key=lambda kv: (-kv[1], kv[0])):
            stage, _, reason = key.partition("/")
            lines.append(f"| {stage} | {reason} | {count} |")
    lines += [
        "",
        "## Decontamination",
        "",
        "| benchmark | programs | licence | status | problems dropped |",
        "| --- | --- | --- | --- | --- |",
    ]
    for bench in facts.benchmarks:
        name = bench.get("name", "")
        lines.append(
            f"| {name} | {bench.get('problems', '')} | {BENCHMARK_LICENCES.get(name, '')} | "
            f"{bench.get('status', '')} | {facts.contaminated_by_benchmark.get(name, 0)} |"
        )
    if facts.settings:
        lines += ["", "Settings: " + ", ".join(f"{k} = {v}" for k, v in sorted(facts.settings.items())) + "."]
    lines += [
        "",
        "## Loading",
        "",
        "```python",
        "from datasets import load_dataset",
        'full_forward = load_dataset("<this folder>", "full-forward", split="train")',
        "```",
        "",
    ]
    return "\n".join(lines)
