"""What a task family is: exercises at three difficulties with a trusted reference each.

A `Task` is one exercise the offline teacher can pose: its statement, a reference
implementation (our own code, so running it in-process to compute expected values is safe),
hand-written buggy variants that a careless model might write, and an input generator. The
signature is read off the reference's annotations, so statement, signature, code and tests
can never drift apart.
"""

from __future__ import annotations

import ast
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

Args = tuple[Any, ...]
# Function tasks generate the argument tuple; class tasks a pair (constructor args, method args).
InputGen = Callable[[random.Random], Any]


@dataclass(frozen=True)
class Task:
    name: str  # function or class name, unique over all families
    family: str
    difficulty: str  # easy | medium | hard
    kind: str  # function | class
    instruction: str
    code: str
    gen: InputGen
    edge: tuple = ()  # hand-picked inputs (same shape as `gen` returns) tried first
    bugs: tuple[str, ...] = ()  # plausible wrong implementations, same signature
    scenarios: tuple[str, ...] = ()
    method: str = ""  # primary method of a class task

    @cached_property
    def signature(self) -> str:
        return signature_line(self.code, self.name, self.kind, self.method)

    @cached_property
    def reference(self) -> Callable[..., Any]:
        namespace: dict[str, Any] = {}
        exec(compile(self.code, f"<reference {self.name}>", "exec"), namespace)  # our own trusted code
        return namespace[self.name]

    def call_text(self, inputs: Any) -> str:
        if self.kind == "class":
            ctor, margs = inputs
            return f"{self.name}({_args(ctor)}).{self.method}({_args(margs)})"
        return f"{self.name}({_args(inputs)})"

    def run_reference(self, inputs: Any) -> Any:
        if self.kind == "class":
            ctor, margs = inputs
            obj = self.reference(*_copy(ctor))
            return getattr(obj, self.method)(*_copy(margs))
        return self.reference(*_copy(inputs))

    def cases(self, count: int, seed: int = 0) -> list[tuple[str, str]]:
        """Up to `count` distinct (call, expected) pairs, edge cases first, all from the reference."""
        rng = random.Random(f"{self.name}:{seed}")
        seen: set[str] = set()
        out: list[tuple[str, str]] = []
        pool = list(self.edge) + [self.gen(rng) for _ in range(count * 6)]
        for inputs in pool:
            if len(out) >= count:
                break
            call = self.call_text(inputs)
            if call in seen:
                continue
            seen.add(call)
            try:
                value = self.run_reference(inputs)
            except Exception:  # inputs outside the task's domain are simply not used
                continue
            expected = literal_text(value)
            if expected is not None:
                out.append((call, expected))
        return out


@dataclass(frozen=True)
class Family:
    name: str
    topic: str  # a phrase for concept descriptions, e.g. "walking a list while keeping a running value"
    keywords: frozenset[str]
    tasks: tuple[Task, ...] = field(default=())

    def task_for(self, difficulty: str) -> list[Task]:
        return [t for t in self.tasks if t.difficulty == difficulty]


def family(name: str, topic: str, keywords: str, *tasks: Task) -> Family:
    for t in tasks:
        if t.family != name:
            raise ValueError(f"task {t.name} claims family {t.family}, defined in {name}")
    return Family(name, topic, frozenset(keywords.split()), tuple(tasks))


def _args(values: Args) -> str:
    return ", ".join(repr(v) for v in values)


def _copy(values: Args) -> Args:
    # References must not see (or mutate) the generator's objects.
    return tuple(ast.literal_eval(repr(v)) for v in values)


def literal_text(value: Any) -> str | None:
    """repr(value) if it reads back as an equal literal (so it can stand in a test), else None."""
    text = repr(value)
    try:
        back = ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None
    return text if back == value and type(back) is type(value) else None


def signature_line(code: str, name: str, kind: str, method: str = "") -> str:
    tree = ast.parse(code)
    for node in tree.body:
        if kind == "function" and isinstance(node, ast.FunctionDef) and node.name == name:
            return f"Function: {_def_text(node, drop_self=False)}"
        if kind == "class" and isinstance(node, ast.ClassDef) and node.name == name:
            defs = {n.name: n for n in node.body if isinstance(n, ast.FunctionDef)}
            if "__init__" not in defs or method not in defs:
                raise ValueError(f"class {name} needs __init__ and {method}")
            order = ["__init__", method] + [n for n in defs if n not in ("__init__", method) and not n.startswith("_")]
            return f"Class: {name}; " + "; ".join(_def_text(defs[n], drop_self=False) for n in order)
    raise ValueError(f"no {kind} named {name} in reference code")


def _def_text(node: ast.FunctionDef, drop_self: bool) -> str:
    params = []
    for arg in node.args.args:
        if drop_self and arg.arg == "self":
            continue
        params.append(arg.arg if arg.annotation is None else f"{arg.arg}: {ast.unparse(arg.annotation)}")
    returns = ast.unparse(node.returns) if node.returns is not None else "None"
    return f"{node.name}({', '.join(params)}) -> {returns}"
