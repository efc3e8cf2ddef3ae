"""Ground every sentence of a rationale in an execution trace (the paper's sliding window).

Forward: a pointer starts at the first trace event. For each sentence the verifier looks at
the window of K events from the pointer. Each entity of the sentence is grounded when the
program state at the pointer already holds it (state consistency: a variable set earlier and
unchanged) or an event in the window shows it (event matching: the variable takes the value
there, the branch is taken there, the function returns the value there). Claims are walked in
the order the sentence states them, and the pointer moves to the last event that matched.
Loop counts are grounded by any run of a loop that overlaps the window; the call's final
return value is grounded anywhere. An ungrounded entity, a wrong final answer (compared by
value), a rationale with nothing checkable, or one whose only claims are about literals
rejects it.

Backward: the same walk over the trace of the predicted call, from its return event back,
with the window reaching K events into the past; an event in the window that sets the claimed
value is preferred to the state, so the walk keeps moving back. The predicted call must
reproduce the target output.

Expressions in claims (`arr[mid]`, `len(xs)`, `lo + hi`) are evaluated over the traced values
by a small interpreter: no program code runs here.
"""

from __future__ import annotations

import ast
import math
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from vcot_assets.core.verifier.entities import (
    expression_names,
    extract_entities,
    parse_expression,
    parse_literal,
    split_sentences,
    _NOT_LITERAL,
)
from vcot_assets.core.records import Entity, Rationale, SentenceReport, Trace, TraceEvent, VerificationReport

DEFAULT_WINDOW = 15

Extractor = Callable[[str], list[Entity]]


class Opaque:
    """A traced value that is not a literal (`<prog.Node object>`): equal only to itself."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Opaque) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)

    def __repr__(self) -> str:
        return self.text


def value_of(text: str):
    """A traced repr as a Python value (an `Opaque` when it is not a literal)."""
    value = parse_literal(text)
    return Opaque(text.strip()) if value is _NOT_LITERAL else value


def same_value(a, b) -> bool:
    """Equality by value: bool is not int, floats compare with a relative tolerance."""
    if isinstance(a, bool) != isinstance(b, bool):
        return False
    if isinstance(a, float) or isinstance(b, float):
        if isinstance(a, (int, float)) and isinstance(b, (int, float)):
            return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12) or (math.isnan(a) and math.isnan(b))
        return False
    if type(a) is not type(b) and not (isinstance(a, (int, float)) and isinstance(b, (int, float))):
        return False
    try:
        return bool(a == b)
    except Exception:
        return False


# ---------------------------------------------------------------------------- evaluation


_MAX_BUILT = 100_000  # items a claim's expression may build (`[0] * n`, `'a' * n`)


class _Unknown(Exception):
    """The expression reads a name the state does not hold, or cannot be evaluated."""


_SAFE_FUNCTIONS = {
    "len": len, "sum": sum, "min": min, "max": max, "abs": abs, "sorted": sorted, "str": str, "int": int,
    "float": float, "bool": bool, "list": list, "tuple": tuple, "set": set, "round": round, "ord": ord,
    "chr": chr, "reversed": lambda x: list(reversed(x)), "dict": dict, "any": any, "all": all,
}  # fmt: skip
_SAFE_METHODS = frozenset(
    {"count", "index", "find", "rfind", "get", "keys", "values", "items", "upper", "lower", "isdigit", "isalpha",
     "isupper", "islower", "isspace", "isalnum", "isdecimal", "isnumeric", "startswith", "endswith", "strip",
     "split", "join", "copy"}
)  # fmt: skip
_BINOPS = {
    ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b, ast.FloorDiv: lambda a, b: a // b, ast.Mod: lambda a, b: a % b,
    ast.Pow: lambda a, b: a**b,
}  # fmt: skip
_CMPOPS = {
    ast.Eq: same_value, ast.NotEq: lambda a, b: not same_value(a, b), ast.Lt: lambda a, b: a < b,
    ast.LtE: lambda a, b: a <= b, ast.Gt: lambda a, b: a > b, ast.GtE: lambda a, b: a >= b,
    ast.In: lambda a, b: a in b, ast.NotIn: lambda a, b: a not in b, ast.Is: lambda a, b: a is b,
    ast.IsNot: lambda a, b: a is not b,
}  # fmt: skip


def _lookup(name: str, state: dict):
    if name in state:
        return state[name]
    if name.startswith("self.") and name[5:] in state:
        return state[name[5:]]
    if f"self.{name}" in state:
        return state[f"self.{name}"]
    raise _Unknown(name)


def evaluate(node: ast.AST, state: dict):
    """Evaluate a claim's expression over traced values, without running any program code."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        if node.id in ("True", "False", "None"):
            return {"True": True, "False": False, "None": None}[node.id]
        return _lookup(node.id, state)
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
        return _lookup(f"self.{node.attr}", state)
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        items = [evaluate(e, state) for e in node.elts]
        return {ast.List: list, ast.Tuple: tuple, ast.Set: set}[type(node)](items)
    if isinstance(node, ast.Dict):
        return {evaluate(k, state): evaluate(v, state) for k, v in zip(node.keys, node.values) if k is not None}
    if isinstance(node, ast.Subscript):
        base = evaluate(node.value, state)
        if isinstance(node.slice, ast.Slice):
            parts = [evaluate(p, state) if p is not None else None for p in (node.slice.lower, node.slice.upper, node.slice.step)]
            index = slice(*parts)
        else:
            index = evaluate(node.slice, state)
        try:
            return base[index]
        except Exception as err:
            raise _Unknown("subscript") from err
    if isinstance(node, ast.UnaryOp):
        operand = evaluate(node.operand, state)
        try:
            if isinstance(node.op, ast.USub):
                return -operand
            if isinstance(node.op, ast.UAdd):
                return +operand
            if isinstance(node.op, ast.Not):
                return not operand
        except Exception as err:
            raise _Unknown("unary") from err
        raise _Unknown("unary")
    if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
        left, right = evaluate(node.left, state), evaluate(node.right, state)
        if isinstance(node.op, ast.Pow) and isinstance(right, (int, float)) and abs(right) > 64:
            raise _Unknown("power too large")
        if isinstance(node.op, ast.Mult):
            sizes = [len(x) for x in (left, right) if isinstance(x, (str, bytes, list, tuple))]
            counts = [x for x in (left, right) if isinstance(x, int)]
            if sizes and counts and sizes[0] * max(counts[0], 0) > _MAX_BUILT:
                raise _Unknown("product too large")
        try:
            return _BINOPS[type(node.op)](left, right)
        except Exception as err:
            raise _Unknown("binop") from err
    if isinstance(node, ast.Compare):
        left = evaluate(node.left, state)
        for op, comparator in zip(node.ops, node.comparators):
            right = evaluate(comparator, state)
            try:
                if not _CMPOPS[type(op)](left, right):
                    return False
            except Exception as err:
                raise _Unknown("compare") from err
            left = right
        return True
    if isinstance(node, ast.BoolOp):
        values = [evaluate(v, state) for v in node.values]
        return all(values) if isinstance(node.op, ast.And) else any(values)
    if isinstance(node, ast.Call) and not node.keywords:
        args = [evaluate(a, state) for a in node.args]
        try:
            if isinstance(node.func, ast.Name) and node.func.id in _SAFE_FUNCTIONS:
                return _SAFE_FUNCTIONS[node.func.id](*args)
            if isinstance(node.func, ast.Attribute) and node.func.attr in _SAFE_METHODS:
                target = evaluate(node.func.value, state)
                if isinstance(target, (str, list, tuple, dict)):
                    result = getattr(target, node.func.attr)(*args)
                    return list(result) if node.func.attr in ("keys", "values", "items") else result
        except _Unknown:
            raise
        except Exception as err:
            raise _Unknown("call") from err
    raise _Unknown(type(node).__name__)


# ---------------------------------------------------------------------------- trace index


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
        ifs[node.lineno] = _If(node.lineno, word, node.body[0].lineno, node.body[-1].end_lineno or node.body[-1].lineno, else_first)

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
            if info.body_first <= nxt <= info.body_last and not (index.events[j].kind == "return" and nxt == info.test_line):
                index.branch_events.append((j, info.keyword))
            else:
                index.branch_events.append((i, "skip"))
                if info.else_first and nxt >= info.else_first and nxt > info.body_last:
                    index.branch_events.append((j, "else"))


def _find_loops(index: TraceIndex, loops: list[_Loop]) -> None:
    if not loops:
        return
    for positions in _line_events_by_frame(index).values():
        for loop in loops:
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


# ---------------------------------------------------------------------------- grounding


@dataclass
class _Claim:
    left: ast.expr
    op: str  # "==" or a comparison operator
    right: ast.expr
    truth: bool
    names: set[str]




def _claim(entity: Entity) -> _Claim | None:
    if entity.kind in ("value", "index"):
        left, right = parse_expression(entity.name), parse_expression(_python_literal(entity.value))
        if left is None or right is None:
            return None
        return _Claim(left, "==", right, True, expression_names(left))
    node = parse_expression(entity.name)
    if not isinstance(node, ast.Compare) or len(node.ops) != 1:
        return None
    truth = entity.value.strip().lower() not in ("false", "0", "no")
    return _Claim(node, "cmp", node, truth, expression_names(node))


def _python_literal(text: str) -> str:
    lowered = text.strip().lower()
    return {"true": "True", "false": "False", "none": "None"}.get(lowered, text.strip())


def _claim_holds(claim: _Claim, state: dict) -> bool:
    try:
        if claim.op == "cmp":
            return bool(evaluate(claim.left, state)) == claim.truth
        return same_value(evaluate(claim.left, state), evaluate(claim.right, state))
    except _Unknown:
        return False
    except Exception:
        return False


@dataclass
class _Walk:
    index: TraceIndex
    window: int
    backward: bool

    def bounds(self, pointer: int) -> tuple[int, int]:
        last = len(self.index.events) - 1
        if self.backward:
            return max(0, pointer - self.window), pointer
        return pointer, min(last, pointer + self.window)

    def ordered(self, lo: int, hi: int) -> range:
        return range(hi, lo - 1, -1) if self.backward else range(lo, hi + 1)


def _ground(entity: Entity, walk: _Walk, pointer: int) -> tuple[bool, int | None]:
    """(grounded, matched event index or None when grounded by state or not at all)."""
    index = walk.index
    lo, hi = walk.bounds(pointer)
    if entity.kind in ("value", "index", "comparison"):
        claim = _claim(entity)
        if claim is None:
            return False, None
        if not claim.names:  # literals only: arithmetic or a comparison of shown values
            return _claim_holds(claim, {}), None
        if not any(n in index.names or f"self.{n}" in index.names or (n.startswith("self.") and n[5:] in index.names) for n in claim.names):
            return False, None
        base = index.states[pointer] if index.states else {}
        # forward: a value that already holds is a restatement (no move); backward: the walk
        # goes to the event that set it, so earlier sentences keep their place in the window
        if not walk.backward and _claim_holds(claim, base):
            return True, None
        for i in walk.ordered(lo, hi):
            event = index.events[i]
            if event.kind not in ("new", "modified"):
                continue
            if event.name not in claim.names and event.name[5:] not in claim.names and f"self.{event.name}" not in claim.names:
                continue
            if _claim_holds(claim, index.states[i]):
                return True, i
        if walk.backward and _claim_holds(claim, base):
            return True, None
        return False, None
    if entity.kind == "return":
        claimed = parse_literal(_python_literal(entity.value))
        if claimed is _NOT_LITERAL:
            claimed = Opaque(entity.value.strip())
        for i in walk.ordered(lo, hi):
            if index.events[i].kind == "return" and index.values[i] is not None and same_value(index.values[i], claimed):
                return True, i
        return any(same_value(v, claimed) for v in index.final_returns), None
    if entity.kind == "branch":
        wanted = _branch_word(entity.value)
        accepted = {"if": ("if", "elif"), "elif": ("elif",), "else": ("else",), "skip": ("skip",)}.get(wanted, (wanted,))
        hits = [i for i, label in index.branch_events if lo <= i <= hi and label in accepted]
        if not hits:
            return False, None
        return True, (max(hits) if walk.backward else min(hits))
    if entity.kind == "loop":
        count = re.search(r"-?\d+", entity.value)
        if count is None:
            return False, None
        wanted_count = int(count.group())
        return any(count == wanted_count and first <= hi and last >= lo for first, last, count in index.loop_runs), None
    return False, None


def _branch_word(value: str) -> str:
    """`if` / `elif` / `else` / `skip` from an entity value ("else", "if branch not taken", ...)."""
    words = re.findall(r"[a-z]+", value.lower())
    if any(w in ("skip", "skipped", "not", "false", "bypassed") for w in words):
        return "skip"
    for word in ("elif", "else", "if"):
        if word in words:
            return word
    return value.strip().lower()


def _ground_sentences(
    text: str, trace: Trace, window: int, backward: bool, extract: Extractor | None
) -> tuple[list[SentenceReport], int, int]:
    index = index_trace(trace)
    walk = _Walk(index, window, backward)
    n = len(index.events)
    pointer = n - 1 if backward else 0
    known = index.names
    reports: list[SentenceReport] = []
    total = tied = 0  # tied: grounded claims about this execution, not arithmetic on literals
    for sentence in split_sentences(text):
        entities = extract(sentence) if extract is not None else extract_entities(sentence, known)
        lo, hi = walk.bounds(max(pointer, 0)) if n else (0, 0)
        report = SentenceReport(sentence=sentence, window_start=lo, window_end=hi)
        # claims in one sentence are read in order: each may move the walk on for the next
        start = pointer
        for entity in entities:
            total += 1
            ok, at = _ground(entity, walk, max(pointer, 0)) if n else (False, None)
            if not ok and pointer != start and n:  # stated out of order within the sentence
                ok, at = _ground(entity, walk, max(start, 0))
            if ok:
                report.grounded.append(entity)
                claim = _claim(entity) if entity.kind in ("value", "index", "comparison") else None
                if entity.kind in ("branch", "loop", "return") or (claim is not None and claim.names):
                    tied += 1
                if at is not None:
                    pointer = min(pointer, at) if backward else max(pointer, at)
            else:
                report.ungrounded.append(entity)
        reports.append(report)
    return reports, total, tied


def _emptiness(total: int, tied: int) -> list[str]:
    if total == 0:
        return ["no checkable claim in the rationale"]
    if tied == 0:
        return ["no claim about this execution (only comparisons of literals)"]
    return []


def _ungrounded_reasons(reports: list[SentenceReport]) -> list[str]:
    reasons = []
    for number, report in enumerate(reports, 1):
        for entity in report.ungrounded:
            reasons.append(f"ungrounded {entity.kind} in sentence {number}: {entity.text!r}")
    return reasons


def answers_match(predicted: str, actual: str) -> bool:
    """Compare two literals by value; fall back to exact text for non-literals."""
    a, b = parse_literal(_python_literal(predicted)), parse_literal(_python_literal(actual))
    if a is _NOT_LITERAL or b is _NOT_LITERAL:
        return " ".join(predicted.split()) == " ".join(actual.split())
    return same_value(a, b)


def verify_forward(
    rationale: Rationale, trace: Trace, window: int = DEFAULT_WINDOW, extract: Extractor | None = None
) -> VerificationReport:
    """Accept a forward rationale when every entity is grounded and the answer is the traced value."""
    reasons: list[str] = []
    if trace.status != "ok":
        reasons.append(f"trace status {trace.status}: {trace.detail}".strip())
    if trace.truncated:
        reasons.append("trace was cut by its caps")
    sentences, total, tied = _ground_sentences(rationale.text, trace, window, False, extract)
    reasons.extend(_ungrounded_reasons(sentences))
    reasons.extend(_emptiness(total, tied))
    if trace.status == "ok" and not answers_match(rationale.answer, trace.returned):
        reasons.append(f"answer {rationale.answer.strip()!r} differs from the traced return value {trace.returned!r}")
    return VerificationReport(
        rationale_id=rationale.rationale_id, direction="forward", accepted=not reasons, reasons=reasons, sentences=sentences
    )


def verify_backward(
    rationale: Rationale,
    target_output: str,
    predicted_trace: Trace | None,
    window: int = DEFAULT_WINDOW,
    extract: Extractor | None = None,
) -> VerificationReport:
    """Accept a backward rationale when its predicted call reproduces the output and its
    sentences are grounded in that call's trace, walked from the return event back."""
    reasons: list[str] = []
    sentences: list[SentenceReport] = []
    if predicted_trace is None:
        reasons.append("the predicted call was not executed")
    else:
        if predicted_trace.status != "ok":
            reasons.append(f"predicted call {predicted_trace.call!r} ended with {predicted_trace.status}: {predicted_trace.detail}".strip())
        elif not answers_match(predicted_trace.returned, target_output):
            reasons.append(f"predicted call {predicted_trace.call!r} returns {predicted_trace.returned!r}, not {target_output!r}")
        if predicted_trace.truncated:
            reasons.append("trace was cut by its caps")
        sentences, total, tied = _ground_sentences(rationale.text, predicted_trace, window, True, extract)
        reasons.extend(_ungrounded_reasons(sentences))
        reasons.extend(_emptiness(total, tied))
    return VerificationReport(
        rationale_id=rationale.rationale_id, direction="backward", accepted=not reasons, reasons=reasons, sentences=sentences
    )


_ANSWER_PREFIX = re.compile(r"^\s*(?:answer\s*:|the answer is|assert)\s*", re.IGNORECASE)


def normalize_backward_answer(answer: str, function_name: str) -> str:
    """A backward answer as a full call: `[4, -1, 3]` -> `f([4, -1, 3])`; calls stay as they are.

    Accepts `Answer:` prefixes, backticks and a trailing `== output` (assert form)."""
    text = _ANSWER_PREFIX.sub("", answer.strip().strip("`").strip())
    text = text.strip().rstrip(".").strip().strip("`").strip()
    try:
        node = ast.parse(text, mode="eval").body
    except SyntaxError:
        node = None
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], ast.Eq):
        text = ast.get_source_segment(text, node.left) or text
        node = node.left
    root = node
    while isinstance(root, (ast.Call, ast.Attribute)):
        root = root.func if isinstance(root, ast.Call) else root.value
    if isinstance(node, ast.Call) and isinstance(root, ast.Name) and root.id == function_name:
        return text
    return f"{function_name}({text})"
