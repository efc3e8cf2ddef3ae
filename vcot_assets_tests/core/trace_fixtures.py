"""Run the real tracer (`sandbox/child_trace.py`) in a forked child, for tests of the tracing
and verification logic that should not depend on the sandbox workers being up.

The fork keeps pysnooper's `sys.settrace` and the imported program out of the pytest process.
"""

from __future__ import annotations

import json
import os
import signal
import tempfile
import textwrap

from vcot_assets.core.grounding.records import Trace
from vcot_assets.core.grounding.tracing import build_trace
from vcot_assets.core.sandbox_records import TraceOutcome
from vcot_assets.sandbox import child_trace


def run_trace_in_child(code: str, call: str, limits: dict | None = None, timeout_s: int = 10) -> dict:
    with tempfile.TemporaryDirectory() as workdir:
        path = os.path.join(workdir, "program.py")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(code)
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # child: trace, send the JSON result, leave without running pytest's atexit
            try:
                os.close(read_fd)
                signal.alarm(timeout_s)
                payload = json.dumps(child_trace.run_trace(path, call, limits or {})).encode()
                view = memoryview(payload)
                while view:
                    view = view[os.write(write_fd, view) :]
            finally:
                os._exit(0)
        os.close(write_fd)
        chunks = []
        while chunk := os.read(read_fd, 1 << 20):
            chunks.append(chunk)
        os.close(read_fd)
        os.waitpid(pid, 0)
    if not chunks:
        return {
            "raw": "",
            "returned": "",
            "status": "crash",
            "detail": "tracer child died",
            "python_version": "",
            "truncated": False,
        }
    return json.loads(b"".join(chunks))


def traced(code: str, call: str, trace_id: str = "t", limits: dict | None = None) -> Trace:
    return build_trace(trace_id, code, call, TraceOutcome.from_tracer(trace_id, run_trace_in_child(code, call, limits)))


# The paper's worked example, shared by the tracer and verifier tests.
BINARY_SEARCH = textwrap.dedent(
    """\
    def binary_search(arr, target):
        lo, hi = 0, len(arr) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            if arr[mid] == target:
                return mid
            elif arr[mid] < target:
                lo = mid + 1
            else:
                hi = mid - 1
        return -1
    """
)
