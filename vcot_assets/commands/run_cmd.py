"""`vcot run`: register the batches of the documents and materialize what is missing or stale."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

from vcot_assets.commands.home import add_home_argument, prepare_home
from vcot_assets.commands.home_locks import HomeLocks
from vcot_assets.commands.isolation import add_isolation_argument, check_run_isolation
from vcot_assets.core.freshness import DATA_VERSION_TAG, plan_partition
from vcot_assets.sandbox.api import ALLOW_REDUCED_ENV
from vcot_assets.settings import teacher_model

# Cross-batch (Stage D) assets in graph order; `--through` picks how far to go.
STAGE_D = ["base_model_answers", "training_sets", "fine_tuned_checkpoint", "benchmark_scores"]
NEEDS_BASE_MODEL = ("fine_tuned_checkpoint", "benchmark_scores")
# Step-level DEBUG lines drown the summary; the UI keeps every event of every run.
QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}
# As many batches at once as the sandbox pool has slots (defs/automation.POOL_LIMITS).
DEFAULT_WORKERS = 2
STAGE_D_LOCK = "stage-d"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="vcot run", description=__doc__)
    add_home_argument(parser)
    parser.add_argument("--docs", help="folder of .md/.rst/.txt documents (default: <home>/docs)")
    parser.add_argument("--teacher", help="litellm model string (default: offline/default)")
    parser.add_argument("--sandbox", choices=("local", "docker"), help="sandbox backend (default: local)")
    parser.add_argument("--through", default="training_sets", help="last asset to materialize")
    parser.add_argument("--base-model", help="base model path or id (for --through benchmark_scores)")
    parser.add_argument("--no-stdlib", action="store_true", help="leave out the built-in stdlib corpus")
    parser.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("VCOT_RUN_WORKERS", DEFAULT_WORKERS)),
        help=f"batches materialized at once, each in its own process (default: $VCOT_RUN_WORKERS, else "
        f"{DEFAULT_WORKERS}); the instance's pools still cap the teacher and sandbox steps across them",
    )
    add_isolation_argument(parser)
    return parser.parse_args(argv)


def configure_environment(args: argparse.Namespace) -> Path:
    """Settings travel as environment variables so the UI's code server sees the same choices."""
    home = prepare_home(args.home)
    for flag, env in (
        (args.docs, "VCOT_DOCS"),
        (args.teacher, "VCOT_TEACHER"),
        (args.sandbox, "VCOT_SANDBOX"),
        (args.base_model, "VCOT_BASE_MODEL"),
    ):
        if flag:
            os.environ[env] = str(Path(flag).resolve()) if env == "VCOT_DOCS" else flag
    if args.no_stdlib:
        os.environ["VCOT_STDLIB"] = "0"
    if args.allow_reduced_isolation:
        os.environ[ALLOW_REDUCED_ENV] = "1"
    return home


def latest_record(instance, key, partition: str | None) -> tuple[dict[str, str] | None, float]:
    """Tags and time of the latest materialization, or (None, 0.0)."""
    from dagster import AssetRecordsFilter

    records = instance.fetch_materializations(
        AssetRecordsFilter(asset_key=key, asset_partitions=[partition] if partition else None), limit=1
    ).records
    if not records:
        return None, 0.0
    entry = records[0].event_log_entry
    return dict(entry.tags or {}), entry.timestamp


def latest_tags(instance, key, partition: str | None) -> dict[str, str] | None:
    return latest_record(instance, key, partition)[0]


def sync_partitions(instance, keys: list[str]) -> tuple[list[str], list[str]]:
    """Add new batch keys; drop the batches of documents that are gone (they leave Stage D)."""
    from vcot_assets.partitions import CONCEPT_BATCHES_NAME

    registered = set(instance.get_dynamic_partitions(CONCEPT_BATCHES_NAME))
    added = [k for k in keys if k not in registered]
    removed = sorted(registered - set(keys))
    if added:
        instance.add_dynamic_partitions(CONCEPT_BATCHES_NAME, added)
    for key in removed:
        instance.delete_dynamic_partition(CONCEPT_BATCHES_NAME, key)
    return added, removed


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if args.through in NEEDS_BASE_MODEL and not (args.base_model or os.environ.get("VCOT_BASE_MODEL")):
        print(
            f"vcot: --through {args.through} trains and scores a model: give --base-model PATH_OR_ID", file=sys.stderr
        )
        return 2
    home = configure_environment(args)
    if not check_run_isolation(os.environ.get("VCOT_SANDBOX", "local"), teacher_model()):
        return 2
    warnings.filterwarnings("ignore", module="dagster")
    warnings.filterwarnings("ignore", message=".*is currently in beta.*")
    from dagster import DagsterInstance

    from vcot_assets import definitions
    from vcot_assets.core.documents.chunking import plan_corpus_batches
    from vcot_assets.partitions import concept_batches
    from vcot_assets.settings import settings_from_env

    started = time.monotonic()
    graph = definitions.defs.resolve_asset_graph()
    per_batch = [k for k in graph.toposorted_asset_keys if graph.get(k).partitions_def == concept_batches]
    names = [k.to_user_string() for k in per_batch]
    if args.through not in names + STAGE_D:
        print(
            f"vcot: --through {args.through!r} is not an asset; choose one of {', '.join(names + STAGE_D)}",
            file=sys.stderr,
        )
        return 2

    instance = DagsterInstance.get()
    home_resource = definitions.defs.resources["home"]
    batches, rejected_docs = plan_corpus_batches(
        home_resource.docs_dir, settings_from_env().batch_chars, include_stdlib=home_resource.stdlib
    )
    for rejection in rejected_docs:
        print(f"skipped document {rejection.item_id}: {rejection.reason} {rejection.detail}".rstrip())
    keys = [b.key for b in batches]
    if not keys:
        print("vcot: no usable documents: add .md/.rst/.txt files to the documents folder", file=sys.stderr)
        return 1
    added, removed = sync_partitions(instance, keys)
    print(f"home {home}: {len(keys)} batches ({len(added)} new, {len(removed)} removed)")

    order = names[: names.index(args.through) + 1] if args.through in names else names
    locks = HomeLocks(home)
    try:
        # Held from the start, so a second run's cross-batch step waits for this one's.
        stage_d_free = args.through not in STAGE_D or locks.try_acquire(STAGE_D_LOCK)
        datasets_before = dataset_versions(instance, keys)
        launched, teacher_calls, failed = run_batches(
            instance, graph, per_batch, order, keys, locks, max(1, args.workers)
        )
        datasets_changed = dataset_versions(instance, keys) != datasets_before
        batches_done_at = time.time()
        if not stage_d_free:
            print(
                f"waiting for another `vcot run` on this home (pid {locks.holder(STAGE_D_LOCK)}) "
                "to finish its cross-batch assets",
                flush=True,
            )
            locks.acquire(STAGE_D_LOCK)
        # Stage D reads the batches' verified datasets: it follows their data, not every run.
        launched_cross, failed_cross = run_stage_d(
            args, definitions, instance, graph, datasets_changed or bool(removed), batches_done_at
        )
    finally:
        locks.release_all()
    failed += failed_cross
    print_summary(home, keys, launched, launched_cross, teacher_calls, time.monotonic() - started)
    for line in failed:
        print(f"failed: {line}", file=sys.stderr)
    return 1 if failed else 0


def run_batches(instance, graph, per_batch, order: list[str], keys: list[str], locks: HomeLocks, workers: int):
    """One run per batch holding its missing or stale assets (and what depends on them), up to
    `workers` at once, each in its own process.

    A batch is planned only once this process holds its lock, so a batch that another `vcot run`
    on this home holds is waited for, then planned again (usually finding it up to date), while
    the batches nobody holds go ahead. After its run a batch is planned again: an asset whose
    code changed runs first, and what depends on it runs only if its input data changed.
    """
    import multiprocessing
    import uuid
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    from vcot_assets.commands.run_progress import RunProgress

    deps = {k.to_user_string(): [p.to_user_string() for p in graph.get(k).parent_keys] for k in per_batch}
    code_versions = {k.to_user_string(): graph.get(k).code_version for k in per_batch}
    launched, teacher_calls, failed = Counter(), 0, []
    invocation = uuid.uuid4().hex
    pending, running, told = list(keys), {}, set()
    ran: dict[str, set[str]] = {key: set() for key in keys}
    progress = RunProgress(keys, invocation)
    # Spawned, not forked: a worker must not inherit this process's threads or Dagster state.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool, progress:
        while pending or running:
            for key in list(pending):
                if len(running) >= workers:
                    break
                if not locks.try_acquire(key):
                    if key not in told:
                        told.add(key)
                        progress.set(key, status="held")
                        progress.note(
                            f"  {key}: held by another `vcot run` on this home (pid {locks.holder(key)}); "
                            "taking the batches nobody holds, then waiting for it"
                        )
                    continue
                pending.remove(key)
                recorded = {k.to_user_string(): latest_tags(instance, k, key) for k in per_batch}
                plan = plan_partition(order, deps, code_versions, recorded)
                again = sorted(ran[key] & set(plan))
                if again:  # each asset runs once per invocation: its upstreams ran before it
                    locks.release(key)
                    failed.append(f"{key}: {', '.join(again)} still stale after running ({plan[again[0]]})")
                    progress.set(key, status="failed")
                    continue
                if not plan:
                    locks.release(key)
                    if not ran[key]:
                        progress.set(key, status="up to date")
                    continue
                first = next(iter(plan))
                progress.note(f"  {key}: {len(plan)} assets to materialize ({first}: {plan[first]})")
                running[pool.submit(materialize_batch, key, list(plan), invocation)] = (key, plan)
                progress.set(key, status="running", assets=len(plan), started=time.monotonic())
            if not running:
                time.sleep(1.0)  # every batch left is held by another run
                continue
            finished, _ = wait(running, timeout=1.0, return_when=FIRST_COMPLETED)
            progress.poll(instance)
            for future in finished:
                key, plan = running.pop(future)
                locks.release(key)
                launched.update(plan.keys())
                ran[key].update(plan)
                try:
                    outcome = future.result()
                except Exception as err:  # a worker process that died takes its batch with it
                    outcome = {"success": False, "teacher_calls": 0, "failure": f"worker process failed: {err!r}"}
                teacher_calls += outcome["teacher_calls"]
                progress.set(key, status="done" if outcome["success"] else "failed", finished=time.monotonic())
                if not outcome["success"]:
                    failed.append(f"{key}: {outcome['failure']}")
                else:
                    pending.insert(0, key)  # planned again: only what its new data made stale runs
        progress.poll(instance)
    return launched, teacher_calls, failed


def materialize_batch(key: str, selection: list[str], invocation: str) -> dict:
    """In a worker process: materialize one batch's selection on the home's instance."""
    warnings.filterwarnings("ignore", module="dagster")
    warnings.filterwarnings("ignore", message=".*is currently in beta.*")
    from dagster import DagsterInstance, materialize

    from vcot_assets import definitions
    from vcot_assets.commands.run_progress import BATCH_TAG, INVOCATION_TAG

    result = materialize(
        [*definitions.defs.assets, *(definitions.defs.asset_checks or [])],
        instance=DagsterInstance.get(),
        resources=definitions.defs.resources,
        partition_key=key,
        selection=selection,
        tags={"vcot/launched_by": "vcot run", INVOCATION_TAG: invocation, BATCH_TAG: key},
        run_config=QUIET,
        raise_on_error=False,
    )
    failure = "" if result.success else f"{describe_failure(result)} (run {result.run_id}; see `vcot ui`)"
    return {"success": result.success, "teacher_calls": count_teacher_calls(result), "failure": failure}


def materialize_selection(definitions, instance, selection: list[str], partition: str | None):
    from dagster import materialize

    return materialize(
        [*definitions.defs.assets, *(definitions.defs.asset_checks or [])],
        instance=instance,
        resources=definitions.defs.resources,
        partition_key=partition,
        selection=selection,
        tags={"vcot/launched_by": "vcot run"},
        run_config=QUIET,
        raise_on_error=False,
    )


def dataset_versions(instance, keys: list[str]) -> dict[str, str | None]:
    """The data version of each batch's `verified_dataset`: what Stage D reads."""
    from dagster import AssetKey

    return {key: (latest_tags(instance, AssetKey("verified_dataset"), key) or {}).get(DATA_VERSION_TAG) for key in keys}


def describe_failure(result) -> str:
    """The first failed step or check, in words a user can act on."""
    for event in result.all_events:
        if event.is_step_failure:
            error = event.step_failure_data.error
            return f"step {event.step_key} failed: {error.message.strip() if error else 'unknown error'}"
        if event.event_type_value == "ASSET_CHECK_EVALUATION" and not event.event_specific_data.passed:
            data = event.event_specific_data
            why = f": {data.description}" if data.description else ""
            return f"check {data.check_name} on {data.asset_key.to_user_string()} failed{why}"
    return "the run did not succeed"


def count_teacher_calls(result) -> int:
    calls = 0
    for event in result.get_asset_materialization_events():
        metadata = event.step_materialization_data.materialization.metadata
        value = metadata.get("teacher/calls")
        calls += int(value.value) if value is not None else 0
    return calls


def run_stage_d(
    args, definitions, instance, graph, upstream_changed: bool, batches_done_at: float
) -> tuple[list[str], list[str]]:
    """Cross-batch assets, in order up to --through: each runs when missing, when its code
    changed, when a batch's `verified_dataset` changed, or when anything before it ran in this
    invocation, unless another `vcot run` on this home materialized it, with this code, after
    every batch here was done."""
    from dagster import AssetKey

    wanted = STAGE_D[: STAGE_D.index(args.through) + 1] if args.through in STAGE_D else []
    launched, failed = [], []
    for name in wanted:
        key = AssetKey(name)
        node = graph.get(key)
        partitions = node.partitions_def.get_partition_keys() if node.is_partitioned else [None]
        for partition in partitions:
            tags, made_at = latest_record(instance, key, partition)
            current = tags is not None and tags.get("dagster/code_version") == node.code_version
            if current and (not upstream_changed or made_at >= batches_done_at):
                continue
            label = f"{name}[{partition}]" if partition else name
            print(f"  {label}", flush=True)
            result = materialize_selection(definitions, instance, [name], partition)
            launched.append(label)
            if not result.success:
                failed.append(f"{label}: {describe_failure(result)} (run {result.run_id}; see `vcot ui`)")
        upstream_changed = upstream_changed or bool(launched)
    return launched, failed


def read_batch_samples(home: Path, batches: list[str]) -> list[dict]:
    """Per-batch `verified_dataset` samples (before deduplication and decontamination)."""
    samples = []
    for batch in batches:
        path = home / "data" / "verified_dataset" / f"{batch}.jsonl"
        if path.exists():
            samples.extend(json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return samples


def training_set_counts(home: Path) -> dict[str, int]:
    """Samples per view of the `full` training set as written (what `vcot export` gives)."""
    from vcot_assets.core.training_data.subsets import training_set_path

    counts = {}
    for view in ("forward", "backward", "bidirectional"):
        path = training_set_path(home / "data", "full", view)
        counts[view] = (
            sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip()) if path.is_file() else 0
        )
    return counts


def print_summary(
    home: Path, keys: list[str], launched: Counter, cross: list[str], teacher_calls: int, seconds: float
) -> None:
    views = Counter(sample["view"] for sample in read_batch_samples(home, keys))
    if not launched and not cross:
        print("up to date: every asset is current; nothing materialized, no teacher calls made")
    else:
        steps = sum(launched.values()) + len(cross)
        print(f"materialized {steps} asset partitions; {teacher_calls} teacher calls made (the rest from cache)")
    print(
        "verified samples: "
        + json.dumps({v: views.get(v, 0) for v in ("forward", "backward", "bidirectional")})
        + f" over {len(keys)} batches, {seconds:.1f} s"
    )
    print("training set (deduplicated, decontaminated): " + json.dumps(training_set_counts(home)))
    print(f"see them: vcot ui --home {home}   export: vcot export --home {home} --view forward --out forward.jsonl")
