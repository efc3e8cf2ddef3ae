"""The orchestrator's side of the sandbox: workers, jobs, and turning results into verdicts.

Each worker is a warm harness process (`harness.py`, run from source with `python -c`) that
forks one isolated child per job. Workers are started with subprocess (fork+exec) when the
sandbox opens, so this process never forks itself after litellm's threads exist. Jobs are
spread over the workers by one thread each; results come back in request order.

Backends (what "full" isolation means for each: `harness.FULL_ISOLATION`):
- local: each worker is PID 1 of a bubblewrap sandbox (own PID, mount, network, IPC and UTS
  namespaces; children in a user namespace of their own, or as root at a host uid of the
  worker's own; no capabilities in children; read-only binds of only what the interpreter and
  the harness's imports need; private /tmp). Where bubblewrap cannot start, plain processes, whose
  isolation is "reduced: ..." unless a Kubernetes pod declares itself the boundary.
- docker: each worker is a long-lived hardened container (no network, read-only root, tmpfs,
  pids/memory/cpu limits, no capabilities, no-new-privileges, non-root user) running the same
  harness as PID 1.
Below full isolation a sandbox does not start unless the caller allows it (`allow_reduced`).
"""

from __future__ import annotations

import importlib.util
import json
import os
import queue
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import asdict
from pathlib import Path
from typing import Any

from vcot_assets.core.consensus.records import Verdict
from vcot_assets.core.consensus.testcases import NotALiteral, literal_value, value_matches
from vcot_assets.core.sandbox_records import (
    CallOutcome,
    CallRequest,
    CheckOutcome,
    CheckRequest,
    CoverageOutcome,
    CoverageRequest,
    SolutionRun,
    TraceOutcome,
    TraceRequest,
)
from vcot_assets.settings import DEFAULT_LIMITS, SandboxLimits

HERE = Path(__file__).resolve().parent
HARNESS_PATH = HERE / "harness.py"
TRACER_PATH = HERE / "child_trace.py"
DOCKER_IMAGE = os.environ.get("VCOT_SANDBOX_IMAGE", "vcot-sandbox:latest")
# Tracing runs pysnooper (hundreds of times slower than plain code): a larger CPU budget.
TRACE_CPU_FACTOR = 10.0
# Each worker's children run as their own uid, so RLIMIT_NPROC and signals separate workers.
SANDBOX_UID_BASE = 2_000_000_000
_FRAME = struct.Struct(">I")
_HELLO_TIMEOUT_S = 60.0
# Set in a Kubernetes pod whose manifest makes it the boundary (docker/k8s/sandbox-job.yaml).
BOUNDARY_ENV = "VCOT_SANDBOX_BOUNDARY"
_MAX_BATCH = 8
# Traces (and coverage runs) of different programs share a forked child, this many at most:
# a fork of a heavy worker costs ~10 ms of page copies, several short traces. Each re-imports
# its own program file, and one that leaves state behind (threads, processes, files, patched
# modules; see harness._Guard) gets the next program a fresh child.
_TRACE_CHUNK = 32
_WORKER_ENV = {
    "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    "LANG": "C.UTF-8",
    "PYTHONHASHSEED": "0",  # set iteration order, hence verdicts, must not depend on the run
    "PYTHONDONTWRITEBYTECODE": "1",
}


class SandboxError(RuntimeError):
    """The sandbox could not start or lost a worker it could not replace."""


class ReducedIsolation(SandboxError):
    """Workers could only start below full isolation, and nothing allowed that."""


class WorkerLost(Exception):
    pass


ALLOW_REDUCED_ENV = "VCOT_ALLOW_REDUCED_ISOLATION"
OFFLINE_TEACHER_PREFIX = "offline/"


def reduced_isolation_allowance(
    flag: bool = False, teacher: str | None = None, environ: dict[str, str] | None = None
) -> str | None:
    """Why code may run below full isolation, or None when it may not.

    Model-written code needs full isolation unless the user says otherwise (the flag or
    `VCOT_ALLOW_REDUCED_ISOLATION=1`); the offline teacher's programs are vcot's own, so a run
    whose teacher is offline may go on, which keeps the quick start working without root or
    user namespaces. Code from any other model (benchmark generations, base-model answers)
    passes `teacher=None`.
    """
    environ = os.environ if environ is None else environ
    if flag:
        return "--allow-reduced-isolation"
    if environ.get(ALLOW_REDUCED_ENV, "").strip().lower() in ("1", "true", "yes"):
        return f"{ALLOW_REDUCED_ENV}=1"
    if teacher is not None and teacher.startswith(OFFLINE_TEACHER_PREFIX):
        return "the offline teacher (its programs are vcot's own)"
    return None


# --- one worker process ----------------------------------------------------------------------


class _Worker:
    """A harness process and the frame protocol to it."""

    def __init__(self, argv: list[str], config: dict[str, Any], cleanup: list[str] | None = None) -> None:
        self.argv = argv
        self.config = config
        self.cleanup_argv = cleanup
        # Set before anything can fail: close() reads them.
        self.isolation = "reduced: worker did not start"
        self.problems: list[str] = []
        self.python = ""
        self.base = ""
        self.buffer = b""
        # The launcher's own complaints (bwrap, docker run) explain a worker that never says hello.
        self.errors = tempfile.TemporaryFile()
        try:
            self.process = subprocess.Popen(
                argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=None if os.environ.get("VCOT_SANDBOX_DEBUG") else self.errors,
                env=dict(_WORKER_ENV),
                cwd="/",
                start_new_session=True,  # a terminal's Ctrl-C reaches the orchestrator, not workers
                close_fds=True,
            )
        except OSError:
            self.errors.close()
            raise
        try:
            self._send(config)
            hello = self._receive(_HELLO_TIMEOUT_S)
            if not isinstance(hello, dict) or not hello.get("hello"):
                raise WorkerLost("worker did not say hello")
        except WorkerLost as err:
            self._end_process()
            detail = self._launcher_errors()
            self.close()
            raise WorkerLost(f"{err}{detail}") from err
        self.isolation = str(hello.get("isolation", "reduced: unknown"))
        self.problems = [str(problem) for problem in hello.get("problems") or []]
        self.python = str(hello.get("python", ""))
        self.base = str(hello.get("base", ""))

    def _launcher_errors(self) -> str:
        try:
            self.errors.seek(0)
            text = self.errors.read(4000).decode(errors="replace").strip()
        except (OSError, ValueError):
            return ""
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        return (": " + " / ".join(lines[-3:]))[:500] if lines else ""

    def _send(self, obj: dict[str, Any]) -> None:
        body = json.dumps(obj).encode()
        try:
            assert self.process.stdin is not None
            self.process.stdin.write(_FRAME.pack(len(body)) + body)
            self.process.stdin.flush()
        except (BrokenPipeError, OSError, ValueError) as err:
            raise WorkerLost(f"cannot write to worker: {err}") from err

    def _receive(self, timeout_s: float) -> Any:
        assert self.process.stdout is not None
        fd = self.process.stdout.fileno()
        deadline = time.monotonic() + timeout_s
        while True:
            if len(self.buffer) >= 4:
                (size,) = _FRAME.unpack_from(self.buffer)
                if len(self.buffer) >= 4 + size:
                    body, self.buffer = self.buffer[4 : 4 + size], self.buffer[4 + size :]
                    return json.loads(body)
            left = deadline - time.monotonic()
            if left <= 0:
                raise WorkerLost("worker stopped responding")
            ready, _, _ = select.select([fd], [], [], left)
            if ready:
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    try:
                        status = self.process.wait(timeout=2)
                    except subprocess.TimeoutExpired:
                        status = None
                    raise WorkerLost(f"worker exited (status {status})")
                self.buffer += chunk

    def run(self, jobs: list[dict[str, Any]], timeout_s: float) -> list[list[dict[str, Any]]]:
        """Run jobs in one round trip; one result list per job."""
        self._send({"op": "batch", "jobs": jobs})
        reply = self._receive(timeout_s)
        batch = reply.get("batch") if isinstance(reply, dict) else None
        if (
            not isinstance(batch, list)
            or len(batch) != len(jobs)
            or any(
                not isinstance(results, list) or len(results) != len(job["items"]) for job, results in zip(jobs, batch)
            )
        ):
            raise WorkerLost("malformed reply from worker")
        return batch

    def close(self) -> None:
        self._end_process()
        for stream in (self.process.stdin, self.process.stdout, self.errors):
            if stream is not None:
                try:
                    stream.close()
                except OSError:
                    pass
        # A worker without a private /tmp leaves its base dir behind when it is killed.
        if self.base.startswith("/tmp/vcot-sandbox-") and self.config.get("isolate") in ("plain", "pod"):
            shutil.rmtree(self.base, ignore_errors=True)

    def _end_process(self) -> None:
        if self.process.poll() is None:
            try:
                self._send({"op": "stop"})
                assert self.process.stdin is not None
                self.process.stdin.close()
                self.process.wait(timeout=5)
            except (WorkerLost, OSError, subprocess.TimeoutExpired):
                pass
        if self.process.poll() is None:
            if self.cleanup_argv:
                subprocess.run(
                    self.cleanup_argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=30, check=False
                )
            self.process.kill()
            self.process.wait()


# --- backends: how a worker process is started ------------------------------------------------


def _tracer_source() -> str | None:
    return TRACER_PATH.read_text(encoding="utf-8") if TRACER_PATH.exists() else None


class _LocalBackend:
    """Workers on this machine: in a bubblewrap sandbox when it starts, else plain processes.

    bubblewrap gives each worker its own PID, mount, network, IPC and UTS namespaces, a user
    namespace (or, as root, a host uid per worker for its children, see `bwrap_arguments`), no
    capabilities in children, and a filesystem of read-only binds of only what the interpreter
    needs (/usr, the interpreter's prefix without its site-packages, and the
    packages the harness imports, pysnooper and coverage) plus a private /tmp. A Kubernetes pod
    that refuses namespaces declares itself the boundary (`VCOT_SANDBOX_BOUNDARY=pod`): workers
    are then plain processes, and full isolation is the pod's (see harness.FULL_ISOLATION).
    """

    name = "local"

    def __init__(self) -> None:
        self.mode: str | None = None

    def _modes(self) -> list[str]:
        if self.mode:
            return [self.mode]
        modes = ["bwrap"] if shutil.which("bwrap") else []
        modes.append("pod" if os.environ.get(BOUNDARY_ENV) == "pod" else "plain")
        return modes

    def _argv(self, mode: str) -> list[str]:
        harness = ["-B", "-s", "-P", "-c", HARNESS_PATH.read_text(encoding="utf-8")]
        if mode != "bwrap":
            return [sys.executable, *harness]
        python, prefix = _interpreter()
        options = bwrap_arguments(prefix, _site_packages(prefix), _harness_imports(), as_root=os.geteuid() == 0)
        return [*options, "--", python, *harness]

    def start(self, index: int, config: dict[str, Any]) -> _Worker:
        errors = [] if shutil.which("bwrap") else ["bubblewrap is not installed (apt-get install bubblewrap)"]
        for mode in self._modes():
            worker_config = dict(
                config,
                isolate=mode,
                uid=SANDBOX_UID_BASE + index,
                host_namespaces=host_namespaces(),
                import_paths=[HARNESS_SITE] if mode == "bwrap" else [],
                boundary=os.environ.get(BOUNDARY_ENV, ""),
            )
            if mode == "plain":
                worker_config["note"] = "no bubblewrap sandbox: " + ("; ".join(errors) or "not tried")
            try:
                worker = _Worker(self._argv(mode), worker_config)
            except (WorkerLost, OSError) as err:
                errors.append(f"{mode}: {err}")
                continue
            self.mode = mode
            return worker
        raise SandboxError("no sandbox worker could start: " + "; ".join(errors))


# Where a bubblewrap worker finds the packages the harness imports beyond the standard library.
HARNESS_SITE = "/opt/vcot/site-packages"
_HARNESS_PACKAGES = ("pysnooper", "coverage")
SANDBOX_HOSTNAME = "vcot-sandbox"


# What a root worker keeps inside bubblewrap: enough to run each child as its own uid and to
# clean up after it, nothing else. Its children drop every capability with the uid change.
ROOT_WORKER_CAPABILITIES = ("CAP_SETUID", "CAP_SETGID", "CAP_CHOWN", "CAP_FOWNER", "CAP_DAC_OVERRIDE", "CAP_KILL")


def bwrap_arguments(prefix: str, covered: list[str], packages: dict[str, str], as_root: bool = False) -> list[str]:
    """bubblewrap's options for a worker (the command follows `--`).

    The namespaces are `--unshare-all`'s, spelled out. Not root: in a user namespace of its
    own (no further ones), as uid 65534, without capabilities. Root: a user namespace would
    map every child to root, which RLIMIT_NPROC exempts (a fork bomb would reach the host's
    process table), so a root worker gets none and instead runs each child as a host uid of
    the worker's own (`harness`: drop_uid), keeping only `ROOT_WORKER_CAPABILITIES`.
    """
    args = ["bwrap", "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"]
    if as_root:
        args += ["--cap-drop", "ALL"]
        for capability in ROOT_WORKER_CAPABILITIES:
            args += ["--cap-add", capability]
    else:
        args += ["--unshare-user", "--disable-userns", "--uid", "65534", "--gid", "65534", "--cap-drop", "ALL"]
    args += [
        "--as-pid-1",  # the harness is PID 1: children cannot signal it, kill(-1) cleans up after them
        "--die-with-parent",
        "--new-session",
        "--hostname",
        SANDBOX_HOSTNAME,
        "--ro-bind",
        "/usr",
        "/usr",
    ]
    for top in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        if os.path.islink(top):
            args += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            args += ["--ro-bind", top, top]
    args += ["--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache"]
    if not (prefix == "/usr" or prefix.startswith("/usr/")):
        args += _traversable_parents(prefix) + ["--ro-bind", prefix, prefix]
    for path in covered:
        args += ["--tmpfs", path]
    args += _traversable_parents(f"{HARNESS_SITE}/-")
    for name, path in sorted(packages.items()):
        args += ["--ro-bind", path, f"{HARNESS_SITE}/{name}"]
    args += ["--proc", "/proc", "--dev", "/dev", "--size", str(256 << 20), "--tmpfs", "/tmp"]
    args += ["--remount-ro", "/", "--chdir", "/"]
    return args


def _traversable_parents(path: str) -> list[str]:
    """Options making each directory above `path` in the sandbox, searchable by every uid
    (bubblewrap would make them 0700 like the orchestrator's /root, shutting out the children)."""
    parents = Path(path).parents
    return [
        option
        for parent in reversed(parents)
        if str(parent) != "/"
        for option in ("--perms", "0755", "--dir", str(parent))
    ]


def _interpreter() -> tuple[str, str]:
    """The real interpreter binary (not a virtualenv's link to it) and the prefix it runs from."""
    prefix = os.path.realpath(sys.base_prefix)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in (os.path.realpath(sys.executable), os.path.join(prefix, "bin", version)):
        if candidate.startswith(prefix + os.sep) and os.access(candidate, os.X_OK):
            return candidate, prefix
    raise OSError(f"cannot find the interpreter of {prefix} to run in the sandbox")


def _site_packages(prefix: str) -> list[str]:
    """The prefix's own site-packages: installed packages the harness does not need stay hidden."""
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    found = [os.path.join(prefix, lib, version, "site-packages") for lib in ("lib", "lib64")]
    return [path for path in found if os.path.isdir(path) and not os.path.islink(path)]


def _harness_imports() -> dict[str, str]:
    """The directories of the third-party packages the harness imports, by name."""
    found = {}
    for name in _HARNESS_PACKAGES:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.submodule_search_locations:
            found[name] = os.path.realpath(list(spec.submodule_search_locations)[0])
    return found


def host_namespaces() -> dict[str, str]:
    """This process's namespaces: a worker whose own are the same is not isolated from it."""
    found = {}
    for name in ("user", "pid", "mnt", "net", "ipc", "uts"):
        try:
            found[name] = os.readlink(f"/proc/self/ns/{name}")
        except OSError:
            continue
    return found


class _DockerBackend:
    name = "docker"

    def __init__(self, limits: SandboxLimits, image: str) -> None:
        self.limits = limits
        self.image = image
        if shutil.which("docker") is None:
            raise SandboxError("the docker backend needs the docker command line client")
        probe = subprocess.run(
            ["docker", "image", "inspect", image],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
        if probe.returncode != 0:
            raise SandboxError(
                f"docker image {image!r} is not available ({probe.stderr.strip()[:200]}); "
                "build it with docker/sandbox/build.sh"
            )

    def start(self, index: int, config: dict[str, Any]) -> _Worker:
        name = f"vcot-sandbox-{uuid.uuid4().hex[:12]}"
        worker_config = dict(config, isolate="container", uid=65534, host_namespaces=host_namespaces())
        try:
            return _Worker(self.arguments(name), worker_config, cleanup=["docker", "kill", name])
        except (WorkerLost, OSError) as err:
            try:
                subprocess.run(
                    ["docker", "kill", name],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    timeout=30,
                    check=False,
                )
            except (OSError, subprocess.TimeoutExpired):
                pass  # nothing was started, or nothing more can be done about it
            raise SandboxError(f"docker sandbox worker did not start: {err}") from err

    def arguments(self, name: str) -> list[str]:
        """`docker run` for one worker container (the harness is its PID 1)."""
        limits = self.limits
        memory_mb = max(2 * limits.memory_mb + 256, 768)
        return [
            "docker",
            "run",
            "-i",
            "--rm",
            "--pull",
            "never",
            "--name",
            name,
            "--network",
            "none",
            "--read-only",
            "--tmpfs",
            "/tmp:rw,nosuid,nodev,exec,size=256m,mode=1777",
            "--pids-limit",
            str(limits.max_processes + 16),
            "--memory",
            f"{memory_mb}m",
            "--memory-swap",
            f"{memory_mb}m",
            "--cpus",
            "1",
            "--cap-drop",
            "ALL",
            "--security-opt",
            "no-new-privileges",
            "--user",
            "65534:65534",
            "--ipc",
            "none",
            "-e",
            "PYTHONHASHSEED=0",
            "-e",
            "PYTHONDONTWRITEBYTECODE=1",
            "-e",
            "LANG=C.UTF-8",
            self.image,
            "python3",
            "-B",
            "-s",
            "-P",
            "-c",
            HARNESS_PATH.read_text(encoding="utf-8"),
        ]


# --- the sandbox ------------------------------------------------------------------------------


class Sandbox:
    """Runs jobs on warm workers; see the module docstring of `vcot_assets.sandbox`."""

    def __init__(
        self,
        backend: str = "local",
        limits: SandboxLimits | None = None,
        workers: int | None = None,
        *,
        tracer_source: str | None = None,
        image: str | None = None,
        allow_reduced: str | None = None,
    ) -> None:
        self.limits = limits or DEFAULT_LIMITS
        self.backend_name = backend
        self.allow_reduced = allow_reduced
        if backend == "local":
            self._backend: _LocalBackend | _DockerBackend = _LocalBackend()
        elif backend == "docker":
            self._backend = _DockerBackend(self.limits, image or DOCKER_IMAGE)
        else:
            raise ValueError(f"unknown sandbox backend {backend!r}: use 'local' or 'docker'")
        self._config = {
            "tracer_source": tracer_source if tracer_source is not None else _tracer_source(),
            "tmpfs_bytes": 256 << 20,
        }
        self._lock = threading.Lock()  # one request list at a time: workers speak one protocol stream
        count = max(1, workers or os.cpu_count() or 1)
        # Two pools: "light" workers run tests, calls and checks; "heavy" ones (started on the
        # first trace or coverage request) also hold pysnooper and coverage, which make forks dearer.
        self._pools: dict[str, list[_Worker | None]] = {"light": [None] * count, "heavy": [None] * count}
        try:
            for slot in range(count):
                self._pools["light"][slot] = self._start("light", slot)
        except BaseException:
            self.close()
            raise

    @property
    def _workers(self) -> list[_Worker]:
        return [w for pool in self._pools.values() for w in pool if w is not None]

    def _start(self, profile: str, slot: int) -> _Worker:
        index = slot if profile == "light" else slot + len(self._pools["light"])
        worker = self._backend.start(index, dict(self._config, profile=profile))
        if worker.isolation != "full" and self.allow_reduced is None:
            worker.close()
            raise ReducedIsolation(
                f"the {self.backend_name} sandbox's isolation is {worker.isolation}, and model-written code runs "
                "only with full isolation. Install bubblewrap (apt-get install bubblewrap) on a kernel that allows "
                "user namespaces, or use --sandbox docker; to run anyway, pass --allow-reduced-isolation "
                f"(or set {ALLOW_REDUCED_ENV}=1)"
            )
        return worker

    @property
    def isolation(self) -> str:
        notes = sorted({w.isolation for w in self._workers if w.isolation != "full"})
        if not notes:
            return "full"
        text = notes[0] if len(notes) == 1 else "reduced: " + " | ".join(notes)
        return f"{text} [allowed by {self.allow_reduced}]"

    @property
    def python_version(self) -> str:
        return next((w.python for w in self._workers), "")

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        for pool in getattr(self, "_pools", {}).values():
            for slot, worker in enumerate(pool):
                if worker is not None:
                    worker.close()
                    pool[slot] = None

    # -- public operations --

    def run_tests(self, runs: list[SolutionRun]) -> list[Verdict]:
        jobs = [
            self._job("calls", run.code, [test.call for test in run.tests], self.limits.cpu_seconds) for run in runs
        ]
        verdicts = []
        outcomes = self._run_jobs(jobs)
        isolation = self.isolation
        for run, results in zip(runs, outcomes):
            for test, result in zip(run.tests, results):
                verdicts.append(self._verdict(run.solution_id, test, result, isolation))
        return verdicts

    def run_calls(self, requests: list[CallRequest]) -> list[CallOutcome]:
        jobs = []
        for request in requests:
            job = self._job("calls", request.code, list(request.calls), request.timeout_s or self.limits.cpu_seconds)
            if request.independent:
                job["groups"] = list(range(len(request.calls)))
            jobs.append(job)
        results_by_request = self._run_jobs(jobs)
        isolation = self.isolation
        outcomes = []
        for request, results in zip(requests, results_by_request):
            for index, result in enumerate(results):
                outcomes.append(
                    CallOutcome(
                        request_id=request.request_id,
                        call_index=index,
                        status=result["status"],
                        value=result.get("value", ""),
                        detail=result.get("detail", ""),
                        isolation=isolation,
                    )
                )
        return outcomes

    def run_checks(self, requests: list[CheckRequest]) -> list[CheckOutcome]:
        """One verdict per check, given by the child that runs the trusted check (see CheckRequest)."""
        jobs = []
        for request in requests:
            job = self._job("check", request.solution, [""], float(request.timeout_s))
            job.update(setup=request.setup, check=request.check, entry_point=request.entry_point)
            jobs.append(job)
        results_by_request = self._run_jobs(jobs)
        isolation = self.isolation
        return [
            CheckOutcome(
                check_id=request.check_id,
                status=results[0]["status"],
                detail=results[0].get("detail", ""),
                isolation=isolation,
            )
            for request, results in zip(requests, results_by_request)
        ]

    def trace(self, requests: list[TraceRequest]) -> list[TraceOutcome]:
        units = [(index, request.code, request.call) for index, request in enumerate(requests)]
        results_in_order = self._run_chunked("trace", units, self.limits.cpu_seconds * TRACE_CPU_FACTOR)
        traces = []
        for request, result in zip(requests, results_in_order):
            if result["status"] == "ok":
                traces.append(TraceOutcome.from_tracer(request.trace_id, result["trace"]))
            else:
                traces.append(
                    TraceOutcome(
                        trace_id=request.trace_id,
                        status=result["status"],
                        detail=result.get("detail", ""),
                        python_version=self.python_version,
                    )
                )
        return traces

    def coverage(self, requests: list[CoverageRequest]) -> list[CoverageOutcome]:
        units = [(index, request.code, call) for index, request in enumerate(requests) for call in request.calls]
        flat = iter(self._run_chunked("coverage", units, self.limits.cpu_seconds * 2))
        outcomes = []
        for request in requests:
            for index, result in enumerate([next(flat) for _ in request.calls]):
                ok = result["status"] == "ok"
                detail = result.get("detail", "") if ok else f"{result['status']}: {result.get('detail', '')}"
                outcomes.append(
                    CoverageOutcome(
                        request_id=request.request_id,
                        call_index=index,
                        coverage=float(result.get("coverage", 0.0)) if ok else 0.0,
                        detail=detail,
                    )
                )
        return outcomes

    # -- plumbing --

    def _run_chunked(self, kind: str, units: list[tuple[int, str, str]], unit_cpu: float) -> list[dict[str, Any]]:
        """(request index, program, call) units: one result per unit, in order.

        Units of the same program share a child (up to `_TRACE_CHUNK`); two programs never do,
        so one program cannot reach into another's trace or coverage.
        """
        # Small enough that every worker gets a couple of chunks (one worker: as large as allowed).
        pool = len(self._pools["heavy"])
        size = max(1, min(_TRACE_CHUNK, -(-len(units) // (2 * pool if pool > 1 else 1))))
        by_program: dict[str, list[int]] = {}
        for position, (_, code, _) in enumerate(units):
            by_program.setdefault(code, []).append(position)
        jobs, placed = [], []
        for code, positions in by_program.items():
            for start in range(0, len(positions), size):
                chunk = positions[start : start + size]
                job = self._job(kind, code, [units[p][2] for p in chunk], unit_cpu)
                job["codes"] = [code] * len(chunk)  # each unit re-reads the program, see harness._Guard
                job["groups"] = [units[p][0] for p in chunk]  # timeouts give up within a request only
                jobs.append(job)
                placed.append(chunk)
        results: list[dict[str, Any]] = [{} for _ in units]
        for chunk, outcome in zip(placed, self._run_jobs(jobs, "heavy")):
            for position, result in zip(chunk, outcome):
                results[position] = result
        return results

    def _job(self, kind: str, code: str, items: list[str], unit_cpu: float) -> dict[str, Any]:
        limits = asdict(self.limits)
        limits.update(unit_cpu=float(unit_cpu), give_up=self.limits.consecutive_timeouts_to_give_up)
        return {"kind": kind, "code": code, "items": items, "limits": limits}

    def _job_timeout(self, job: dict[str, Any]) -> float:
        limits = job["limits"]
        per_unit = limits["unit_cpu"] * limits["wall_factor"] + 1.0
        return 30.0 + per_unit * (len(job["items"]) + 1)

    def _run_jobs(self, jobs: list[dict[str, Any]], profile: str = "light") -> list[list[dict[str, Any]]]:
        with self._lock:
            return self._run_jobs_locked(jobs, profile)

    def _run_jobs_locked(self, jobs: list[dict[str, Any]], profile: str) -> list[list[dict[str, Any]]]:
        results: list[list[dict[str, Any]]] = [[] for _ in jobs]
        pool_size = len(self._pools[profile])
        # Batches cut round trips; small enough that every worker gets a share of the jobs.
        size = max(1, min(_MAX_BATCH, len(jobs) // (4 * pool_size)))
        runnable = [index for index, job in enumerate(jobs) if job["items"]]
        pending: queue.SimpleQueue[list[int]] = queue.SimpleQueue()
        for start in range(0, len(runnable), size):
            pending.put(runnable[start : start + size])
        errors: list[BaseException] = []

        def drain(slot: int) -> None:
            while True:
                try:
                    batch = pending.get_nowait()
                except queue.Empty:
                    return
                try:
                    for index, outcome in zip(batch, self._run_on(profile, slot, [jobs[i] for i in batch])):
                        results[index] = outcome
                except BaseException as err:  # recorded and re-raised in the caller's thread
                    errors.append(err)
                    return

        if pool_size == 1 or len(runnable) <= size:
            drain(0)
        else:
            threads = [threading.Thread(target=drain, args=(slot,), daemon=True) for slot in range(pool_size)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        if errors:
            raise errors[0]
        return results

    def _run_on(self, profile: str, slot: int, jobs: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
        pool = self._pools[profile]
        worker = pool[slot]
        if worker is None:
            worker = pool[slot] = self._start(profile, slot)
        try:
            return worker.run(jobs, sum(self._job_timeout(job) for job in jobs))
        except WorkerLost as err:
            # The harness died or hung (with reduced isolation a child can kill it): replace
            # it, and re-run the batch's jobs one by one so only the guilty job is a crash.
            worker.close()
            pool[slot] = None
            pool[slot] = self._start(profile, slot)
            if len(jobs) > 1:
                return [self._run_on(profile, slot, [job])[0] for job in jobs]
            if "codes" in jobs[0] and len(jobs[0]["items"]) > 1:  # independent programs: likewise
                singles = [
                    dict(jobs[0], code=code, codes=[code], items=[item], groups=[0])
                    for code, item in zip(jobs[0]["codes"], jobs[0]["items"])
                ]
                return [[self._run_on(profile, slot, [single])[0][0] for single in singles]]
            return [[{"status": "crash", "detail": f"sandbox worker lost: {err}"} for _ in jobs[0]["items"]]]

    def _verdict(self, solution_id: str, test: Any, result: dict[str, Any], isolation: str) -> Verdict:
        status = result["status"]
        detail = str(result.get("detail", ""))
        if status == "ok":
            try:
                literal_value(test.expected)
            except NotALiteral:
                return Verdict(solution_id, test.test_id, "invalid", "expected value is not a literal", isolation)
            value = str(result.get("value", ""))
            if value_matches(value, test):
                return Verdict(solution_id, test.test_id, "pass", "", isolation)
            shown = value if len(value) <= 200 else value[:200] + "..."
            return Verdict(solution_id, test.test_id, "fail", f"returned {shown}", isolation)
        return Verdict(solution_id, test.test_id, status, detail, isolation)


def open_sandbox(
    backend: str = "local",
    limits: SandboxLimits | None = None,
    workers: int | None = None,
    *,
    tracer_source: str | None = None,
    image: str | None = None,
    allow_reduced: str | None = None,
) -> Sandbox:
    """Start a sandbox's workers now (before any teacher client exists); use it as a context manager.

    Workers below full isolation are refused (`ReducedIsolation`) unless `allow_reduced` says
    why they may run (see `reduced_isolation_allowance`).
    """
    return Sandbox(backend, limits, workers, tracer_source=tracer_source, image=image, allow_reduced=allow_reduced)
