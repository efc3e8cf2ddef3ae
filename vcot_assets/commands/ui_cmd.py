"""`vcot ui`: the Dagster UI (webserver and daemon) on a vcot home."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

from vcot_assets.commands.home import add_home_argument, prepare_home


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="vcot ui", description=__doc__)
    add_home_argument(parser)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", default="3000")
    args = parser.parse_args(argv)
    home = prepare_home(args.home)
    print(f"Dagster UI on http://{args.host}:{args.port} for home {home}", file=sys.stderr)
    command = [
        sys.executable,
        "-m",
        "dagster",
        "dev",
        "-m",
        "vcot_assets.definitions",
        "-h",
        args.host,
        "-p",
        str(args.port),
    ]
    return subprocess.call(command, env=dict(os.environ))
