"""CRUXEval scoring rules on small hand-made problems (the published-score test is separate)."""

import json
from pathlib import Path

import pytest

from vcot_assets.evals import cruxeval
from vcot_assets.evals.common import BenchmarkDataError

DOUBLE = cruxeval.CruxProblem("sample_0", "def f(x):\n    return x * 2", "3", "6")
UPPER = cruxeval.CruxProblem("sample_1", "def f(s):\n    return s.upper()", "'ab'", "'AB'")


def test_output_prediction_counts_and_skips_copied_calls(run_scripts):
    generations = {
        "sample_0": ["6", "5", "f(3)", "6", "3 * 2"],  # f(3) copies the question
        "sample_1": ["'AB'"] * 5,
    }
    score = cruxeval.score(generations, "output", run_scripts, problems=[DOUBLE, UPPER])
    assert score.per_problem == {"sample_0": [4, 3], "sample_1": [5, 5]}
    assert score.pass_at["pass@1"] == round(100 * (3 / 4 + 1) / 2, 2)
    assert score.pass_at["pass@5"] == 100.0  # n - c < k scores 1 by the official rule
    assert score.executions == 4  # "6" once, "5", "3 * 2", "'AB'"


def test_input_prediction_runs_the_predicted_call(run_scripts):
    generations = {
        "sample_0": ["f(3)", "f(2)", "3", "f(x=3)", "f(1 + 2)"],
        "sample_1": ["f('ab')", "f('AB')", "f('aB')", "f('b')", "f(None)"],
    }
    score = cruxeval.score(generations, "input", run_scripts, problems=[DOUBLE, UPPER])
    # "3" has no `f(`: skipped, leaving n = 4.
    assert score.per_problem == {"sample_0": [4, 3], "sample_1": [5, 3]}


def test_no_pass_means_every_generation_counts_as_a_failure(run_scripts):
    generations = {"sample_0": ["f(3)", "7", "f(3)", "8", "9"], "sample_1": ["'AB'"] * 5}
    score = cruxeval.score(generations, "output", run_scripts, problems=[DOUBLE, UPPER])
    assert score.per_problem["sample_0"] == [5, 0]
    assert score.pass_at == {"pass@1": 50.0, "pass@5": 50.0}


def test_fewer_than_five_generations_reports_pass_at_1_only(run_scripts):
    score = cruxeval.score({"sample_0": ["6"], "sample_1": ["'AB'"]}, "output", run_scripts, problems=[DOUBLE, UPPER])
    assert score.pass_at == {"pass@1": 100.0}


def test_missing_and_unknown_problems_are_clear_errors(run_scripts):
    with pytest.raises(BenchmarkDataError, match="no generations for 1 of 2"):
        cruxeval.score({"sample_0": ["6"]}, "output", run_scripts, problems=[DOUBLE, UPPER])
    with pytest.raises(BenchmarkDataError, match="unknown problems"):
        cruxeval.score(
            {"sample_0": ["6"], "sample_1": ["1"], "sample_9": ["1"]}, "output", run_scripts, problems=[DOUBLE, UPPER]
        )
    with pytest.raises(ValueError, match="mode"):
        cruxeval.score({"sample_0": ["6"]}, "sideways", run_scripts, problems=[DOUBLE])


def test_data_path_from_environment(tmp_path, monkeypatch):
    data = tmp_path / "crux.jsonl"
    data.write_text(json.dumps({"id": "sample_0", "code": DOUBLE.code, "input": "3", "output": "6"}))
    monkeypatch.setenv("VCOT_CRUXEVAL", str(data))
    assert cruxeval.default_data_path() == data
    assert cruxeval.load_problems() == [DOUBLE]


def test_default_data_ships_in_the_package_with_its_licence(monkeypatch):
    monkeypatch.delenv("VCOT_CRUXEVAL", raising=False)
    path = cruxeval.default_data_path()
    package = Path(cruxeval.__file__).resolve().parents[1]
    assert path.is_relative_to(package), f"{path} is outside the installed package {package}"
    assert "MIT License" in (path.parent / "LICENSE").read_text()
    problems = cruxeval.load_problems(path)
    assert len(problems) == 800 and problems[0].problem_id == "sample_0"


def test_malformed_rows_are_reported(tmp_path):
    data = tmp_path / "bad.jsonl"
    data.write_text('{"id": "sample_0", "code": "def f(): pass"}\n')
    with pytest.raises(BenchmarkDataError, match="lacks text field"):
        cruxeval.load_problems(data)
