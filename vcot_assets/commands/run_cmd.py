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
from vcot_assets.commands.isolation import add_isolation_argument, check_run_isolation
from vcot_assets.core.freshness import plan_partition
from vcot_assets.sandbox.api import ALLOW_REDUCED_ENV
from vcot_assets.settings import teacher_model

# Cross-batch (Stage D) assets in graph order; `--through` picks how far to go.
STAGE_D = ["base_model_answers", "training_sets", "fine_tuned_checkpoint", "benchmark_scores"]
NEEDS_BASE_MODEL = ("fine_tuned_checkpoint", "benchmark_scores")
# Step-level DEBUG lines drown the summary; the UI keeps every event of every run.
QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="vcot run", description=__doc__)
    add_home_argument(parser)
    parser.add_argument("--docs", help="folder of .md/.rst/.txt documents (default: <home>/docs)")
    parser.add_argument("--teacher", help="litellm model string (default: offline/default)")
    parser.add_argument("--sandbox", choices=("local", "docker"), help="sandbox backend (default: local)")
    parser.add_argument("--through", default="training_sets", help="last asset to materialize")
    parser.add_argument("--base-model", help="base model path or id (for --through benchmark_scores)")
    parser.add_argument("--no-stdlib", action="store_true", help="leave out the built-in stdlib corpus")
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


def latest_tags(instance, key, partition: str | None) -> dict[str, str] | None:
    from dagster import AssetRecordsFilter

    records = instance.fetch_materializations(
        AssetRecordsFilter(asset_key=key, asset_partitions=[partition] if partition else None), limit=1
    ).records
    if not records:
        return None
    return dict(records[0].event_log_entry.tags or {})


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
    launched, teacher_calls, failed = run_batches(definitions, instance, graph, per_batch, order, keys)
    launched_cross = run_stage_d(args, definitions, instance, graph, bool(launched) or bool(removed))
    print_summary(home, keys, launched, launched_cross, teacher_calls, time.monotonic() - started)
    for line in failed:
        print(f"failed: {line}", file=sys.stderr)
    return 1 if failed else 0


def run_batches(definitions, instance, graph, per_batch, order: list[str], keys: list[str]):
    """One run per batch holding its missing or stale assets (and what depends on them)."""
    from dagster import materialize

    deps = {k.to_user_string(): [p.to_user_string() for p in graph.get(k).parent_keys] for k in per_batch}
    code_versions = {k.to_user_string(): graph.get(k).code_version for k in per_batch}
    launched, teacher_calls, failed = Counter(), 0, []
    for key in keys:
        recorded = {k.to_user_string(): latest_tags(instance, k, key) for k in per_batch}
        plan = plan_partition(order, deps, code_versions, recorded)
        if not plan:
            continue
        first = next(iter(plan))
        print(f"  {key}: {len(plan)} assets to materialize ({first}: {plan[first]})", flush=True)
        result = materialize(
            [*definitions.defs.assets, *(definitions.defs.asset_checks or [])],
            instance=instance,
            resources=definitions.defs.resources,
            partition_key=key,
            selection=list(plan),
            tags={"vcot/launched_by": "vcot run"},
            run_config=QUIET,
            raise_on_error=False,
        )
        launched.update(plan.keys())
        teacher_calls += count_teacher_calls(result)
        if not result.success:
            failed.append(f"{key}: {describe_failure(result)} (run {result.run_id}; see `vcot ui`)")
    return launched, teacher_calls, failed


def describe_failure(result) -> str:
    """The first failed step or check, in words a user can act on."""
    for event in result.all_events:
        if event.is_step_failure:
            error = event.step_failure_data.error
            return f"step {event.step_key} failed: {error.message.strip() if error else 'unknown error'}"
        if event.event_type_value == "ASSET_CHECK_EVALUATION" and not event.event_specific_data.passed:
            data = event.event_specific_data
            return f"check {data.check_name} on {data.asset_key.to_user_string()} failed"
    return "the run did not succeed"


def count_teacher_calls(result) -> int:
    calls = 0
    for event in result.get_asset_materialization_events():
        metadata = event.step_materialization_data.materialization.metadata
        value = metadata.get("teacher/calls")
        calls += int(value.value) if value is not None else 0
    return calls


def run_stage_d(args, definitions, instance, graph, upstream_changed: bool) -> list[str]:
    """Cross-batch assets, in order up to --through: each runs when missing, when its code
    changed, or when anything before it ran in this invocation."""
    from dagster import AssetKey, materialize

    wanted = STAGE_D[: STAGE_D.index(args.through) + 1] if args.through in STAGE_D else []
    launched = []
    for name in wanted:
        key = AssetKey(name)
        node = graph.get(key)
        partitions = node.partitions_def.get_partition_keys() if node.is_partitioned else [None]
        for partition in partitions:
            tags = latest_tags(instance, key, partition)
            if not (upstream_changed or tags is None or tags.get("dagster/code_version") != node.code_version):
                continue
            label = f"{name}[{partition}]" if partition else name
            print(f"  {label}", flush=True)
            result = materialize(
                [*definitions.defs.assets, *(definitions.defs.asset_checks or [])],
                instance=instance,
                resources=definitions.defs.resources,
                selection=[name],
                partition_key=partition,
                tags={"vcot/launched_by": "vcot run"},
                run_config=QUIET,
                raise_on_error=False,
            )
            launched.append(label)
            if not result.success:
                print(f"failed: {label}: {describe_failure(result)}", file=sys.stderr)
        upstream_changed = upstream_changed or bool(launched)
    return launched


def print_summary(
    home: Path, keys: list[str], launched: Counter, cross: list[str], teacher_calls: int, seconds: float
) -> None:
    from vcot_assets.commands.export_cmd import read_samples

    views = Counter(sample["view"] for sample in read_samples(home, keys))
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
    print(f"see them: vcot ui --home {home}   export: vcot export --home {home} --view forward --out forward.jsonl")
