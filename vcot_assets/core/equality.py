"""One meaning of "equal" for every value vcot compares: verifier answers and claims, the
checks on the samples, and the test model of the pass/fail matrix.

The rule: two values are equal when Python's `==` holds between their canonical forms. The
canonical form changes two things, at every depth (items of lists, tuples, sets and
frozensets, keys and values of dicts):

- `bool` is kept apart from `int` (and `float`): `True` is not `1`, `[False]` is not `[0]`.
  Python equates them only because `bool` subclasses `int`. An answer is a claim about the
  exact value a program returns: `True` and `1` print differently, serialise differently
  (JSON `true` vs `1`) and behave differently (`str`, `type`, `is`), so a rationale that says
  `True` where the trace returned `1` has misread the program, and a candidate that returns
  `1` where a test of a `-> bool` function expects `True` does not meet that test.
- NaN equals NaN: the program returned `nan` and the prediction says `nan`. IEEE's
  `nan != nan` is a rule for arithmetic, not a statement that two readings of one value
  differ (and Python's own `[x] == [x]` already holds for one NaN object `x`).

Nothing else: numbers compare by value (`1 == 1.0`), floats exactly (`0.1 + 0.2` is
`0.30000000000000004`, not `0.3`: a rationale that states `0.3` states a value the program
never held), `[1, 2]` is not `(1, 2)`, `{1}` equals `frozenset({1})`. A comparison that
raises means unequal.

Text is read by `read_literal`, the one reader for values written as text: Python literals,
plus the spellings the sandbox's canonical text and pysnooper's reprs use for values without
a literal (`float('nan')`, `nan`, `inf`, `set()`, `frozenset({...})`, `complex(1.0, 2.0)`)
and the words `true`, `false`, `none` in any case (teachers write them). `equal_texts`
compares two texts by value where both read, else as text with whitespace runs collapsed
(`<Node object>` equals only the same text).
"""

from __future__ import annotations

import ast
import math
from typing import Any

_WORDS = {"true": True, "false": False, "none": None}
_FLOAT_NAMES = {"nan": math.nan, "inf": math.inf, "infinity": math.inf}


class NotALiteral(ValueError):
    """Text that `read_literal` does not read as a value."""


class _Bool:
    """A bool that no number equals."""

    __slots__ = ("value",)

    def __init__(self, value: bool) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Bool) and other.value is self.value

    def __hash__(self) -> int:
        return 2 + self.value


class _NaN:
    """Every NaN, equal to every other."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _NaN)

    def __hash__(self) -> int:
        return 0


def canonical(value: Any) -> Any:
    """The form `same_value` compares with `==` (see the module docstring)."""
    if isinstance(value, bool):
        return _Bool(value)
    if isinstance(value, float) and math.isnan(value):
        return _NaN()
    if isinstance(value, list):
        return [canonical(item) for item in value]
    if isinstance(value, tuple):
        return tuple(canonical(item) for item in value)
    if isinstance(value, frozenset):
        return frozenset(canonical(item) for item in value)
    if isinstance(value, set):
        return {canonical(item) for item in value}
    if isinstance(value, dict):
        return {canonical(key): canonical(item) for key, item in value.items()}
    return value


_SCALARS = frozenset({int, str, float, type(None)})


def same_value(a: Any, b: Any) -> bool:
    """Python `==` on canonical values: bool is not int, NaN is NaN, floats compare exactly."""
    if type(a) in _SCALARS and type(b) in _SCALARS:  # the common case, without building canonical forms
        if a != a or b != b:  # NaN
            return a != a and b != b
        return a == b
    if type(a) is type(b) and type(a) in (list, tuple):  # item by item, stopping at the first difference
        try:
            return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b))
        except RecursionError:
            return False
    try:
        return bool(canonical(a) == canonical(b))
    except Exception:  # a value whose comparison raises (or nests too deep) equals nothing
        return False


def read_literal(text: str) -> Any:
    """The value written as `text`, or `NotALiteral`; never evaluates code."""
    stripped = text.strip()
    if stripped.lower() in _WORDS:
        return _WORDS[stripped.lower()]
    try:
        tree = _Spellings().visit(ast.parse(stripped, mode="eval"))
        return ast.literal_eval(tree)
    except NotALiteral:
        raise
    except (SyntaxError, ValueError, TypeError, RecursionError, MemoryError, OverflowError) as err:
        raise NotALiteral(f"not a literal: {stripped[:80]!r}") from err


def equal_texts(a: str, b: str) -> bool:
    """Two values written as text: by `same_value` where both read, else as text."""
    try:
        return same_value(read_literal(a), read_literal(b))
    except NotALiteral:
        return " ".join(a.split()) == " ".join(b.split())


class _Spellings(ast.NodeTransformer):
    """Rewrites the spellings of values that have no Python literal into constants."""

    def visit_Name(self, node: ast.Name) -> ast.AST:
        if node.id.lower() in _FLOAT_NAMES:
            return ast.Constant(_FLOAT_NAMES[node.id.lower()])
        return node

    def visit_Call(self, node: ast.Call) -> ast.AST:
        if not isinstance(node.func, ast.Name) or node.keywords:
            return node
        name, args = node.func.id, node.args
        if name == "float" and len(args) == 1 and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
            spelled = args[0].value.strip().lower().lstrip("+")
            sign = -1.0 if spelled.startswith("-") else 1.0
            if spelled.lstrip("-") in _FLOAT_NAMES:
                return ast.Constant(sign * _FLOAT_NAMES[spelled.lstrip("-")])
        if name == "frozenset" and len(args) <= 1:
            return ast.Constant(frozenset(ast.literal_eval(self.visit(args[0])) if args else ()))
        if name == "complex" and len(args) == 2:
            real, imag = (ast.literal_eval(self.visit(arg)) for arg in args)
            if all(type(part) in (int, float) for part in (real, imag)):
                return ast.Constant(complex(real, imag))
        return node
