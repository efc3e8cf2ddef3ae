"""CRUXEval scoring through the sandbox: published scores, and how fast the checks run.

    python benchmarks/cruxeval_scoring.py [--workers 2] [--reference]

Prints, per task, pass@1/pass@5 of the benchmark authors' CodeLlama-7B sample generations
(published: input 35.95 / 44.99, output 34.21 / 40.29), the number of checks, of distinct
programs and of sandbox scripts, and the wall time. `--reference` also scores with one plain
sandbox script per distinct program (the slow path the check batch must agree with).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from vcot_assets.evals import cruxeval  # noqa: E402
from vcot_assets.evals.common import EmptyRule, load_generations, problem_counts  # noqa: E402
from vcot_assets.evals.execution import run_checks  # noqa: E402
from vcot_assets.evals.passk import mean_pass_at_k  # noqa: E402
from vcot_assets.sandbox import open_sandbox  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--reference", action="store_true")
    args = parser.parse_args()
    problems = cruxeval.load_problems()
    samples = cruxeval.published_samples_dir()
    with open_sandbox("local", workers=args.workers) as box:
        print(f"sandbox: local, {args.workers} workers, isolation {box.isolation}")
        for mode in ("input", "output"):
            generations = load_generations(samples / f"codellama-7b_temp0.2_{mode}.generations.json")
            paths = [("batched", True)] + ([("reference", False)] if args.reference else [])
            for label, batched in paths:
                started = time.perf_counter()
                plans = cruxeval.plan(problems, generations, mode)
                verdicts, stats = run_checks(
                    [[p for p in plan.programs if p] for plan in plans], box.run_scripts, batched=batched
                )
                checked = time.perf_counter() - started
                counts = [problem_counts(plan, verdicts, EmptyRule.NO_PASS) for plan in plans]
                print(
                    f"{mode:6s} {label:9s} pass@1 {mean_pass_at_k(counts, 1):.2f} "
                    f"pass@5 {mean_pass_at_k(counts, 5):.2f} | "
                    f"checks {stats.checks}, distinct {stats.distinct}, check batch scripts {stats.batch_scripts}, "
                    f"plain scripts {stats.single_scripts} | {checked:.1f} s"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
