"""`vcot exec [--backend local|docker] PAIRS.jsonl`: one verdict line per (code, test) pair.

Input lines: {"id": str, "code": str, "test": str}, where `test` is one `def test_...(): assert ...`
or a bare `assert ...`. Output lines, in input order, on stdout:
{"id", "status": "pass|fail|error|timeout|crash|resource|invalid", "detail"}.
Pairs that share their code run in one sandbox child, like a solution and its tests in Stage B.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from vcot_assets.commands.isolation import add_isolation_argument, allowance, announce
from vcot_assets.core.consensus.testcases import InvalidTest, parse_test
from vcot_assets.core.sandbox_records import SolutionRun
from vcot_assets.core.synthesis.records import TestCase
from vcot_assets.settings import SandboxLimits


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vcot exec", description=__doc__.splitlines()[0])
    parser.add_argument("pairs", help="JSONL file of {id, code, test}; '-' reads standard input")
    parser.add_argument("--backend", choices=("local", "docker"), default="local")
    parser.add_argument("--workers", type=int, default=None, help="sandbox workers (default: CPU count)")
    parser.add_argument("--cpu-seconds", type=float, default=SandboxLimits.cpu_seconds, help="CPU-time limit per test")
    parser.add_argument("--home", default=None, help="accepted for symmetry with other commands; unused")
    add_isolation_argument(parser)
    return parser


def read_pairs(lines: list[str]) -> tuple[list[str], dict[int, dict[str, str]], dict[int, tuple[str, TestCase]]]:
    """Ids in input order, verdicts decided without running, and (code, test) to run, by line."""
    ids: list[str] = []
    decided: dict[int, dict[str, str]] = {}
    runnable: dict[int, tuple[str, TestCase]] = {}
    for index, line in enumerate(lines):
        pair_id = f"line-{index + 1}"
        try:
            record: Any = json.loads(line)
        except ValueError as err:
            ids.append(pair_id)
            decided[index] = {"status": "invalid", "detail": f"malformed_input: not JSON ({err})"}
            continue
        if isinstance(record, dict) and isinstance(record.get("id"), (str, int)):
            pair_id = str(record["id"])
        ids.append(pair_id)
        if not isinstance(record, dict) or not all(isinstance(record.get(k), str) for k in ("code", "test")):
            decided[index] = {"status": "invalid", "detail": "malformed_input: needs string fields code and test"}
            continue
        try:
            test = parse_test(record["test"], test_id=str(index), instruction_id=pair_id)
        except InvalidTest as err:
            decided[index] = {"status": "invalid", "detail": f"{err.reason}: {err.detail}".rstrip(": ")}
            continue
        runnable[index] = (record["code"], test)
    return ids, decided, runnable


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.pairs == "-":
            text = sys.stdin.read()
        else:
            with open(args.pairs, encoding="utf-8") as handle:
                text = handle.read()
    except OSError as err:
        print(f"vcot exec: cannot read {args.pairs}: {err.strerror}", file=sys.stderr)
        return 2
    lines = [line for line in text.splitlines() if line.strip()]
    ids, decided, runnable = read_pairs(lines)

    runs: dict[str, SolutionRun] = {}  # one sandbox child per distinct code
    for code, test in runnable.values():
        runs.setdefault(code, SolutionRun(solution_id=f"code-{len(runs)}", code=code, tests=[])).tests.append(test)

    if runs:
        from vcot_assets.sandbox import open_sandbox
        from vcot_assets.sandbox.api import SandboxError

        limits = SandboxLimits(cpu_seconds=args.cpu_seconds)
        try:
            with open_sandbox(args.backend, limits, workers=args.workers, allow_reduced=allowance(args)) as box:
                announce("exec", box.isolation)
                verdicts = box.run_tests(list(runs.values()))
        except SandboxError as err:
            print(f"vcot exec: {err}", file=sys.stderr)
            return 2
        for verdict in verdicts:
            decided[int(verdict.test_id)] = {"status": verdict.status, "detail": verdict.detail}

    out = sys.stdout
    for index, pair_id in enumerate(ids):
        verdict = decided[index]
        out.write(json.dumps({"id": pair_id, "status": verdict["status"], "detail": verdict["detail"]}) + "\n")
    out.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
