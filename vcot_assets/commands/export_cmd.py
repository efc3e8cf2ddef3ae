"""`vcot export`: one view of the verified dataset as chat JSONL (`messages` + provenance)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from vcot_assets.commands.home import add_home_argument, prepare_home
from vcot_assets.core.records import VIEWS


def registered_batches(home: Path) -> list[str]:
    from dagster import DagsterInstance

    from vcot_assets.partitions import CONCEPT_BATCHES_NAME

    return list(DagsterInstance.get().get_dynamic_partitions(CONCEPT_BATCHES_NAME))


def read_samples(home: Path, batches: list[str]) -> list[dict]:
    """Samples of the given batches, in batch order; a batch not yet materialized is skipped."""
    samples = []
    for batch in batches:
        path = home / "data" / "verified_dataset" / f"{batch}.jsonl"
        if path.exists():
            samples.extend(json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return samples


def export_row(sample: dict) -> dict:
    """Flat row: every provenance value is a string, so each column has one type."""
    return {
        "id": sample["sample_id"],
        "view": sample["view"],
        "messages": sample["messages"],
        **{k: str(v) for k, v in sorted(sample["provenance"].items())},
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="vcot export", description=__doc__)
    add_home_argument(parser)
    parser.add_argument("--view", required=True, choices=VIEWS)
    parser.add_argument("--out", required=True, help="output JSONL file")
    args = parser.parse_args(argv)
    home = prepare_home(args.home)
    rows = [export_row(s) for s in read_samples(home, registered_batches(home)) if s["view"] == args.view]
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} {args.view} samples to {out}", file=sys.stderr)
    return 0 if rows else 1
