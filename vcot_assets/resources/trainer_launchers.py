"""Where the trainer runs: local processes, a Docker container with GPUs, or Kubernetes pods.

Every launcher starts the trainer with torchrun (`python -m torch.distributed.run`), one process
per GPU, through Dagster Pipes; the trainer shards the model over them with FSDP2 and only rank 0
reports, so loss, tokens/s and MFU come back as one materialization whichever launcher runs it.
dagster-docker and dagster-k8s are optional: imported only when chosen.

- subprocess: torchrun on this machine, one process per GPU it has (`gpus` -1), or `gpus`
  processes (CPU processes over gloo on a machine without GPUs).
- docker: one container given `gpus` GPUs (-1: all), torchrun over all it was given.
- k8s: `nodes` pods of `gpus` GPUs each. Node 0 is the pod PipesK8sClient starts and reads;
  nodes 1..N-1 are an Indexed Job. torchrun's static rendezvous meets at node 0, reached through
  a headless Service, so global rank 0 (the one that reports) is always in the Pipes pod.

Docker and Kubernetes runs read the training set and write the checkpoint at the same paths as
the orchestrator: the data directory is bind-mounted (Docker) or mounted from a persistent
volume claim (Kubernetes; ReadWriteMany when nodes > 1) at the path it has here.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dagster import ConfigurableResource, PipesSubprocessClient
from pydantic import Field

LAUNCHERS = ("subprocess", "docker", "k8s")
TRAINER_MODULE = "vcot_assets.training.train"
RENDEZVOUS_PORT = 29500
# Pods of a multi-node run may wait this long for each other (image pulls, scheduling).
RENDEZVOUS_TIMEOUT_S = 1800
RUN_LABEL = "vcot.dev/train-run"
NODE_LABEL = "vcot.dev/node-rank"
# The directory that holds the vcot_assets package, so a subprocess imports this checkout.
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])


def gpu_op_tags(gpus: int = 1) -> dict[str, Any]:
    """Op tags that make k8s_job_executor give the training step's pod `gpus` NVIDIA GPUs."""
    resources = {"limits": {"nvidia.com/gpu": str(gpus)}, "requests": {"nvidia.com/gpu": str(gpus)}}
    return {"dagster-k8s/config": {"container_config": {"resources": resources}}}


def local_gpu_count() -> int:
    """GPUs a trainer started here would see (CUDA_VISIBLE_DEVICES applies); 0 without torch."""
    try:
        import torch
    except ImportError:
        return 0
    return torch.cuda.device_count()


def torchrun_command(
    python: str,
    trainer_args: list[str],
    processes: int | str,
    nodes: int = 1,
    master_addr: str = "",
    node_rank: int | None = 0,
) -> list[str]:
    """`python -m torch.distributed.run ... -m vcot_assets.training.train ARGS`.

    processes: per node, a count or torchrun's "gpu" (every visible GPU). One node rendezvouses
    on a free local port; several meet at master_addr, node_rank None leaving the rank to the
    caller (the worker pods pass --node-rank themselves)."""
    command = [python, "-m", "torch.distributed.run", f"--nproc-per-node={processes}"]
    if nodes == 1:
        command.append("--standalone")
    else:
        command += [
            f"--nnodes={nodes}",
            f"--master-addr={master_addr}",
            f"--master-port={RENDEZVOUS_PORT}",
            f"--rdzv-conf=timeout={RENDEZVOUS_TIMEOUT_S}",
        ]
        if node_rank is not None:
            command.append(f"--node-rank={node_rank}")
    return [*command, "-m", TRAINER_MODULE, *trainer_args]


def docker_container_kwargs(gpus: int, mounts: Mapping[str, str], shm_size: str = "16g") -> dict:
    """`containers.create` arguments: GPU device request (-1: all GPUs) and identity bind mounts."""
    import docker

    return {
        "device_requests": [docker.types.DeviceRequest(count=gpus, capabilities=[["gpu"]])],
        "volumes": {host: {"bind": inside, "mode": "rw"} for host, inside in mounts.items()},
        # PyTorch data loading and NCCL use /dev/shm; Docker's 64 MB default is too small.
        "shm_size": shm_size,
    }


def k8s_pod_spec(gpus: int, claim: str, mount_path: str, service_account: str = "") -> dict:
    """base_pod_spec for one training pod: GPU requests, the data volume, GPU node toleration,
    and a memory-backed /dev/shm for NCCL."""
    container: dict[str, Any] = {
        "resources": {
            "limits": {"nvidia.com/gpu": str(gpus)},
            "requests": {"nvidia.com/gpu": str(gpus)},
        },
        "volume_mounts": [{"name": "dshm", "mount_path": "/dev/shm"}],
    }
    spec: dict[str, Any] = {
        "containers": [container],
        "tolerations": [{"key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"}],
        "volumes": [{"name": "dshm", "empty_dir": {"medium": "Memory"}}],
    }
    if claim:
        container["volume_mounts"].append({"name": "vcot-data", "mount_path": mount_path})
        spec["volumes"].append({"name": "vcot-data", "persistent_volume_claim": {"claim_name": claim}})
    if service_account:
        spec["service_account_name"] = service_account
    return spec


def k8s_run_name(run_id: str, partition_key: str | None) -> str:
    """A DNS-1123 name for one training run's Kubernetes objects."""
    tail = re.sub(r"[^a-z0-9-]+", "-", (partition_key or "").lower()).strip("-")
    return f"vcot-train-{run_id[:8].lower()}-{tail}"[:52].rstrip("-")


class TrainerResource(ConfigurableResource):
    """The base model, the launcher and the hyperparameters of `fine_tuned_checkpoint`."""

    base_model: str = Field(
        default_factory=lambda: os.environ.get("VCOT_TRAIN_BASE_MODEL", ""),
        description="local checkpoint directory or model id to fine-tune; empty: the "
        "`base_model` resource's model (VCOT_BASE_MODEL)",
    )
    launcher: str = Field(
        default_factory=lambda: os.environ.get("VCOT_TRAINER_LAUNCHER", "subprocess"),
        description="subprocess | docker | k8s",
    )
    image: str = Field(
        default_factory=lambda: os.environ.get("VCOT_TRAINER_IMAGE", "vcot-trainer:latest"),
        description="trainer image for docker and k8s (docker/trainer/Dockerfile)",
    )
    gpus: int = Field(
        default=-1,
        description="GPUs per node, one training process each; -1: all of this machine's "
        "(subprocess; one CPU process without GPUs) or of the Docker host; k8s needs a count",
    )
    nodes: int = Field(
        default_factory=lambda: int(os.environ.get("VCOT_TRAINER_NODES", "1")),
        description="k8s: pods of `gpus` GPUs each, joined by torchrun's rendezvous",
    )
    namespace: str = Field(default_factory=lambda: os.environ.get("VCOT_TRAINER_NAMESPACE", "default"))
    data_claim: str = Field(
        default_factory=lambda: os.environ.get("VCOT_TRAINER_DATA_CLAIM", ""),
        description="k8s PersistentVolumeClaim holding the vcot data directory (ReadWriteMany when nodes > 1)",
    )
    python: str = Field(default=sys.executable, description="interpreter for the subprocess launcher")
    learning_rate: float = 2e-6
    epochs: float = 10.0
    batch_size: int = 32
    micro_batch_size: int = 2
    max_seq_len: int = 8192
    max_steps: int = 0  # 0: run the epochs
    lora: bool = False
    compile: bool | None = None  # None: the trainer's default (on for GPU)
    extra_args: list[str] = Field(default_factory=list, description="more trainer arguments")
    env: dict[str, str] = Field(default_factory=dict, description="environment for the trainer")

    def trainer_args(self, data: Path, base_model: str, out: Path) -> list[str]:
        args = [
            "--data", str(data),
            "--base-model", base_model,
            "--out", str(out),
            "--lr", repr(self.learning_rate),
            "--epochs", repr(self.epochs),
            "--batch-size", str(self.batch_size),
            "--micro-batch-size", str(self.micro_batch_size),
            "--max-seq-len", str(self.max_seq_len),
        ]  # fmt: skip
        if self.max_steps:
            args += ["--max-steps", str(self.max_steps)]
        if self.lora:
            args.append("--lora")
        if self.compile is not None:
            args.append("--compile" if self.compile else "--no-compile")
        return args + list(self.extra_args)

    def subprocess_command(self, args: list[str]) -> list[str]:
        processes = self.gpus if self.gpus > 0 else max(1, local_gpu_count())
        return torchrun_command(self.python, args, processes)

    def docker_command(self, args: list[str]) -> list[str]:
        return torchrun_command("python", args, self.gpus if self.gpus > 0 else "gpu")

    def k8s_commands(self, args: list[str], rendezvous_host: str) -> tuple[list[str], list[str]]:
        """(node 0's command, the workers' command); workers take node rank index + 1."""
        if self.gpus <= 0:
            raise ValueError(
                f"the k8s trainer launcher needs a GPU count per pod, got gpus={self.gpus}; "
                "set the trainer resource's `gpus` (for example 8)"
            )
        if self.nodes < 1:
            raise ValueError(f"nodes must be at least 1, got {self.nodes}")
        node0 = torchrun_command("python", args, self.gpus, self.nodes, rendezvous_host, 0)
        worker = torchrun_command("python", args, self.gpus, self.nodes, rendezvous_host, None)
        # The Indexed Job numbers its pods from 0; they are nodes 1..N-1. "$@" is torchrun's
        # options, the trainer module and its arguments, passed as words (no shell quoting).
        script = 'exec python -m torch.distributed.run --node-rank="$((JOB_COMPLETION_INDEX + 1))" "$@"'
        return node0, ["sh", "-c", script, "torchrun", *worker[3:]]

    def launch(self, context, data: Path, out: Path, base_model: str, data_dir: Path):
        """Run the trainer through Pipes with the configured launcher; returns the invocation."""
        args = self.trainer_args(data, base_model, out)
        extras = {"partition_key": context.partition_key if context.has_partition_key else None}
        if self.launcher == "subprocess":
            return self._run_subprocess(context, args, extras)
        if self.launcher == "docker":
            return self._run_docker(context, args, extras, data_dir)
        if self.launcher == "k8s":
            return self._run_k8s(context, args, extras, data_dir)
        raise ValueError(f"unknown trainer launcher {self.launcher!r}; choose one of {LAUNCHERS}")

    def _run_subprocess(self, context, args: list[str], extras: dict):
        path = os.pathsep.join(p for p in (_PACKAGE_ROOT, os.environ.get("PYTHONPATH", "")) if p)
        client = PipesSubprocessClient(env={**self.env, "PYTHONPATH": path})
        return client.run(context=context, command=self.subprocess_command(args), extras=extras)

    def _run_docker(self, context, args: list[str], extras: dict, data_dir: Path):
        try:
            from dagster_docker import PipesDockerClient
        except ImportError as err:
            raise RuntimeError("the docker trainer launcher needs dagster-docker installed") from err
        mounts = {str(data_dir): str(data_dir)}
        return PipesDockerClient(env=dict(self.env)).run(
            context=context,
            image=self.image,
            command=self.docker_command(args),
            extras=extras,
            container_kwargs=docker_container_kwargs(self.gpus, mounts),
        )

    def _run_k8s(self, context, args: list[str], extras: dict, data_dir: Path):
        try:
            from dagster_k8s import PipesK8sClient
        except ImportError as err:
            raise RuntimeError("the k8s trainer launcher needs dagster-k8s installed") from err
        name = k8s_run_name(context.run_id, extras["partition_key"])
        plan = render_k8s_run(self, args, data_dir, name)
        workers = _K8sWorkers(plan, self.namespace) if self.nodes > 1 else None
        try:
            if workers is not None:
                workers.create()
            return PipesK8sClient(env=dict(self.env)).run(
                context=context,
                image=self.image,
                command=plan.node0_command,
                namespace=self.namespace,
                extras=extras,
                base_pod_meta=plan.node0_meta,
                base_pod_spec=plan.node0_spec,
            )
        finally:
            if workers is not None:
                workers.delete()


@dataclass
class K8sRunPlan:
    """The Kubernetes objects of one training run: node 0 (for PipesK8sClient) and, with more
    than one node, the rendezvous Service and the worker Job (plain manifests)."""

    node0_command: list[str]
    node0_meta: dict
    node0_spec: dict  # snake_case, as PipesK8sClient's base_pod_spec takes it
    service: dict | None
    job: dict | None


def render_k8s_run(resource: TrainerResource, args: list[str], data_dir: Path, name: str) -> K8sRunPlan:
    """What the k8s launcher creates for these trainer arguments (for review and tests)."""
    host = f"{name}-rdzv.{resource.namespace}.svc.cluster.local"
    node0_command, worker_command = resource.k8s_commands(args, host)
    labels = {RUN_LABEL: name}
    node0_meta = {"labels": {**labels, NODE_LABEL: "0"}}
    node0_spec = k8s_pod_spec(resource.gpus, resource.data_claim, str(data_dir))
    if resource.nodes == 1:
        return K8sRunPlan(node0_command, node0_meta, node0_spec, None, None)
    service = {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": f"{name}-rdzv", "labels": labels},
        "spec": {
            "clusterIP": "None",
            "selector": node0_meta["labels"],
            "ports": [{"name": "rendezvous", "port": RENDEZVOUS_PORT}],
            # Workers resolve node 0 while it starts, before any readiness.
            "publishNotReadyAddresses": True,
        },
    }
    worker_spec = k8s_pod_spec(resource.gpus, resource.data_claim, str(data_dir))
    container = worker_spec["containers"][0]
    container.update(
        name="trainer",
        image=resource.image,
        command=worker_command,
        env=[{"name": k, "value": v} for k, v in resource.env.items()],
    )
    job = {
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": {"name": f"{name}-workers", "labels": labels},
        "spec": {
            "completionMode": "Indexed",
            "completions": resource.nodes - 1,
            "parallelism": resource.nodes - 1,
            "backoffLimit": 0,
            "template": {
                "metadata": {"labels": labels},
                "spec": {**_camel_case(worker_spec), "restartPolicy": "Never"},
            },
        },
    }
    return K8sRunPlan(node0_command, node0_meta, node0_spec, service, job)


def _camel_case(value):
    """snake_case keys (as PipesK8sClient's base_pod_spec takes them) as the API's camelCase."""
    if isinstance(value, dict):
        return {
            re.sub(r"_([a-z])", lambda m: m.group(1).upper(), key): _camel_case(item) for key, item in value.items()
        }
    if isinstance(value, list):
        return [_camel_case(item) for item in value]
    return value


class _K8sWorkers:
    """Creates and removes the Service and worker Job around node 0's Pipes run."""

    def __init__(self, plan: K8sRunPlan, namespace: str):
        import kubernetes

        if os.getenv("KUBERNETES_SERVICE_HOST"):
            kubernetes.config.load_incluster_config()
        else:
            kubernetes.config.load_kube_config()
        self.core = kubernetes.client.CoreV1Api()
        self.batch = kubernetes.client.BatchV1Api()
        self.plan, self.namespace = plan, namespace

    def create(self) -> None:
        self.core.create_namespaced_service(self.namespace, self.plan.service)
        self.batch.create_namespaced_job(self.namespace, self.plan.job)

    def delete(self) -> None:
        import kubernetes

        for delete, name in (
            (self.batch.delete_namespaced_job, self.plan.job["metadata"]["name"]),
            (self.core.delete_namespaced_service, self.plan.service["metadata"]["name"]),
        ):
            try:
                delete(name, self.namespace, propagation_policy="Foreground")
            except kubernetes.client.ApiException as err:
                if err.status != 404:
                    raise


def render_k8s_pod(resource: TrainerResource, args: list[str], data_dir: Path, pod_name: str):
    """The V1Pod PipesK8sClient would create for node 0 of these trainer arguments."""
    from dagster_k8s.pipes import build_pod_body

    plan = render_k8s_run(resource, args, data_dir, pod_name)
    return build_pod_body(
        pod_name=pod_name,
        image=resource.image,
        command=plan.node0_command,
        env_vars=dict(resource.env),
        base_pod_meta=plan.node0_meta,
        base_pod_spec=plan.node0_spec,
    )


RESOURCES = {"trainer": TrainerResource()}
