"""Trace one call of a program with pysnooper, inside a sandbox child.

This module runs inside the isolated child (locally or in the docker image), so it imports
only the standard library and pysnooper: never anything from vcot. The sandbox harness has
already applied the time and memory limits; this module only bounds the trace itself.

Why it is built this way:
- The program is imported from its file: code exec'd from a string traces as
  "SOURCE IS UNAVAILABLE" and the verifier needs each line's text.
- Output goes to an in-memory callable sink (no files racing on shared paths) that counts
  events and characters and stops the run when a cap is passed.
- `max_variable_length=None` so no value is ever cut; `normalize=True` blanks timestamps and
  addresses; `watch_explode=('self',)` so a method's changes to `self.x` show.
- Only the program's own functions and methods are traced (plus functions defined inside
  them), so the trace is the program's steps, not the harness's or the standard library's.
  Lambdas and comprehensions are left out: Python 3.11 runs comprehensions in frames of their
  own while 3.12 inlines them, and leaving them out keeps the two interpreters' traces alike.
- The call is evaluated in the program's module namespace (CRUXEval inputs use lambdas,
  `range(...)` and module globals); the arguments of each traced call are deep-copied first so
  a program that mutates its input cannot change what was recorded.
"""

from __future__ import annotations

import ast
import copy
import functools
import importlib.util
import inspect
import io
import os
import platform
import sys
import types

import pysnooper
import pysnooper.tracer
import pysnooper.utils

DEFAULT_MAX_EVENTS = 5000
DEFAULT_MAX_CHARS = 400_000

# Methods pysnooper itself calls while rendering values or exploding `self`: tracing them
# would run the tracer inside its own callback.
_UNTRACED_METHODS = frozenset(
    {
        "__repr__",
        "__str__",
        "__format__",
        "__getattr__",
        "__getattribute__",
        "__dir__",
        "__del__",
        "__len__",
        "__iter__",
        "__getitem__",
        "__keys__",
        "__hash__",
    }
)
_ANONYMOUS_CODE = frozenset({"<lambda>", "<listcomp>", "<dictcomp>", "<setcomp>", "<genexpr>"})


class TraceCapExceeded(BaseException):
    """Raised from the sink when the trace passes its event or character cap.

    A BaseException so that a program's `except Exception:` does not swallow it.
    """


class _Sink:
    """pysnooper's output: collects lines, stops the run when a cap is passed."""

    def __init__(self, max_events: int, max_chars: int) -> None:
        self.parts: list[str] = []
        self.events = 0
        self.chars = 0
        self.max_events = max_events
        self.max_chars = max_chars
        self.exceeded = ""

    def __call__(self, text: str) -> None:
        if self.exceeded:
            raise TraceCapExceeded(self.exceeded)
        self.events += 1
        self.chars += len(text)
        if self.events > self.max_events:
            self.exceeded = f"trace passed {self.max_events} events"
        elif self.chars > self.max_chars:
            self.exceeded = f"trace passed {self.max_chars} characters"
        if self.exceeded:
            raise TraceCapExceeded(self.exceeded)
        self.parts.append(text)


class _Discard(io.TextIOBase):
    """Where the program's prints go: the trace, not stdout, is the product."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        return len(text)


class _Armed:
    """Tracing is switched on only while a call of the requested expression runs.

    Arguments are evaluated untraced, so `f(g(1))` traces `f` and not `g`.
    """

    on = False


def _result(status: str, raw: str = "", returned: str = "", detail: str = "", truncated: bool = False) -> dict:
    return {
        "raw": raw,
        "returned": returned,
        "status": status,
        "detail": detail,
        "python_version": platform.python_version(),
        "truncated": truncated,
    }


def _import_program(code_path: str) -> types.ModuleType:
    module_name = os.path.splitext(os.path.basename(code_path))[0] or "program"
    spec = importlib.util.spec_from_file_location(module_name, code_path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import a program from {code_path!r}")
    module = importlib.util.module_from_spec(spec)
    # Registered so dataclasses, pickling and `copy` find the module by name.
    sys.modules[module_name] = module
    # pysnooper caches source by (module name, file name): a stale entry would show the
    # lines of an earlier program traced in this process.
    pysnooper.tracer.source_and_path_cache.pop((module_name, os.path.abspath(code_path)), None)
    pysnooper.tracer.source_and_path_cache.pop((module_name, code_path), None)
    # compiled from the file's bytes every time: a cached .pyc of an earlier program written to
    # the same path in the same second (same size) would otherwise be run instead
    with open(code_path, "rb") as handle:
        source = handle.read()
    exec(compile(source, code_path, "exec", dont_inherit=True), vars(module))
    return module


def _nested_codes(code: types.CodeType):
    for const in code.co_consts:
        if isinstance(const, types.CodeType) and const.co_name not in _ANONYMOUS_CODE:
            yield const
            yield from _nested_codes(const)


def _traced(tracer: pysnooper.tracer.Tracer, function: types.FunctionType):
    snooped = tracer(function)
    tracer.target_codes.update(_nested_codes(function.__code__))
    if inspect.isgeneratorfunction(function):
        # its body runs when the generator is consumed, usually inside the traced call
        # (`list(gen(3))`), long after the arming check a dispatcher could make
        return snooped

    @functools.wraps(function)
    def dispatch(*args, **kwargs):
        return (snooped if _Armed.on else function)(*args, **kwargs)

    return dispatch


def _instrument(module: types.ModuleType, code_path: str, tracer: pysnooper.tracer.Tracer) -> None:
    """Replace the program's functions and methods by traced versions, in place."""
    filename = os.path.abspath(code_path)

    def own(function) -> bool:
        return isinstance(function, types.FunctionType) and os.path.abspath(function.__code__.co_filename) == filename

    for name, value in list(vars(module).items()):
        if own(value) and not inspect.iscoroutinefunction(value) and not inspect.isasyncgenfunction(value):
            setattr(module, name, _traced(tracer, value))
        elif inspect.isclass(value) and value.__module__ == module.__name__:
            for attr, member in list(vars(value).items()):
                if attr in _UNTRACED_METHODS:
                    continue
                if isinstance(member, (staticmethod, classmethod)) and own(member.__func__):
                    setattr(value, attr, type(member)(_traced(tracer, member.__func__)))
                elif own(member) and not inspect.iscoroutinefunction(member) and not inspect.isasyncgenfunction(member):
                    setattr(value, attr, _traced(tracer, member))


def _copied(values):
    try:
        return copy.deepcopy(values)
    except Exception:  # generators, locks and the like cannot be copied: pass them as they are
        return values


def _plain(node: ast.AST, namespace: dict, filename: str):
    expression = ast.Expression(body=node)
    ast.fix_missing_locations(expression)
    return eval(compile(expression, filename, "eval"), namespace)


def _collect(*args, **kwargs):
    return list(args), kwargs


def _arguments(node: ast.Call, source: str, namespace: dict, filename: str) -> tuple[list, dict]:
    """The call's arguments, evaluated untraced in one compile of their source text."""
    if not node.args and not node.keywords:
        return [], {}
    parenthesized = None
    if node.end_lineno == node.lineno == 1:  # offsets count UTF-8 bytes
        parenthesized = source.encode()[node.func.end_col_offset : node.end_col_offset].decode()
    if parenthesized and parenthesized.lstrip().startswith("("):
        namespace["__vcot_collect__"] = _collect
        try:
            return eval(compile("__vcot_collect__" + parenthesized.strip(), filename, "eval"), namespace)
        finally:
            namespace.pop("__vcot_collect__", None)
    args: list = []
    for arg in node.args:
        if isinstance(arg, ast.Starred):
            args.extend(_plain(arg.value, namespace, filename))
        else:
            args.append(_plain(arg, namespace, filename))
    kwargs: dict = {}
    for keyword in node.keywords:
        value = _plain(keyword.value, namespace, filename)
        if keyword.arg is None:
            kwargs.update(value)
        else:
            kwargs[keyword.arg] = value
    return args, kwargs


def _evaluate(node: ast.AST, source: str, namespace: dict, filename: str):
    """Evaluate a call chain (`f(x)`, `Name(a).m(b).n()`): only the chain's calls run traced,
    each on deep copies of its arguments, which are evaluated untraced."""
    if isinstance(node, ast.Call):
        function = _evaluate(node.func, source, namespace, filename)
        args, kwargs = _copied(_arguments(node, source, namespace, filename))
        _Armed.on = True
        try:
            return function(*args, **kwargs)
        finally:
            _Armed.on = False
    if isinstance(node, ast.Attribute):
        return getattr(_evaluate(node.value, source, namespace, filename), node.attr)
    return _plain(node, namespace, filename)


def _exception_text(err: BaseException) -> str:
    text = f"{type(err).__name__}: {err}" if str(err) else type(err).__name__
    return text.replace("\n", " ")


def run_trace(code_path: str, call: str, limits: dict | None = None, render_value=None) -> dict:
    """Trace `call` (an expression such as `f([1, 2], 3)`) against the program at `code_path`.

    Returns a JSON-able dict: raw (pysnooper's text), returned (normalized repr of the value),
    status ("ok", "exception", "too_long", "error"), detail, python_version, truncated; and,
    given `render_value`, value (what it makes of the returned value: the sandbox's canonical
    text, compared with the test's expected value to catch programs that behave differently
    when traced).
    """
    limits = limits or {}
    sink = _Sink(
        int(limits.get("trace_max_events", DEFAULT_MAX_EVENTS)),
        int(limits.get("trace_max_chars", DEFAULT_MAX_CHARS)),
    )
    try:
        source = call.strip()
        tree = ast.parse(source, mode="eval")
    except SyntaxError as err:
        return _result("error", detail=f"call is not an expression: {err.msg}")
    if not isinstance(tree.body, ast.Call):
        return _result("error", detail="call must be a call expression such as f(1, 2)")
    try:
        module = _import_program(code_path)
    except BaseException as err:  # the program's own top level failed: report, do not crash
        return _result("error", detail=f"program failed to load: {_exception_text(err)}")

    tracer = pysnooper.snoop(
        sink,
        watch_explode=("self",),
        normalize=True,
        max_variable_length=None,
        color=False,
    )
    try:
        _instrument(module, code_path, tracer)
    except Exception as err:
        return _result("error", detail=f"could not instrument the program: {_exception_text(err)}")

    # A trace cut short by a cap leaves pysnooper's nesting counter raised.
    pysnooper.tracer.thread_global.depth = -1
    status, returned, detail, rendered = "ok", "", "", ""
    saved_stdout, saved_trace = sys.stdout, sys.gettrace()
    sys.stdout = _Discard()
    try:
        value = _evaluate(tree.body, source, vars(module), "<call>")
        # the same rendering as the trace's own values ("REPR FAILED" if __repr__ raises)
        returned = pysnooper.utils.get_shortish_repr(value, max_length=None, normalize=True)
        if render_value is not None:
            rendered = render_value(value)
    except TraceCapExceeded:
        status = "too_long"
    except BaseException as err:  # the program raised: that is a result, not a failure
        status, detail = "exception", _exception_text(err)
    finally:
        sys.stdout = saved_stdout
        sys.settrace(saved_trace)  # a cap hit inside the tracer leaves tracing in any state
        _Armed.on = False
    if sink.exceeded:
        status, detail = "too_long", sink.exceeded
    elif len(returned) > sink.max_chars:  # never cut a value: flag the sample instead
        sink.exceeded = f"returned value passed {sink.max_chars} characters"
        status, detail, returned = "too_long", sink.exceeded, ""
    result = _result(status, "".join(sink.parts), returned, detail, truncated=bool(sink.exceeded))
    if render_value is not None:
        result["value"] = rendered if status == "ok" else ""
    return result
