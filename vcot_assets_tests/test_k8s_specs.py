"""Render the Kubernetes Job of each asset's step the way `k8s_job_executor` builds it.

The executor merges the step's `dagster-k8s/config` op tags with `per_step_k8s_config[op]` and
hands the result to `construct_dagster_k8s_job`; so does this test, over the real definitions.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

dagster_k8s = pytest.importorskip("dagster_k8s")

from dagster_k8s.container_context import K8sContainerContext  # noqa: E402
from dagster_k8s.job import (  # noqa: E402
    DagsterK8sJobConfig,
    UserDefinedDagsterK8sConfig,
    construct_dagster_k8s_job,
    get_user_defined_k8s_config,
)
from kubernetes.client import ApiClient  # noqa: E402

from vcot_assets.definitions import defs  # noqa: E402
from vcot_assets.scale_out import (  # noqa: E402
    GPU_ASSETS,
    SANDBOX_ASSETS,
    TEACHER_ASSETS,
    executor_from_env,
    k8s_executor_config,
)

REPO = Path(__file__).resolve().parents[1]
SANDBOX_POLICY_SELECTOR = yaml.safe_load((REPO / "docker/k8s/sandbox-networkpolicy.yaml").read_text())["spec"][
    "podSelector"
]["matchLabels"]["app.kubernetes.io/name"]

JOB_CONFIG = DagsterK8sJobConfig(
    job_image="vcot-code:latest",
    dagster_home="/opt/dagster/dagster_home",
    instance_config_map="dagster-instance",
    postgres_password_secret="dagster-postgresql-secret",
)


def step_job(node_def) -> dict:
    """The Job manifest of one step, merged in the executor's order: op tags, then per-step config."""
    tags = {key: value if isinstance(value, str) else json.dumps(value) for key, value in (node_def.tags or {}).items()}
    per_step = k8s_executor_config()["per_step_k8s_config"].get(node_def.name, {})
    context = K8sContainerContext(run_k8s_config=get_user_defined_k8s_config(tags)).merge(
        K8sContainerContext(run_k8s_config=UserDefinedDagsterK8sConfig.from_dict(per_step))
    )
    job = construct_dagster_k8s_job(
        JOB_CONFIG,
        ["dagster", "api", "execute_step"],
        f"dagster-step-{node_def.name}",
        user_defined_k8s_config=context.run_k8s_config,
        component="step_worker",
    )
    return ApiClient().sanitize_for_serialization(job)


def nodes() -> dict:
    graph = defs.resolve_asset_graph()
    found = {}
    for key in graph.get_all_asset_keys():
        assets_def = graph.get(key).assets_def
        found[key.path[-1]] = assets_def.node_def
    for checks_def in defs.asset_checks or []:
        found[checks_def.node_def.name] = checks_def.node_def
    return found


def pod(manifest: dict) -> tuple[dict, dict]:
    spec = manifest["spec"]["template"]["spec"]
    return spec, spec["containers"][0]


def test_sandbox_steps_get_cpu_and_no_credentials():
    found = nodes()
    checked = [name for name in SANDBOX_ASSETS if name in found]
    assert {"pass_fail_matrix", "traces", "verified_rationales"} <= set(checked)
    for name in checked:
        manifest = step_job(found[name])
        spec, container = pod(manifest)
        assert container["resources"]["requests"]["cpu"] == "2", name
        assert container["resources"]["limits"]["memory"] == "8Gi", name
        assert spec["automountServiceAccountToken"] is False, name
        assert container["securityContext"]["runAsNonRoot"] is True, name
        labels = manifest["spec"]["template"]["metadata"]["labels"]
        assert labels["app.kubernetes.io/name"] == SANDBOX_POLICY_SELECTOR, f"{name}: the deny-all policy misses it"
        assert spec["serviceAccountName"] == "vcot-sandbox", name
        assert not container.get("envFrom"), f"{name}: a sandbox pod must not mount secrets"


def test_teacher_steps_are_small_and_read_the_teacher_secret():
    found = nodes()
    for name in [n for n in TEACHER_ASSETS if n in found]:
        _, container = pod(step_job(found[name]))
        assert container["resources"]["requests"]["cpu"] == "250m", name
        assert container["envFrom"][0]["secretRef"]["name"] == "vcot-teacher", name


def test_training_step_requests_a_gpu_on_a_gpu_node():
    from vcot_assets.defs.training.fine_tuned_checkpoint import fine_tuned_checkpoint

    found = {**nodes(), "fine_tuned_checkpoint": fine_tuned_checkpoint.node_def}
    for name in GPU_ASSETS:
        assert "dagster-k8s/config" in found[name].tags, f"{name} should carry GPU op tags itself"
        spec, container = pod(step_job(found[name]))
        assert container["resources"]["limits"]["nvidia.com/gpu"] == "1"
        assert container["resources"]["requests"]["nvidia.com/gpu"] == "1"
        assert spec["tolerations"][0]["key"] == "nvidia.com/gpu"
        assert spec["nodeSelector"] == {"vcot/accelerator": "gpu"}


def test_pools_on_the_assets_match_the_pod_roles():
    found = nodes()
    for name in TEACHER_ASSETS:
        if name in found:
            assert found[name].pool == "teacher", name
    for name in ("pass_fail_matrix", "traces", "verified_rationales"):
        assert found[name].pool == "sandbox", name


def test_executor_from_env_builds_each_executor():
    assert executor_from_env({"VCOT_EXECUTOR": "k8s"}).name == "vcot_k8s"
    assert executor_from_env({"VCOT_EXECUTOR": "docker"}).name == "vcot_docker"
    assert executor_from_env({"VCOT_EXECUTOR": "in_process"}).name == "in_process"
    assert executor_from_env({}).name == "multiprocess"
    with pytest.raises(ValueError, match="VCOT_EXECUTOR"):
        executor_from_env({"VCOT_EXECUTOR": "slurm"})


def test_k8s_executor_config_is_valid_for_the_executor():
    from dagster._config import process_config
    from dagster_k8s import k8s_job_executor

    result = process_config(k8s_job_executor.config_schema.config_type, k8s_executor_config())
    assert result.success, result.errors


def test_helm_values_and_env_config_map_match_the_executor():
    values = yaml.safe_load((REPO / "docker/k8s/values.yaml").read_text())
    env_map = yaml.safe_load((REPO / "docker/k8s/vcot-env.yaml").read_text())
    assert values["runLauncher"]["type"] == "K8sRunLauncher"
    assert env_map["metadata"]["name"] in k8s_executor_config()["env_config_maps"]
    assert env_map["data"]["VCOT_EXECUTOR"] == "k8s"
    deployment = values["dagster-user-deployments"]["deployments"][0]
    assert deployment["dagsterApiGrpcArgs"] == ["-m", "vcot_assets.definitions"]
