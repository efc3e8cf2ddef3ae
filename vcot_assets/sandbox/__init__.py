"""Runs untrusted generated code away from the orchestrator.

Public API (the assets, the `vcot` command and the benchmark scorers use only this):

    with open_sandbox(backend="local", limits=SandboxLimits(), workers=2) as box:
        box.isolation                      -> "full" or "reduced: <why>"
        box.run_tests(list[SolutionRun])   -> list[Verdict]        one per (solution, test)
        box.run_calls(list[CallRequest])   -> list[CallOutcome]    one per call
        box.run_scripts(list[ScriptRequest]) -> list[ScriptOutcome]
        box.trace(list[TraceRequest])      -> list[TraceOutcome]   raw tracer output, see child_trace
        box.coverage(list[CoverageRequest]) -> list[CoverageOutcome]

Results come back in request order. Workers are started when the sandbox opens, before any
teacher client exists (no fork after litellm is imported): `subprocess` starts them, this
process never forks itself.

How it holds (see `harness.py` and `api.py` for the mechanics):
- The child never sees an expected value. It evaluates the test's call and sends back the value
  as canonical text of plain builtin types only (anything else is `error`); the orchestrator
  rebuilds it with a literal-only reader and compares with `==`. Returned objects, frame
  walking, patched builtins or harness helpers, forged result frames: none can produce a pass
  without producing the right value.
- One fork per solution from a warm parent; each test runs in a fresh module namespace with
  builtins, `sys.modules`, the random state, cwd and recursion limit reset; a test that leaves
  threads or processes behind gets the next tests a fresh child.
- Traces and coverage runs share a child too, up to 32 programs per fork, each program
  re-imported from its own file; a program that leaves any state behind (threads, processes,
  patched modules, signal handlers, limits, files) gets the next program a fresh child, and a
  timeout or crash costs only its own request.
- Limits: CPU time per test (checked by the parent against the child's CPU clock, so loaded
  machines give the same verdicts), a wall-clock backstop, two consecutive timeouts skip the
  rest; address space, processes, open files, file size, output bytes. Every job ends with the
  child's whole process tree killed and reaped and its directory removed.
- Local backend as root: each worker is PID 1 of its own PID, mount and network namespaces,
  with private tmpfs dirs, home dirs and the repository hidden, and its children run as a uid of
  their own. Docker backend: hardened long-lived containers running the same harness.
  Elsewhere (not root, no namespaces) every verdict says "reduced: ...".
"""

from vcot_assets.sandbox.api import Sandbox, open_sandbox

__all__ = ["Sandbox", "open_sandbox"]
