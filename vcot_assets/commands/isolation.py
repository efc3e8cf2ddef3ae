"""The reduced-isolation policy as the commands offer it: one flag, and saying what applies."""

from __future__ import annotations

import argparse
import sys

FLAG_HELP = (
    "run model-written code even where the sandbox cannot isolate it fully (no bubblewrap or user "
    "namespaces); also VCOT_ALLOW_REDUCED_ISOLATION=1"
)


def add_isolation_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--allow-reduced-isolation", action="store_true", help=FLAG_HELP)


def allowance(args: argparse.Namespace, teacher: str | None = None) -> str | None:
    """Why code may run below full isolation in this command, or None (see the sandbox's policy)."""
    from vcot_assets.sandbox.api import reduced_isolation_allowance

    return reduced_isolation_allowance(flag=args.allow_reduced_isolation, teacher=teacher)


def announce(command: str, isolation: str) -> None:
    """Reduced isolation is said out loud, on standard error (standard output carries results)."""
    if isolation != "full":
        print(f"vcot {command}: sandbox isolation {isolation}", file=sys.stderr)


def check_run_isolation(backend: str, teacher: str) -> bool:
    """`vcot run` says at the start how isolated the teacher's code will be, and stops early when
    the policy forbids running it (False after saying why)."""
    from vcot_assets.sandbox.api import ReducedIsolation, SandboxError, open_sandbox, reduced_isolation_allowance

    try:
        with open_sandbox(backend, workers=1, allow_reduced=reduced_isolation_allowance(teacher=teacher)) as box:
            print(f"sandbox: {backend}, isolation {box.isolation}")
    except ReducedIsolation as err:
        print(f"vcot run: {err}", file=sys.stderr)
        return False
    except SandboxError as err:
        print(f"vcot run: the sandbox does not start: {err}", file=sys.stderr)
        return False
    return True
