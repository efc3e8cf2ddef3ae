"""Python expressions and literals inside prose: where they end, their names, their values, and a
small interpreter that evaluates them over traced values (no program code runs here)."""

from __future__ import annotations

import ast
import keyword
import re
import warnings
from functools import lru_cache

from vcot_assets.core.equality import same_value

_STRING_PREFIXES = frozenset({"b", "r", "u", "br", "rb"})
_NUMBER = re.compile(r"-?(?:\d+\.\d+|\.\d+|\d+)(?:[eE][-+]?\d+)?j?")
IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
_BINOP = re.compile(r"\s*(\*\*|//|<<|>>|[-+*/%&|^])\s*")


def _primary(s: str, i: int) -> int:
    """End of one operand (with trailers) starting at s[i], or -1."""
    if i >= len(s):
        return -1
    ch = s[i]
    if ch == "~":  # `~old`: a bitwise not, written tight against its operand
        return _primary(s, i + 1) if i + 1 < len(s) and s[i + 1] != " " else -1
    if ch in "([{":
        j = match_bracket(s, i)
    elif ch in "'\"":
        j = match_quote(s, i)
    elif ch.isdigit() or (ch == "-" and i + 1 < len(s) and s[i + 1].isdigit()) or ch == ".":
        m = _NUMBER.match(s, i)
        j = m.end() if m else -1
    else:
        m = IDENTIFIER.match(s, i)
        if not m:
            return -1
        word = m.group()
        if word.lower() in _STRING_PREFIXES and m.end() < len(s) and s[m.end()] in "'\"":
            j = match_quote(s, m.end())
            return j
        if keyword.iskeyword(word) and word not in ("True", "False", "None"):
            return -1
        j = m.end()
    if j < 0:
        return -1
    # trailers: subscripts, calls, attributes, written tight against the operand
    while j < len(s):
        if s[j] in "[(":
            k = match_bracket(s, j)
            if k < 0:
                break
            j = k
        elif s[j] == "." and (m := IDENTIFIER.match(s, j + 1)):  # (`x.é`: no ASCII name, no attribute)
            j = m.end()
        else:
            break
    return j


def expression_end(s: str, i: int) -> int:
    """End of an arithmetic expression of operands starting at s[i], or -1."""
    j = _primary(s, i)
    if j < 0:
        return -1
    while True:
        m = _BINOP.match(s, j)
        if not m:
            break
        k = _primary(s, m.end())
        if k < 0:
            break
        j = k
    return j


@lru_cache(maxsize=65536)
def parse_expression(text: str) -> ast.expr | None:
    """The expression's AST if it is one the verifier can evaluate, else None."""
    try:
        with warnings.catch_warnings():  # `1x` and friends warn before they fail
            warnings.simplefilter("ignore")
            node = ast.parse(text.strip(), mode="eval").body
    except (SyntaxError, ValueError):
        return None
    for sub in ast.walk(node):
        if isinstance(sub, (ast.Lambda, ast.NamedExpr, ast.Await, ast.Yield, ast.YieldFrom, ast.Starred,
                            ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.JoinedStr,
                            ast.IfExp)):  # fmt: skip
            return None
    return node


_NAMES: dict[int, tuple[ast.AST, frozenset[str]]] = {}


def expression_names(node: ast.AST) -> frozenset[str]:
    """Variable names an expression reads (`self.x` counts as one name), builtins excluded."""
    cached = _NAMES.get(id(node))
    if cached is not None and cached[0] is node:
        return cached[1]
    names = _expression_names(node)
    if len(_NAMES) > 65536:
        _NAMES.clear()
    _NAMES[id(node)] = (node, names)  # the node is kept alive, so its id cannot be reused
    return names


def _expression_names(node: ast.AST) -> frozenset[str]:
    names: set[str] = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name) and sub.value.id == "self":
            names.add(f"self.{sub.attr}")
        elif isinstance(sub, ast.Name) and sub.id not in ("self", "True", "False", "None"):
            names.add(sub.id)
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name) and sub.func.id in SAFE_CALLS:
            names.discard(sub.func.id)
        if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute):
            names.discard(sub.func.attr)
    return frozenset(names)


def is_literal(text: str) -> bool:
    return parse_literal(text) is not NOT_LITERAL


class NotLiteral:
    pass


NOT_LITERAL = NotLiteral()
_BOOL_WORDS = {"true": "True", "false": "False", "none": "None"}


@lru_cache(maxsize=65536)
def _literal_cached(text: str):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return NOT_LITERAL


def parse_literal(text: str):
    """The Python value of a literal written in a rationale, or the NOT_LITERAL marker."""
    text = text.strip()
    text = _BOOL_WORDS.get(text.lower(), text) if text.lower() in _BOOL_WORDS else text
    if text == "set()":
        return set()
    # shared with every other reader of the same text: callers never mutate values
    return _literal_cached(text)


def literal_end(s: str, i: int) -> int:
    """End of a literal starting at s[i] (after optional spaces), or -1."""
    while i < len(s) and s[i] == " ":
        i += 1
    if s.startswith("set()", i):
        return i + 5
    m = re.match(r"(?:True|False|None|true|false)\b", s[i:])
    if m:
        return i + m.end()
    j = _primary(s, i)
    if j < 0:
        return -1
    # a bare tuple such as `1, 2` is not taken: the comma usually ends a clause in prose
    return j if is_literal(s[i:j]) else -1


# ---------------------------------------------------------------------------- rewriting


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
    return Opaque(text.strip()) if value is NOT_LITERAL else value


# ---------------------------------------------------------------------------- evaluation


_MAX_BUILT = 100_000  # items a claim's expression may build (`[0] * n`, `'a' * n`)
_MAX_BITS = 1 << 16  # bits of an integer a power may build (a test's argument, a claim's arithmetic)


class UnknownValue(Exception):
    """The expression reads a name the state does not hold, or cannot be evaluated."""


def _small_power(base, exponent, modulus=None):
    """`pow` as a claim may write it, never one that would take long (`pow(2, 10**9)`)."""
    if modulus is None and isinstance(exponent, (int, float)) and abs(exponent) > 64:
        raise UnknownValue("power too large")
    return pow(base, exponent) if modulus is None else pow(base, exponent, modulus)


_SAFE_FUNCTIONS = {
    "len": len, "sum": sum, "min": min, "max": max, "abs": abs, "sorted": sorted, "str": str, "int": int,
    "float": float, "bool": bool, "list": list, "tuple": tuple, "set": set, "round": round, "ord": ord,
    "chr": chr, "reversed": lambda x: list(reversed(x)), "dict": dict, "any": any, "all": all,
    "divmod": divmod, "pow": _small_power, "bin": bin, "hex": hex, "oct": oct,
}  # fmt: skip
SAFE_CALLS = frozenset(_SAFE_FUNCTIONS)  # the builtins a claim may call, by name

# (none of them grows a value much: `ljust`, `center`, `zfill` could be told to)
_SAFE_METHODS = frozenset(
    {"count", "index", "find", "rfind", "get", "keys", "values", "items", "upper", "lower", "isdigit", "isalpha",
     "isupper", "islower", "isspace", "isalnum", "isdecimal", "isnumeric", "startswith", "endswith", "strip",
     "split", "join", "copy", "istitle", "isascii", "isidentifier", "isprintable", "title", "capitalize",
     "swapcase", "casefold", "lstrip", "rstrip", "replace", "partition", "rpartition", "rsplit", "rindex",
     "removeprefix", "removesuffix", "splitlines"}
)  # fmt: skip
_BINOPS = {
    ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b, ast.FloorDiv: lambda a, b: a // b, ast.Mod: lambda a, b: a % b,
    ast.Pow: lambda a, b: a**b, ast.BitAnd: lambda a, b: a & b, ast.BitOr: lambda a, b: a | b,
    ast.BitXor: lambda a, b: a ^ b, ast.LShift: lambda a, b: a << b, ast.RShift: lambda a, b: a >> b,
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
    if (
        f"self.{name}" in state
    ):  # `total` said of the attribute `self.total`; never the reverse (an argument `lo` is not `self.lo`)
        return state[f"self.{name}"]
    raise UnknownValue(name)


def evaluate(node: ast.AST, state: dict):
    """Evaluate a claim's expression over traced values, without running any program code."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
        return _lookup(f"self.{node.attr}", state)
    evaluator = _EVALUATORS.get(type(node))
    if evaluator is None:
        raise UnknownValue(type(node).__name__)
    return evaluator(node, state)


def _name(node: ast.Name, state: dict):
    if node.id in ("True", "False", "None"):
        return {"True": True, "False": False, "None": None}[node.id]
    return _lookup(node.id, state)


def _collection(node: ast.List | ast.Tuple | ast.Set, state: dict):
    items = [evaluate(e, state) for e in node.elts]
    return {ast.List: list, ast.Tuple: tuple, ast.Set: set}[type(node)](items)


def _dict(node: ast.Dict, state: dict):
    return {evaluate(k, state): evaluate(v, state) for k, v in zip(node.keys, node.values) if k is not None}


def _subscript(node: ast.Subscript, state: dict):
    base = evaluate(node.value, state)
    if isinstance(node.slice, ast.Slice):
        bounds = (node.slice.lower, node.slice.upper, node.slice.step)
        index = slice(*[evaluate(p, state) if p is not None else None for p in bounds])
    else:
        index = evaluate(node.slice, state)
    try:
        return base[index]
    except Exception as err:
        raise UnknownValue("subscript") from err


_UNARY = {ast.USub: lambda x: -x, ast.UAdd: lambda x: +x, ast.Not: lambda x: not x, ast.Invert: lambda x: ~x}


def _unary(node: ast.UnaryOp, state: dict):
    operand = evaluate(node.operand, state)
    if type(node.op) not in _UNARY:
        raise UnknownValue("unary")
    try:
        return _UNARY[type(node.op)](operand)
    except Exception as err:
        raise UnknownValue("unary") from err


def _binop(node: ast.BinOp, state: dict):
    if type(node.op) not in _BINOPS:
        raise UnknownValue("BinOp")
    left, right = evaluate(node.left, state), evaluate(node.right, state)
    # A claim may not make the verifier build something huge (`2 ** 10**9`, `[0] * 10**9`).
    if isinstance(node.op, ast.Pow) and isinstance(right, (int, float)) and abs(right) > 64:
        raise UnknownValue("power too large")
    if (
        isinstance(node.op, ast.Pow)
        and isinstance(left, int)
        and isinstance(right, int)
        and left.bit_length() * right > _MAX_BITS
    ):
        raise UnknownValue("power too large")  # (`(((10**64)**64)**64)**64`: each exponent small, the tower not)
    if isinstance(node.op, ast.LShift) and isinstance(right, int) and right > 4096:
        raise UnknownValue("shift too large")  # (not a smaller shift: `f(1 << 10**10)` is no test of f(1 << 4096))
    if isinstance(node.op, ast.Mult):
        sizes = [len(x) for x in (left, right) if isinstance(x, (str, bytes, list, tuple))]
        counts = [x for x in (left, right) if isinstance(x, int)]
        if sizes and counts and sizes[0] * max(counts[0], 0) > _MAX_BUILT:
            raise UnknownValue("product too large")
    try:
        return _BINOPS[type(node.op)](left, right)
    except Exception as err:
        raise UnknownValue("binop") from err


def _compare(node: ast.Compare, state: dict):
    left = evaluate(node.left, state)
    for op, comparator in zip(node.ops, node.comparators):
        right = evaluate(comparator, state)
        try:
            if not _CMPOPS[type(op)](left, right):
                return False
        except Exception as err:
            raise UnknownValue("compare") from err
        left = right
    return True


def _boolop(node: ast.BoolOp, state: dict):
    """As Python does: `best is None or wait < best[1]` never looks at `best[1]` while best is None."""
    value = None
    for operand in node.values:
        value = evaluate(operand, state)
        if isinstance(node.op, ast.And) != bool(value):  # (`and` stops at a falsy operand, `or` at a truthy one)
            return value
    return value


def _call(node: ast.Call, state: dict):
    """Only the safe builtins and the read-only methods of plain values."""
    if node.keywords:
        raise UnknownValue("Call")
    args = [evaluate(a, state) for a in node.args]
    try:
        if isinstance(node.func, ast.Name) and node.func.id in _SAFE_FUNCTIONS:
            return _SAFE_FUNCTIONS[node.func.id](*args)
        if isinstance(node.func, ast.Attribute) and node.func.attr in _SAFE_METHODS:
            target = evaluate(node.func.value, state)
            if isinstance(target, (str, list, tuple, dict)):
                result = getattr(target, node.func.attr)(*args)
                return list(result) if node.func.attr in ("keys", "values", "items") else result
    except UnknownValue:
        raise
    except Exception as err:
        raise UnknownValue("call") from err
    raise UnknownValue("Call")


_EVALUATORS = {
    ast.Constant: lambda node, state: node.value,
    ast.Name: _name,
    ast.List: _collection,
    ast.Tuple: _collection,
    ast.Set: _collection,
    ast.Dict: _dict,
    ast.Subscript: _subscript,
    ast.UnaryOp: _unary,
    ast.BinOp: _binop,
    ast.Compare: _compare,
    ast.BoolOp: _boolop,
    ast.Call: _call,
}


# ---------------------------------------------------------------------------- trace index


def python_literal(text: str) -> str:
    lowered = text.strip().lower()
    return {"true": "True", "false": "False", "none": "None"}.get(lowered, text.strip())


def match_bracket(s: str, i: int) -> int:
    """Index just past the bracket group opening at s[i], or -1."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    stack = [pairs[s[i]]]
    j = i + 1
    quote = ""
    while j < len(s):
        ch = s[j]
        if quote:
            if ch == "\\":
                j += 2
                continue
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch in pairs:
            stack.append(pairs[ch])
        elif ch in ")]}":
            if ch != stack[-1]:
                return -1
            stack.pop()
            if not stack:
                return j + 1
        j += 1
    return -1


def match_quote(s: str, i: int) -> int:
    q = s[i]
    j = i + 1
    while j < len(s):
        if s[j] == "\\":
            j += 2
            continue
        if s[j] == q:
            return j + 1
        j += 1
    return -1
