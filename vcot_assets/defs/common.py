"""What every stage asset shares: the settings, metadata, content data versions."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any

from dagster import DataVersion, MetadataValue, Output

from vcot_assets.core.records import Record, Rejection, StageOutput
from vcot_assets.resources.storage import RECORD_TYPE_KEY, to_row
from vcot_assets.settings import settings_from_env

SETTINGS = settings_from_env()


def record_metadata(record_type: str) -> dict[str, str]:
    return {RECORD_TYPE_KEY: record_type}


def content_hash(rows: list[dict[str, Any]]) -> str:
    digest = hashlib.sha256()
    for row in rows:
        digest.update(json.dumps(row, sort_keys=True, ensure_ascii=False).encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()[:24]


def preview_markdown(record: Any, limit: int = 2500) -> str:
    text = json.dumps(to_row(record), indent=2, ensure_ascii=False)
    if len(text) > limit:
        text = text[:limit] + "\n... (cut for the preview)"
    return f"```json\n{text}\n```"


def rejection_table(rejections: list[Rejection]) -> str:
    counts = Counter(r.reason for r in rejections)
    if not counts:
        return "no rejections"
    lines = ["| reason | count |", "| --- | --- |"]
    lines += [f"| {reason} | {count} |" for reason, count in counts.most_common()]
    return "\n".join(lines)


def stage_output(records: list[Any], rejections: list[Rejection], extra: dict[str, Any] | None = None) -> Output:
    """An Output with row counts, rejections by reason, a preview and a content data version."""
    rows = [to_row(r) for r in records]
    metadata: dict[str, Any] = {
        "dagster/row_count": len(records),
        "rejected": len(rejections),
        "rejections_by_reason": MetadataValue.md(rejection_table(rejections)),
    }
    for reason, count in Counter(r.reason for r in rejections).items():
        metadata[f"rejected/{reason}"] = count
    if records:
        metadata["preview"] = MetadataValue.md(preview_markdown(records[0]))
    metadata.update(extra or {})
    return Output(StageOutput(records, rejections), metadata=metadata, data_version=DataVersion(content_hash(rows)))


def by_key(records: list[Record], attribute: str) -> dict[str, Any]:
    return {getattr(r, attribute): r for r in records}
