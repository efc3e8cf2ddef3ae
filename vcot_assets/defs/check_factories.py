"""Check factories every stage uses: a blocking record-schema check and a rejected-share bound.

Every checked asset gets a record-schema check; the stages that filter (candidate code and
tests, verification) also get a bound on the share they rejected, read from the asset's own
materialization metadata for the partition. Each stage's `checks.py` builds its checks from
these, next to its assets. The rules are pure functions in `core/record_checks.py`.
"""

# No `from __future__ import annotations`: Dagster 1.13 rejects a string-annotated `context`.
import os
from typing import Any

from dagster import (
    AssetCheckExecutionContext,
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetIn,
    AssetKey,
    AssetRecordsFilter,
    MetadataValue,
    multi_asset_check,
)

from vcot_assets.core.record_checks import rejected_share, schema_problems
from vcot_assets.core.records import record_type

SHOWN_PROBLEMS = 10

# Largest share of items a filtering stage may reject before the batch is held back. A real
# teacher that rejects more than this is misconfigured (wrong model, broken prompt), and the
# survivors are not worth training on. Override per stage with VCOT_MAX_REJECTED_<ASSET>.
MAX_REJECTED_SHARE = {"candidate_code": 0.6, "candidate_tests": 0.7, "verified_rationales": 0.8}

# The assets each stage hands on: checking these (one step each) guards every stage boundary
# without doubling the step count of a batch run.
RECORD_ASSETS = {
    "candidate_code": "Candidate",
    "candidate_tests": "TestCase",
    "selected_pairs": "SelectedPair",
    "verified_rationales": "VerifiedRationale",
    "verified_dataset": "Sample",
}


def check_result(check_name: str, asset: str, problems: list[str], **metadata: Any) -> AssetCheckResult:
    shown = problems[:SHOWN_PROBLEMS]
    return AssetCheckResult(
        check_name=check_name,
        asset_key=AssetKey(asset),
        passed=not problems,
        severity=AssetCheckSeverity.ERROR,
        metadata={
            "problems": len(problems),
            **metadata,
            **({"first_problems": MetadataValue.md("\n".join(f"- {p}" for p in shown))} if shown else {}),
        },
    )


def _partition_key(context: AssetCheckExecutionContext) -> str | None:
    op_context = context.op_execution_context
    return op_context.partition_key if op_context.has_partition_key else None


def _latest_metadata(context: AssetCheckExecutionContext, asset: str) -> dict[str, Any]:
    """Metadata of the asset's latest materialization of this run's partition."""
    key = _partition_key(context)
    records = context.instance.fetch_materializations(
        AssetRecordsFilter(asset_key=AssetKey(asset), asset_partitions=[key] if key else None), limit=1
    ).records
    if not records:
        return {}
    materialization = records[0].asset_materialization
    return {name: value.value for name, value in (materialization.metadata if materialization else {}).items()}


def _share_result(context: AssetCheckExecutionContext, asset: str) -> AssetCheckResult:
    metadata = _latest_metadata(context, asset)
    kept, rejected = int(metadata.get("dagster/row_count", 0)), int(metadata.get("rejected", 0))
    share = rejected_share(kept, rejected)
    bound = float(os.environ.get(f"VCOT_MAX_REJECTED_{asset.upper()}", MAX_REJECTED_SHARE[asset]))
    problems = []
    if share is not None and share > bound:
        problems.append(
            f"{asset} rejected {rejected} of {kept + rejected} items ({share:.0%}), above the "
            f"bound of {bound:.0%}: look at rejections_by_reason on the materialization"
        )
    return check_result(
        "rejected_share_within_bounds",
        asset,
        problems,
        kept=kept,
        rejected=rejected,
        share=round(share, 4) if share is not None else -1.0,
        bound=bound,
    )


def schema_spec(asset: str, additional_deps: tuple[str, ...] = ()) -> AssetCheckSpec:
    return AssetCheckSpec(
        "record_schema",
        asset=asset,
        blocking=True,
        additional_deps=list(additional_deps),
        description=f"Every record is a well-formed {RECORD_ASSETS.get(asset, 'row')}.",
    )


def _share_spec(asset: str) -> AssetCheckSpec:
    return AssetCheckSpec(
        "rejected_share_within_bounds",
        asset=asset,
        blocking=True,
        description=f"{asset} rejected at most {MAX_REJECTED_SHARE[asset]:.0%} of its items.",
    )


def record_checks_for(asset: str):
    """Schema (and, for filtering stages, rejected share) of one record-typed asset."""
    checked_type = record_type(RECORD_ASSETS[asset])
    specs = [schema_spec(asset)] + ([_share_spec(asset)] if asset in MAX_REJECTED_SHARE else [])

    @multi_asset_check(
        name=f"{asset}_checks",
        specs=specs,
        ins={"records": AssetIn(key=AssetKey(asset))},
        description=f"Blocking data checks of {asset}.",
    )
    def _checks(context: AssetCheckExecutionContext, records: list):
        yield check_result("record_schema", asset, schema_problems(records, checked_type), records=len(records))
        if asset in MAX_REJECTED_SHARE:
            yield _share_result(context, asset)

    return _checks
