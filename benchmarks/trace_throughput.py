"""Sandboxed tracing throughput on the 800 CRUXEval programs, per core.

    python benchmarks/trace_throughput.py [--backend local|docker] [--workers W] [--rounds R] [--chunk K]

The main figure is the public path: `Sandbox.trace` over all 800 programs on warm workers,
for each round traces per wall-second and traces per CPU-second: this process plus every
sandbox worker and forked child (read from /proc around the call, so a busy shared machine
does not hide the cost), and in brackets the same with the workers' one-time start-up
included (getrusage after the sandbox is closed). With docker the containers' processes are
not this process's descendants: only the wall figure is printed there. Then the tracer alone: `child_trace.run_trace` looped in
one forked process with no sandbox around it, to show what the isolation costs.
`--chunk K` sets how many traces share a forked child (the sandbox's default is
`api._TRACE_CHUNK`; `--chunk 1` is one child per trace, as before chunking).
Target (issue 4): >= 200 sandboxed traces/s per core.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from vcot_assets.core.sandbox_records import TraceRequest  # noqa: E402
from vcot_assets.sandbox import api  # noqa: E402

CRUXEVAL = Path(os.environ.get("VCOT_CRUXEVAL", REPO.parent / "shared" / "benchmarks" / "cruxeval" / "cruxeval.jsonl"))


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _tree_cpu_seconds() -> float:
    """This process plus every live descendant (workers) and what they have reaped (their
    forked children): the CPU of the tracing itself, without the workers' start-up."""
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            fields = Path(f"/proc/{name}/stat").read_bytes().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        parents[int(name)] = int(fields[1])
        times[int(name)] = sum(int(value) for value in fields[11:15]) / tick
    own = resource.getrusage(resource.RUSAGE_SELF)
    total, frontier = own.ru_utime + own.ru_stime, [os.getpid()]
    while frontier:
        current = frontier.pop()
        for pid, parent in parents.items():
            if parent == current:
                total += times[pid]
                frontier.append(pid)
    return total


def sandboxed(requests: list[TraceRequest], workers: int, backend: str) -> None:
    from vcot_assets.sandbox import open_sandbox

    box = open_sandbox(backend, workers=workers)
    box.trace(requests[:8])  # starts and warms the tracing workers
    cpu, steady, wall = _cpu_seconds(), _tree_cpu_seconds(), time.perf_counter()
    outcomes = box.trace(requests)
    wall = time.perf_counter() - wall
    steady = _tree_cpu_seconds() - steady
    box.close()  # reaps the workers, so their CPU time, start-up included, is counted below
    cpu = _cpu_seconds() - cpu
    ok = sum(o.status == "ok" for o in outcomes)
    n = len(requests)
    # Docker's containers are not this process's descendants: their CPU is not seen here.
    cpu_figures = (
        ""
        if backend == "docker"
        else (f", {n / steady:.0f} traces per CPU-second ({n / cpu:.0f} counting both workers' start-up)")
    )
    print(
        f"Sandbox.trace ({backend}, {box.isolation} isolation, {workers} workers, "
        f"chunks of {getattr(api, '_TRACE_CHUNK', 1)}): {n} traces, {ok} ok, {n / wall:.0f} traces/s wall{cpu_figures}"
    )


def tracer_alone(rows: list[dict]) -> None:
    """run_trace in a loop inside one forked child (pysnooper already imported)."""
    from vcot_assets.sandbox import child_trace

    with tempfile.TemporaryDirectory() as workdir:
        paths = []
        for i, row in enumerate(rows):
            path = os.path.join(workdir, f"program_{i}.py")
            Path(path).write_text(row["code"], encoding="utf-8")
            paths.append(path)
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:
            sys.dont_write_bytecode = True
            started = time.process_time()
            for path, row in zip(paths, rows):
                child_trace.run_trace(path, f"f({row['input']})", {})
            os.write(write_fd, str(time.process_time() - started).encode())
            os._exit(0)
        os.close(write_fd)
        seconds = float(os.read(read_fd, 100).decode())
        os.waitpid(pid, 0)
    print(f"tracer alone (no sandbox, one process): {len(rows) / seconds:.0f} traces per CPU-second")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--backend", default="local", choices=["local", "docker"])
    parser.add_argument("--chunk", type=int, default=0, help="traces per forked child (default: the sandbox's)")
    args = parser.parse_args()
    if args.chunk:
        api._TRACE_CHUNK = args.chunk
    rows = [json.loads(line) for line in CRUXEVAL.read_text(encoding="utf-8").splitlines() if line.strip()]
    requests = [TraceRequest(row["id"], row["code"], f"f({row['input']})") for row in rows]
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    for _ in range(args.rounds):
        sandboxed(requests, args.workers, args.backend)
    tracer_alone(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
