"""Base vs fine-tuned table and plot."""

from vcot_assets.core.training_data.records import BenchmarkScore
from vcot_assets.evals.report import comparison_markdown, comparison_rows, plot_scores


def score(benchmark, pass_at):
    return BenchmarkScore(benchmark, "m", pass_at, problems=10, generations=50, executions=20)


SCORES = [
    score("cruxeval-output", {"pass@1": 34.21, "pass@5": 40.29}),
    score("cruxeval-output", {"pass@1": 41.0, "pass@5": 39.0}),
    score("humaneval", {"pass@1": 12.5}),
    score("humaneval", {"pass@1": 20.0}),
]
LABELS = ["base", "full-forward", "base", "full-forward"]


def test_rows_carry_signed_deltas_against_the_base():
    rows = comparison_rows(SCORES, LABELS)
    deltas = {(r["benchmark"], r["metric"]): r["delta"] for r in rows}
    assert deltas == {
        ("cruxeval-output", "pass@1"): 6.79,
        ("cruxeval-output", "pass@5"): -1.29,
        ("humaneval", "pass@1"): 7.5,
    }
    table = comparison_markdown(rows)
    assert "| cruxeval-output | pass@5 | full-forward | 40.29 | 39.00 | -1.29 |" in table


def test_without_checkpoints_the_base_scores_are_shown():
    rows = comparison_rows(SCORES[::2], LABELS[::2])
    assert [(r["model"], r["base"], r["delta"]) for r in rows] == [
        ("base", 34.21, None),
        ("base", 40.29, None),
        ("base", 12.5, None),
    ]


def test_plot_is_a_png(tmp_path):
    path = plot_scores(SCORES, LABELS, tmp_path / "plot.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
