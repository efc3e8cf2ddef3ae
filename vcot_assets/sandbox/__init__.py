"""Runs untrusted generated code away from the orchestrator.

Public API (the assets, the `vcot` command and the benchmark scorers use only this):

    with open_sandbox(backend="local", limits=SandboxLimits(), workers=2) as box:
        box.isolation                      -> "full" or "reduced: <why> [allowed by <whom>]"
        box.run_tests(list[SolutionRun])   -> list[Verdict]        one per (solution, test)
        box.run_calls(list[CallRequest])   -> list[CallOutcome]    one per call
        box.run_checks(list[CheckRequest]) -> list[CheckOutcome]   a trusted check against a solution
        box.trace(list[TraceRequest])      -> list[TraceOutcome]   raw tracer output, see child_trace
        box.coverage(list[CoverageRequest]) -> list[CoverageOutcome]

Results come back in request order. Workers are started when the sandbox opens, before any
teacher client exists (no fork after litellm is imported): `subprocess` starts them, this
process never forks itself.

How it holds (see `harness.py` and `api.py` for the mechanics):
- No child running generated code ever decides a verdict. It evaluates calls and sends back
  values as canonical text of plain builtin types only (anything else is `error`); the
  orchestrator rebuilds them with a literal-only reader and compares with `==`. Returned
  objects, frame walking, patched builtins or harness helpers, forged result frames: none can
  produce a pass without producing the right value. The one verdict a child gives, a check's
  (`run_checks`), comes from a child that holds only trusted check code and talks to the
  solution's child over a pipe; the solution's child has no pipe to the orchestrator, and the
  seccomp filter and a non-dumpable check child keep it out of the check's memory.
- Two programs never share a process: each solution, each check and each traced or covered
  program gets children of its own.
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
- Local backend: each worker runs in a bubblewrap sandbox (own PID, mount, network, IPC and UTS
  namespaces; its children in a user namespace of their own, or, where the orchestrator is root,
  at a host uid of the worker's own; no capabilities; read-only binds of only what the
  interpreter and the harness import need; private /tmp; --die-with-parent, --new-session). Docker backend: hardened
  long-lived containers running the same harness. In a Kubernetes pod that refuses namespaces
  the pod is the boundary. Every child loads a seccomp filter. `harness.FULL_ISOLATION` defines
  "full" per backend; a worker short of it says "reduced: <what is missing>".
- Policy: below full isolation the sandbox refuses to start unless the caller allows it
  (`allow_reduced`, from `--allow-reduced-isolation`, `VCOT_ALLOW_REDUCED_ISOLATION=1`, or a run
  whose teacher is the offline one, whose programs are vcot's own); the isolation string then
  says who allowed it, and it travels into every verdict and the assets' metadata.
"""

from vcot_assets.sandbox.api import Sandbox, open_sandbox

__all__ = ["Sandbox", "open_sandbox"]
