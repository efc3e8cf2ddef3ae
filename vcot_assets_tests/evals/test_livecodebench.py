"""LiveCodeBench-Exec from a user-supplied file, with the official skip rule."""

import json

import pytest

from vcot_assets.evals import livecodebench
from vcot_assets.evals.common import BenchmarkDataError

ROWS = [
    {
        "question_id": "q1",
        "contest_id": "c",
        "contest_date": "2023-09-01",
        "difficulty": "easy",
        "function_name": "countPairs",
        "id": "sample_0",
        "problem_id": "p1",
        "numsteps": 10,
        "code": "def countPairs(nums):\n    return sum(1 for a, b in combinations(nums, 2) if a < b)",
        "input": "countPairs(nums = [1, 2, 3])",
        "output": "3",
    },
    {
        "question_id": "q2",
        "contest_id": "c",
        "contest_date": "2023-09-02",
        "difficulty": "medium",
        "function_name": "total",
        "id": "sample_1",
        "problem_id": "p2",
        "numsteps": 5,
        "code": "def total(xs):\n    return int(np.sum(xs))",
        "input": "total(xs = [1, 2])",
        "output": "3",
    },
]


@pytest.fixture
def data_file(tmp_path):
    path = tmp_path / "execution-v2.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in ROWS))
    return path


def test_scores_with_the_official_skip_rule(data_file, runner):
    problems = livecodebench.load_problems(data_file)
    generations = {
        # the copied call is skipped; an expression is read as what it is, not run
        "sample_0": ["3", "2", "countPairs(nums = [1, 2, 3])", "3", "1 + 2"],
        "sample_1": ["3", "4"] + ["total(xs = [1, 2])"] * 3,
    }
    score = livecodebench.score(generations, runner, problems=problems)
    assert score.per_problem == {"sample_0": [4, 2], "sample_1": [2, 1]}
    assert score.benchmark == "livecodebench-exec"


def test_nothing_executed_counts_every_generation_as_a_failure(data_file, runner):
    problems = livecodebench.load_problems(data_file)
    generations = {"sample_0": ["3"] * 5, "sample_1": ["total(xs = [1, 2])"] * 5}
    score = livecodebench.score(generations, runner, problems=problems)
    assert score.per_problem["sample_1"] == [5, 0]
    assert score.pass_at == {"pass@1": 50.0, "pass@5": 50.0}


def test_missing_fields_are_reported(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"id": "x", "code": "def f(): pass"}))
    with pytest.raises(BenchmarkDataError, match="lacks text field"):
        livecodebench.load_problems(path)
