"""An index of one trace: events, the program state before each event, loops and branches
found from the program's structure."""

from __future__ import annotations

import ast
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache

from vcot_assets.core.grounding.records import Trace, TraceEvent
from vcot_assets.core.verifier.expressions import value_of


@dataclass
class _Loop:
    header: int
    body_first: int
    body_last: int
    last: int  # last line of the whole statement (else clause included)
    same_line_body: bool


@dataclass
class _If:
    test_line: int
    keyword: str  # "if" | "elif"
    body_first: int
    body_last: int
    else_first: int  # 0 when there is no plain else block


@dataclass
class TraceIndex:
    """What the verifier needs from one trace, computed once and cached."""

    events: list[TraceEvent]
    states: list[dict]  # visible variables after each event (the current frame's)
    frames: list[int]  # frame id of each event
    values: list[object]  # parsed value of var and return events (None elsewhere)
    names: frozenset[str]  # every variable name the program has or the trace shows
    branch_events: list[tuple[int, str]] = field(default_factory=list)  # (event index, if/elif/else/skip)
    loop_runs: list[tuple[int, int, int]] = field(default_factory=list)  # (first, last, iterations)
    loop_totals: set[int] = field(default_factory=set)  # a loop's iterations over all its runs (an inner loop's total)
    counts_by_loop: dict[int, set[int]] = field(default_factory=dict)  # header line -> its runs' counts and total
    final_returns: list[object] = field(default_factory=list)  # values the traced call returned
    returned: object = None


@lru_cache(maxsize=1024)
def _code_structure(code: str) -> tuple[list[_Loop], dict[int, _If], frozenset[str]]:
    """Loops, if statements and variable names of a program (shared, never mutated)."""
    loops: list[_Loop] = []
    ifs: dict[int, _If] = {}
    names: set[str] = set()
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return loops, ifs, frozenset(names)

    def visit_if(node: ast.If, word: str) -> None:
        else_first = 0
        if node.orelse:
            first = node.orelse[0]
            if len(node.orelse) == 1 and isinstance(first, ast.If) and _is_elif(code, first):
                visit_if(first, "elif")
            else:
                else_first = first.lineno
        ifs[node.lineno] = _If(
            node.lineno, word, node.body[0].lineno, node.body[-1].end_lineno or node.body[-1].lineno, else_first
        )

    for node in ast.walk(tree):
        if isinstance(node, (ast.For, ast.While, ast.AsyncFor)):
            loops.append(
                _Loop(
                    header=node.lineno,
                    body_first=node.body[0].lineno,
                    body_last=node.body[-1].end_lineno or node.body[-1].lineno,
                    last=node.end_lineno or node.lineno,
                    same_line_body=node.body[0].lineno == node.lineno,
                )
            )
        elif isinstance(node, ast.If) and node.lineno not in ifs:
            visit_if(node, "if")
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) and isinstance(node.value, ast.Name):
            names.add(f"{node.value.id}.{node.attr}")
    return loops, ifs, frozenset(names)


def _is_elif(code: str, node: ast.If) -> bool:
    lines = code.splitlines()
    return 0 < node.lineno <= len(lines) and lines[node.lineno - 1].lstrip().startswith("elif")


_INDEX_CACHE: OrderedDict[tuple[str, str], TraceIndex] = OrderedDict()
_INDEX_CACHE_SIZE = 256


def index_trace(trace: Trace) -> TraceIndex:
    key = (trace.sha256 or trace.text, trace.code)
    cached = _INDEX_CACHE.get(key)
    if cached is not None:
        _INDEX_CACHE.move_to_end(key)
        return cached
    index = _build_index(trace)
    _INDEX_CACHE[key] = index
    if len(_INDEX_CACHE) > _INDEX_CACHE_SIZE:
        _INDEX_CACHE.popitem(last=False)
    return index


def _build_index(trace: Trace) -> TraceIndex:
    events = trace.events
    loops, ifs, code_names = _code_structure(trace.code)
    states: list[dict] = []
    frames: list[int] = []
    values: list[object] = []
    stack: list[tuple[int, dict]] = [(0, {})]
    next_frame = 1
    names = set(code_names)
    final_returns: list[object] = []
    for event in events:
        value: object = None
        if event.kind == "call":
            stack.append((next_frame, {}))
            next_frame += 1
        elif event.kind in ("new", "modified"):
            value = value_of(event.value)
            stack[-1][1][event.name] = value
            names.add(event.name)
        elif event.kind == "return" and event.source != "Call ended by exception":
            value = value_of(event.value)
            if event.depth == 0:
                final_returns.append(value)
        frame_id, variables = stack[-1]
        if states and frames[-1] == frame_id and event.kind not in ("new", "modified"):
            states.append(states[-1])  # unchanged: share the snapshot (never mutated)
        else:
            states.append(dict(variables))
        frames.append(frame_id)
        values.append(value)
        if event.kind == "return" and len(stack) > 1:
            stack.pop()
    index = TraceIndex(events=events, states=states, frames=frames, values=values, names=frozenset(names))
    index.final_returns = final_returns
    index.returned = value_of(trace.returned) if trace.returned else None
    if index.returned is not None:
        index.final_returns.append(index.returned)
    _find_branches(index, ifs)
    _find_loops(index, loops)
    return index


def _line_events_by_frame(index: TraceIndex) -> dict[int, list[int]]:
    by_frame: dict[int, list[int]] = {}
    for i, event in enumerate(index.events):
        if event.kind in ("line", "return"):
            by_frame.setdefault(index.frames[i], []).append(i)
    return by_frame


def _find_branches(index: TraceIndex, ifs: dict[int, _If]) -> None:
    if not ifs:
        return
    for positions in _line_events_by_frame(index).values():
        for k, i in enumerate(positions):
            event = index.events[i]
            info = ifs.get(event.line_no)
            if event.kind != "line" or info is None or k + 1 >= len(positions):
                continue
            j = positions[k + 1]
            nxt = index.events[j].line_no
            if info.body_first <= nxt <= info.body_last and not (
                index.events[j].kind == "return" and nxt == info.test_line
            ):
                index.branch_events.append((j, info.keyword))
            else:
                index.branch_events.append((i, "skip"))
                if info.else_first and nxt >= info.else_first and nxt > info.body_last:
                    index.branch_events.append((j, "else"))


def _find_loops(index: TraceIndex, loops: list[_Loop]) -> None:
    if not loops:
        return
    totals: dict[int, int] = {}
    for positions in _line_events_by_frame(index).values():
        for loop in loops:
            runs_before = len(index.loop_runs)
            first = last = -1
            count = 0
            for k, i in enumerate(positions):
                line = index.events[i].line_no
                inside = loop.header <= line <= loop.last and index.events[i].kind == "line"
                if not inside:
                    if first >= 0:
                        index.loop_runs.append((first, last, count))
                        first, count = -1, 0
                    continue
                if first < 0:
                    first = i
                last = i
                if line == loop.header:
                    if loop.same_line_body:
                        count += 1
                    elif k + 1 < len(positions):
                        nxt = index.events[positions[k + 1]].line_no
                        if loop.body_first <= nxt <= loop.body_last:
                            count += 1
            if first >= 0:
                index.loop_runs.append((first, last, count - 1 if loop.same_line_body and count else count))
            runs = [n for _, _, n in index.loop_runs[runs_before:]]
            totals[loop.header] = totals.get(loop.header, 0) + sum(runs)
            index.counts_by_loop.setdefault(loop.header, set()).update(runs)
    index.loop_totals = set(totals.values())
    for header, total in totals.items():
        index.counts_by_loop.setdefault(header, set()).add(total)


# ---------------------------------------------------------------------------- grounding
