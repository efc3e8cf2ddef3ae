"""Where steps run: Dagster's own executors, chosen by `VCOT_EXECUTOR`, and per-asset pod specs.

- `multiprocess` (default): one process per step on this machine.
- `in_process`: every step of a run in the run's process; parallelism comes from running many
  batches at once (the run queue), which on a small machine beats paying a Python start per step.
- `docker`: each step in a container of `VCOT_DOCKER_IMAGE` (the code location image built by
  `docker/orchestrator/build.sh`), on `VCOT_DOCKER_NETWORK`.
- `k8s`: each step in its own Kubernetes Job. `K8S_STEP_CONFIG` sizes each asset's pod: GPUs for
  training, CPU (and no credentials at all) for the sandbox stages, little for teacher stages,
  whose steps wait on the network. The same specs are available as op tags (`op_tags_for`), the
  form the k8s executor reads from an asset's definition.
"""

import os
from typing import Any

from dagster import ExecutorDefinition, in_process_executor, multiprocess_executor

from vcot_assets.defs.automation import SANDBOX_POOL, TEACHER_POOL

EXECUTOR_ENV = "VCOT_EXECUTOR"
K8S_CONFIG_TAG = "dagster-k8s/config"
IMAGE = os.environ.get("VCOT_DOCKER_IMAGE", "vcot-code:latest")

TEACHER_ASSETS = (
    "concepts",
    "instructions",
    "signatures",
    "candidate_code",
    "test_scenarios",
    "candidate_tests",
    "rationales",
)
SANDBOX_ASSETS = (
    "pass_fail_matrix",
    "selected_pairs",
    "traces",
    "verified_rationales",
    "verified_dataset_checks",
    "base_model_answers",
    "benchmark_scores",
)
GPU_ASSETS = ("fine_tuned_checkpoint",)

# Untrusted code runs in these pods: no service-account token, no secrets, an identity the
# deny-all NetworkPolicy (docker/k8s/sandbox-networkpolicy.yaml) selects on, the token-less
# `vcot-sandbox` service account, and a non-root user.
_SANDBOX_POD = {
    "container_config": {
        "resources": {"requests": {"cpu": "2", "memory": "4Gi"}, "limits": {"cpu": "4", "memory": "8Gi"}},
        "security_context": {"run_as_non_root": True, "run_as_user": 65534, "allow_privilege_escalation": False},
    },
    "pod_spec_config": {"automount_service_account_token": False, "service_account_name": "vcot-sandbox"},
    "pod_template_spec_metadata": {"labels": {"vcot/role": "sandbox", "app.kubernetes.io/name": "vcot-sandbox"}},
}
_TEACHER_POD = {
    "container_config": {
        "resources": {"requests": {"cpu": "250m", "memory": "1Gi"}, "limits": {"cpu": "1", "memory": "2Gi"}},
        "env_from": [{"secret_ref": {"name": "vcot-teacher", "optional": True}}],
    },
    "pod_template_spec_metadata": {"labels": {"vcot/role": "teacher"}},
}
_GPU_POD = {
    "container_config": {
        "resources": {
            "requests": {"cpu": "8", "memory": "64Gi", "nvidia.com/gpu": "1"},
            "limits": {"memory": "96Gi", "nvidia.com/gpu": "1"},
        },
    },
    "pod_spec_config": {
        "tolerations": [{"key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"}],
        "node_selector": {"vcot/accelerator": "gpu"},
    },
    "pod_template_spec_metadata": {"labels": {"vcot/role": "training"}},
}

K8S_STEP_CONFIG: dict[str, dict[str, Any]] = {
    **{name: _TEACHER_POD for name in TEACHER_ASSETS},
    **{name: _SANDBOX_POD for name in SANDBOX_ASSETS},
    **{name: _GPU_POD for name in GPU_ASSETS},
}

POOL_OF = {**{name: TEACHER_POOL for name in TEACHER_ASSETS}, **{name: SANDBOX_POOL for name in SANDBOX_ASSETS}}


def op_tags_for(asset_name: str) -> dict[str, Any]:
    """`dagster-k8s/config` for one asset's step (empty when the asset needs nothing special)."""
    config = K8S_STEP_CONFIG.get(asset_name)
    return {K8S_CONFIG_TAG: config} if config else {}


def k8s_executor_config(namespace: str = "vcot", max_concurrent: int = 32) -> dict[str, Any]:
    return {
        "job_namespace": namespace,
        "job_image": IMAGE,
        "max_concurrent": max_concurrent,
        "per_step_k8s_config": K8S_STEP_CONFIG,
        "env_config_maps": ["vcot-env"],
    }


def docker_executor_config() -> dict[str, Any]:
    config: dict[str, Any] = {
        "image": IMAGE,
        "env_vars": [
            name
            for name in (
                "DAGSTER_HOME",
                "VCOT_HOME",
                "VCOT_DOCS",
                "VCOT_TEACHER",
                "VCOT_SANDBOX",
                "VCOT_POSTGRES_URL",
                "DAGSTER_POSTGRES_HOST",
                "DAGSTER_POSTGRES_USER",
                "DAGSTER_POSTGRES_PASSWORD",
                "DAGSTER_POSTGRES_DB",
                "DAGSTER_POSTGRES_PORT",
            )
            if name in os.environ
        ],
    }
    if os.environ.get("VCOT_DOCKER_NETWORK"):
        config["networks"] = [os.environ["VCOT_DOCKER_NETWORK"]]
    return config


def executor_from_env(environ: dict[str, str] | None = None) -> ExecutorDefinition:
    """The executor named by `VCOT_EXECUTOR`; a clear error for an unknown name."""
    name = (os.environ if environ is None else environ).get(EXECUTOR_ENV, "multiprocess").strip().lower()
    if name == "multiprocess":
        return multiprocess_executor
    if name == "in_process":
        return in_process_executor
    if name == "docker":
        from dagster_docker import docker_executor

        return docker_executor.configured(docker_executor_config(), name="vcot_docker")
    if name == "k8s":
        from dagster_k8s import k8s_job_executor

        return k8s_job_executor.configured(k8s_executor_config(), name="vcot_k8s")
    raise ValueError(f"{EXECUTOR_ENV}={name!r}: use multiprocess, in_process, docker or k8s")
