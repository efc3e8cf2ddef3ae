"""`python -m vcot_offline [--seed N] < prompt.txt`: print the offline answer.

Handy for looking at what the offline teacher says to one rendered prompt.
"""

from __future__ import annotations

import argparse
import sys

from .answer import answer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m vcot_offline", description=__doc__)
    parser.add_argument("--seed", type=int, default=0, help="the request's seed (a candidate's sample index)")
    args = parser.parse_args(argv)
    print(answer(sys.stdin.read(), args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
