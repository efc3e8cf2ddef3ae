import os
import subprocess
from pathlib import Path

import pytest

from vcot_assets.resources.trainer_launchers import (
    NODE_LABEL,
    RENDEZVOUS_PORT,
    RUN_LABEL,
    TrainerResource,
    docker_container_kwargs,
    gpu_op_tags,
    k8s_pod_spec,
    k8s_run_name,
    render_k8s_pod,
    render_k8s_run,
    torchrun_command,
)


def _resource(**fields) -> TrainerResource:
    return TrainerResource(base_model="/models/base", image="registry.example/vcot-trainer:1", **fields)


def _args(resource: TrainerResource) -> list[str]:
    return resource.trainer_args(Path("/srv/data/t.jsonl"), "/models/base", Path("/srv/data/out"))


def _trainer_part(command: list[str]) -> list[str]:
    """What follows torchrun's options: the trainer module and its arguments."""
    start = command.index("vcot_assets.training.train") - 1
    return command[start:]


def test_trainer_arguments_carry_the_hyperparameters():
    resource = _resource(
        learning_rate=1e-5,
        epochs=3,
        max_steps=7,
        lora=True,
        compile=True,
        extra_args=["--threads", "1"],
    )
    args = resource.trainer_args(Path("/d/full/forward.jsonl"), "/models/base", Path("/d/out"))
    pairs = dict(zip(args[::2], args[1::2]))
    assert pairs["--lr"] == "1e-05" and pairs["--epochs"] == "3.0" and pairs["--max-steps"] == "7"
    assert "--lora" in args and "--compile" in args and args[-2:] == ["--threads", "1"]


def test_paper_hyperparameters_are_the_defaults():
    resource = TrainerResource(base_model="/m")
    args = resource.trainer_args(Path("d.jsonl"), "/m", Path("o"))
    pairs = dict(zip(args[::2], args[1::2]))
    assert pairs["--lr"] == "2e-06" and pairs["--epochs"] == "10.0" and pairs["--max-seq-len"] == "8192"
    assert int(pairs["--batch-size"]) == 32 and "--max-steps" not in pairs
    assert "--compile" not in args and "--no-compile" not in args  # the trainer decides by device
    no_compile = TrainerResource(base_model="/m", compile=False).trainer_args(Path("d"), "/m", Path("o"))
    assert "--no-compile" in no_compile


def test_subprocess_runs_torchrun_over_the_machines_gpus(monkeypatch):
    import vcot_assets.resources.trainer_launchers as launchers

    resource = _resource(python="/venv/bin/python")
    monkeypatch.setattr(launchers, "local_gpu_count", lambda: 4)
    command = resource.subprocess_command(_args(resource))
    assert command[:3] == ["/venv/bin/python", "-m", "torch.distributed.run"]
    assert "--nproc-per-node=4" in command and "--standalone" in command
    assert _trainer_part(command)[:2] == ["-m", "vcot_assets.training.train"]
    monkeypatch.setattr(launchers, "local_gpu_count", lambda: 0)
    assert "--nproc-per-node=1" in resource.subprocess_command([])  # a CPU machine: one process
    assert "--nproc-per-node=2" in _resource(gpus=2).subprocess_command([])


def test_docker_runs_torchrun_over_every_gpu_it_was_given():
    resource = _resource()
    command = resource.docker_command(_args(resource))
    assert command[:3] == ["python", "-m", "torch.distributed.run"]
    assert "--nproc-per-node=gpu" in command
    assert "--nproc-per-node=2" in _resource(gpus=2).docker_command([])


def test_docker_launcher_requests_gpus_and_mounts_the_data_directory():
    docker = pytest.importorskip("docker")
    kwargs = docker_container_kwargs(-1, {"/srv/vcot/data": "/srv/vcot/data"})
    [request] = kwargs["device_requests"]
    assert isinstance(request, docker.types.DeviceRequest)
    assert request["Count"] == -1 and request["Capabilities"] == [["gpu"]]
    assert kwargs["volumes"] == {"/srv/vcot/data": {"bind": "/srv/vcot/data", "mode": "rw"}}


def test_k8s_pod_spec_renders_with_the_gpu_request():
    pytest.importorskip("dagster_k8s")
    resource = _resource(gpus=2, data_claim="vcot-data", env={"HF_HOME": "/cache"})
    pod = render_k8s_pod(resource, _args(resource), Path("/srv/data"), pod_name="train-full-forward")
    [container] = pod.spec.containers
    assert container.image == "registry.example/vcot-trainer:1"
    assert container.command[:3] == ["python", "-m", "torch.distributed.run"]
    assert "--nproc-per-node=2" in container.command and "--standalone" in container.command
    assert container.resources.limits == {"nvidia.com/gpu": "2"}
    assert container.resources.requests == {"nvidia.com/gpu": "2"}
    mounts = {m.name: m.mount_path for m in container.volume_mounts}
    assert mounts == {"dshm": "/dev/shm", "vcot-data": "/srv/data"}
    volumes = {v.name: v for v in pod.spec.volumes}
    assert volumes["vcot-data"].persistent_volume_claim.claim_name == "vcot-data"
    assert volumes["dshm"].empty_dir.medium == "Memory"
    assert pod.spec.restart_policy == "Never"
    assert ("HF_HOME", "/cache") in [(e.name, e.value) for e in container.env]


def test_k8s_multi_node_run_renders_node_0_a_rendezvous_service_and_workers():
    resource = _resource(gpus=8, nodes=3, data_claim="vcot-data", namespace="ml", env={"A": "1"})
    args = _args(resource)
    plan = render_k8s_run(resource, args, Path("/srv/data"), "vcot-train-ab12cd34-full-forward")
    host = "vcot-train-ab12cd34-full-forward-rdzv.ml.svc.cluster.local"

    # Node 0: the Pipes pod, rank 0 of the static rendezvous, which it hosts.
    assert plan.node0_command[:3] == ["python", "-m", "torch.distributed.run"]
    for option in ("--nproc-per-node=8", "--nnodes=3", "--node-rank=0", f"--master-addr={host}",
                   f"--master-port={RENDEZVOUS_PORT}"):  # fmt: skip
        assert option in plan.node0_command
    assert _trainer_part(plan.node0_command) == ["-m", "vcot_assets.training.train", *args]
    assert plan.node0_meta["labels"] == {
        RUN_LABEL: "vcot-train-ab12cd34-full-forward",
        NODE_LABEL: "0",
    }

    # The headless Service resolves the master address to node 0's pod.
    service = plan.service
    assert service["metadata"]["name"] == "vcot-train-ab12cd34-full-forward-rdzv"
    assert service["spec"]["clusterIP"] == "None" and service["spec"]["selector"] == plan.node0_meta["labels"]
    assert service["spec"]["ports"][0]["port"] == RENDEZVOUS_PORT

    # Nodes 1 and 2: an Indexed Job whose pods take node rank index + 1.
    job = plan.job["spec"]
    assert job["completionMode"] == "Indexed" and job["completions"] == job["parallelism"] == 2
    pod = job["template"]["spec"]
    [container] = pod["containers"]
    assert container["image"] == "registry.example/vcot-trainer:1" and pod["restartPolicy"] == "Never"
    assert container["resources"]["limits"] == {"nvidia.com/gpu": "8"}
    assert {"name": "vcot-data", "mountPath": "/srv/data"} in container["volumeMounts"]
    assert {"name": "vcot-data", "persistentVolumeClaim": {"claimName": "vcot-data"}} in pod["volumes"]
    assert pod["tolerations"][0]["key"] == "nvidia.com/gpu"
    assert container["env"] == [{"name": "A", "value": "1"}]
    assert RUN_LABEL in job["template"]["metadata"]["labels"]
    assert NODE_LABEL not in job["template"]["metadata"]["labels"]  # the Service picks node 0 only


def test_k8s_worker_command_gives_each_pod_its_node_rank(tmp_path: Path):
    """Run the worker's shell line with a stand-in `python` that prints its arguments."""
    resource = _resource(gpus=4, nodes=3)
    args = _args(resource) + ["--note", 'it\'s a "quoted" $value']
    command = render_k8s_run(resource, args, Path("/srv/data"), "run").job["spec"]["template"]["spec"]["containers"][0][
        "command"
    ]
    stub = tmp_path / "python"
    stub.write_text('#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done\n')
    stub.chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{tmp_path}{os.pathsep}{os.environ['PATH']}",
        "JOB_COMPLETION_INDEX": "1",
    }
    words = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout.splitlines()
    assert words[:3] == ["-m", "torch.distributed.run", "--node-rank=2"]
    assert "--nnodes=3" in words and "--master-addr=run-rdzv.default.svc.cluster.local" in words
    assert _trainer_part(words) == ["-m", "vcot_assets.training.train", *args]


def test_one_node_renders_no_service_or_workers():
    plan = render_k8s_run(_resource(gpus=1), [], Path("/d"), "run")
    assert plan.service is None and plan.job is None and "--standalone" in plan.node0_command


def test_k8s_needs_a_gpu_count():
    with pytest.raises(ValueError, match="needs a GPU count per pod, got gpus=-1"):
        render_k8s_run(_resource(), [], Path("/d"), "run")


def test_k8s_names_are_dns_labels():
    name = k8s_run_name("AB12CD34-0000-1111", "difficulty-Bidirectional_x")
    assert name == "vcot-train-ab12cd34-difficulty-bidirectional-x"
    assert len(k8s_run_name("a" * 36, "p" * 80)) <= 52


def test_k8s_spec_without_a_claim_mounts_only_shared_memory():
    spec = k8s_pod_spec(1, "", "/data")
    assert [v["name"] for v in spec["volumes"]] == ["dshm"]
    assert spec["containers"][0]["volume_mounts"] == [{"name": "dshm", "mount_path": "/dev/shm"}]


def test_op_tags_ask_the_k8s_executor_for_gpus():
    tags = gpu_op_tags(4)
    assert tags["dagster-k8s/config"]["container_config"]["resources"]["limits"] == {"nvidia.com/gpu": "4"}


def test_torchrun_command_for_one_node_uses_a_free_local_port():
    command = torchrun_command("py", ["--data", "d"], 2)
    assert command == ["py", "-m", "torch.distributed.run", "--nproc-per-node=2", "--standalone",
                       "-m", "vcot_assets.training.train", "--data", "d"]  # fmt: skip


def test_unknown_launcher_is_a_clear_error():
    from dagster import build_asset_context

    resource = _resource(launcher="slurm")
    with pytest.raises(ValueError, match="unknown trainer launcher 'slurm'"):
        resource.launch(build_asset_context(), Path("d"), Path("o"), "/m", Path("/data"))


def test_two_processes_through_pipes_report_once(tmp_path: Path):
    """The subprocess launcher with gpus=2 on a CPU machine: torchrun starts two gloo processes,
    FSDP shards the tiny model over them, and rank 0 alone reports one materialization."""
    pytest.importorskip("transformers")
    from dagster import AssetExecutionContext, DagsterInstance, asset, materialize

    from vcot_assets.training.synthetic import generate_samples, write_samples
    from vcot_assets.training.tiny_model import build_base_model

    base = build_base_model(tmp_path / "base", generate_samples(200, seed=1), "tiny", 384)
    data = write_samples(tmp_path / "data" / "train.jsonl", 48, seed=2)
    out = tmp_path / "data" / "checkpoint"

    @asset(required_resource_keys={"trainer"})
    def checkpoint(context: AssetExecutionContext):
        invocation = context.resources.trainer.launch(context, data, out, str(base), data.parent)
        return invocation.get_materialize_result()

    trainer = TrainerResource(
        base_model=str(base), gpus=2, learning_rate=5e-3, max_steps=4, batch_size=4,
        micro_batch_size=1, max_seq_len=1024, extra_args=["--packing", "--log-every", "2"],
    )  # fmt: skip
    result = materialize([checkpoint], resources={"trainer": trainer}, instance=DagsterInstance.ephemeral())
    assert result.success
    [materialization] = result.asset_materializations_for_node("checkpoint")
    metadata = {k: v.value for k, v in materialization.metadata.items()}
    assert metadata["world_size"] == 2 and metadata["steps"] == 4 and len(metadata["loss_curve"]) == 4
    assert metadata["completed"] is True and (out / "model.safetensors").exists()
