"""What crosses the sandbox's trust boundary: requests in, outcomes out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from vcot_assets.core.records import Record
from vcot_assets.core.synthesis.records import TestCase


@dataclass
class SolutionRun(Record):
    """One solution and the tests to run against it (one forked child in the sandbox)."""

    solution_id: str
    code: str
    tests: list[TestCase]
    _nested: ClassVar[dict[str, type]] = {"tests": TestCase}


@dataclass
class CallRequest(Record):
    """Evaluate call expressions in the module namespace of `code`; values come back canonical.

    The calls of one request share a child (one program's). `timeout_s` replaces the sandbox's
    per-call CPU limit when set; `independent` calls each get their own timeout budget (by
    default two consecutive timeouts skip the rest of a request's calls).
    """

    request_id: str
    code: str
    calls: list[str]
    timeout_s: float = 0.0
    independent: bool = False


@dataclass
class CallOutcome(Record):
    request_id: str
    call_index: int
    status: str  # "ok" | "error" | "timeout" | "crash" | "resource" | "invalid"
    value: str = ""  # canonical repr of a plain builtin value (only when status == "ok")
    detail: str = ""
    isolation: str = "full"


@dataclass
class CheckRequest(Record):
    """A trusted check program against a solution that runs in another process (HumanEval).

    The sandbox runs `solution` in one child and, in a second child that holds no solution code,
    `setup` (trusted definitions) and then `check` with `entry_point` bound to a stand-in that
    calls the solution's `entry_point` over a pipe, arguments and values as canonical text. The
    check passes when `check` runs to its end: a verdict only the second child can give.
    """

    check_id: str
    solution: str
    entry_point: str
    setup: str
    check: str
    timeout_s: float = 3.0


@dataclass
class CheckOutcome(Record):
    check_id: str
    status: str  # "pass" | "fail" | "timeout" | "crash" | "resource"
    detail: str = ""
    isolation: str = "full"


@dataclass
class TraceRequest(Record):
    trace_id: str
    code: str
    call: str


@dataclass
class TraceOutcome(Record):
    """What the sandbox's tracer returned for one `TraceRequest`: pysnooper's raw text and the value."""

    trace_id: str
    status: str  # ok, error, timeout, crash, resource, too_long
    raw: str = ""
    returned: str = ""  # pysnooper's rendering of the returned value
    detail: str = ""
    python_version: str = ""
    truncated: bool = False
    value: str = ""  # canonical text of the returned value ("" if it is not a plain value)

    @classmethod
    def from_tracer(cls, trace_id: str, found: dict[str, Any]) -> "TraceOutcome":
        """From the JSON-able dict `child_trace.run_trace` returns."""
        return cls(
            trace_id=trace_id,
            status=str(found.get("status") or "error"),
            raw=str(found.get("raw") or ""),
            returned=str(found.get("returned") or ""),
            detail=str(found.get("detail") or ""),
            python_version=str(found.get("python_version") or ""),
            truncated=bool(found.get("truncated")),
            value=str(found.get("value") or ""),
        )


@dataclass
class CoverageRequest(Record):
    """Line and branch coverage of `code` by each call (used to pick the test to trace)."""

    request_id: str
    code: str
    calls: list[str]


@dataclass
class CoverageOutcome(Record):
    request_id: str
    call_index: int
    coverage: float  # (covered lines + covered arcs) / (lines + arcs), 0..1
    detail: str = ""
