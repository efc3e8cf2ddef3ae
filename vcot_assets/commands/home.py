"""What every `vcot` subcommand does first: find the home and make it a Dagster instance."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from vcot_assets.instance_config import write_instance_yaml
from vcot_assets.resources.home import resolve_home


def add_home_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--home", default=None, help="vcot home = DAGSTER_HOME (default: $VCOT_HOME, else ./.vcot)")


def prepare_home(explicit: str | None) -> Path:
    """Create the home, write `<home>/dagster.yaml` from the repo's template, point Dagster at it.

    Must run before `vcot_assets.definitions` is imported: the definitions read the home from
    the environment.
    """
    home = resolve_home(explicit)
    write_instance_yaml(home)
    os.environ["VCOT_HOME"] = str(home)
    os.environ["DAGSTER_HOME"] = str(home)
    return home
