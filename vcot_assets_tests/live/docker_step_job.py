"""The job the Docker executor test runs: importable inside the step container (no pytest skip here)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def executor_config(image: str, home: str) -> dict:
    """Mount this interpreter, its virtualenv, the repository and the vcot home at their own paths."""
    mounts = {sys.prefix: "ro", str(REPO): "ro", home: "rw"}
    if sys.base_prefix not in ("/usr", sys.prefix):
        mounts[sys.base_prefix] = "ro"
    return {
        "image": image,
        "env_vars": [
            "DAGSTER_HOME",
            "VCOT_HOME",
            "VCOT_DOCS",
            "VCOT_TEST_IMAGE",
            "LITELLM_LOCAL_MODEL_COST_MAP=True",
            f"PYTHONPATH={REPO}",
            f"PATH={Path(sys.executable).parent}:/usr/bin:/bin",
        ],
        "container_kwargs": {
            "volumes": [f"{path}:{path}:{mode}" for path, mode in mounts.items()],
            "user": "0:0",
            "working_dir": str(REPO),
        },
    }


def docker_step_job():
    """Module-level so the container can reconstruct the job from this file."""
    from dagster import Definitions, define_asset_job
    from dagster_docker import docker_executor

    from vcot_assets.defs.synthesis.assets import source_docs
    from vcot_assets.partitions import concept_batches
    from vcot_assets.resources.home import HomeResource
    from vcot_assets.resources.storage import VcotIOManager

    home = os.environ["VCOT_HOME"]
    job = define_asset_job(
        "docker_step",
        selection=[source_docs.key],
        partitions_def=concept_batches,
        executor_def=docker_executor.configured(executor_config(os.environ["VCOT_TEST_IMAGE"], home)),
    )
    defs = Definitions(
        assets=[source_docs],
        jobs=[job],
        resources={"home": HomeResource(path=home), "io_manager": VcotIOManager(home=home)},
    )
    return defs.get_job_def("docker_step")
