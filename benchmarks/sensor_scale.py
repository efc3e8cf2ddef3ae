"""Documents-sensor evaluation time with N documents in the folder (default 10,000).

Times, on an ephemeral instance: the first ticks (every document new; the read budget spreads
them over ticks), a quiet tick (nothing changed: stat only), and a tick after one document
changed. Prints one figure a line and a JSON summary.

    python benchmarks/sensor_scale.py [--documents 10000]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dagster import DagsterInstance, build_sensor_context  # noqa: E402

from vcot_assets.defs.triggers.sensors import documents_sensor  # noqa: E402

TEXT = "The heapq module keeps a list ordered as a binary heap; heappush adds an item.\n\n"


def tick(instance: DagsterInstance, cursor: str | None):
    started = time.monotonic()
    result = documents_sensor(build_sensor_context(instance=instance, cursor=cursor))
    elapsed = time.monotonic() - started
    for request in result.dynamic_partitions_requests or []:
        if type(request).__name__ == "AddDynamicPartitionsRequest":
            instance.add_dynamic_partitions(request.partitions_def_name, list(request.partition_keys))
    return result, elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=10_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="vcot-sensor-"))
    os.environ["VCOT_DOCS"] = str(folder)
    try:
        for index in range(args.documents):
            (folder / f"doc{index:05d}.md").write_text(f"Document {index}.\n\n{TEXT * 3}", encoding="utf-8")
        instance = DagsterInstance.ephemeral()
        cursor, first_ticks = None, []
        while True:
            result, elapsed = tick(instance, cursor)
            cursor = result.cursor
            first_ticks.append(elapsed)
            if json.loads(cursor)["documents"] >= args.documents:
                break
        _, quiet = tick(instance, cursor)
        (folder / "doc00042.md").write_text("Changed.\n\n" + TEXT, encoding="utf-8")
        changed_result, changed = tick(instance, cursor)
        figures = {
            "documents": args.documents,
            "ticks_to_register_all": len(first_ticks),
            "slowest_registering_tick_s": round(max(first_ticks), 3),
            "quiet_tick_s": round(quiet, 3),
            "one_changed_tick_s": round(changed, 3),
            "runs_after_one_change": len(changed_result.run_requests),
            "cursor_bytes": len(cursor or ""),
            "state_file_bytes": sum(
                f.stat().st_size for f in (Path(instance.root_directory) / "vcot" / "documents_sensor").glob("*.json")
            ),
        }
        for key, value in figures.items():
            print(f"{key}: {value}")
        print(json.dumps(figures))
        return 0 if max(first_ticks + [quiet, changed]) < 5 else 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
