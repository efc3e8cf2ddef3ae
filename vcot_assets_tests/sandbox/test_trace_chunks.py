"""Traces (and coverage runs) are sent in chunks: a hostile one in the middle of a chunk costs only itself,
and every trace comes out exactly as it does with one child per trace. Two programs never share a child
(see test_hostile.py for programs that try to reach another's trace); units of one program may."""

import dataclasses
import re

import pytest

from vcot_assets.core.sandbox_records import CoverageRequest, TraceRequest
from vcot_assets.sandbox import api, open_sandbox
from vcot_assets.settings import SandboxLimits

from .conftest import BACKENDS, require_docker

# Tracing budget is 10x this: half a second of CPU per trace.
LIMITS = SandboxLimits(cpu_seconds=0.05, wall_factor=8.0, memory_mb=256, output_bytes=1 << 16)

# What a later program could notice of an earlier one in the same process.
READER = (
    "import builtins, copy, json, os, sys, threading\n"
    "def f(xs):\n"
    "    seen = [os.environ.get('VCOT_POISON'), sorted(os.listdir('.')), threading.active_count(),\n"
    "            hasattr(json, 'POISON'), hasattr(builtins, 'POISON'), 'vcot_poison' in sys.modules]\n"
    "    xs.append(len(seen))\n"
    "    return seen, xs\n"
)
PRISTINE = "([None, ['program.py'], 1, False, False, False], [1, 2, 6])"
HOSTILE = {
    "infinite_loop": ("def f():\n    return sum(iter(int, 1))\n", "timeout"),  # C level: no trace events
    "os_exit": ("import os\ndef f():\n    os._exit(0)\n", "crash"),
    "thread_left_running": (
        "import threading, time\ndef f():\n"
        "    threading.Thread(target=time.sleep, args=(60,), daemon=True).start()\n    return 1\n",
        "ok",
    ),
    "poisons_shared_state": (
        "import builtins, json, os, sys, types\ndef f():\n    os.environ['VCOT_POISON'] = '1'\n"
        "    json.POISON = builtins.POISON = 1\n    sys.modules['vcot_poison'] = types.ModuleType('vcot_poison')\n"
        "    open('left-behind', 'w').write('x')\n    return 1\n",
        "ok",
    ),
    "patches_the_tracers_copy": (
        "import copy\ndef f():\n    copy.deepcopy = lambda value, memo=None: ['forged']\n    return 1\n",
        "ok",
    ),
    "kills_its_own_process_group": ("import os, signal\ndef f():\n    os.killpg(0, signal.SIGKILL)\n", "crash"),
}


def requests():
    chunk = [TraceRequest("first-reader", READER, "f([1, 2])")]
    for name, (code, _) in HOSTILE.items():
        chunk.append(TraceRequest(name, code, "f()"))
        chunk.append(TraceRequest(f"after-{name}", READER, "f([1, 2])"))
    return chunk


@pytest.fixture(scope="module", params=BACKENDS)
def traced(request):
    if request.param == "docker":
        require_docker()
    with open_sandbox(request.param, LIMITS, workers=1) as box:
        chunked = box.trace(requests())
        saved = api._TRACE_CHUNK
        api._TRACE_CHUNK = 1  # one child per trace: the reference
        try:
            one_per_child = box.trace(requests())
        finally:
            api._TRACE_CHUNK = saved
        healthy = box.trace([TraceRequest("healthy", READER, "f([1, 2])")])
    return chunked, one_per_child, healthy


def test_the_requests_fit_one_chunk():
    assert len(requests()) <= api._TRACE_CHUNK


def test_a_hostile_trace_costs_only_itself(traced):
    chunked, _, healthy = traced
    by_id = {trace.trace_id: trace for trace in chunked}
    assert [trace.trace_id for trace in chunked] == [request.trace_id for request in requests()]
    for name, (_, status) in HOSTILE.items():
        assert by_id[name].status == status, (name, by_id[name])
        after = by_id[f"after-{name}"]
        assert (after.status, after.returned) == ("ok", PRISTINE), (name, after)
    assert "exceeded CPU limit" in by_id["infinite_loop"].detail
    assert by_id["first-reader"].returned == PRISTINE and "xs = [1, 2]" in by_id["first-reader"].raw
    assert healthy[0].returned == PRISTINE


def without_elapsed_time(traces):
    """pysnooper's closing line times the call: the one part that differs from run to run."""
    return [
        dataclasses.replace(trace, raw=re.sub(r"Elapsed time: [0-9:.]+", "Elapsed time: -", trace.raw))
        for trace in traces
    ]


def test_chunked_traces_equal_one_child_per_trace(traced):
    chunked, one_per_child, _ = traced
    assert all("Elapsed time: " in trace.raw for trace in chunked if trace.status == "ok")
    assert without_elapsed_time(chunked) == without_elapsed_time(one_per_child)


SIGN = "def sign(x):\n    if x > 0:\n        return 1\n    elif x < 0:\n        return -1\n    return 0\n"
LOOPS = "def sign(x):\n    return sum(iter(int, 1))\n"


def coverage_requests():
    return [
        CoverageRequest("before", SIGN, ["sign(5)", "sign(-5)"]),
        CoverageRequest("loops", LOOPS, ["sign(1)", "sign(2)", "sign(3)"]),  # the third is not run
        CoverageRequest("exits", "import os\ndef sign(x):\n    os._exit(0)\n", ["sign(1)"]),
        CoverageRequest("poisons", HOSTILE["poisons_shared_state"][0].replace("def f()", "def sign(x)"), ["sign(1)"]),
        CoverageRequest("threads", HOSTILE["thread_left_running"][0].replace("def f()", "def sign(x)"), ["sign(1)"]),
        CoverageRequest("after", SIGN, ["sign(5)", "sign(-5)", "sign(0)"]),
    ]


@pytest.mark.parametrize("backend", BACKENDS)
def test_coverage_chunks_keep_each_request_apart(backend):
    if backend == "docker":
        require_docker()
    limits = SandboxLimits(cpu_seconds=0.25, wall_factor=8.0, memory_mb=256, output_bytes=1 << 16)
    with open_sandbox(backend, limits, workers=1) as box:
        chunked = box.coverage(coverage_requests())
        # The reference: one job (one child) per request, as before chunking.
        jobs = [box._job("coverage", r.code, list(r.calls), limits.cpu_seconds * 2) for r in coverage_requests()]
        per_request = [result for results in box._run_jobs(jobs, "heavy") for result in results]
    assert [(o.coverage, o.detail) for o in chunked] == [
        (
            r.get("coverage", 0.0),
            r.get("detail", "") if r["status"] == "ok" else f"{r['status']}: {r.get('detail', '')}",
        )
        for r in per_request
    ]
    by_request = {}
    for outcome in chunked:
        by_request.setdefault(outcome.request_id, []).append(outcome)
    before, after = by_request["before"], by_request["after"]
    assert [o.coverage for o in after[:2]] == [o.coverage for o in before] and 0 < before[0].coverage < before[
        1
    ].coverage
    assert [o.detail.split(":")[0] for o in by_request["loops"]] == ["timeout"] * 3
    assert "not run: 2 consecutive timeouts" in by_request["loops"][2].detail
    assert by_request["exits"][0].detail.startswith("crash")
    assert by_request["poisons"][0].coverage == by_request["threads"][0].coverage == 1.0


def test_a_program_changing_process_settings_gets_the_next_one_a_fresh_child():
    settings = (
        "import gc, os, signal, sys\n"
        "def f():\n"
        "    signal.signal(signal.SIGALRM, lambda *a: 1 / 0)\n    signal.setitimer(signal.ITIMER_REAL, 0.3)\n"
        "    sys.set_int_max_str_digits(640)\n    gc.disable()\n    os.umask(0o777)\n    return 1\n"
    )
    probe = (
        "import gc, os, sys, time\n"
        "def f():\n    time.sleep(0.5)\n    return [sys.get_int_max_str_digits(), gc.isenabled(), len(str(10 ** 700))]\n"
    )
    with open_sandbox("local", LIMITS, workers=1) as box:
        traces = box.trace([TraceRequest("settings", settings, "f()"), TraceRequest("probe", probe, "f()")])
    assert [t.status for t in traces] == ["ok", "ok"]
    assert traces[1].returned == "[4300, True, 701]"  # the defaults of a fresh child
