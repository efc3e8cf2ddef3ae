"""The documents-folder sensor: registers concept batches and requests a run per new batch.

It only stats, hashes and cuts text (the shared chunker in `core/`): no NLP happens here. The
state (each document's stat signature and hash, `core/folder_watch.py`, in a file the cursor
names) means a quiet folder of 10,000 documents costs a directory walk, and a restart requests
nothing twice: run keys carry the batch's content hash. Batches of a deleted document are unregistered, which
keeps them out of Stage D.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

from dagster import (
    DefaultSensorStatus,
    RunRequest,
    SensorEvaluationContext,
    SensorResult,
    SkipReason,
    sensor,
)

from vcot_assets.core.documents.folder_watch import load_saved_state, run_key, save_state, scan_folder
from vcot_assets.defs.triggers.schedules import concept_batch_job
from vcot_assets.partitions import concept_batches
from vcot_assets.resources.home import resolve_home
from vcot_assets.settings import settings_from_env

SENSOR_ENV = "VCOT_DOCS_SENSOR"  # "on" starts the sensor by default (it is off otherwise)
MAX_READS_ENV = "VCOT_SENSOR_MAX_READS"


def watched_folder() -> Path:
    """$VCOT_DOCS, else `<home>/docs`: the same folder `vcot run` reads."""
    return Path(os.environ.get("VCOT_DOCS") or resolve_home() / "docs")


def state_directory(context: SensorEvaluationContext) -> Path:
    """Beside the instance (DAGSTER_HOME): survives daemon restarts with the instance itself."""
    return Path(context.instance.root_directory) / "vcot" / "documents_sensor"


def _default_status() -> DefaultSensorStatus:
    on = os.environ.get(SENSOR_ENV, "").strip().lower() in {"1", "on", "true", "yes"}
    return DefaultSensorStatus.RUNNING if on else DefaultSensorStatus.STOPPED


@sensor(
    job=concept_batch_job,
    minimum_interval_seconds=30,
    default_status=_default_status(),
    description="New or changed documents in the documents folder become concept batches and runs.",
)
def documents_sensor(context: SensorEvaluationContext):
    folder = watched_folder()
    if not folder.is_dir():
        return SkipReason(f"documents folder {folder} does not exist (set VCOT_DOCS or create it)")
    state_dir = state_directory(context)
    changes = scan_folder(
        folder,
        load_saved_state(state_dir, context.cursor),
        settings_from_env().batch_chars,
        max_reads=int(os.environ.get(MAX_READS_ENV, "1000")),
    )
    if changes.rejections:
        reasons = Counter(rejection.reason for rejection in changes.rejections)
        context.log.warning(f"documents not used: {dict(reasons)}")
    if changes.deferred:
        context.log.info(f"{changes.deferred} changed documents left for the next tick")
    cursor = save_state(state_dir, changes.state, context.cursor)
    if not changes.changed:
        return SensorResult(
            skip_reason=SkipReason(f"no new or changed documents among {changes.documents}"), cursor=cursor
        )
    new_keys = [batch.key for batch in changes.batches]
    removed = sorted(set(changes.removed_keys) - set(new_keys))
    registered = set(context.instance.get_dynamic_partitions(concept_batches.name))
    partition_requests = []
    if new_keys:
        partition_requests.append(concept_batches.build_add_request(new_keys))
    if removed and registered.intersection(removed):
        partition_requests.append(concept_batches.build_delete_request(sorted(registered.intersection(removed))))
    context.log.info(f"{len(new_keys)} batches to run, {len(removed)} removed, {changes.read} files read")
    return SensorResult(
        run_requests=[
            RunRequest(
                run_key=run_key(batch),
                partition_key=batch.key,
                tags={"vcot/doc": batch.doc_slug, "vcot/doc_sha256": batch.doc_sha256[:16]},
            )
            for batch in changes.batches
        ],
        dynamic_partitions_requests=partition_requests,
        cursor=cursor,
    )
