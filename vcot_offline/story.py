"""What a narration says, before it is worded: the facts of one run, in execution order.

`facts(events, code)` turns the trace reader's events into facts a teacher would state: calls
with their arguments, values as variables take them (with the arithmetic behind them when the
line is a small expression the teacher can redo), the outcome of each branch or loop test,
loop passes and ends, yields and returns. Each fact remembers the outermost loop it belongs to,
so a style can tell a loop pass by pass or sum it up.
"""

from __future__ import annotations

import ast
import operator
from dataclasses import dataclass, field

from .trace_reader import Event


@dataclass
class Fact:
    kind: str  # call, resume, assign, branch, loop_pass, loop_end, yield, inner_return, return
    who: str = ""  # the function a call, yield or return belongs to
    name: str = ""  # the variable an assign sets
    value: str = ""
    new: bool = False  # an assign that creates its variable
    args: list[tuple[str, str]] = field(default_factory=list)
    again: bool = False  # a call of a function already called
    source: str = ""  # the line of code behind the fact
    arithmetic: str = ""  # `1 + 1` for an assign whose line the teacher can redo
    head: str = ""  # if, elif, while
    condition: str = ""
    comparison: str = ""  # `0 <= 3`: the condition with its values
    truth: bool = True
    count: int = 0  # a loop pass's number, or the passes a loop ran
    loop: int | None = None  # the outermost loop instance the fact belongs to
    loop_source: str = ""  # for loop facts: the loop's header line
    slip: str = ""  # the kind of mistake made in this fact, if any


_CMP = {
    ast.Lt: (operator.lt, "<"),
    ast.LtE: (operator.le, "<="),
    ast.Gt: (operator.gt, ">"),
    ast.GtE: (operator.ge, ">="),
    ast.Eq: (operator.eq, "=="),
    ast.NotEq: (operator.ne, "!="),
}
_BIN = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
}
_HEADS = ("if ", "elif ", "while ")


class _Unknown(Exception):
    """An expression the teacher will not work out from the values it has seen."""


def _literal(text: str):
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError) as err:
        raise _Unknown(text) from err


def is_literal(text: str) -> bool:
    try:
        _literal(text)
    except _Unknown:
        return False
    return True


def _evaluate(node: ast.AST, state: dict[str, str]):
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, (ast.Name, ast.Attribute)):
        key = ast.unparse(node)
        if key not in state:
            raise _Unknown(key)
        return _literal(state[key])
    if isinstance(node, ast.Subscript):
        try:
            return _evaluate(node.value, state)[_evaluate(node.slice, state)]
        except (IndexError, KeyError, TypeError) as err:
            raise _Unknown(ast.unparse(node)) from err
    if isinstance(node, ast.BinOp) and type(node.op) in _BIN:
        try:
            return _BIN[type(node.op)](_evaluate(node.left, state), _evaluate(node.right, state))
        except (TypeError, ZeroDivisionError) as err:
            raise _Unknown(ast.unparse(node)) from err
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_evaluate(node.operand, state)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len" and len(node.args) == 1:
        try:
            return len(_evaluate(node.args[0], state))
        except TypeError as err:
            raise _Unknown("len") from err
    raise _Unknown(ast.unparse(node))


def _comparison(condition: str, state: dict[str, str], truth: bool) -> str:
    """`3 < 5` for `lo < hi`, when both sides work out and agree with what the program did."""
    try:
        node = ast.parse(condition, mode="eval").body
    except SyntaxError:
        return ""
    if not (isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _CMP):
        return ""
    compare, symbol = _CMP[type(node.ops[0])]
    try:
        left, right = _evaluate(node.left, state), _evaluate(node.comparators[0], state)
        if bool(compare(left, right)) != truth:
            return ""
    except (_Unknown, TypeError):
        return ""
    return f"{left!r} {symbol} {right!r}"


def _with_values(node: ast.AST, state: dict[str, str]) -> ast.AST:
    """The expression with every operand replaced by its integer value."""
    if isinstance(node, ast.BinOp) and type(node.op) in _BIN:
        left, right = _with_values(node.left, state), _with_values(node.right, state)
        # `4 + -5` is written `4 - 5`, as a person writes it.
        if type(node.op) in (ast.Add, ast.Sub) and isinstance(right, ast.Constant) and right.value < 0:
            flipped = ast.Sub() if isinstance(node.op, ast.Add) else ast.Add()
            return ast.BinOp(left, flipped, ast.Constant(-right.value))
        return ast.BinOp(left, node.op, right)
    value = _evaluate(node, state)
    if type(value) is not int:
        raise _Unknown(ast.unparse(node))
    return ast.Constant(value)


def _arithmetic(source: str, name: str, value: str, state: dict[str, str]) -> str:
    """`1 + 1` for `lo = mid + 1` (or `lo += 1`) when it works out to the value the trace shows."""
    try:
        statement = ast.parse(source.strip()).body[0]
    except (SyntaxError, IndexError):
        return ""
    if isinstance(statement, ast.AugAssign) and type(statement.op) in _BIN:
        target, expression = statement.target, ast.BinOp(statement.target, statement.op, statement.value)
    elif isinstance(statement, ast.Assign) and len(statement.targets) == 1:
        target, expression = statement.targets[0], statement.value
    else:
        return ""
    if not isinstance(expression, ast.BinOp) or ast.unparse(target) != name:
        return ""
    try:
        worked = _with_values(expression, state)
        if repr(_evaluate(worked, {})) != value:
            return ""
    except _Unknown:
        return ""
    return ast.unparse(worked)


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


def _entered(events: list[Event], i: int, bodies: dict[int, tuple[int, int]]) -> bool | None:
    """Whether the block headed by line event i ran its body next."""
    body = bodies.get(events[i].line_no)
    if body is None:
        return None
    depth = events[i].depth
    for later in events[i + 1 :]:
        if later.depth < depth:
            return None
        if later.depth == depth and later.kind in ("line", "return"):
            if later.kind == "return" and later.line_no == events[i].line_no:
                return None
            return body[0] <= later.line_no <= body[1]
    return None


class _Loops:
    """Open loop instances, so each fact knows the outermost loop it sits in."""

    def __init__(self) -> None:
        self.open: list[tuple[int, int, int]] = []  # (depth, header line, instance id)
        self.passes: dict[int, int] = {}
        self.next_id = 0

    def current(self) -> int | None:
        return self.open[0][2] if self.open else None

    def find(self, depth: int, line_no: int) -> int | None:
        return next((i for d, n, i in self.open if (d, n) == (depth, line_no)), None)

    def start(self, depth: int, line_no: int) -> int:
        self.next_id += 1
        self.open.append((depth, line_no, self.next_id))
        self.passes[self.next_id] = 0
        return self.next_id

    def close(self, instance: int) -> None:
        self.open = [o for o in self.open if o[2] != instance]

    def close_frame(self, depth: int) -> None:
        self.open = [o for o in self.open if o[0] < depth]


def facts(events: list[Event], code: str) -> list[Fact]:
    bodies = _block_bodies(code)
    frames: dict[int, dict[str, str]] = {}
    stated: dict[str, str] = {}
    called: set[str] = set()
    loops = _Loops()
    out: list[Fact] = []
    top = min((e.depth for e in events), default=0)
    last_line: dict[int, str] = {}
    previous_kind = ""
    for i, e in enumerate(events):
        state = frames.setdefault(e.depth, {})
        if e.kind == "start":
            if previous_kind != "start":
                state = frames[e.depth] = {}
            state[e.name] = e.value
        elif e.kind == "call":
            args = []
            for before in reversed(events[:i]):
                if before.kind != "start" or before.depth != e.depth:
                    break
                args.insert(0, (before.name, before.value))
            if not e.source.lstrip().startswith(("def ", "async def ")):
                out.append(Fact("resume", who=e.function, loop=loops.current()))
            else:
                shown = [(n, v) for n, v in args if n != "self" and "." not in n and is_literal(v)]
                out.append(Fact("call", who=e.function, args=shown, again=e.function in called, loop=loops.current()))
                called.add(e.function)
            stated.update(args)
        elif e.kind in ("new", "modified"):
            before = dict(state)
            state[e.name] = e.value
            if stated.get(e.name) == e.value or not is_literal(e.value):
                continue
            stated[e.name] = e.value
            source = last_line.get(e.depth, "")
            out.append(
                Fact(
                    "assign",
                    name=e.name,
                    value=e.value,
                    new=e.kind == "new",
                    source=source,
                    arithmetic=_arithmetic(source, e.name, e.value, before),
                    loop=loops.current(),
                )
            )
        elif e.kind == "line":
            last_line[e.depth] = e.source.strip()
            out.extend(_line_facts(events, i, bodies, state, loops))
        elif e.kind == "return":
            loops.close_frame(e.depth)
            if not e.value:
                continue
            if e.depth == top:
                out.append(Fact("return", who=e.function, value=e.value, source=e.source.strip()))
            elif e.source.lstrip().startswith("yield"):
                out.append(Fact("yield", who=e.function, value=e.value, loop=loops.current()))
            elif e.value != "None":
                out.append(Fact("inner_return", who=e.function, value=e.value, loop=loops.current()))
        previous_kind = e.kind
    return out


def _line_facts(events: list[Event], i: int, bodies, state: dict[str, str], loops: _Loops) -> list[Fact]:
    e = events[i]
    source = e.source.strip()
    if not source.endswith(":"):
        return []
    head = next((h for h in _HEADS if source.startswith(h)), None)
    if head is not None:
        truth = _entered(events, i, bodies)
        if truth is None:
            return []
        condition = source[len(head) : -1].strip()
        made: list[Fact] = []
        if head == "while ":
            instance = loops.find(e.depth, e.line_no)
            if truth and instance is None:
                instance = loops.start(e.depth, e.line_no)
            loop = loops.current()
            made.append(Fact("branch", head="while", condition=condition, truth=truth, source=source, loop=loop))
            made[-1].comparison = _comparison(condition, state, truth)
            if instance is not None:
                if truth:
                    loops.passes[instance] += 1
                else:
                    made.append(Fact("loop_end", count=loops.passes[instance], loop=loop, loop_source=source))
                    loops.close(instance)
            return made
        fact = Fact("branch", head=head.strip(), condition=condition, truth=truth, source=source, loop=loops.current())
        fact.comparison = _comparison(condition, state, truth)
        return [fact]
    if source.startswith(("for ", "async for ")):
        entered = _entered(events, i, bodies)
        instance = loops.find(e.depth, e.line_no)
        if entered:
            if instance is None:
                instance = loops.start(e.depth, e.line_no)
            loops.passes[instance] += 1
            return [Fact("loop_pass", count=loops.passes[instance], loop=loops.current(), loop_source=source)]
        if entered is False:
            count = loops.passes.get(instance, 0) if instance is not None else 0
            fact = Fact("loop_end", count=count, loop=loops.current() if instance is not None else None)
            fact.loop_source = source
            if instance is not None:
                loops.close(instance)
            return [fact]
    return []


def final_return(events: list[Event]) -> str:
    top = min((e.depth for e in events), default=0)
    returns = [e for e in events if e.kind == "return" and e.depth == top and e.value]
    return returns[-1].value if returns else "None"


def top_calls(events: list[Event]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each top-level call of the run with its arguments (`self` and attributes left out)."""
    top = min((e.depth for e in events), default=0)
    calls = []
    for i, e in enumerate(events):
        if e.kind == "call" and e.depth == top:
            args = []
            for before in reversed(events[:i]):
                if before.kind != "start" or before.depth != top:
                    break
                if before.name != "self" and "." not in before.name:
                    args.insert(0, (before.name, before.value))
            calls.append((e.function, args))
    return calls
