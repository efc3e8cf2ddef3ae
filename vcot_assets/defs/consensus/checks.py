"""Blocking checks of Stage B: the pass/fail matrix is well formed; selected pairs are well-formed records."""

import pandas as pd
from dagster import AssetIn, AssetKey, multi_asset_check

from vcot_assets.core.consensus.records import VERDICT_STATUSES
from vcot_assets.defs.check_factories import check_result, record_checks_for, schema_spec

selected_pairs_checks = record_checks_for("selected_pairs")


@multi_asset_check(
    name="pass_fail_matrix_checks",
    specs=[schema_spec("pass_fail_matrix")],
    ins={"matrix": AssetIn(key=AssetKey("pass_fail_matrix"))},
    description="Blocking data checks of pass_fail_matrix.",
)
def pass_fail_matrix_checks(matrix: pd.DataFrame):
    wanted = ["instruction_id", "solution_id", "test_id", "status"]
    problems = [f"column {name} is missing" for name in wanted if name not in matrix.columns]
    if not problems:
        unknown = sorted(set(matrix["status"]) - set(VERDICT_STATUSES))
        problems += [f"unknown verdict status {status!r}" for status in unknown]
        doubled = int(matrix.duplicated(["solution_id", "test_id"]).sum())
        if doubled:
            problems.append(f"{doubled} (solution, test) pairs have more than one verdict")
    yield check_result("record_schema", "pass_fail_matrix", problems, rows=len(matrix))
