"""`vcot export`: one training set (subset and view) as chat JSONL, in the training-set schema.

The rows are exactly what `training_sets` wrote after merging every batch, deduplicating and
decontaminating: `{"sample_id", "view", "messages": [{"role", "content"}], "provenance": {str:
str}}`, so what a user exports is what `vcot` trains on. The per-batch `verified_dataset`
(before deduplication and decontamination) is not exported: read it from the UI or the asset
files if you need it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vcot_assets.commands.home import add_home_argument, prepare_home
from vcot_assets.core.records import VIEWS
from vcot_assets.core.training_data.subsets import SUBSETS, training_set_path

ALL_VIEWS = "all"


def training_set_files(data_dir: Path, subset: str, view: str) -> list[Path]:
    views = VIEWS if view == ALL_VIEWS else (view,)
    return [training_set_path(data_dir, subset, v) for v in views]


def failed_training_set_check(home: Path) -> str | None:
    """The problems of the latest `training_sets` check when it failed, else None."""
    from dagster import AssetCheckKey, AssetKey, DagsterInstance
    from dagster._core.storage.asset_check_execution_record import AssetCheckExecutionRecordStatus

    key = AssetCheckKey(AssetKey("training_sets"), "training_sets_files_are_clean")
    record = DagsterInstance.get().event_log_storage.get_latest_asset_check_execution_by_key([key]).get(key)
    if record is None or record.status != AssetCheckExecutionRecordStatus.FAILED:
        return None
    evaluation = record.event.dagster_event.event_specific_data if record.event else None
    problems = evaluation.metadata.get("problems") if evaluation is not None else None
    return problems.value if problems is not None else "see `vcot ui`"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="vcot export", description=__doc__)
    add_home_argument(parser)
    parser.add_argument("--subset", default="full", choices=SUBSETS, help="training subset (default: full)")
    parser.add_argument(
        "--view", default=ALL_VIEWS, choices=(*VIEWS, ALL_VIEWS), help="one view, or all three (default: all)"
    )
    parser.add_argument("--out", required=True, help="output JSONL file")
    args = parser.parse_args(argv)
    home = prepare_home(args.home)
    files = training_set_files(home / "data", args.subset, args.view)
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        print(
            f"vcot: no training set {args.subset}/{args.view} in {home} (missing {', '.join(missing)}): "
            f"run `vcot run --home {home}` first",
            file=sys.stderr,
        )
        return 1
    problems = failed_training_set_check(home)
    if problems is not None:
        print(
            f"vcot: the training sets in {home} failed their check, so they are not exported:\n{problems}\n"
            "fix what it names, then `vcot run` again",
            file=sys.stderr,
        )
        return 1
    lines = [line for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    print(f"wrote {len(lines)} samples of training set {args.subset}/{args.view} to {out}", file=sys.stderr)
    return 0 if lines else 1
