"""Stage B throughput: verdicts per second per core, and what non-terminating code costs.

Workload: 200 tasks x 5 candidate solutions x 25 fast tests (the paper's 5 x 25), each task a
small function with its own literal test inputs; a fifth of the candidates are wrong. Then 100
non-terminating solutions (25 tests each, half Python loops, half C-level loops), whose cost
should be about two per-test limits each (two consecutive timeouts, then the rest are skipped).

    python benchmarks/exec_throughput.py [--backend local|docker|both] [--workers N]

Prints figures; it is not a test. Run it on an otherwise idle machine for meaningful numbers.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from vcot_assets.core.consensus.testcases import parse_test  # noqa: E402
from vcot_assets.core.sandbox_records import SolutionRun  # noqa: E402
from vcot_assets.sandbox import open_sandbox  # noqa: E402
from vcot_assets.settings import SandboxLimits  # noqa: E402

TEMPLATES = [
    (
        "def solution(xs, k):\n    out = []\n    for x in xs:\n        if x % k == 0:\n            out.append(x * k)\n"
        "    return out\n",
        lambda xs, k: [x * k for x in xs if x % k == 0],
    ),
    (
        "from collections import Counter\n\ndef solution(xs, k):\n    counts = Counter(xs)\n"
        "    return sorted(v for v, c in counts.items() if c >= 1)[:k]\n",
        lambda xs, k: sorted(set(xs))[:k],
    ),
    (
        "def solution(xs, k):\n    total = 0\n    for i, x in enumerate(xs):\n        total += x if i % 2 else -x\n"
        "    return total * k\n",
        lambda xs, k: sum(x if i % 2 else -x for i, x in enumerate(xs)) * k,
    ),
    (
        "import math\n\ndef solution(xs, k):\n    return {str(x): math.gcd(x, k) for x in xs}\n",
        lambda xs, k: {str(x): __import__("math").gcd(x, k) for x in xs},
    ),
    (
        "class Acc:\n    def __init__(self, k):\n        self.k = k\n    def run(self, xs):\n"
        "        return tuple(x + self.k for x in reversed(xs))\n\ndef solution(xs, k):\n    return Acc(k).run(xs)\n",
        lambda xs, k: tuple(x + k for x in reversed(xs)),
    ),
]


def workload(tasks: int, solutions: int, tests: int) -> list[SolutionRun]:
    runs = []
    for task in range(tasks):
        code, reference = TEMPLATES[task % len(TEMPLATES)]
        cases = []
        for t in range(tests):
            xs = [(task * 7 + t * 13 + i * 5) % 50 for i in range(3 + (t % 6))]
            k = 1 + (task + t) % 4
            cases.append(
                parse_test(
                    f"def test_{t}():\n    assert solution({xs!r}, {k}) == {reference(xs, k)!r}",
                    f"task{task}-t{t:02d}",
                    f"task{task}",
                )
            )
        for s in range(solutions):
            # Candidate 4 of each task is wrong (off by one), so clusters would disagree.
            variant = (
                code.replace("def solution(xs, k):\n", "def solution(xs, k):\n    xs = xs[1:]\n", 1)
                if s == solutions - 1
                else code
            )
            runs.append(SolutionRun(f"task{task}-s{s}", variant + f"\n# candidate {s}\n", cases))
    return runs


def non_terminating(count: int, tests: int) -> list[SolutionRun]:
    loops = [
        "def solution(xs, k):\n    while True:\n        pass\n",
        "def solution(xs, k):\n    return sum(range(10**12))\n",
    ]
    cases = [parse_test(f"assert solution([{t}], 1) == {t}", f"spin-t{t:02d}", "spin") for t in range(tests)]
    return [SolutionRun(f"spin-{i}", loops[i % 2], cases) for i in range(count)]


def _proc_cpu(pid: int) -> float:
    """CPU seconds of a process and its reaped children."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def _container_cpu(name: str) -> float | None:
    import subprocess

    cid = subprocess.run(
        ["docker", "inspect", "--format", "{{.Id}}", name], capture_output=True, text=True, check=False
    ).stdout.strip()
    for path in (
        f"/sys/fs/cgroup/cpuacct/docker/{cid}/cpuacct.usage",
        f"/sys/fs/cgroup/cpu,cpuacct/docker/{cid}/cpuacct.usage",
    ):
        if cid and os.path.exists(path):
            return int(Path(path).read_text()) / 1e9
    for path in (f"/sys/fs/cgroup/system.slice/docker-{cid}.scope/cpu.stat", f"/sys/fs/cgroup/docker/{cid}/cpu.stat"):
        if cid and os.path.exists(path):
            usage = dict(line.split() for line in Path(path).read_text().splitlines())
            return int(usage["usage_usec"]) / 1e6
    return None


def sandbox_cpu(box) -> float | None:
    """CPU seconds used so far by the sandbox's workers and every child they reaped."""
    total = 0.0
    for worker in box._workers:
        if box.backend_name == "docker":
            used = _container_cpu(worker.cleanup_argv[-1])
            if used is None:
                return None
            total += used
            continue
        pids = [worker.process.pid]
        for name in os.listdir("/proc"):
            if name.isdigit():
                try:
                    if (
                        Path(f"/proc/{name}/stat").read_bytes().rsplit(b")", 1)[1].split()[1]
                        == str(worker.process.pid).encode()
                    ):
                        pids.append(int(name))
                except OSError:
                    continue
        total += sum(_proc_cpu(pid) for pid in pids)
    return total


def measure(backend: str, workers: int, limits: SandboxLimits, args: argparse.Namespace) -> None:
    runs = workload(args.tasks, args.solutions, args.tests)
    load = os.getloadavg()
    started = time.monotonic()
    with open_sandbox(backend, limits, workers=workers) as box:
        ready = time.monotonic()
        box.run_tests(runs[: workers * 2])  # warm-up: page in the workers
        t0, c0, w0 = time.monotonic(), time.process_time(), sandbox_cpu(box)
        verdicts = box.run_tests(runs)
        elapsed, orchestrator_cpu, w1 = time.monotonic() - t0, time.process_time() - c0, sandbox_cpu(box)
        isolation = box.isolation
    worker_cpu = (w1 - w0) if w0 is not None and w1 is not None else None

    spin_limits = SandboxLimits(cpu_seconds=args.spin_limit, wall_factor=limits.wall_factor)
    with open_sandbox(backend, spin_limits, workers=1) as spin_box:
        spins = non_terminating(args.spins, args.tests)
        s0, sw0 = time.monotonic(), sandbox_cpu(spin_box)
        spin_verdicts = spin_box.run_tests(spins)
        spin_elapsed, sw1 = time.monotonic() - s0, sandbox_cpu(spin_box)
    spin_cpu = (sw1 - sw0) if sw0 is not None and sw1 is not None else None

    count = len(verdicts)
    cores = min(workers, os.cpu_count() or 1)
    counts = Counter(v.status for v in verdicts)
    print(
        f"[{backend}] load average before: {load[0]:.1f}, after: {os.getloadavg()[0]:.1f} "
        f"({os.cpu_count()} cores; other users' load slows the wall-clock figures, not the CPU ones)"
    )
    print(f"[{backend}] isolation: {isolation}; workers: {workers}; start-up {ready - started:.2f} s")
    print(
        f"[{backend}] {args.tasks} tasks x {args.solutions} solutions x {args.tests} tests = {count} verdicts "
        f"in {elapsed:.2f} s: {count / elapsed:,.0f} verdicts/s, {count / elapsed / cores:,.0f} verdicts/s per core "
        f"({cores} cores); orchestrator CPU {orchestrator_cpu:.2f} s; {dict(counts)}"
    )
    if worker_cpu is not None:
        total_cpu = worker_cpu + orchestrator_cpu
        print(
            f"[{backend}] CPU: sandbox {worker_cpu:.2f} s + orchestrator {orchestrator_cpu:.2f} s = "
            f"{count / total_cpu:,.0f} verdicts per CPU-second (verdicts/s per core on an idle machine)"
        )
    per_solution = spin_elapsed / len(spins)
    spin_counts = Counter(v.status for v in spin_verdicts)
    print(
        f"[{backend}] {len(spins)} non-terminating solutions x {args.tests} tests, limit {args.spin_limit} s CPU, "
        f"1 worker: {spin_elapsed:.2f} s total, {per_solution * 1000:.0f} ms each "
        f"= 2 limits + {(per_solution - 2 * args.spin_limit) * 1000:.0f} ms wall; {dict(spin_counts)}"
    )
    if spin_cpu is not None:
        per_cpu = spin_cpu / len(spins)
        print(
            f"[{backend}] non-terminating solution CPU cost: {per_cpu * 1000:.0f} ms each "
            f"= 2 limits + {(per_cpu - 2 * args.spin_limit) * 1000:.0f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("local", "docker", "both"), default="both")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--tasks", type=int, default=200)
    parser.add_argument("--solutions", type=int, default=5)
    parser.add_argument("--tests", type=int, default=25)
    parser.add_argument("--cpu-seconds", type=float, default=1.0, help="per-test CPU limit of the main workload")
    parser.add_argument("--spins", type=int, default=100)
    parser.add_argument("--spin-limit", type=float, default=0.1, help="per-test CPU limit for the spinning solutions")
    args = parser.parse_args()
    limits = SandboxLimits(cpu_seconds=args.cpu_seconds)
    for backend in ("local", "docker") if args.backend == "both" else (args.backend,):
        try:
            measure(backend, args.workers, limits, args)
        except Exception as err:  # a missing docker daemon must not hide the local figures
            print(f"[{backend}] not measured: {err}")


if __name__ == "__main__":
    main()
