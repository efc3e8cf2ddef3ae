"""What "full isolation" means for each backend, tested from inside; workers that cannot start
fall back or fail clearly; and below full isolation, model-written code does not run unless
the user allows it.

Definitions (`harness.FULL_ISOLATION`):
- local: a bubblewrap sandbox per worker: own PID, mount, network, IPC and UTS namespaces;
  children in a user namespace of the worker's own (as root: at a host uid of the worker's own,
  so the process limit binds); no capabilities in children; a filesystem of read-only binds of
  only what the interpreter and the harness's imports need plus a private /tmp; loopback only;
- docker: a hardened container per worker: own PID, mount, network, IPC and UTS namespaces, not
  root, no capabilities, read-only root filesystem, loopback network only;
- pod (Kubernetes, namespaces refused): the pod is the boundary: declared as such, no
  service-account token, not root, no capabilities, read-only root filesystem.
All three: a seccomp filter and no_new_privs in every child.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from vcot_assets.core.consensus.testcases import parse_test
from vcot_assets.core.sandbox_records import CallRequest, SolutionRun
from vcot_assets.sandbox import api, open_sandbox
from vcot_assets.sandbox.api import ReducedIsolation, SandboxError, reduced_isolation_allowance

from .conftest import DOCKER_IMAGE, TEST_LIMITS, require_bubblewrap, require_docker

REPO = Path(__file__).resolve().parents[2]
PROBE_LIMITS = dataclasses.replace(TEST_LIMITS, output_bytes=16 << 20)

# Run in a child: what it can see and do.
PROBE = """
import ctypes, os, socket
def probe():
    libc = ctypes.CDLL(None, use_errno=True)
    status = dict(line.split(':', 1) for line in open('/proc/self/status').read().splitlines() if ':' in line)
    visible = []
    for root, dirs, files in os.walk('/'):
        if root in ('/proc', '/sys', '/dev', '/usr') or root.startswith(('/proc/', '/sys/', '/dev/', '/usr/')):
            dirs[:] = []
            continue
        visible += [os.path.join(root, name) for name in files]
        if len(visible) > 200000:
            break
    try:
        socket.create_connection(('1.1.1.1', 53), timeout=1).close()
        network = 'reached'
    except OSError:
        network = 'unreachable'
    return {
        'uid': os.getuid(),
        'hostname': os.uname().nodename,
        'capabilities': int(status['CapEff'], 16),
        'no_new_privs': status['NoNewPrivs'].strip(),
        'seccomp': status['Seccomp'].strip(),
        'interfaces': sorted(line.split(':')[0].strip() for line in open('/proc/net/dev').readlines()[2:]),
        'network': network,
        'namespaces': {n: os.readlink('/proc/self/ns/' + n) for n in ('user', 'pid', 'mnt', 'net', 'ipc', 'uts')},
        'root_writable': not os.statvfs('/').f_flag & 1,
        'visible': sorted(visible),
        'ptrace': libc.ptrace(16, 1, 0, 0),
        'unshare': libc.unshare(0x10000000),
    }
"""


def probe(box) -> dict:
    outcome = box.run_calls([CallRequest("probe", PROBE, ["probe()"], timeout_s=20.0)])[0]
    assert outcome.status == "ok", outcome.detail
    return eval(outcome.value)  # canonical text of plain values, from our own probe


def common_definition(seen: dict) -> None:
    assert seen["capabilities"] == 0 and seen["no_new_privs"] == "1"
    assert seen["seccomp"] == "2"  # a filter is loaded
    assert seen["ptrace"] == -1 and seen["unshare"] == -1
    assert seen["root_writable"] is False


# --- local: bubblewrap ------------------------------------------------------------------------


def test_local_full_isolation_is_a_bubblewrap_sandbox_with_nothing_of_the_host(tmp_path):
    require_bubblewrap()
    interpreter_prefix = os.path.realpath(sys.base_prefix)
    with open_sandbox("local", PROBE_LIMITS, workers=1) as box:
        assert box.isolation == "full"
        seen = probe(box)
    common_definition(seen)
    assert seen["hostname"] == api.SANDBOX_HOSTNAME
    assert seen["interfaces"] == ["lo"] and seen["network"] == "unreachable"
    ours = api.host_namespaces()
    assert all(seen["namespaces"][name] != ours[name] for name in ("pid", "mnt", "net", "ipc", "uts"))
    if os.geteuid() == 0:  # children at a host uid of the worker's own, not root
        assert seen["uid"] == api.SANDBOX_UID_BASE and seen["namespaces"]["user"] == ours["user"]
    else:  # children in a user namespace of the worker's own
        assert seen["uid"] == 65534 and seen["namespaces"]["user"] != ours["user"]
    allowed = ("/usr/", "/etc/ld.so.cache", interpreter_prefix + "/", api.HARNESS_SITE + "/", "/tmp/")
    outside = [path for path in seen["visible"] if not path.startswith(allowed)]
    assert outside == []
    for hidden in (str(REPO), "/var", "/home", str(tmp_path)):
        assert not any(path.startswith(hidden + "/") for path in seen["visible"]), hidden
    # The interpreter's prefix, but not the packages installed in it, nor the virtualenv's.
    assert not any("/site-packages/" in path for path in seen["visible"] if not path.startswith(api.HARNESS_SITE))
    assert {path.split("/")[4] for path in seen["visible"] if path.startswith(api.HARNESS_SITE)} == {
        "pysnooper",
        "coverage",
    }


def _bwrap_without(monkeypatch, dropped: list[list[str]], added: list[str] | None = None) -> None:
    """bubblewrap's arguments without the `dropped` runs of options, with `added` ones."""
    real = api.bwrap_arguments

    def arguments(*args, **kwargs):
        found = real(*args, **kwargs)
        for run in dropped:
            at = next(i for i in range(len(found)) if found[i : i + len(run)] == run)
            del found[at : at + len(run)]
        return found[:1] + (added or []) + found[1:]

    monkeypatch.setattr(api, "bwrap_arguments", arguments)


@pytest.mark.parametrize(
    ("dropped", "gap"),
    [
        ([["--unshare-ipc"]], "shared with the orchestrator: ipc"),
        ([["--unshare-uts"], ["--hostname", api.SANDBOX_HOSTNAME]], "shared with the orchestrator: uts"),
        ([["--unshare-net"]], "network reachable"),
        ([["--remount-ro", "/"]], "root filesystem writable"),
        ([["--cap-drop", "ALL"]], "capabilities held"),
    ],
)
def test_a_local_worker_short_of_the_definition_is_reduced(monkeypatch, dropped, gap):
    require_bubblewrap()
    if gap == "capabilities held" and os.geteuid() != 0:
        pytest.skip("bubblewrap leaves capabilities only to root")
    _bwrap_without(monkeypatch, dropped)
    with pytest.raises(ReducedIsolation, match=gap):
        open_sandbox("local", TEST_LIMITS, workers=1)


def test_a_fork_bomb_stops_at_the_process_limit():
    require_bubblewrap()
    code = (
        "import os, time\ndef f():\n    made = 0\n    for _ in range(200):\n        try:\n            pid = os.fork()\n"
        "        except OSError:\n            return made\n        if pid == 0:\n            time.sleep(2)\n"
        "            os._exit(0)\n        made += 1\n    return made\n"
    )
    with open_sandbox("local", TEST_LIMITS, workers=1) as box:
        outcome = box.run_calls([CallRequest("bomb", code, ["f()"])])[0]
    assert outcome.status == "ok" and int(outcome.value) < TEST_LIMITS.max_processes


# --- docker ------------------------------------------------------------------------------------


@pytest.mark.docker
def test_docker_full_isolation_is_a_hardened_container():
    require_docker()
    with open_sandbox("docker", PROBE_LIMITS, workers=1) as box:
        assert box.isolation == "full"
        seen = probe(box)
    common_definition(seen)
    assert seen["uid"] == 65534 and seen["interfaces"] == ["lo"] and seen["network"] == "unreachable"
    ours = api.host_namespaces()
    assert all(seen["namespaces"][name] != ours[name] for name in ("pid", "mnt", "net", "ipc", "uts"))
    assert not any(path.startswith((str(REPO) + "/", "/home/", "/root/")) for path in seen["visible"])


@pytest.mark.docker
def test_a_writable_container_is_reduced(monkeypatch):
    require_docker()
    real = api._DockerBackend.arguments
    monkeypatch.setattr(
        api._DockerBackend, "arguments", lambda self, name: [a for a in real(self, name) if a != "--read-only"]
    )
    with pytest.raises(ReducedIsolation, match="root filesystem writable"):
        open_sandbox("docker", TEST_LIMITS, workers=1)


# --- a Kubernetes pod: namespaces refused, the pod is the boundary ----------------------------


def _in_a_pod(*docker_options: str, boundary: str = "pod") -> str:
    """The local backend's isolation inside a container made like docker/k8s/sandbox-job.yaml's
    pod (no bubblewrap in the image, so it cannot make namespaces)."""
    script = (
        "import json, sys; sys.path.insert(0, '/src')\n"
        "from vcot_assets.sandbox import open_sandbox\n"
        "with open_sandbox('local', workers=1, allow_reduced='test') as box:\n"
        "    print(json.dumps(box.isolation))\n"
    )
    argv = ["docker", "run", "--rm", "--pull", "never", "--network", "none", "--user", "65534:65534"]
    argv += ["--cap-drop", "ALL", "--security-opt", "no-new-privileges", "--tmpfs", "/tmp:rw,exec,size=64m"]
    argv += ["-v", f"{REPO}:/src:ro", "-e", f"VCOT_SANDBOX_BOUNDARY={boundary}", *docker_options]
    done = subprocess.run(
        [*argv, DOCKER_IMAGE, "python3", "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.docker
def test_in_a_pod_full_isolation_is_the_pods(tmp_path):
    require_docker()
    assert _in_a_pod("--read-only") == "full"
    assert "root filesystem writable" in _in_a_pod()
    token = tmp_path / "serviceaccount"
    token.mkdir()
    (token / "token").write_text("not-a-real-token")
    mounted = _in_a_pod("--read-only", "-v", f"{token}:/var/run/secrets/kubernetes.io/serviceaccount:ro")
    assert "service-account token mounted" in mounted
    assert "no bubblewrap sandbox" in _in_a_pod("--read-only", boundary="")


def test_the_pod_manifest_declares_the_boundary():
    import yaml

    job = yaml.safe_load((REPO / "docker" / "k8s" / "sandbox-job.yaml").read_text())
    (container,) = job["spec"]["template"]["spec"]["containers"]
    assert {"name": "VCOT_SANDBOX_BOUNDARY", "value": "pod"} in container["env"]
    assert container["securityContext"]["readOnlyRootFilesystem"] is True


# --- workers that cannot start ----------------------------------------------------------------


def test_a_worker_that_never_says_hello_is_lost_not_an_attribute_error():
    with pytest.raises(api.WorkerLost, match="launcher: cannot do that"):
        api._Worker(["sh", "-c", "echo 'launcher: cannot do that' >&2; exit 3"], {})


def test_bubblewrap_failing_falls_back_to_plain_workers_and_says_why(monkeypatch):
    _bwrap_without(monkeypatch, [], ["--no-such-option"])
    with pytest.raises(ReducedIsolation, match="no bubblewrap sandbox.*no-such-option"):
        open_sandbox("local", TEST_LIMITS, workers=1)
    with open_sandbox("local", TEST_LIMITS, workers=1, allow_reduced="the test") as plain:
        isolation = plain.isolation
        code = "def f():\n    return 1\n"
        verdicts = plain.run_tests([SolutionRun("s", code, [parse_test("assert f() == 1", "t", "i")])])
    assert isolation.startswith("reduced: no bubblewrap sandbox") and isolation.endswith("[allowed by the test]")
    assert [(v.status, v.isolation) for v in verdicts] == [("pass", isolation)]


def test_no_backend_at_all_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(api._LocalBackend, "_modes", lambda self: ["plain"])
    monkeypatch.setattr(api.sys, "executable", "/nonexistent/python")
    with pytest.raises(SandboxError, match="no sandbox worker could start"):
        open_sandbox("local", TEST_LIMITS, workers=1, allow_reduced="the test")


@pytest.mark.docker
def test_docker_start_errors_are_clear(monkeypatch):
    require_docker()
    box = api._DockerBackend(TEST_LIMITS, DOCKER_IMAGE)
    box.image = "vcot-no-such-image:none"
    with pytest.raises(SandboxError, match="did not start.*No such image"):
        box.start(0, {})
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(SandboxError, match="did not start"):
        box.start(0, {})


# --- the policy --------------------------------------------------------------------------------


def test_reduced_isolation_needs_an_allowance(monkeypatch):
    monkeypatch.setattr(api._LocalBackend, "_modes", lambda self: ["plain"])
    with pytest.raises(ReducedIsolation, match="--allow-reduced-isolation"):
        open_sandbox("local", TEST_LIMITS, workers=1)


def test_who_may_allow_reduced_isolation():
    assert reduced_isolation_allowance(environ={}) is None
    assert reduced_isolation_allowance(flag=True, environ={}) == "--allow-reduced-isolation"
    assert reduced_isolation_allowance(environ={"VCOT_ALLOW_REDUCED_ISOLATION": "1"}) is not None
    assert reduced_isolation_allowance(environ={"VCOT_ALLOW_REDUCED_ISOLATION": "0"}) is None
    assert "offline teacher" in reduced_isolation_allowance(teacher="offline/default", environ={})
    assert reduced_isolation_allowance(teacher="openai/gpt-4o", environ={}) is None


def test_the_pipeline_resource_allows_only_the_offline_teachers_code(monkeypatch):
    from vcot_assets.resources.sandbox import SandboxResource

    monkeypatch.setattr(api._LocalBackend, "_modes", lambda self: ["plain"])
    monkeypatch.delenv("VCOT_ALLOW_REDUCED_ISOLATION", raising=False)
    resource = SandboxResource(backend="local", workers=1)
    monkeypatch.setenv("VCOT_TEACHER", "offline/default")
    with resource.open() as box:
        assert "[allowed by the offline teacher" in box.isolation
    with pytest.raises(ReducedIsolation):
        resource.open(code_from="base model")
    monkeypatch.setenv("VCOT_TEACHER", "hosted_vllm/some-model")
    with pytest.raises(ReducedIsolation):
        resource.open()
    monkeypatch.setenv("VCOT_ALLOW_REDUCED_ISOLATION", "1")
    with resource.open(code_from="base model") as box:
        assert "[allowed by VCOT_ALLOW_REDUCED_ISOLATION=1]" in box.isolation


def test_vcot_exec_refuses_reduced_isolation_unless_allowed(monkeypatch, tmp_path, capsys):
    from vcot_assets.commands import exec_cmd

    monkeypatch.setattr(api._LocalBackend, "_modes", lambda self: ["plain"])
    monkeypatch.delenv("VCOT_ALLOW_REDUCED_ISOLATION", raising=False)
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(json.dumps({"id": "a", "code": "def f():\n    return 1\n", "test": "assert f() == 1"}))
    assert exec_cmd.main([str(pairs), "--workers", "1"]) == 2
    assert "--allow-reduced-isolation" in capsys.readouterr().err
    assert exec_cmd.main([str(pairs), "--workers", "1", "--allow-reduced-isolation"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["status"] == "pass"
    assert "sandbox isolation reduced" in captured.err and "allowed by --allow-reduced-isolation" in captured.err


def test_vcot_run_says_how_isolated_at_the_start_and_stops_when_not_allowed(monkeypatch, capsys):
    from vcot_assets.commands.isolation import check_run_isolation

    monkeypatch.delenv("VCOT_ALLOW_REDUCED_ISOLATION", raising=False)
    if api.shutil.which("bwrap"):
        assert check_run_isolation("local", "openai/gpt-4o") is True
        assert capsys.readouterr().out.startswith("sandbox: local, isolation full")
    monkeypatch.setattr(api._LocalBackend, "_modes", lambda self: ["plain"])
    assert check_run_isolation("local", "openai/gpt-4o") is False
    assert "--allow-reduced-isolation" in capsys.readouterr().err
    assert check_run_isolation("local", "offline/default") is True
    assert "reduced" in capsys.readouterr().out


def test_plain_workers_leave_the_hosts_tmp_alone(monkeypatch):
    # Children's leftovers are swept only from dirs the sandbox owns: on the host, /tmp is everyone's.
    monkeypatch.setattr(api._LocalBackend, "_modes", lambda self: ["plain"])
    with open_sandbox("local", TEST_LIMITS, workers=1, allow_reduced="the test") as plain:
        with tempfile.NamedTemporaryFile(prefix="vcot-someone-elses-", dir="/tmp") as other:
            code = "def f():\n    return 1\n"
            plain.run_tests([SolutionRun("s", code, [parse_test("assert f() == 1", "t", "i")])])
            assert os.path.exists(other.name)
