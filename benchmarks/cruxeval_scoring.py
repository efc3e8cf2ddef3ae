"""CRUXEval scoring through the sandbox: published scores, and how fast the checks run.

    python benchmarks/cruxeval_scoring.py [--workers 2]

Prints, per task, pass@1/pass@5 of the benchmark authors' CodeLlama-7B sample generations
(published: input 35.95 / 44.99, output 34.21 / 40.29), the number of checks, of distinct
checks and of sandbox children by kind, and the wall time.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from vcot_assets.evals import cruxeval  # noqa: E402
from vcot_assets.evals.common import EmptyRule, load_generations, problem_counts  # noqa: E402
from vcot_assets.evals.execution import judge  # noqa: E402
from vcot_assets.evals.passk import mean_pass_at_k  # noqa: E402
from vcot_assets.sandbox import open_sandbox  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    problems = cruxeval.load_problems()
    samples = cruxeval.published_samples_dir()
    with open_sandbox("local", workers=args.workers) as box:
        print(f"sandbox: local, {args.workers} workers, isolation {box.isolation}")
        for mode in ("input", "output"):
            generations = load_generations(samples / f"codellama-7b_temp0.2_{mode}.generations.json")
            started = time.perf_counter()
            plans = cruxeval.plan(problems, generations, mode)
            verdicts, stats = judge((c for plan in plans for c in plan.checks if c is not None), box)
            checked = time.perf_counter() - started
            counts = [problem_counts(plan, verdicts, EmptyRule.NO_PASS) for plan in plans]
            print(
                f"{mode:6s} pass@1 {mean_pass_at_k(counts, 1):.2f} pass@5 {mean_pass_at_k(counts, 5):.2f} | "
                f"checks {stats.checks}, distinct {stats.distinct}, read as literals {stats.literal}, "
                f"argument children {stats.argument_children}, call children {stats.call_children} | "
                f"{checked:.1f} s"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
