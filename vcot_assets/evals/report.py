"""Base vs fine-tuned: the comparison table with deltas, and a bar plot."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from pathlib import Path

from vcot_assets.core.training_data.records import BenchmarkScore

BASE = "base"


def comparison_rows(scores: Sequence[BenchmarkScore], labels: Sequence[str]) -> list[dict]:
    """One row per (benchmark, metric, fine-tuned model): base value, its value, the delta.

    `labels[i]` names `scores[i]`'s model: "base" or a checkpoint partition such as `full|forward`.
    """
    base = {
        (s.benchmark, metric): value
        for s, label in zip(scores, labels, strict=True)
        if label == BASE
        for metric, value in s.pass_at.items()
    }
    rows = []
    for score, label in zip(scores, labels, strict=True):
        if label == BASE:
            continue
        for metric, value in score.pass_at.items():
            before = base.get((score.benchmark, metric))
            rows.append(
                {
                    "benchmark": score.benchmark,
                    "metric": metric,
                    "model": label,
                    "base": before,
                    "fine_tuned": value,
                    "delta": None if before is None else round(value - before, 2),
                }
            )
    if not rows:  # no checkpoint yet: the base model's own scores
        rows = [
            {
                "benchmark": s.benchmark,
                "metric": metric,
                "model": BASE,
                "base": value,
                "fine_tuned": None,
                "delta": None,
            }
            for s, label in zip(scores, labels, strict=True)
            if label == BASE
            for metric, value in s.pass_at.items()
        ]
    return rows


def _cell(value) -> str:
    return "-" if value is None else f"{value:.2f}"


def comparison_markdown(rows: Sequence[dict]) -> str:
    lines = [
        "| benchmark | metric | fine-tuned | base | fine-tuned score | delta |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        delta = "-" if row["delta"] is None else f"{row['delta']:+.2f}"
        lines.append(
            f"| {row['benchmark']} | {row['metric']} | {row['model']} | {_cell(row['base'])} | "
            f"{_cell(row['fine_tuned'])} | {delta} |"
        )
    return "\n".join(lines)


def plot_scores(scores: Sequence[BenchmarkScore], labels: Sequence[str], path: Path, metric: str = "pass@1") -> Path:
    """Grouped bars: one group per benchmark, one bar per model (base first)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    benchmarks = sorted({s.benchmark for s in scores})
    models = [BASE] + sorted({label for label in labels if label != BASE})
    value = {(label, s.benchmark): s.pass_at.get(metric) for s, label in zip(scores, labels, strict=True)}
    width = 0.8 / max(1, len(models))
    figure, axes = plt.subplots(figsize=(max(6, 1.6 * len(benchmarks) * max(1, len(models)) / 2), 4))
    for index, model in enumerate(models):
        heights = [value.get((model, b)) or 0.0 for b in benchmarks]
        positions = [i + (index - (len(models) - 1) / 2) * width for i in range(len(benchmarks))]
        bars = axes.bar(positions, heights, width=width, label=model)
        axes.bar_label(bars, fmt="%.1f", fontsize=7)
    axes.set_xticks(range(len(benchmarks)))
    axes.set_xticklabels(benchmarks)
    axes.set_ylabel(f"{metric} (%)")
    axes.set_ylim(0, 100)
    axes.set_title(f"Base vs fine-tuned, {metric}")
    axes.legend(fontsize="small")
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return path


def image_markdown(path: Path) -> str:
    encoded = base64.b64encode(Path(path).read_bytes()).decode("ascii")
    return f"![benchmark scores](data:image/png;base64,{encoded})"
