"""`vcot eval` end to end: generations file in, one JSON line out."""

import json
import subprocess
import sys
from pathlib import Path

from vcot_assets.commands import eval_cmd

REPO = Path(__file__).resolve().parents[2]


def _crux_data(tmp_path):
    data = tmp_path / "crux.jsonl"
    rows = [
        {"id": "sample_0", "code": "def f(x):\n    return x * 2", "input": "3", "output": "6"},
        {"id": "sample_1", "code": "def f(s):\n    return s[::-1]", "input": "'ab'", "output": "'ba'"},
    ]
    data.write_text("\n".join(json.dumps(r) for r in rows))
    return data


def test_cruxeval_output_prints_scores_last(tmp_path, capsys):
    generations = tmp_path / "gens.json"
    generations.write_text(json.dumps({"sample_0": ["6", "7", "6", "6", "12"], "sample_1": ["'ba'"] * 5}))
    code = eval_cmd.main(
        [
            "cruxeval",
            "--mode",
            "output",
            "--generations",
            str(generations),
            "--data",
            str(_crux_data(tmp_path)),
            "--workers",
            "1",
            "--details",
            str(tmp_path / "details.json"),
        ]
    )
    assert code == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert json.loads(last) == {"pass@1": 80.0, "pass@5": 100.0, "problems": 2}
    details = json.loads((tmp_path / "details.json").read_text())
    assert details["per_problem"] == {"sample_0": [5, 3], "sample_1": [5, 5]}


def test_bad_input_is_a_clear_error(tmp_path, capsys):
    generations = tmp_path / "gens.json"
    generations.write_text(json.dumps({"sample_0": ["6"]}))
    code = eval_cmd.main(
        [
            "cruxeval",
            "--mode",
            "input",
            "--generations",
            str(generations),
            "--data",
            str(_crux_data(tmp_path)),
            "--workers",
            "1",
        ]
    )
    assert code == 2
    assert "no generations for 1 of 2 problems" in capsys.readouterr().err


def test_humaneval_jsonl_generations_in_a_subprocess(tmp_path):
    from vcot_assets.evals import humaneval

    problems = humaneval.load_problems()
    data = tmp_path / "he.jsonl"
    data.write_text(
        "\n".join(
            json.dumps(
                {
                    "task_id": p.problem_id,
                    "prompt": p.prompt,
                    "entry_point": p.entry_point,
                    "canonical_solution": p.canonical_solution,
                    "test": p.test,
                }
            )
            for p in problems[:3]
        )
    )
    samples = tmp_path / "samples.jsonl"
    samples.write_text(
        "\n".join(
            json.dumps({"task_id": p.problem_id, "completion": c})
            for p in problems[:3]
            for c in (p.canonical_solution, "    pass\n")
        )
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "vcot_assets.commands.eval_cmd",
            "humaneval",
            "--generations",
            str(samples),
            "--data",
            str(data),
            "--workers",
            "1",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {"pass@1": 50.0, "problems": 3}
