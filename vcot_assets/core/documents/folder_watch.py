"""Change detection for the documents folder: what the document sensor registers and runs.

The state remembers each document's stat signature, content hash, slug and batch count. A
tick stats every file but reads only those whose signature moved, so a quiet folder of 10,000
documents costs a directory walk and no reads. A touched file whose content hash is unchanged
updates its signature and requests nothing.

The state (about 150 bytes a document) lives in a content-addressed file beside the instance;
the sensor's cursor names it by hash. Dagster copies the cursor into every tick it keeps, so a
1.5 MB cursor for 10,000 documents, every 30 s, would fill the instance's storage. A tick that
fails before its cursor is committed leaves the previous file in force.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from vcot_assets.core.documents.chunking import batch_key, plan_batches
from vcot_assets.core.documents.corpus import (
    DocumentError,
    assign_slugs,
    describe_document,
    list_document_paths,
    read_document,
)
from vcot_assets.core.records import Rejection
from vcot_assets.core.synthesis.records import Batch

STATE_VERSION = 1


@dataclass
class WatchedDocument:
    """One cursor entry. `sha256` is empty for a file that could not be used."""

    mtime_ns: int
    size: int
    sha256: str
    slug: str
    batches: int

    def batch_keys(self) -> list[str]:
        return [batch_key(self.slug, index) for index in range(self.batches)]

    def to_row(self) -> list:
        return [self.mtime_ns, self.size, self.sha256, self.slug, self.batches]


@dataclass
class FolderChanges:
    batches: list[Batch] = field(default_factory=list)  # of new or changed documents: register and run
    removed_keys: list[str] = field(default_factory=list)  # of deleted, emptied or re-slugged documents
    rejections: list[Rejection] = field(default_factory=list)
    state: dict[str, WatchedDocument] = field(default_factory=dict)
    documents: int = 0
    read: int = 0
    deferred: int = 0  # changed files left for the next tick (read budget spent)

    @property
    def changed(self) -> bool:
        return bool(self.batches or self.removed_keys)


def load_state(cursor: str | None) -> dict[str, WatchedDocument]:
    """The cursor as a state; an empty or older-format cursor starts afresh (everything new)."""
    if not cursor:
        return {}
    try:
        data = json.loads(cursor)
    except json.JSONDecodeError:
        return {}
    if not isinstance(data, dict) or data.get("v") != STATE_VERSION:
        return {}
    return {path: WatchedDocument(*row) for path, row in data.get("docs", {}).items()}


def dump_state(state: dict[str, WatchedDocument]) -> str:
    rows = {path: doc.to_row() for path, doc in sorted(state.items())}
    return json.dumps({"v": STATE_VERSION, "docs": rows}, separators=(",", ":"))


def save_state(directory: Path, state: dict[str, WatchedDocument], previous_cursor: str | None) -> str:
    """Write the state file (if new) and return the cursor naming it; older files are pruned,
    keeping the one the previous cursor names until the new cursor is committed."""
    text = dump_state(state)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / f"{digest}.json"
    if not target.exists():
        tmp = directory / f".{digest}.tmp{os.getpid()}"
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
    keep = {target.name, f"{_state_digest(previous_cursor)}.json"}
    for stale in directory.glob("*.json"):
        if stale.name not in keep:
            stale.unlink(missing_ok=True)
    return json.dumps({"v": STATE_VERSION, "state": digest, "documents": len(state)})


def _state_digest(cursor: str | None) -> str:
    try:
        data = json.loads(cursor) if cursor else {}
    except json.JSONDecodeError:
        return ""
    return str(data.get("state", "")) if isinstance(data, dict) else ""


def load_saved_state(directory: Path, cursor: str | None) -> dict[str, WatchedDocument]:
    """The state the cursor names; empty (everything new, run keys dedupe) when it is gone."""
    digest = _state_digest(cursor)
    path = directory / f"{digest}.json"
    if not digest or not path.is_file():
        return {}
    return load_state(path.read_text(encoding="utf-8"))


def scan_folder(
    docs_dir: Path,
    previous: dict[str, WatchedDocument],
    batch_chars: int,
    max_reads: int = 1000,
    time_budget_s: float = 3.0,
) -> FolderChanges:
    """Compare the folder with the previous state; read only files whose stat signature moved.

    At most `max_reads` files are read, and none after `time_budget_s`; the rest keep their old
    entry (or none) and count as deferred, so the next tick picks them up.
    """
    started = time.monotonic()
    paths, rejections = list_document_paths(docs_dir, include_stdlib=False)
    slugs = assign_slugs(paths)
    changes = FolderChanges(rejections=rejections, documents=len(paths))
    for path in paths:
        try:
            stat = os.stat(path)
        except OSError:
            if path in previous:  # deleted between the listing and now
                changes.state[path] = previous[path]
            continue
        slug = slugs[path]
        before = previous.get(path)
        if before and (before.mtime_ns, before.size, before.slug) == (stat.st_mtime_ns, stat.st_size, slug):
            changes.state[path] = before
            continue
        if changes.read >= max_reads or time.monotonic() - started > time_budget_s:
            changes.deferred += 1
            if before:
                changes.state[path] = before
            continue
        changes.read += 1
        changes.state[path] = _reread(path, slug, stat, before, batch_chars, changes)
    listed = set(paths)
    for path, before in previous.items():
        if path not in listed:
            changes.removed_keys.extend(before.batch_keys())
    return changes


def _reread(
    path: str, slug: str, stat: os.stat_result, before: WatchedDocument | None, batch_chars: int, changes: FolderChanges
) -> WatchedDocument:
    old_keys = before.batch_keys() if before else []
    try:
        text = read_document(path)
    except DocumentError as err:
        changes.rejections.append(Rejection("source_docs", path, err.reason, err.detail))
        changes.removed_keys.extend(old_keys)
        return WatchedDocument(stat.st_mtime_ns, stat.st_size, "", slug, 0)
    doc = describe_document(path, slug, text)
    if before and before.sha256 == doc.sha256 and before.slug == slug:
        return WatchedDocument(stat.st_mtime_ns, stat.st_size, doc.sha256, slug, before.batches)
    batches = plan_batches(doc, text, batch_chars)
    changes.batches.extend(batches)
    kept = {batch.key for batch in batches}
    changes.removed_keys.extend(key for key in old_keys if key not in kept)
    return WatchedDocument(stat.st_mtime_ns, stat.st_size, doc.sha256, slug, len(batches))


def run_key(batch: Batch) -> str:
    """Includes the slice's content hash: a restart, or an edit elsewhere in the document,
    requests nothing twice for the same text."""
    return f"{batch.key}@{batch.text_sha256[:16]}"
