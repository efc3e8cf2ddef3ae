"""The documents sensor against a real folder and a real (ephemeral) instance."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from dagster import DagsterInstance, SensorResult, build_sensor_context

from vcot_assets.core.documents.folder_watch import load_saved_state
from vcot_assets.defs.triggers.sensors import documents_sensor
from vcot_assets.partitions import concept_batches


def saved_state(instance: DagsterInstance, cursor: str | None) -> dict:
    return load_saved_state(Path(instance.root_directory) / "vcot" / "documents_sensor", cursor)


PARAGRAPH = "The heapq module keeps a list ordered as a binary heap; heappush adds an item.\n\n"


def write_doc(folder: Path, name: str, paragraphs: int, salt: str = "") -> Path:
    path = folder / name
    path.write_text("".join(f"{salt}{i}: {PARAGRAPH}" for i in range(paragraphs)), encoding="utf-8")
    return path


def tick(instance: DagsterInstance, cursor: str | None) -> tuple[SensorResult, str | None]:
    """One evaluation, applying its partition requests the way the sensor daemon does."""
    context = build_sensor_context(instance=instance, cursor=cursor)
    result = documents_sensor(context)
    assert isinstance(result, SensorResult)
    for request in result.dynamic_partitions_requests or []:
        if type(request).__name__ == "AddDynamicPartitionsRequest":
            instance.add_dynamic_partitions(request.partitions_def_name, list(request.partition_keys))
        else:
            for key in request.partition_keys:
                instance.delete_dynamic_partition(request.partitions_def_name, key)
    return result, result.cursor


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    monkeypatch.setenv("VCOT_DOCS", str(docs))
    return docs


def registered(instance: DagsterInstance) -> set[str]:
    return set(instance.get_dynamic_partitions(concept_batches.name))


def test_new_changed_and_deleted_documents(folder):
    instance = DagsterInstance.ephemeral()
    write_doc(folder, "heap notes.md", paragraphs=120)  # ~10k chars: several batches
    write_doc(folder, "bisect.txt", paragraphs=3)
    (folder / "picture.png").write_bytes(b"\x89PNG")
    result, cursor = tick(instance, None)
    keys = registered(instance)
    assert {k for k in keys if k.startswith("heap-notes-")} and "bisect-000" in keys
    assert sorted(r.partition_key for r in result.run_requests) == sorted(keys)
    assert all(r.run_key.startswith(r.partition_key + "@") for r in result.run_requests)

    again, cursor = tick(instance, cursor)  # nothing changed: nothing requested
    assert not again.run_requests and again.skip_reason is not None

    os.utime(folder / "bisect.txt", ns=(time.time_ns(), time.time_ns() + 10**9))  # touched, same text
    touched, cursor = tick(instance, cursor)
    assert not touched.run_requests

    write_doc(folder, "heap notes.md", paragraphs=30, salt="edited ")  # shorter: fewer batches
    edited, cursor = tick(instance, cursor)
    heap_keys = {k for k in registered(instance) if k.startswith("heap-notes-")}
    assert {r.partition_key for r in edited.run_requests} == heap_keys
    assert len(heap_keys) < len({k for k in keys if k.startswith("heap-notes-")})
    first_run_keys = {r.run_key for r in result.run_requests}
    assert not first_run_keys & {r.run_key for r in edited.run_requests}

    (folder / "bisect.txt").unlink()
    deleted, cursor = tick(instance, cursor)
    assert "bisect-000" not in registered(instance) and not deleted.run_requests
    assert not [path for path in saved_state(instance, cursor) if path.endswith("bisect.txt")]
    assert len(cursor) < 200  # the state is in a file; Dagster copies the cursor into every tick


def test_restart_with_lost_cursor_requests_same_run_keys(folder):
    """The daemon dedupes by run key: a lost cursor re-requests the same keys, so nothing reruns."""
    instance = DagsterInstance.ephemeral()
    write_doc(folder, "a.md", paragraphs=5)
    first, _ = tick(instance, None)
    second, _ = tick(instance, None)
    assert [r.run_key for r in first.run_requests] == [r.run_key for r in second.run_requests]


def test_lost_state_file_starts_afresh_without_new_run_keys(folder):
    instance = DagsterInstance.ephemeral()
    write_doc(folder, "a.md", paragraphs=5)
    first, cursor = tick(instance, None)
    for state_file in (Path(instance.root_directory) / "vcot" / "documents_sensor").glob("*.json"):
        state_file.unlink()
    again, _ = tick(instance, cursor)
    assert {r.run_key for r in again.run_requests} == {r.run_key for r in first.run_requests}


def test_unreadable_document_is_skipped_not_fatal(folder):
    instance = DagsterInstance.ephemeral()
    (folder / "binary.md").write_bytes(b"abc\x00def")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    write_doc(folder, "good.md", paragraphs=2)
    result, cursor = tick(instance, None)
    assert registered(instance) == {"good-000"}
    again, _ = tick(instance, cursor)  # the bad files are not re-read every tick
    assert not again.run_requests


def test_missing_folder_skips(tmp_path, monkeypatch):
    monkeypatch.setenv("VCOT_DOCS", str(tmp_path / "nowhere"))
    result = documents_sensor(build_sensor_context(instance=DagsterInstance.ephemeral()))
    assert "does not exist" in str(result)


@pytest.mark.slow
def test_ten_thousand_documents_quiet_tick_under_five_seconds(folder):
    instance = DagsterInstance.ephemeral()
    for index in range(10_000):
        (folder / f"doc{index:05d}.md").write_text(f"Document {index}.\n\n{PARAGRAPH}", encoding="utf-8")
    cursor = None
    first_started = time.monotonic()
    result, cursor = tick(instance, cursor)
    first_s = time.monotonic() - first_started
    while json.loads(cursor)["documents"] < 10_000:  # the read budget spreads them over ticks
        result, cursor = tick(instance, cursor)
    assert len(registered(instance)) == 10_000
    write_doc(folder, "doc00042.md", paragraphs=2, salt="changed ")
    started = time.monotonic()
    result, cursor = tick(instance, cursor)
    quiet_s = time.monotonic() - started
    assert [r.partition_key for r in result.run_requests] == ["doc00042-000"]
    assert first_s < 5.0 and quiet_s < 5.0, (first_s, quiet_s)
