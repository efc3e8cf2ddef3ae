import json
import os
import subprocess
import sys
from pathlib import Path

from vcot_assets.commands import exec_cmd

REPO = Path(__file__).resolve().parents[2]
ADD = "def add(a, b):\n    return a + b\n"


def run_cli(args, hash_seed=0, stdin=None):
    env = dict(os.environ, PYTHONHASHSEED=str(hash_seed), PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-m", "vcot_assets.commands.exec_cmd", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    return done.returncode, [json.loads(line) for line in done.stdout.splitlines()], done.stderr


def test_verdicts_do_not_depend_on_hash_seed_or_run(tmp_path):
    set_order = "def f():\n    return list({'apple', 'banana', 'cherry', 'date', 'elder'})\n"
    pairs = [
        {
            "id": "order",
            "code": set_order,
            "test": "assert f() == " + repr(list({"apple", "banana", "cherry", "date", "elder"})),
        },
        {"id": "ok", "code": ADD, "test": "def test_add():\n    assert add(1, 2) == 3"},
        {"id": "bad", "code": ADD, "test": "assert add(1, 2) > 3"},
    ]
    path = tmp_path / "pairs.jsonl"
    path.write_text("".join(json.dumps(p) + "\n" for p in pairs))
    args = [str(path), "--workers", "1", "--cpu-seconds", "0.5"]
    first = run_cli(args, hash_seed=1)
    assert first[0] == 0
    assert first[1] == run_cli(args, hash_seed=2)[1] == run_cli(args, hash_seed=1)[1]
    assert [r["id"] for r in first[1]] == ["order", "ok", "bad"]
    assert [r["status"] for r in first[1][1:]] == ["pass", "invalid"]


def test_every_input_line_gets_a_verdict_in_order_from_stdin():
    lines = [
        json.dumps({"id": "p", "code": ADD, "test": "assert add(2, 2) == 4"}),
        "{not json",
        json.dumps({"id": "no-code", "test": "assert add(1, 1) == 2"}),
        json.dumps(
            {"id": "loop", "code": "def add(a, b):\n    while True:\n        pass\n", "test": "assert add(1, 1) == 2"}
        ),
        json.dumps({"id": "two", "code": ADD, "test": "assert add(1, 1) == 2\nassert add(0, 0) == 0"}),
    ]
    code, verdicts, _ = run_cli(
        ["-", "--workers", "1", "--cpu-seconds", "0.2", "--home", "/nowhere"], stdin="\n".join(lines) + "\n"
    )
    assert code == 0
    assert [(v["id"], v["status"]) for v in verdicts] == [
        ("p", "pass"),
        ("line-2", "invalid"),
        ("no-code", "invalid"),
        ("loop", "timeout"),
        ("two", "invalid"),
    ]
    assert verdicts[4]["detail"].startswith("multiple_statements")


def test_unreadable_input_is_a_clear_error(capsys):
    assert exec_cmd.main(["/nonexistent/pairs.jsonl"]) == 2
    assert "cannot read /nonexistent/pairs.jsonl" in capsys.readouterr().err
