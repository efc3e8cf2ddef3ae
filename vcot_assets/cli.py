"""The `vcot` command: one subcommand per module in `vcot_assets/commands/`."""

from __future__ import annotations

import importlib
import os
import sys

COMMANDS = {
    "run": "Materialize every per-batch asset through verified_dataset, then training_sets (incremental).",
    "ui": "Open the Dagster UI on a vcot home.",
    "export": "Write a training set (subset, view) as chat JSONL, as vcot trains on it.",
    "backfill": "Re-materialize an asset and everything downstream over batches.",
    "exec": "Run (solution, test) pairs in the sandbox; verdicts JSONL on stdout.",
    "trace": "Trace calls under pysnooper in the sandbox; traces JSONL on stdout.",
    "verify": "Verify rationales against traces; reports JSONL on stdout.",
    "eval": "Score benchmark generations (CRUXEval, HumanEval, LiveCodeBench-Exec).",
}


def usage() -> str:
    width = max(map(len, COMMANDS))
    lines = ["usage: vcot <command> [options]   (vcot <command> --help for its options)", "", "commands:"]
    lines += [f"  {name.ljust(width)}  {text}" for name, text in COMMANDS.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help"):
        print(usage())
        return 0
    name, rest = args[0], args[1:]
    if name not in COMMANDS:
        print(f"vcot: unknown command {name!r}\n\n{usage()}", file=sys.stderr)
        return 2
    # litellm looks up a remote price map on import unless told not to.
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    module = importlib.import_module(f"vcot_assets.commands.{name}_cmd")
    return int(module.main(rest) or 0)


if __name__ == "__main__":
    sys.exit(main())
