"""Judging benchmark generations: the trusted side decides every verdict.

A generation is judged by one of three checks, and a child process never says "pass" for code
it runs:

- `LiteralCheck` (CRUXEval-O, LiveCodeBench-Exec, answerability forward): the predicted output
  is read as a literal on the trusted side and compared with the expected value. It is never
  executed: the expected output is in the prompt, so a child that ran the generation could just
  report it.
- `CallCheck` (CRUXEval-I, answerability backward): the predicted call must be a call of the
  benchmark's function (or a call chain on it, `Name(...).method(...)`). Arguments written as
  literals are read here; arguments that are expressions are evaluated to literals by a child
  of their own, one per distinct generation, so no two generations share a process. A second
  child, holding the benchmark's code and no generation code, calls the function on those
  literal arguments and returns the value as canonical text; the calls of one problem share it,
  as they are data. The trusted side compares that value with the expected output.
- `FunctionCheck` (HumanEval): the problem's test runs in a child that holds no generation code
  and calls the completion, which runs in another child, over a pipe (`Sandbox.run_checks`);
  the test's child gives the verdict. One pair of children per distinct check.

Identical checks are judged once. The runner is the sandbox (anything with `run_calls` and
`run_checks`).
"""

from __future__ import annotations

import ast
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from vcot_assets.core.consensus.testcases import NotALiteral, literal_value, values_equal
from vcot_assets.core.sandbox_records import CallOutcome, CallRequest, CheckOutcome, CheckRequest

CHECK_TIMEOUT_S = 3.0
# One canonical (args, kwargs) pair per link of a predicted call chain.
_COLLECT = "(lambda *args, **kwargs: (args, kwargs))"


class Runner(Protocol):
    def run_calls(self, requests: list[CallRequest]) -> list[CallOutcome]: ...

    def run_checks(self, requests: list[CheckRequest]) -> list[CheckOutcome]: ...


@dataclass(frozen=True)
class LiteralCheck:
    """The answer must be a literal equal to `expected`."""

    expected: str
    answer: str


@dataclass(frozen=True)
class CallCheck:
    """The answer must be a call of `function` whose value, computed with the trusted `code`, equals `expected`."""

    code: str
    function: str
    answer: str
    expected: str
    timeout_s: float = CHECK_TIMEOUT_S


@dataclass(frozen=True)
class FunctionCheck:
    """`check` (after `setup`) must run to its end calling `entry_point` of `solution`."""

    solution: str
    entry_point: str
    setup: str
    check: str
    timeout_s: float = CHECK_TIMEOUT_S


Check = LiteralCheck | CallCheck | FunctionCheck


@dataclass(frozen=True)
class CheckStats:
    """How many checks were asked for, how many were distinct, and where they were judged."""

    checks: int
    distinct: int
    literal: int  # judged by reading literals, nothing run
    argument_children: int  # children that evaluated a generation's non-literal arguments
    call_children: int  # children that called a benchmark function on literal arguments
    check_pairs: int  # test child + solution child pairs (HumanEval)


def judge(checks: Iterable[Check], runner: Runner) -> tuple[dict[Check, bool], CheckStats]:
    """Pass or fail for every distinct check, and counts of what ran."""
    total = 0
    distinct: dict[Check, None] = {}
    for check in checks:
        total += 1
        distinct.setdefault(check)
    verdicts: dict[Check, bool] = {}
    literal = [c for c in distinct if isinstance(c, LiteralCheck)]
    for check in literal:
        verdicts[check] = values_equal(check.expected, check.answer)
    argument_children, call_children = _judge_calls([c for c in distinct if isinstance(c, CallCheck)], runner, verdicts)
    pairs = [c for c in distinct if isinstance(c, FunctionCheck)]
    _judge_functions(pairs, runner, verdicts)
    return verdicts, CheckStats(total, len(distinct), len(literal), argument_children, call_children, len(pairs))


# --- input prediction ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Link:
    attribute: str  # "" for the first call, the method name after it
    arguments: str  # the argument list as written, e.g. `[1, 2], k=3`
    literal: bool  # every argument a literal, none unpacked


def call_chain(answer: str, function: str) -> list[_Link] | None:
    """The links of `function(...)` or `function(...).method(...)...`, or None for anything else."""
    try:
        node = ast.parse(answer.strip(), mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    links: list[_Link] = []
    while isinstance(node, ast.Call):
        arguments = [ast.unparse(arg) for arg in node.args] + [ast.unparse(kw) for kw in node.keywords]
        literal = all(not isinstance(arg, ast.Starred) and _is_literal(arg) for arg in node.args) and all(
            kw.arg is not None and _is_literal(kw.value) for kw in node.keywords
        )
        func = node.func
        if isinstance(func, ast.Name):
            if func.id != function:
                return None
            links.append(_Link("", ", ".join(arguments), literal))
            return links[::-1]
        if not isinstance(func, ast.Attribute) or func.attr.startswith("__"):
            return None
        links.append(_Link(func.attr, ", ".join(arguments), literal))
        node = func.value
    return None


def _is_literal(node: ast.expr) -> bool:
    try:
        literal_value(ast.unparse(node))
    except (NotALiteral, RecursionError, MemoryError, ValueError):
        return False
    return True


def _judge_calls(checks: list[CallCheck], runner: Runner, verdicts: dict[Check, bool]) -> tuple[int, int]:
    chains = {check: call_chain(check.answer, check.function) for check in checks}
    for check, chain in chains.items():
        if chain is None:
            verdicts[check] = False
    ready = {check: _literal_call(check.function, chain) for check, chain in chains.items() if chain is not None}
    needs_child = [check for check, call in ready.items() if call is None]
    # Expressions among the arguments: each generation's own child evaluates them to literals.
    requests = [
        CallRequest(
            request_id=f"arguments-{index}",
            code=check.code,
            calls=["(" + ", ".join(f"{_COLLECT}({link.arguments})" for link in chains[check]) + ",)"],
            timeout_s=check.timeout_s,
        )
        for index, check in enumerate(needs_child)
    ]
    for check, outcome in zip(needs_child, runner.run_calls(requests) if requests else [], strict=True):
        ready[check] = _call_from_arguments(check.function, chains[check], outcome) if outcome.status == "ok" else None
        if ready[check] is None:
            verdicts[check] = False
    # The benchmark's function on literal arguments: one child per program, no generation code.
    calls_by_code: dict[tuple[str, float], dict[str, None]] = {}
    for check, call in ready.items():
        if call is not None:
            calls_by_code.setdefault((check.code, check.timeout_s), {}).setdefault(call)
    keys = list(calls_by_code)
    values: dict[tuple[str, str], CallOutcome] = {}
    call_requests = [
        CallRequest(f"call-{index}", code, list(calls_by_code[(code, timeout)]), timeout_s=timeout, independent=True)
        for index, (code, timeout) in enumerate(keys)
    ]
    outcomes = iter(runner.run_calls(call_requests) if call_requests else [])
    for (code, _), request in zip(keys, call_requests, strict=True):
        for call in request.calls:
            values[(code, call)] = next(outcomes)
    for check, call in ready.items():
        if call is not None:
            outcome = values[(check.code, call)]
            verdicts[check] = outcome.status == "ok" and values_equal(outcome.value, check.expected)
    return len(requests), len(call_requests)


def _literal_call(function: str, chain: list[_Link]) -> str | None:
    """The call as literal-only text when no argument needs evaluating."""
    if not all(link.literal for link in chain):
        return None
    return "".join(
        f"{function}({link.arguments})" if not link.attribute else f".{link.attribute}({link.arguments})"
        for link in chain
    )


def _call_from_arguments(function: str, chain: list[_Link], outcome: CallOutcome) -> str | None:
    """The call rebuilt from the canonical arguments a child reported, or None if they are not usable."""
    try:
        pairs = literal_value(outcome.value)
    except NotALiteral:
        return None
    if type(pairs) is not tuple or len(pairs) != len(chain):
        return None
    parts = []
    for link, pair in zip(chain, pairs):
        if type(pair) is not tuple or len(pair) != 2 or type(pair[0]) is not tuple or type(pair[1]) is not dict:
            return None
        args, kwargs = pair
        if not all(type(key) is str and key.isidentifier() for key in kwargs):
            return None
        text = f"*{literal_text(args)}, **{literal_text(kwargs)}"
        parts.append(f"{function}({text})" if not link.attribute else f".{link.attribute}({text})")
    return "".join(parts)


def literal_text(value: Any) -> str:
    """Literal text of a plain builtin value (what `literal_value` reads back)."""
    kind = type(value)
    if kind is float and not math.isfinite(value):
        return "float('nan')" if value != value else "float('inf')" if value > 0 else "float('-inf')"
    if kind is complex:
        return f"complex({literal_text(value.real)}, {literal_text(value.imag)})"
    if kind is list:
        return "[" + ", ".join(literal_text(item) for item in value) + "]"
    if kind is tuple:
        return "(" + "".join(literal_text(item) + ", " for item in value) + ")"
    if kind is dict:
        return "{" + ", ".join(f"{literal_text(k)}: {literal_text(v)}" for k, v in value.items()) + "}"
    if kind in (set, frozenset):
        body = "[" + ", ".join(literal_text(item) for item in value) + "]"
        return f"{kind.__name__}({body})"
    return repr(value)


# --- function checks (HumanEval) -------------------------------------------------------------


def _judge_functions(checks: Sequence[FunctionCheck], runner: Runner, verdicts: dict[Check, bool]) -> None:
    requests = [
        CheckRequest(f"check-{index}", c.solution, c.entry_point, c.setup, c.check, c.timeout_s)
        for index, c in enumerate(checks)
    ]
    for check, outcome in zip(checks, runner.run_checks(requests) if requests else [], strict=True):
        verdicts[check] = outcome.status == "pass"


def sandbox_runner(backend: str = "local", workers: int | None = None, allow_reduced: str | None = None):
    """A context manager yielding a freshly opened sandbox to judge checks with."""
    from contextlib import contextmanager

    from vcot_assets.sandbox import open_sandbox

    @contextmanager
    def _opened():
        kwargs: dict[str, Any] = {"backend": backend, "allow_reduced": allow_reduced}
        if workers is not None:
            kwargs["workers"] = workers
        with open_sandbox(**kwargs) as box:
            yield box

    return _opened()
