"""The orchestrator's side of the sandbox: workers, jobs, and turning results into verdicts.

Each worker is a warm harness process (`harness.py`, run from source with `python -c`) that
forks one isolated child per job. Workers are started with subprocess (fork+exec) when the
sandbox opens, so this process never forks itself after litellm's threads exist. Jobs are
spread over the workers by one thread each; results come back in request order.

Backends:
- local: as root, each worker is PID 1 of its own PID, mount and network namespaces
  (`unshare`), with private tmpfs dirs and hidden home dirs, and its children run as an
  unprivileged uid of their own. Not root: a user namespace if the kernel allows one, else
  plain processes; `isolation` then says "reduced: ...".
- docker: each worker is a long-lived hardened container (no network, read-only root, tmpfs,
  pids/memory/cpu limits, no capabilities, no-new-privileges, non-root user) running the same
  harness as PID 1.
"""

from __future__ import annotations

import json
import os
import queue
import select
import shutil
import struct
import subprocess
import sys
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
    CoverageOutcome,
    CoverageRequest,
    ScriptOutcome,
    ScriptRequest,
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


class WorkerLost(Exception):
    pass


# --- one worker process ----------------------------------------------------------------------


class _Worker:
    """A harness process and the frame protocol to it."""

    def __init__(self, argv: list[str], config: dict[str, Any], cleanup: list[str] | None = None) -> None:
        self.argv = argv
        self.config = config
        self.cleanup_argv = cleanup
        self.process = subprocess.Popen(
            argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=None if os.environ.get("VCOT_SANDBOX_DEBUG") else subprocess.DEVNULL,
            env=dict(_WORKER_ENV),
            cwd="/",
            start_new_session=True,  # a terminal's Ctrl-C reaches the orchestrator, not workers
            close_fds=True,
        )
        self.buffer = b""
        try:
            self._send(config)
            hello = self._receive(_HELLO_TIMEOUT_S)
        except WorkerLost:
            self.close()
            raise
        if not isinstance(hello, dict) or not hello.get("hello"):
            self.close()
            raise WorkerLost("worker did not say hello")
        self.isolation: str = str(hello.get("isolation", "reduced: unknown"))
        self.python: str = str(hello.get("python", ""))
        self.base: str = str(hello.get("base", ""))

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
                    raise WorkerLost(f"worker exited (status {self.process.poll()})")
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
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                try:
                    stream.close()
                except OSError:
                    pass
        # A worker without a private /tmp leaves its base dir behind when it is killed.
        if self.base.startswith("/tmp/vcot-sandbox-") and "reduced" in getattr(self, "isolation", "reduced"):
            shutil.rmtree(self.base, ignore_errors=True)


# --- backends: how a worker process is started ------------------------------------------------


def _tracer_source() -> str | None:
    return TRACER_PATH.read_text(encoding="utf-8") if TRACER_PATH.exists() else None


class _LocalBackend:
    name = "local"

    def __init__(self) -> None:
        self.mode: str | None = None

    def _argv(self, mode: str) -> list[str]:
        python = [sys.executable, "-B", "-s", "-P", "-c", HARNESS_PATH.read_text(encoding="utf-8")]
        unshare = shutil.which("unshare")
        if mode == "root":
            return [
                unshare or "unshare",
                "--pid",
                "--fork",
                "--mount",
                "--net",
                "--mount-proc",
                "--kill-child",
                "--",
                *python,
            ]
        if mode == "userns":
            return [
                unshare or "unshare",
                "--user",
                "--map-root-user",
                "--pid",
                "--fork",
                "--mount",
                "--net",
                "--mount-proc",
                "--kill-child",
                "--",
                *python,
            ]
        return python

    def _modes(self) -> list[str]:
        if self.mode:
            return [self.mode]
        modes = []
        if shutil.which("unshare"):
            modes.append("root" if os.geteuid() == 0 else "userns")
        modes.append("plain")
        return modes

    def start(self, index: int, config: dict[str, Any]) -> _Worker:
        errors = []
        for mode in self._modes():
            worker_config = dict(
                config,
                isolate=mode,
                uid=SANDBOX_UID_BASE + index,
                keep_paths=_interpreter_paths(),
                hide_dirs=_hidden_dirs(),
                expect_network_namespace=mode != "plain",
            )
            if mode == "plain":
                worker_config["note"] = "no namespaces (" + ("; ".join(errors) or "unshare missing") + ")"
            try:
                worker = _Worker(self._argv(mode), worker_config)
            except (WorkerLost, OSError) as err:
                errors.append(f"{mode}: {err}")
                continue
            self.mode = mode
            return worker
        raise SandboxError("no sandbox worker could start: " + "; ".join(errors))


def _interpreter_paths() -> list[str]:
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, os.path.dirname(os.path.realpath(sys.executable))}
    paths.update(p for p in sys.path if p and os.path.isdir(p) and "site-packages" in p)
    return sorted(os.path.realpath(p) for p in paths)


def _hidden_dirs() -> list[str]:
    """Dirs that may hold credentials or the repository: children see an empty tmpfs there."""
    repo = str(HERE.parent.parent)
    hidden = {"/root", "/home", repo, os.getcwd()}
    return sorted(p for p in hidden if p not in ("/", "/usr", "/tmp") and os.path.isdir(p))


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
        limits = self.limits
        memory_mb = max(2 * limits.memory_mb + 256, 768)
        argv = [
            "docker",
            "run",
            "-i",
            "--rm",
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
        worker_config = dict(
            config, isolate="container", uid=65534, keep_paths=[], hide_dirs=[], expect_network_namespace=True
        )
        try:
            return _Worker(argv, worker_config, cleanup=["docker", "kill", name])
        except WorkerLost as err:
            subprocess.run(
                ["docker", "kill", name], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=30, check=False
            )
            raise SandboxError(f"docker sandbox worker did not start: {err}") from err


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
    ) -> None:
        self.limits = limits or DEFAULT_LIMITS
        self.backend_name = backend
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
        # Two pools: "light" workers run tests, calls and scripts; "heavy" ones (started on the
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
        return self._backend.start(index, dict(self._config, profile=profile))

    @property
    def isolation(self) -> str:
        notes = sorted({w.isolation for w in self._workers if w.isolation != "full"})
        return "full" if not notes else notes[0] if len(notes) == 1 else "reduced: " + " | ".join(notes)

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
        jobs = [self._job("calls", request.code, list(request.calls), self.limits.cpu_seconds) for request in requests]
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

    def run_scripts(self, requests: list[ScriptRequest]) -> list[ScriptOutcome]:
        jobs = [self._job("script", request.source, [""], float(request.timeout_s)) for request in requests]
        results_by_request = self._run_jobs(jobs)
        isolation = self.isolation
        return [
            ScriptOutcome(
                script_id=request.script_id,
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
        """(request index, program, call) units, several programs per job: one result per unit."""
        # Small enough that every worker gets a couple of chunks (one worker: as large as allowed).
        pool = len(self._pools["heavy"])
        size = max(1, min(_TRACE_CHUNK, -(-len(units) // (2 * pool if pool > 1 else 1))))
        jobs = []
        for start in range(0, len(units), size):
            chunk = units[start : start + size]
            job = self._job(kind, chunk[0][1], [call for _, _, call in chunk], unit_cpu)
            job["codes"] = [code for _, code, _ in chunk]
            job["groups"] = [group for group, _, _ in chunk]  # timeouts give up within a request only
            jobs.append(job)
        return [result for results in self._run_jobs(jobs, "heavy") for result in results]

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
) -> Sandbox:
    """Start a sandbox's workers now (before any teacher client exists); use it as a context manager."""
    return Sandbox(backend, limits, workers, tracer_source=tracer_source, image=image)
