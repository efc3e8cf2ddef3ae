"""Asset storage under `<home>/data`: JSONL of records per partition, Parquet for tables.

A per-batch asset writes `<asset>/<batch>.jsonl` (records) and `<asset>/<batch>.rejections.jsonl`;
a DataFrame goes to `<asset>/<batch>.parquet`. Unpartitioned assets drop the batch level. A
downstream asset that reads many batches gets `{batch: value}`, missing batches left out.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pandas as pd
from dagster import ConfigurableIOManager, InputContext, OutputContext

from vcot_assets.core.records import Record, StageOutput, record_type

RECORD_TYPE_KEY = "vcot/record_type"
UNPARTITIONED = "all"


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    """Atomic: a killed run never leaves a half-written file behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + f".tmp{os.getpid()}")
    with tmp.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    os.replace(tmp, path)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def to_row(item: Any) -> dict[str, Any]:
    return item.to_dict() if isinstance(item, Record) else item


class VcotIOManager(ConfigurableIOManager):
    home: str

    def _base(self, asset_name: str, partition: str) -> Path:
        return Path(self.home) / "data" / asset_name / partition

    def asset_path(self, asset_name: str, partition: str = UNPARTITIONED, suffix: str = ".jsonl") -> Path:
        return self._base(asset_name, partition).with_suffix(suffix)

    def handle_output(self, context: OutputContext, obj: Any) -> None:
        asset_name = context.asset_key.path[-1]
        partition = context.partition_key if context.has_partition_key else UNPARTITIONED
        base = self._base(asset_name, partition)
        if isinstance(obj, StageOutput):
            write_jsonl(base.with_suffix(".jsonl"), [to_row(r) for r in obj.records])
            write_jsonl(base.with_suffix(".rejections.jsonl"), [r.to_dict() for r in obj.rejections])
        elif isinstance(obj, pd.DataFrame):
            base.parent.mkdir(parents=True, exist_ok=True)
            tmp = base.with_suffix(f".parquet.tmp{os.getpid()}")
            obj.to_parquet(tmp, index=False)
            os.replace(tmp, base.with_suffix(".parquet"))
        elif isinstance(obj, list):
            write_jsonl(base.with_suffix(".jsonl"), [to_row(r) for r in obj])
        elif isinstance(obj, dict):
            write_jsonl(base.with_suffix(".jsonl"), [obj])
        elif obj is not None:
            raise TypeError(f"vcot cannot store a {type(obj).__name__} for asset {asset_name}")

    def _load_one(self, asset_name: str, partition: str, record_type: type | None) -> Any:
        base = self._base(asset_name, partition)
        if base.with_suffix(".parquet").exists():
            return pd.read_parquet(base.with_suffix(".parquet"))
        rows = read_jsonl(base.with_suffix(".jsonl"))
        if record_type is not None:
            return [record_type.from_dict(row) for row in rows]
        return rows

    def load_input(self, context: InputContext) -> Any:
        asset_name = context.asset_key.path[-1]
        type_name = (context.upstream_output.definition_metadata or {}).get(RECORD_TYPE_KEY)
        stored_type = record_type(type_name) if type_name else None
        if not context.has_asset_partitions:
            return self._load_one(asset_name, UNPARTITIONED, stored_type)
        if context.has_partition_key:
            # A per-batch consumer, or an asset check inside one batch's run: that batch only.
            return self._load_one(asset_name, context.partition_key, stored_type)
        keys = context.asset_partition_keys
        loaded = {}
        for key in keys:
            if (
                self._base(asset_name, key).with_suffix(".jsonl").exists()
                or self._base(asset_name, key).with_suffix(".parquet").exists()
            ):
                loaded[key] = self._load_one(asset_name, key, stored_type)
        return loaded
