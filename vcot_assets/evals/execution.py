"""Running benchmark checks through the sandbox, fast, with the official semantics.

A benchmark "check" is one program (benchmark code + an assert on one generation) that passes
when it runs to the end without an exception within its time limit. The official scorers run
each check in its own forked process. Scoring 800 problems x 10 generations that way costs
thousands of process starts, so checks are run here in two cheaper ways that give the same
verdicts:

1. Identical programs are executed once (a check is a pure function of its program text:
   sampled generations repeat a lot, ~4,200 distinct programs among 16,000 CRUXEval checks).
2. The distinct checks of one problem run in one sandboxed script (a "check batch"): each check is
   compiled and executed in a fresh globals dict with its own wall-clock alarm and swallowed
   output, exactly as the official `unsafe_execute` does inside its child; the check batch reports
   one verdict per check. Whenever a check batch does not come back whole (killed by a timeout,
   memory or output limit, a check that exits the interpreter, unreadable report), every check
   of that check batch is re-run alone, one script each, so a misbehaving generation can only
   cost time, never change another generation's verdict.

The runner is any callable taking `list[ScriptRequest]` and returning `list[ScriptOutcome]` in
the same order: `Sandbox.run_scripts` in production.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from vcot_assets.core.sandbox_records import ScriptOutcome, ScriptRequest

ScriptRunner = Callable[[list[ScriptRequest]], list[ScriptOutcome]]

CHECK_TIMEOUT_S = 3.0
_REPORT_MARK = "VCOT-CHECK-BATCH-REPORT:"
# A check batch stops after this many checks so a slow problem cannot run for minutes.
_HARNESS_MAX_CHECKS = 16

# Runs inside the sandboxed child. Mirrors the official `unsafe_execute`: fresh globals per
# check, stdin/stdout/stderr swallowed, an ITIMER_REAL alarm, BaseException counted as failure.
# The report leaves as the message of a final exception so it travels in the outcome's detail
# whatever the sandbox does with standard output.
_HARNESS = """
import contextlib as _contextlib, io as _io, signal as _signal, sys as _sys

class _CheckTimeout(Exception):
    pass

def _alarm(signum, frame):
    raise _CheckTimeout()

class _Sink(_io.StringIO):
    def read(self, *args, **kwargs):
        raise OSError
    def readline(self, *args, **kwargs):
        raise OSError
    def readlines(self, *args, **kwargs):
        raise OSError
    def readable(self, *args, **kwargs):
        return False

def _run_one(source, seconds):
    sink = _Sink()
    saved = _sys.stdin, _sys.stdout, _sys.stderr
    _sys.stdin = _sys.stdout = _sys.stderr = sink
    _signal.signal(_signal.SIGALRM, _alarm)
    _signal.setitimer(_signal.ITIMER_REAL, seconds)
    try:
        exec(compile(source, "<check>", "exec"), {})
        return "1"
    except _CheckTimeout:
        return "t"
    except BaseException:
        return "0"
    finally:
        _signal.setitimer(_signal.ITIMER_REAL, 0)
        _sys.stdin, _sys.stdout, _sys.stderr = saved

_verdicts = "".join(_run_one(_source, _SECONDS) for _source in _SOURCES)
raise RuntimeError(_MARK + _verdicts + "|" + str(len(_SOURCES)))
"""


@dataclass(frozen=True)
class CheckStats:
    """How many checks were asked for, how many distinct programs ran, and how."""

    checks: int
    distinct: int
    batch_scripts: int
    single_scripts: int


def check_batch_source(programs: Sequence[str], timeout_s: float) -> str:
    # ascii() round-trips every string (json would split astral characters into surrogates).
    header = f"_SOURCES = {ascii(list(programs))}\n_SECONDS = {float(timeout_s)!r}\n_MARK = {_REPORT_MARK!r}\n"
    return header + _HARNESS


def parse_check_batch_report(outcome: ScriptOutcome, expected: int) -> list[bool] | None:
    """Per-check verdicts from a check batch outcome, or None when it did not come back whole."""
    detail = outcome.detail or ""
    at = detail.rfind(_REPORT_MARK)
    if at < 0:
        return None
    verdicts, _, count = detail[at + len(_REPORT_MARK) :].partition("|")
    count = count.strip().split()[0] if count.strip() else ""
    if count != str(expected) or len(verdicts) != expected or set(verdicts) - {"0", "1", "t"}:
        return None
    return [v == "1" for v in verdicts]


def run_checks(
    groups: Sequence[Sequence[str]], runner: ScriptRunner, timeout_s: float = CHECK_TIMEOUT_S, batched: bool = True
) -> tuple[dict[str, bool], CheckStats]:
    """Run every distinct program once; `groups` are programs that may share a check batch.

    Returns pass/fail per distinct program text and counts of what ran. With `batched=False`
    every program runs as its own plain script (the slow reference path).
    """
    seen: set[str] = set()
    distinct_groups: list[list[str]] = []
    total = 0
    for group in groups:
        fresh = []
        for program in group:
            total += 1
            if program not in seen:
                seen.add(program)
                fresh.append(program)
        if fresh:
            distinct_groups.append(fresh)

    verdicts: dict[str, bool] = {}
    batch_count = 0
    if batched:
        chunks = [
            group[i : i + _HARNESS_MAX_CHECKS]
            for group in distinct_groups
            for i in range(0, len(group), _HARNESS_MAX_CHECKS)
        ]
        unresolved, used = _run_check_batches(chunks, runner, timeout_s, verdicts)
        batch_count += used
        # A check batch that did not report whole is split: each of its checks in a check batch alone.
        retry = [[program] for chunk in unresolved if len(chunk) > 1 for program in chunk]
        leftovers = [chunk[0] for chunk in unresolved if len(chunk) == 1]
        unresolved, used = _run_check_batches(retry, runner, timeout_s, verdicts)
        batch_count += used
        leftovers.extend(chunk[0] for chunk in unresolved)
    else:
        leftovers = [program for group in distinct_groups for program in group]

    # Last resort, and the reference path: the program as a plain script, judged by its status.
    singles = [
        ScriptRequest(script_id=f"check-{i}", source=program, timeout_s=timeout_s)
        for i, program in enumerate(leftovers)
    ]
    outcomes = runner(singles) if singles else []
    for program, outcome in zip(leftovers, outcomes, strict=True):
        verdicts[program] = outcome.status == "pass"
    return verdicts, CheckStats(
        checks=total, distinct=len(seen), batch_scripts=batch_count, single_scripts=len(singles)
    )


def _run_check_batches(
    chunks: list[list[str]], runner: ScriptRunner, timeout_s: float, verdicts: dict[str, bool]
) -> tuple[list[list[str]], int]:
    """Run one check batch per chunk, record parsed verdicts, return the chunks left unresolved."""
    if not chunks:
        return [], 0
    requests = [
        ScriptRequest(
            script_id=f"check-batch-{i}",
            source=check_batch_source(chunk, timeout_s),
            timeout_s=timeout_s * len(chunk) + 2.0,
        )
        for i, chunk in enumerate(chunks)
    ]
    unresolved = []
    for chunk, outcome in zip(chunks, runner(requests), strict=True):
        parsed = parse_check_batch_report(outcome, len(chunk))
        if parsed is None:
            unresolved.append(chunk)
        else:
            verdicts.update(zip(chunk, parsed))
    return unresolved, len(requests)


def sandbox_runner(backend: str = "local", workers: int | None = None):
    """A context manager yielding `Sandbox.run_scripts` of a freshly opened sandbox."""
    from contextlib import contextmanager

    from vcot_assets.sandbox import open_sandbox

    @contextmanager
    def _opened():
        kwargs = {"backend": backend}
        if workers is not None:
            kwargs["workers"] = workers
        with open_sandbox(**kwargs) as box:
            yield box.run_scripts

    return _opened()
