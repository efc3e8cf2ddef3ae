"""Is a recorded materialization still current? The rule `vcot run` uses to stay incremental.

A materialization is current when it exists, was made by the asset's present code version
(the source it runs, its prompt templates, the settings it reads, the teacher and sandbox; see
`defs/code_versions.py`), and consumed the data versions its upstream assets hold now. These
are the facts Dagster itself records as tags on every materialization; this module only
compares them.
"""

from __future__ import annotations

import hashlib

CODE_VERSION_TAG = "dagster/code_version"
INPUT_DATA_VERSION_PREFIX = "dagster/input_data_version/"
DATA_VERSION_TAG = "dagster/data_version"


def recorded_forms(data_version: str) -> set[str]:
    """How a consumer records an upstream's data version: as is, or (for a partitioned
    upstream) as the sha256 of the concatenated versions of the partitions it read."""
    return {data_version, hashlib.sha256(data_version.encode("utf-8")).hexdigest()}


def stale_reason(
    code_version: str | None, recorded_tags: dict[str, str] | None, upstream_data_versions: dict[str, str | None]
) -> str | None:
    """Why the asset must run again, or None when its latest materialization is current."""
    if recorded_tags is None:
        return "never materialized"
    if code_version is not None and recorded_tags.get(CODE_VERSION_TAG) != code_version:
        return "code version changed"
    for upstream, current in sorted(upstream_data_versions.items()):
        if current is None:
            return f"upstream {upstream} missing"
        if recorded_tags.get(INPUT_DATA_VERSION_PREFIX + upstream) not in recorded_forms(current):
            return f"upstream {upstream} changed"
    return None


def plan_partition(
    order: list[str],
    deps: dict[str, list[str]],
    code_versions: dict[str, str | None],
    recorded: dict[str, dict[str, str] | None],
) -> dict[str, str]:
    """Assets of one partition to run now (in graph order), each with its reason.

    An asset runs when its own record is stale; it runs after its upstreams of the same plan
    and reads what they make. An asset whose record is current waits, even below one that
    runs: whether it must run depends on whether that upstream's data changes, which the next
    plan, made after this one ran, sees. So a change re-runs the assets it affects, then only
    those whose input data changed. Run plans until one is empty.
    """
    plan: dict[str, str] = {}
    for name in order:
        upstream_versions = {u: (recorded.get(u) or {}).get(DATA_VERSION_TAG) for u in deps.get(name, [])}
        reason = stale_reason(code_versions.get(name), recorded.get(name), upstream_versions)
        if reason:
            plan[name] = reason
    return plan
