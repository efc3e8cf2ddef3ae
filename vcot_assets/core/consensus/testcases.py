"""Candidate tests, split by the AST, and the trusted side's comparison of values.

A test is accepted only in the single-direct-call form:

    def test_x():
        assert solution([1, 2, 3], 2) == [1]        # or a bare `assert ...`
    assert Name(1, 2).method(3) == 42               # class form: one call chained on the class

Its call (`solution([1, 2, 3], 2)`) is what the sandbox evaluates; its expected value stays on
the trusted side. The sandbox returns the call's value as canonical text (plain builtin types
only, see `vcot_assets/sandbox/harness.py: canonical`); `values_equal` rebuilds both texts with a
literal-only reader (no `eval`) and compares them by vcot's one rule (`core/equality.py`: Python's
`==` on canonical values), so a returned object can never choose its own equality.
"""

from __future__ import annotations

import ast
import functools
import textwrap
from collections.abc import Collection
from typing import Any

from vcot_assets.core.equality import same_value
from vcot_assets.core.synthesis.records import TestCase

# Expected values must be at most this long: they are teacher text, not data dumps.
MAX_EXPECTED_CHARS = 100_000
_SINGLETONS = {"None": None, "True": True, "False": False}
_SPECIAL_FLOATS = {"nan", "inf", "-inf", "+inf", "infinity", "-infinity", "+infinity"}


class InvalidTest(ValueError):
    """A candidate test outside the accepted form. `reason` is a short, countable token."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


class NotALiteral(ValueError):
    pass


def parse_test(source: str, test_id: str, instruction_id: str, entry_points: Collection[str] | None = None) -> TestCase:
    """Split one candidate test into call and expected value, or raise `InvalidTest`.

    `entry_points`, when given, are the names a test may call directly (the function or class
    of the signature); calling anything else is `wrong_function`.
    """
    assertion = _single_assert(source)
    if assertion.msg is not None and not _is_literal(assertion.msg):
        raise InvalidTest("non_literal_message", "the assert message must be a literal")
    compare = assertion.test
    if not isinstance(compare, ast.Compare) or len(compare.ops) != 1:
        raise InvalidTest("not_equality", "the assert must compare one call with one value")
    left, op, right = compare.left, compare.ops[0], compare.comparators[0]
    if isinstance(right, ast.Call) and not isinstance(left, ast.Call):
        left, right = right, left  # `assert 3 == f(1)` reads the same as `assert f(1) == 3`
    operator = _operator(op, right)
    left, right = _fold_constants(left), _fold_constants(right)
    _check_call(left, entry_points)
    if not _is_literal(right):
        raise InvalidTest("non_literal_expected", "the expected value must be a literal")
    expected = ast.unparse(right)
    if len(expected) > MAX_EXPECTED_CHARS:
        raise InvalidTest("expected_too_long", f"{len(expected)} characters")
    return TestCase(
        test_id=test_id,
        instruction_id=instruction_id,
        source=source,
        call=ast.unparse(left),
        expected=expected,
        operator=operator,
    )


def _single_assert(source: str) -> ast.Assert:
    try:
        module = ast.parse(textwrap.dedent(source))
    except (SyntaxError, ValueError) as err:
        raise InvalidTest("syntax_error", getattr(err, "msg", str(err))) from err
    except (RecursionError, MemoryError) as err:
        raise InvalidTest("syntax_error", "source nested too deeply") from err
    body = module.body
    if len(body) == 1 and isinstance(body[0], (ast.FunctionDef, ast.AsyncFunctionDef)):
        function = body[0]
        if isinstance(function, ast.AsyncFunctionDef):
            raise InvalidTest("async_test", "test functions must be plain functions")
        if function.decorator_list:
            raise InvalidTest("decorated_test", "test functions must not be decorated")
        arguments = function.args
        if arguments.args or arguments.posonlyargs or arguments.kwonlyargs or arguments.vararg or arguments.kwarg:
            raise InvalidTest("test_has_parameters", "test functions take no parameters")
        body = function.body
        if body and _is_docstring(body[0]):
            body = body[1:]
    asserts = [node for node in body if isinstance(node, ast.Assert)]
    if not asserts:
        raise InvalidTest("no_assert", "no assert statement")
    if len(body) != 1:
        raise InvalidTest("multiple_statements", f"{len(body)} statements; exactly one assert allowed")
    return asserts[0]


def _is_docstring(node: ast.stmt) -> bool:
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)


def _operator(op: ast.cmpop, right: ast.expr) -> str:
    if isinstance(op, ast.Eq):
        return "=="
    if (
        isinstance(op, ast.Is)
        and isinstance(right, ast.Constant)
        and right.value in (None, True, False)
        and type(right.value) in (type(None), bool)
    ):
        return "is"
    raise InvalidTest("not_equality", f"comparison {type(op).__name__} is not ==")


def _check_call(node: ast.expr, entry_points: Collection[str] | None) -> None:
    if not isinstance(node, ast.Call):
        raise InvalidTest("not_a_direct_call", "the left side must call the function directly")
    func = node.func
    wrapped = next(
        (a for a in node.args if not _is_literal(a) and any(isinstance(n, ast.Call) for n in ast.walk(a))), None
    )  # (`float("inf")` is a literal)
    if isinstance(func, ast.Name) and wrapped is not None and (entry_points is None or func.id not in entry_points):
        # `len(f(x)) == 3`: a test of something computed from the call's result, which a test's
        # (call, operator, expected) cannot hold
        raise InvalidTest(
            "wrapped_call", f"{func.id}(...) is applied to what the call gives: {ast.unparse(wrapped)[:160]}"
        )
    if isinstance(func, ast.Name):
        name = func.id
    elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Call) and isinstance(func.value.func, ast.Name):
        name = func.value.func.id  # `Name(args).method(args)`
        if func.attr.startswith("__"):
            raise InvalidTest("not_a_direct_call", "dunder methods are not a primary method")
        _check_arguments(func.value)
    else:
        raise InvalidTest("not_a_direct_call", "call a function `f(...)` or `Name(...).method(...)`")
    if entry_points is not None and name not in entry_points:
        raise InvalidTest("wrong_function", f"calls {name!r}, expected one of {sorted(entry_points)}")
    _check_arguments(node)


def _check_arguments(call: ast.Call) -> None:
    for argument in call.args:
        if isinstance(argument, ast.Starred) or not _is_literal(argument):
            raise InvalidTest("non_literal_argument", ast.unparse(argument)[:200])
    for keyword in call.keywords:
        if keyword.arg is None or not _is_literal(keyword.value):
            raise InvalidTest("non_literal_argument", ast.unparse(keyword)[:200])


_FOLDABLE = (ast.Constant, ast.BinOp, ast.UnaryOp, ast.List, ast.Tuple, ast.Set, ast.Dict, ast.operator,
             ast.unaryop, ast.expr_context)  # fmt: skip
_RANGE_LIMIT = 10_000


def _fold_range(node: ast.expr) -> ast.expr | None:
    """`list(range(10))` (or tuple/set of a small range of int literals) as its literal."""
    if not (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("list", "tuple", "set")
        and len(node.args) == 1
        and not node.keywords
    ):
        return None
    inner = node.args[0]
    if not (
        isinstance(inner, ast.Call)
        and isinstance(inner.func, ast.Name)
        and inner.func.id == "range"
        and 1 <= len(inner.args) <= 3
        and not inner.keywords
    ):
        return None
    try:
        bounds = [_build(a) for a in inner.args]
    except NotALiteral:
        return None
    if not all(type(b) is int for b in bounds) or len(range(*bounds)) > _RANGE_LIMIT:
        return None
    value = {"list": list, "tuple": tuple, "set": set}[node.func.id](range(*bounds))
    return ast.parse(repr(value), mode="eval").body


def _fold_constants(node: ast.expr) -> ast.expr:
    """`factorize(3 * 19)` -> `factorize(57)`: arithmetic on literals is folded, not rejected.

    Only operators over literals are folded (no names, no calls), by the verifier's bounded
    evaluator, so a test cannot make the trusted side build something huge."""
    from vcot_assets.core.verifier.expressions import evaluate

    ranged = _fold_range(node)
    if ranged is not None:
        return ranged
    if isinstance(node, ast.Call):
        node.args = [_fold_constants(a) for a in node.args]
        for keyword in node.keywords:
            keyword.value = _fold_constants(keyword.value)
        if isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Call):
            node.func.value = _fold_constants(node.func.value)
        return node
    if _is_literal(node) or not all(isinstance(sub, _FOLDABLE) for sub in ast.walk(node)):
        return node
    try:
        value = evaluate(node, {})
        folded = ast.parse(repr(value), mode="eval").body
    except Exception:  # not foldable: left as written, and judged (rejected) as a non-literal
        return node
    return folded if _is_literal(folded) else node


def _is_literal(node: ast.expr) -> bool:
    try:
        _build(node)
    except (NotALiteral, RecursionError, MemoryError, ValueError, TypeError, OverflowError):
        return False
    return True


# --- literal values: the only reader the trusted side uses ---------------------------------


def literal_value(text: str) -> Any:
    """Rebuild a plain builtin value from literal text; raise `NotALiteral` for anything else.

    Accepts Python literals plus the spellings canonical text uses for values without one:
    `float('nan')`, `float('inf')`, `set()`, `frozenset({...})`, `complex(re, im)`.
    """
    try:
        tree = ast.parse(text.strip(), mode="eval")
        return _build(tree.body)
    except NotALiteral:
        raise
    except (SyntaxError, ValueError, TypeError, RecursionError, MemoryError, OverflowError) as err:
        raise NotALiteral(f"not a literal: {type(err).__name__}") from err


def _build(node: ast.expr) -> Any:
    if isinstance(node, ast.Constant):
        if node.value is Ellipsis:
            raise NotALiteral("...")
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        operand = _build(node.operand)
        if type(operand) not in (int, float, complex):
            raise NotALiteral("sign on a non-number")
        return -operand if isinstance(node.op, ast.USub) else +operand
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
        left, right = _build(node.left), _build(node.right)  # only `re + imj` as literal_eval allows
        if type(left) not in (int, float) or type(right) is not complex:
            raise NotALiteral("arithmetic")
        return left + right if isinstance(node.op, ast.Add) else left - right
    if isinstance(node, ast.List):
        return [_build(item) for item in node.elts]
    if isinstance(node, ast.Tuple):
        return tuple(_build(item) for item in node.elts)
    if isinstance(node, ast.Set):
        return {_build(item) for item in node.elts}
    if isinstance(node, ast.Dict):
        if any(key is None for key in node.keys):
            raise NotALiteral("dict unpacking")
        return {_build(key): _build(value) for key, value in zip(node.keys, node.values)}
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
        return _build_call(node.func.id, [_build(arg) for arg in node.args])
    raise NotALiteral(type(node).__name__)


def _build_call(name: str, args: list[Any]) -> Any:
    if name == "float" and len(args) == 1 and type(args[0]) is str:
        if args[0].strip().lower() not in _SPECIAL_FLOATS:
            raise NotALiteral("float() of an ordinary number")
        return float(args[0])
    if name in ("set", "frozenset") and len(args) <= 1:
        if args and type(args[0]) not in (list, tuple, set, frozenset):
            raise NotALiteral(f"{name}() of a non-collection")
        return set(*args) if name == "set" else frozenset(*args)
    if name == "complex" and len(args) == 2 and all(type(a) in (int, float) for a in args):
        return complex(args[0], args[1])
    raise NotALiteral(f"call to {name}")


def values_equal(canonical_a: str, canonical_b: str) -> bool:
    """Two values given as (canonical or literal) text, equal by vcot's one rule
    (`core/equality.py`); text the literal reader rejects is unequal."""
    try:
        if canonical_a == canonical_b:  # same text, same value: only check that it is a literal at all
            _cached_literal(canonical_a)
            return True
        return same_value(literal_value(canonical_a), _cached_literal(canonical_b))
    except (NotALiteral, RecursionError, MemoryError):
        return False


@functools.lru_cache(maxsize=4096)
def _cached_literal(text: str) -> Any:
    """Expected values repeat across a task's solutions; `==` never mutates the cached value."""
    return literal_value(text)


def value_matches(canonical_value: str, test: TestCase) -> bool:
    """Whether a returned value (canonical text) satisfies the test's comparison."""
    if test.operator == "is":
        try:
            returned = literal_value(canonical_value)
        except NotALiteral:
            return False
        return returned is _SINGLETONS.get(test.expected.strip(), object())
    return values_equal(canonical_value, test.expected)
