"""Narrating a trace forward (input to output) and backward (output to input).

The narrator reads the sanitized trace with the verifier's own parser (`core.tracing`), so
every value it states is one the trace shows, in the order the trace shows it: variable
values when they change, the outcome of each branch or loop test, and the return. Long traces
are cut to a bounded number of steps followed by the final return; the cut states no value.
At set rates it slips the way a model does: one value the variable never takes, a wrong final
answer, or no `Answer:` line at all.
"""

from __future__ import annotations

import ast
import operator
import re
from dataclasses import dataclass

from vcot_assets.core.grounding.records import TraceEvent
from vcot_assets.core.grounding.tracing import parse_trace

from .prompt import ParsedPrompt
from .rates import FailureRates, happens, roll, stable_int
from .stage_a_answers import wrong_literal

MAX_STEPS = 120  # sentences before a long narration is cut


@dataclass
class Step:
    text: str
    name: str = ""  # the variable a value step states, for hallucination
    value: str = ""


_HEADS = ("if ", "elif ", "while ")
_CMP = {
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
}
_CMP_TEXT = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}
_BIN = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
}


class _Unknown(Exception):
    """An expression the narrator will not evaluate from the recorded state."""


def _value(node: ast.AST, state: dict[str, str]):
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, (ast.Name, ast.Attribute)):
        key = ast.unparse(node)
        if key not in state:
            raise _Unknown(key)
        try:
            return ast.literal_eval(state[key])
        except (ValueError, SyntaxError) as err:
            raise _Unknown(key) from err
    if isinstance(node, ast.Subscript):
        container = _value(node.value, state)
        index = _value(node.slice, state)
        try:
            return container[index]
        except (IndexError, KeyError, TypeError) as err:
            raise _Unknown(ast.unparse(node)) from err
    if isinstance(node, ast.BinOp) and type(node.op) in _BIN:
        try:
            return _BIN[type(node.op)](_value(node.left, state), _value(node.right, state))
        except (TypeError, ZeroDivisionError) as err:
            raise _Unknown(ast.unparse(node)) from err
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_value(node.operand, state)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len" and len(node.args) == 1:
        try:
            return len(_value(node.args[0], state))
        except TypeError as err:
            raise _Unknown("len") from err
    raise _Unknown(ast.unparse(node))


def _comparison_text(condition: str, state: dict[str, str], truth: bool) -> str | None:
    """`3 < 5` for `lo < hi` when both sides evaluate and agree with what the program did."""
    try:
        node = ast.parse(condition, mode="eval").body
    except SyntaxError:
        return None
    if not (isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _CMP):
        return None
    try:
        left, right = _value(node.left, state), _value(node.comparators[0], state)
        if bool(_CMP[type(node.ops[0])](left, right)) != truth:
            return None
    except (_Unknown, TypeError):
        return None
    return f"{left!r} {_CMP_TEXT[type(node.ops[0])]} {right!r}"


def _block_bodies(code: str) -> dict[int, tuple[int, int]]:
    """Header line of each if/elif/while/for -> first and last line of its body (not its else)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return {}
    bodies = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.If, ast.While, ast.For)) and node.body:
            bodies[node.lineno] = (node.body[0].lineno, node.body[-1].end_lineno or node.body[-1].lineno)
    return bodies


def _next_in_frame(events: list[TraceEvent], i: int) -> TraceEvent | None:
    depth = events[i].depth
    for later in events[i + 1 :]:
        if later.depth < depth:
            return None
        if later.depth == depth and later.kind in ("line", "return"):
            return later
    return None


def _entered(events: list[TraceEvent], i: int, bodies: dict[int, tuple[int, int]]) -> bool | None:
    """Whether the block headed by line event i ran its body next."""
    body = bodies.get(events[i].line_no)
    nxt = _next_in_frame(events, i)
    if body is None or nxt is None:
        return None
    if nxt.kind == "return" and nxt.line_no == events[i].line_no:
        return None
    return body[0] <= nxt.line_no <= body[1]


def _call_args(events: list[TraceEvent], i: int) -> list[TraceEvent]:
    """The argument events that directly follow call event i."""
    args = []
    for later in events[i + 1 :]:
        if later.kind != "new" or later.line_no != events[i].line_no or later.depth != events[i].depth:
            break
        args.append(later)
    return args


def forward_steps(events: list[TraceEvent], code: str) -> list[Step]:
    bodies = _block_bodies(code)
    state: dict[str, str] = {}
    steps: list[Step] = []
    top = min((e.depth for e in events), default=0)
    iterations: dict[tuple[int, int], int] = {}
    names_at: dict[int, str] = {}  # the function running at each depth, for resumed generators
    called_before: set[str] = set()
    for i, e in enumerate(events):
        if e.kind == "call":
            args = _call_args(events, i)
            # A generator resumed after a yield shows a call on the yield line, without a name.
            resumed = not e.source.lstrip().startswith(("def ", "async def "))
            who = e.function or names_at.get(e.depth, "the function")
            names_at[e.depth] = who
            for a in args:
                state[a.name] = a.value
            if resumed:
                steps.append(Step(f"{who} resumes after its yield"))
                continue
            shown = [a for a in args if a.name != "self" and _is_literal(a.value)]
            what = ", ".join(f"{a.name} = {a.value}" for a in shown)
            called = "is called again" if who in called_before else "is called"
            called_before.add(who)
            steps.append(Step(f"{who} {called} with {what}" if what else f"{who} {called}"))
            continue
        if e.kind in ("new", "modified"):
            if e.name in state and state[e.name] == e.value:
                continue
            verb = "=" if e.kind == "new" else "becomes"
            state[e.name] = e.value
            if not _is_literal(e.value):  # `deque([1])`, `<Node object>`: nothing checkable to state
                continue
            steps.append(Step(f"{e.name} {verb} {e.value}", e.name, e.value))
            continue
        if e.kind == "line":
            source = e.source.strip()
            head = next((h for h in _HEADS if source.startswith(h)), None)
            if head is not None and source.endswith(":"):
                truth = _entered(events, i, bodies)
                if truth is None:
                    continue
                condition = source[len(head) : -1].strip()
                # Only a single comparison is stated with its values; for anything else (a bare
                # name, `and`/`or`, a call) stating a sub-part could claim what never ran.
                shown = _comparison_text(condition, state, truth) or f"The {head.strip()} condition"
                word = "true" if truth else "false"
                if head == "while ":
                    then = "so the loop runs again" if truth else "so the loop ends"
                else:
                    then = f"so the {head.strip()} branch runs" if truth else f"so the {head.strip()} branch is skipped"
                steps.append(Step(f"{shown} is {word}, {then}"))
            elif source.startswith("for ") and source.endswith(":"):
                entered = _entered(events, i, bodies)
                key = (e.depth, e.line_no)
                if entered:
                    iterations[key] = iterations.get(key, 0) + 1
                    steps.append(Step(f"The loop starts iteration {iterations[key]}"))
                elif entered is False:
                    steps.append(Step(f"The loop ends after {iterations.pop(key, 0)} iterations"))
            continue
        if e.kind == "return" and e.value:
            who = e.function or names_at.get(e.depth, "the function")
            if e.depth == top:
                steps.append(Step(f"The function returns {e.value}", "return", e.value))
            elif e.source.lstrip().startswith("yield"):
                steps.append(Step(f"{who} yields {e.value}"))
            elif e.value != "None":  # an inner call's None says nothing a reader needs
                steps.append(Step(f"That call of {who} returns {e.value}", "return", e.value))
    return steps


def _bounded(steps: list[Step], limit: int = MAX_STEPS) -> list[Step]:
    """At most `limit` steps: the first ones, a summary that states no value, and the return.

    The final return is the one claim that needs no nearby trace step, so it can follow a cut.
    """
    if len(steps) <= limit:
        return steps
    tail = [steps[-1]] if steps[-1].name == "return" else []
    return steps[: limit - 2] + [Step("The remaining steps go on in the same way until the call finishes")] + tail


def _trace_events(p: ParsedPrompt) -> list[TraceEvent]:
    return parse_trace(p.fenced("execution trace"))


def _final_return(events: list[TraceEvent]) -> str:
    top = min((e.depth for e in events), default=0)
    returns = [e for e in events if e.kind == "return" and e.depth == top and e.value]
    return returns[-1].value if returns else "None"


def _values_taken(events: list[TraceEvent]) -> set[str]:
    return {e.value for e in events if e.kind in ("new", "modified", "return")}


def _hallucinate(steps: list[Step], events: list[TraceEvent], salt: str) -> None:
    """Replace one stated value by one that no variable in the trace ever takes."""
    candidates = [s for s in steps if s.name and s.name != "return" and _is_literal(s.value)]
    if not candidates:
        return
    step = candidates[stable_int("which", salt) % len(candidates)]
    taken = _values_taken(events)
    wrong = step.value
    for attempt in range(8):
        wrong = wrong_literal(wrong, f"{salt}:{attempt}")
        if wrong not in taken:
            break
    else:
        return
    step.text = step.text[: len(step.text) - len(step.value)] + wrong
    step.value = wrong


def _is_literal(text: str) -> bool:
    try:
        ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return False
    return True


def _render(steps: list[Step], answer: str | None) -> str:
    lines = [s.text for s in steps]
    if answer is not None:
        lines.append(f"Answer: {answer}")
    return "\n".join(lines)


def narrate_forward(p: ParsedPrompt, seed: int, rates: FailureRates) -> str:
    events = _trace_events(p)
    salt = f"{p.section('call')}|{p.fenced('execution trace')}|{seed}"
    steps = _bounded(forward_steps(events, p.fenced("program")))
    answer = _final_return(events)
    if happens(rates.hallucination, "hallucinate", salt):
        _hallucinate(steps, events, salt)
    if happens(rates.wrong_answer, "wrong_answer", salt) and _is_literal(answer):
        answer = wrong_literal(answer, salt)
    if happens(rates.missing_answer, "missing_answer", salt):
        return _render(steps, None)
    return _render(steps, answer)


def _call_expression(events: list[TraceEvent], function: str) -> str | None:
    """The traced call rebuilt from the top-level calls' arguments."""
    top = min((e.depth for e in events), default=0)
    calls = []
    for i, e in enumerate(events):
        if e.kind == "call" and e.depth == top:
            args = _call_args(events, i)
            calls.append((e.function, [a for a in args if a.name != "self" and "." not in a.name]))
    if not calls:
        return None
    if any(a.value.startswith("<") for _, args in calls for a in args):
        return None
    if calls[0][0] == "__init__" and len(calls) > 1:
        ctor, method = calls[0][1], calls[-1]
        return f"{function}({', '.join(a.value for a in ctor)}).{method[0]}({', '.join(a.value for a in method[1])})"
    name, args = calls[0]
    return f"{function or name}({', '.join(a.value for a in args)})"


def backward_steps(events: list[TraceEvent], code: str, output: str) -> list[Step]:
    forward = forward_steps(events, code)
    steps = [Step(f"The function returns {output}", "return", output)]
    values = [s for s in forward if s.name and s.name != "return"]
    for n, s in enumerate(reversed(values)):
        lead = "That comes from" if n == 0 else "Before that,"
        steps.append(Step(f"{lead} {s.name} = {s.value}", s.name, s.value))
    return steps


def narrate_backward(p: ParsedPrompt, seed: int, rates: FailureRates) -> str:
    events = _trace_events(p)
    output = p.section("output").strip()
    salt = f"{output}|{p.fenced('execution trace')}|{seed}"
    m = re.search(r"such as\s+(.+?)\(\.\.\.\)", p.section("output format"))
    function = m.group(1).strip() if m else ""
    call = _call_expression(events, function)
    steps = _bounded(backward_steps(events, p.fenced("program"), output))
    if call is None:
        return _render(steps, None)
    if happens(rates.hallucination, "hallucinate", salt):
        _hallucinate(steps, events, salt)
    if happens(rates.wrong_answer, "wrong_answer", salt):
        call = _perturbed_call(call, salt)
    if happens(rates.missing_answer, "missing_answer", salt):
        return _render(steps, None)
    return _render(steps, call)


def _perturbed_call(call: str, salt: str) -> str:
    """The call with one literal argument changed."""
    tree = ast.parse(call, mode="eval")
    literals = [n for n in ast.walk(tree) if isinstance(n, ast.Call) for n in n.args]
    if not literals:
        return call
    node = literals[int(roll("arg", salt) * len(literals))]
    try:
        replacement = ast.parse(wrong_literal(ast.unparse(node), salt), mode="eval").body
    except (ValueError, SyntaxError):
        return call
    for parent in ast.walk(tree):
        if isinstance(parent, ast.Call):
            parent.args = [replacement if a is node else a for a in parent.args]
    return ast.unparse(tree)
