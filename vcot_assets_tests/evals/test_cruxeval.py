"""CRUXEval scoring rules on small hand-made problems (the published-score test is separate)."""

import json
from pathlib import Path

import pytest

from vcot_assets.evals import cruxeval
from vcot_assets.evals.common import BenchmarkDataError

DOUBLE = cruxeval.CruxProblem("sample_0", "def f(x):\n    return x * 2", "3", "6")
UPPER = cruxeval.CruxProblem("sample_1", "def f(s):\n    return s.upper()", "'ab'", "'AB'")


def test_output_prediction_counts_and_skips_copied_calls(runner):
    generations = {
        "sample_0": ["6", "5", "f(3)", "6", "6.0"],  # f(3) copies the question
        "sample_1": ["'AB'"] * 5,
    }
    score = cruxeval.score(generations, "output", runner, problems=[DOUBLE, UPPER])
    assert score.per_problem == {"sample_0": [4, 3], "sample_1": [5, 5]}
    assert score.pass_at["pass@1"] == round(100 * (3 / 4 + 1) / 2, 2)
    assert score.pass_at["pass@5"] == 100.0  # n - c < k scores 1 by the official rule
    assert score.executions == 4  # "6" once, "5", "6.0", "'AB'"


def test_output_predictions_are_literals_never_run(runner):
    # The official check would evaluate `3 * 2` (and the others): here an expression is wrong,
    # so a generation cannot compute, read or forge the expected value.
    generations = {
        "sample_0": [
            "3 * 2",
            "__import__('os')._exit(0)",
            "[__import__('sys')._getframe(1).f_globals.clear(), 6][1]",
            "6 if True else 0",
            "int('6')",
        ],
        "sample_1": ["'AB'"] * 5,
    }
    score = cruxeval.score(generations, "output", runner, problems=[DOUBLE, UPPER])
    assert score.per_problem["sample_0"] == [5, 0]


def test_input_prediction_runs_the_predicted_call(runner):
    generations = {
        "sample_0": ["f(3)", "f(2)", "3", "f(x=3)", "f(1 + 2)"],
        "sample_1": ["f('ab')", "f('AB')", "f('aB')", "f('b')", "f(None)"],
    }
    score = cruxeval.score(generations, "input", runner, problems=[DOUBLE, UPPER])
    # "3" has no `f(`: skipped, leaving n = 4; `f(1 + 2)` has its argument evaluated apart.
    assert score.per_problem == {"sample_0": [4, 3], "sample_1": [5, 3]}


def test_input_prediction_must_be_a_call_of_f_with_values_for_arguments(runner):
    generations = {
        "sample_0": [
            "f(3) if True else f(0)",  # not a call of f: the official check would run it
            "f(3) == 6 or f(3)",
            "f(*[3])",  # unpacked arguments are evaluated apart, then passed as values
            "f(**{'x': 3})",
            "f(lambda: 3)",  # code, not a value: it cannot be passed to the child holding f
        ],
        "sample_1": ["f('ab')"] * 5,
    }
    score = cruxeval.score(generations, "input", runner, problems=[DOUBLE, UPPER])
    assert score.per_problem["sample_0"] == [5, 2]


def test_no_pass_means_every_generation_counts_as_a_failure(runner):
    generations = {"sample_0": ["f(3)", "7", "f(3)", "8", "9"], "sample_1": ["'AB'"] * 5}
    score = cruxeval.score(generations, "output", runner, problems=[DOUBLE, UPPER])
    assert score.per_problem["sample_0"] == [5, 0]
    assert score.pass_at == {"pass@1": 50.0, "pass@5": 50.0}


def test_fewer_than_five_generations_reports_pass_at_1_only(runner):
    score = cruxeval.score({"sample_0": ["6"], "sample_1": ["'AB'"]}, "output", runner, problems=[DOUBLE, UPPER])
    assert score.pass_at == {"pass@1": 100.0}


def test_missing_and_unknown_problems_are_clear_errors(runner):
    with pytest.raises(BenchmarkDataError, match="no generations for 1 of 2"):
        cruxeval.score({"sample_0": ["6"]}, "output", runner, problems=[DOUBLE, UPPER])
    with pytest.raises(BenchmarkDataError, match="unknown problems"):
        cruxeval.score(
            {"sample_0": ["6"], "sample_1": ["1"], "sample_9": ["1"]}, "output", runner, problems=[DOUBLE, UPPER]
        )
    with pytest.raises(ValueError, match="mode"):
        cruxeval.score({"sample_0": ["6"]}, "sideways", runner, problems=[DOUBLE])


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
