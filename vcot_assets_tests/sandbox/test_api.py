import json
import os
import subprocess
import sys
import time

from vcot_assets.core.consensus.testcases import parse_test
from vcot_assets.core.sandbox_records import CallRequest, CheckRequest, CoverageRequest, SolutionRun, TraceRequest
from vcot_assets.sandbox import open_sandbox
from vcot_assets.settings import SandboxLimits

from .conftest import TEST_LIMITS, bubblewrap_unavailable_reason

ADD = "def add(a, b):\n    return a + b\n"


def make_tests(*sources):
    return [parse_test(source, f"t{index:02d}", "i") for index, source in enumerate(sources)]


def statuses(verdicts):
    return [verdict.status for verdict in verdicts]


def test_verdict_kinds_in_request_order(box):
    runs = [
        SolutionRun(
            "good",
            ADD,
            make_tests(
                "assert add(1, 2) == 3",
                "assert add([1], [2]) == [1, 2]",
                "assert add(1, 2) == 4",
                "assert add(None, 1) == 1",
            ),
        ),
        SolutionRun("loops", "def add(a, b):\n    while True:\n        pass\n", make_tests("assert add(1, 2) == 3")),
        SolutionRun("broken", "def add(a, b) return", make_tests("assert add(1, 2) == 3")),
    ]
    verdicts = box.run_tests(runs)
    assert [(v.solution_id, v.test_id) for v in verdicts] == [
        ("good", "t00"),
        ("good", "t01"),
        ("good", "t02"),
        ("good", "t03"),
        ("loops", "t00"),
        ("broken", "t00"),
    ]
    assert statuses(verdicts) == ["pass", "pass", "fail", "error", "timeout", "error"]
    assert verdicts[2].detail == "returned 3"
    assert "TypeError" in verdicts[3].detail and "SyntaxError" in verdicts[5].detail


def test_isolation_is_full(box):
    if box.backend_name == "docker" or bubblewrap_unavailable_reason() is None:
        assert box.isolation == "full"
    assert all(
        v.isolation == box.isolation
        for v in box.run_tests([SolutionRun("s", ADD, make_tests("assert add(1, 1) == 2"))])
    )


def test_each_test_sees_a_fresh_module_namespace_whatever_the_order(box):
    code = (
        "import random, builtins\n"
        "calls = []\n"
        "def f(x):\n"
        "    calls.append(x)\n"
        "    seen = [len(calls), len([1]), random.random()]\n"
        "    builtins.len = lambda obj: 99\n"
        "    random.seed(x)\n"
        "    return seen\n"
    )
    calls = [f"f({n})" for n in range(5)]
    values = [o.value for o in box.run_calls([CallRequest("a", code, calls), CallRequest("b", code, calls[::-1])])]
    assert values[:5] == values[5:][::-1]
    assert len(set(values)) == 1 and values[0].startswith("[1, 1, 0.")


def test_limits_are_per_test_so_slow_correct_code_passes(box):
    # Each call burns 40% of the per-test CPU limit; six of them exceed twice one limit, which
    # a whole-solution budget would reject.
    code = (
        "import time\n"
        f"def slow():\n    start = time.process_time()\n"
        f"    while time.process_time() - start < {0.4 * TEST_LIMITS.cpu_seconds}:\n        pass\n    return 1\n"
    )
    tests = make_tests(*["assert slow() == 1"] * 6)
    assert statuses(box.run_tests([SolutionRun("slow", code, tests)])) == ["pass"] * 6


def test_two_consecutive_timeouts_give_up_the_rest_quickly(box):
    code = "def f(x):\n    while True:\n        pass\n"
    tests = make_tests(*[f"assert f({n}) == 1" for n in range(25)])
    started = time.monotonic()
    verdicts = box.run_tests([SolutionRun("spin", code, tests)])
    elapsed = time.monotonic() - started
    assert statuses(verdicts) == ["timeout"] * 25
    assert all("exceeded" in v.detail for v in verdicts[:2])
    assert all("not run" in v.detail for v in verdicts[2:])
    # Two limits of CPU time; on a loaded machine the wall-clock backstop bounds it.
    assert elapsed < 2 * TEST_LIMITS.cpu_seconds * TEST_LIMITS.wall_factor + 1.5


def test_a_timeout_after_a_pass_does_not_count_towards_giving_up(box):
    code = "def f(x):\n    while x:\n        pass\n    return 0\n"
    verdicts = box.run_tests(
        [
            SolutionRun(
                "s", code, make_tests("assert f(1) == 0", "assert f(0) == 0", "assert f(1) == 0", "assert f(0) == 0")
            )
        ]
    )
    assert statuses(verdicts) == ["timeout", "pass", "timeout", "pass"]


def test_run_calls_returns_canonical_values(box):
    code = "LIMIT = 3\ndef f(xs):\n    return {'n': len(xs), 'set': set(xs), 'inf': float('inf')}\n"
    outcomes = box.run_calls([CallRequest("r", code, ["f([2, 1, 2])", "f(range(LIMIT))", "f(None)", "object()"])])
    assert [(o.call_index, o.status) for o in outcomes] == [(0, "ok"), (1, "ok"), (2, "error"), (3, "error")]
    assert outcomes[0].value == "{'n': 3, 'set': {1, 2}, 'inf': float('inf')}"
    assert outcomes[1].value == "{'n': 3, 'set': {0, 1, 2}, 'inf': float('inf')}"
    assert "unsupported return type object" in outcomes[3].detail


def test_run_checks_passes_only_when_the_trusted_check_completes(box):
    stub = "def add(a, b):\n    'stub'\n"
    check = "assert add(1, 2) == 3, 'report-at-the-end'\nassert add(*[[1], [2]]) == [1, 2]\n"
    outcomes = box.run_checks(
        [
            CheckRequest("ok", ADD, "add", stub, check),
            CheckRequest("bad", "def add(a, b):\n    return 0\n", "add", stub, check),
            CheckRequest("slow", "def add(a, b):\n    while True:\n        pass\n", "add", stub, check, timeout_s=0.3),
            CheckRequest("exits", "import os\ndef add(a, b):\n    os._exit(0)\n", "add", stub, check),
            CheckRequest("broken", "def add(a, b) return", "add", stub, "pass"),
        ]
    )
    assert [o.status for o in outcomes] == ["pass", "fail", "timeout", "crash", "fail"]
    assert outcomes[1].detail.endswith("report-at-the-end")
    assert "failed to load" in outcomes[4].detail


def test_coverage_measures_lines_and_branches_per_call(box):
    code = "def sign(x):\n    if x > 0:\n        return 1\n    elif x < 0:\n        return -1\n    return 0\n"
    outcomes = box.coverage([CoverageRequest("c", code, ["sign(5)", "sign(-5)", "sign(0)", "sign(None)"])])
    values = [o.coverage for o in outcomes]
    assert 0 < values[0] < values[1] < 1 and values[1] == values[2]
    assert "TypeError" in outcomes[3].detail


PLACEHOLDER_TRACER = """
import json, sys
def run_trace(code_path, call, limits, **options):
    namespace = {}
    exec(compile(open(code_path).read(), code_path, "exec"), namespace)
    value = eval(call, namespace)
    return {"raw": open(code_path).read(), "returned": repr(value), "status": "ok",
            "python_version": sys.version.split()[0], "truncated": False, "detail": json.dumps(sorted(limits))}
"""


def test_trace_runs_the_tracer_module_in_the_child(box):
    backend = box.backend_name
    limits = SandboxLimits(cpu_seconds=0.1, memory_mb=256)
    with open_sandbox(backend, limits, workers=1, tracer_source=PLACEHOLDER_TRACER) as traced:
        results = traced.trace(
            [
                TraceRequest("a", ADD, "add(2, 3)"),
                TraceRequest("b", "def add(a, b):\n    while True:\n        pass\n", "add(1, 1)"),
            ]
        )
    assert results[0].trace_id == "a" and results[0].returned == "5"
    assert results[0].raw == ADD and "trace_max_events" in json.loads(results[0].detail)
    assert results[1].trace_id == "b" and results[1].status == "timeout"


def test_threads_left_running_by_one_test_do_not_reach_the_next(box):
    code = (
        "import threading\n"
        "def spin():\n"
        "    while True:\n"
        "        pass\n"
        "def f(x):\n"
        "    if x:\n"
        "        threading.Thread(target=spin, daemon=True).start()\n"
        "    return [x, threading.active_count()]\n"
    )
    # Each test burns nothing itself; a spinning thread inherited from a previous test would
    # eat its CPU budget and turn it into a timeout.
    tests = make_tests("assert f(1) == [1, 2]", "assert f(0) == [0, 1]", "assert f(0) == [0, 1]")
    slow_limits = SandboxLimits(cpu_seconds=0.3, wall_factor=20.0, memory_mb=256)
    with open_sandbox(box.backend_name, slow_limits, workers=1) as fresh:
        verdicts = fresh.run_tests([SolutionRun("threads", code, tests)])
    assert statuses(verdicts) == ["pass", "pass", "pass"]


def test_wall_clock_backstop_ignores_time_spent_waiting_for_a_cpu():
    # A test needing half its CPU limit, on a machine flooded with busy processes: by plain
    # wall-clock time it would pass the 1.5x backstop long before getting its CPU time.
    code = (
        "import time\n"
        "def work():\n    start = time.process_time()\n"
        "    while time.process_time() - start < 0.3:\n        pass\n    return 1\n"
    )
    limits = SandboxLimits(cpu_seconds=0.6, wall_factor=1.5, memory_mb=256)
    # Each spinner in a session of its own: the scheduler shares CPUs between sessions.
    spinners = [
        subprocess.Popen([sys.executable, "-c", "while True: pass"], start_new_session=True)
        for _ in range(4 * (os.cpu_count() or 1))
    ]
    try:
        with open_sandbox("local", limits, workers=1) as loaded:
            started = time.monotonic()
            verdicts = loaded.run_tests([SolutionRun("busy", code, make_tests("assert work() == 1"))])
            elapsed = time.monotonic() - started
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()
    assert statuses(verdicts) == ["pass"], verdicts[0].detail
    assert elapsed > limits.cpu_seconds * limits.wall_factor  # the machine really was that loaded
