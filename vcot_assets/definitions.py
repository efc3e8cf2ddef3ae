"""The vcot code location: everything under `defs/`, then the global adjustments.

`defs/` holds one folder per stage (its assets and checks side by side), the resources and the
triggers; Dagster's own loader collects them. Here only what applies to every asset is set: the
automation condition (off unless `VCOT_AUTOMATION=1`) and the executor chosen by `VCOT_EXECUTOR`.
"""

from pathlib import Path

from dagster import AssetSpec, Definitions, map_asset_specs
from dagster.components import load_defs

import vcot_assets.defs
from vcot_assets.defs.automation import automation_condition_for
from vcot_assets.scale_out import executor_from_env


def _with_automation(spec: AssetSpec) -> AssetSpec:
    return spec.replace_attributes(automation_condition=automation_condition_for(spec.key.path[-1]))


def _adjusted(loaded: Definitions) -> Definitions:
    return Definitions(
        assets=map_asset_specs(_with_automation, list(loaded.assets or [])),
        asset_checks=loaded.asset_checks,
        jobs=loaded.jobs,
        schedules=loaded.schedules,
        sensors=loaded.sensors,
        resources=loaded.resources,
        executor=executor_from_env(),
    )


# project_root is given: an installed wheel has no pyproject.toml for Dagster to find.
defs = _adjusted(load_defs(vcot_assets.defs, project_root=Path(vcot_assets.__file__).resolve().parent))
