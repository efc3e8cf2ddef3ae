"""Candidate programs: correct ones in several styles, and wrong ones a careless model writes.

Correct candidates differ in style only (a docstring, renamed locals, a comment), so the dual
agreement stage sees one cluster of several members and the shortest one becomes canonical.
Wrong candidates are a task's hand-written bugs or, past those, a small AST mutation (a
flipped comparison, an off-by-one constant, a swapped operator): the kind of slip that passes
some tests and fails others.
"""

from __future__ import annotations

import ast
import builtins
import re

from .families.base import Task
from .rates import stable_int

_SYNONYMS = {
    "total": "acc",
    "out": "result",
    "result": "output",
    "count": "tally",
    "best": "best_so_far",
    "current": "cur",
    "run": "streak",
    "items": "values",
    "key": "pivot",
    "counts": "freq",
    "groups": "buckets",
    "parts": "pieces",
    "prev": "previous",
    "row": "current_row",
    "lo": "left",
    "hi": "right",
    "mid": "middle",
    "rest": "others",
    "found": "position",
    "last_seen": "seen_at",
    "start": "window_start",
    "results": "answers",
    "a": "first",
    "b": "second",
}


def style_variant(task: Task, style: int) -> str:
    """Correct code in one of five styles (0 is the reference as written)."""
    style %= 5
    if style == 0:
        return task.code
    if style == 1:
        return _with_docstring(task.code, task)
    if style == 2:
        return _renamed(task.code)
    if style == 3:
        return _with_docstring(_renamed(task.code), task)
    return f"# Solution for {task.name}, kept short and pure.\n{task.code}"


def wrong_variant(task: Task, seed: int, salt: str = "") -> str:
    """A plausible buggy implementation with the task's signature."""
    choices = list(task.bugs)
    mutant = _mutated(task.code, stable_int(task.name, seed, salt, "mutation"))
    if mutant is not None:
        choices.append(mutant)
    if not choices:
        return task.code
    return choices[stable_int(task.name, seed, salt, "bug") % len(choices)]


def _with_docstring(code: str, task: Task) -> str:
    tree = ast.parse(code)
    summary = re.sub(r"^Write an? (?:recursive )?(?:function|class) `\w+`,? (?:that )?", "", task.instruction)
    summary = summary.split(". ")[0].rstrip(".")
    summary = summary[:1].upper() + summary[1:]
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name == task.name:
            node.body.insert(0, ast.Expr(ast.Constant(summary + ".")))
    return ast.unparse(tree) + "\n"


def _renamed(code: str) -> str:
    tree = ast.parse(code)
    for func in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
        params = {a.arg for a in func.args.args}
        assigned = {n.id for n in ast.walk(func) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        taken = params | {n.id for n in ast.walk(func) if isinstance(n, ast.Name)} | set(dir(builtins))
        mapping = {}
        for name in sorted(assigned - params):
            new = _SYNONYMS.get(name, f"{name}_value")
            if new not in taken and new not in mapping.values():
                mapping[name] = new
        for n in ast.walk(func):
            if isinstance(n, ast.Name) and n.id in mapping:
                n.id = mapping[n.id]
    return ast.unparse(tree) + "\n"


_COMPARE_SWAPS = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq}
_BINOP_SWAPS = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.FloorDiv: ast.Mult}


def _mutated(code: str, choice: int) -> str | None:
    tree = ast.parse(code)
    sites: list[tuple[str, ast.AST]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and type(node.ops[0]) in _COMPARE_SWAPS:
            sites.append(("compare", node))
        elif isinstance(node, ast.BinOp) and type(node.op) in _BINOP_SWAPS:
            sites.append(("binop", node))
        elif isinstance(node, ast.Constant) and type(node.value) is int and node.value in (0, 1):
            sites.append(("const", node))
    if not sites:
        return None
    kind, node = sites[choice % len(sites)]
    if kind == "compare":
        node.ops[0] = _COMPARE_SWAPS[type(node.ops[0])]()
    elif kind == "binop":
        node.op = _BINOP_SWAPS[type(node.op)]()
    else:
        node.value = 1 - node.value
    return ast.unparse(tree) + "\n"
