"""A snapshot of the whole definition set, so an unintended change shows up as a diff.

It records asset keys, groups, kinds, owners, partitions, dependencies, checks, jobs, sensors,
schedules and resources, and for every asset *what* its code version covers, not the version
string, which changes with every edit of a covered part: the names of its parts (`logic`, each
`prompt:<template>`, each `setting:<name>`, the teacher, the sandbox backend and each
`limit:<name>`, ...) and the project modules its `logic` digest hashes whole.

After an intended change, regenerate it and review the diff:
    VCOT_UPDATE_SNAPSHOT=1 .venv/bin/python -m pytest vcot_assets_tests/test_defs_snapshot.py
"""

import json
import os
from pathlib import Path

from vcot_assets.defs.code_versions import asset_logic

SNAPSHOT = Path(__file__).parent / "data" / "defs_snapshot.json"
# Which resource's code a code version covers, told by the names of its parts.
RESOURCE_PARTS = {"teacher": "teacher", "sandbox": "sandbox", "base_model": "model:", "trainer": "training:"}


def code_version_covers(code_version: str | None) -> list[str]:
    """`logic=ab12;prompt:concepts=cd34;setting:concepts_per_batch=10` -> the part names, sorted."""
    return sorted(part.split("=", 1)[0] for part in (code_version or "").split(";") if part)


def node_logic(node):
    """The logic an asset's code version covers, recomputed from its function and the resources
    its parts name."""
    function = node.assets_def.op.compute_fn.decorated_fn
    covers = code_version_covers(node.code_version)
    resources = tuple(key for key, part in RESOURCE_PARTS.items() if any(c.startswith(part) for c in covers))
    return asset_logic(function.__module__, function.__name__, resources)


def describe(defs) -> dict:
    graph = defs.resolve_asset_graph()
    assets = {}
    for key in sorted(graph.get_all_asset_keys(), key=lambda k: k.to_user_string()):
        node = graph.get(key)
        assets[key.to_user_string()] = {
            "group": node.group_name,
            "kinds": sorted(node.kinds),
            "owners": sorted(node.owners),
            "partitions": node.partitions_def.name
            if hasattr(node.partitions_def, "name") and node.partitions_def
            else type(node.partitions_def).__name__
            if node.partitions_def
            else None,
            "deps": sorted(parent.to_user_string() for parent in node.parent_keys),
            "code_version_covers": code_version_covers(node.code_version),
            "code_version_logic": list(node_logic(node).modules),
            "pools": sorted(node.pools or []),
        }
    checks = sorted(
        f"{check.asset_key.to_user_string()}:{check.name}"
        + (" (blocking)" if graph.get_check_spec(check).blocking else "")
        for check in graph.asset_check_keys
    )
    repository = defs.get_repository_def()
    return {
        "assets": assets,
        "checks": checks,
        "jobs": sorted(job.name for job in repository.get_all_jobs() if not job.name.startswith("__")),
        "sensors": sorted(sensor.name for sensor in repository.sensor_defs),
        "schedules": sorted(schedule.name for schedule in repository.schedule_defs),
        "resources": sorted(defs.resources or {}),
    }


def test_definition_set_matches_its_snapshot(tmp_path, monkeypatch):
    monkeypatch.setenv("VCOT_HOME", str(tmp_path))
    from vcot_assets.definitions import defs

    current = describe(defs)
    if os.environ.get("VCOT_UPDATE_SNAPSHOT"):
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(json.dumps(current, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert current == expected, "the definition set changed; if intended, regenerate the snapshot (see the docstring)"


def test_code_version_covers_names_parts_not_values():
    assert code_version_covers("logic=ab12;prompt:concepts=cd34;setting:concepts_per_batch=10;teacher=x") == [
        "logic",
        "prompt:concepts",
        "setting:concepts_per_batch",
        "teacher",
    ]
    assert code_version_covers(None) == []
