import hashlib
import textwrap

from vcot_assets.core.grounding.tracing import build_trace, parse_trace
from vcot_assets.core.sandbox_records import TraceOutcome
from vcot_assets_tests.core.trace_fixtures import run_trace_in_child

SANITIZED = textwrap.dedent(
    """\
    Starting var:.. n = 2
    call         1 def f(n):
    line         2     total = 0
    New var:....... total = 0
    line         3     total += n
    Modified var:.. total = 2
        Starting var:.. x = 2
        call         6 def g(x):
        line         7     raise ValueError('bad')
        exception    7     raise ValueError('bad')
        Exception:..... ValueError: bad
        Call ended by exception
    exception    4     g(total)
    Exception:..... ValueError: bad
    Call ended by exception
    """
)


def test_parse_orders_call_before_its_arguments_and_tracks_depth():
    events = parse_trace(SANITIZED)
    kinds = [(e.kind, e.name or e.source) for e in events[:3]]
    assert kinds == [("call", "def f(n):"), ("new", "n"), ("line", "total = 0")]
    assert [e.index for e in events] == list(range(len(events)))
    modified = [e for e in events if e.kind == "modified"]
    assert modified[0].name == "total" and modified[0].value == "2" and modified[0].line_no == 3
    inner = [e for e in events if e.function == "g"]
    assert inner and all(e.depth == 1 for e in inner)
    exceptions = [e for e in events if e.kind == "exception"]
    assert [e.value for e in exceptions] == ["ValueError: bad", "ValueError: bad"]
    assert exceptions[0].line_no == 7
    assert events[-1].kind == "return" and events[-1].value == "" and events[-1].function == "f"


def test_build_trace_from_a_real_run():
    code = "def f(xs):\n    out = []\n    for x in xs:\n        out.append(x * 2)\n    return out\n"
    outcome = run_trace_in_child(code, "f([1, 2])")
    trace = build_trace("case-1", code, "f([1, 2])", TraceOutcome.from_tracer("case-1", outcome))
    assert trace.status == "ok" and trace.returned == "[2, 4]"
    assert trace.raw_chars == len(outcome["raw"]) and trace.chars == len(trace.text) < trace.raw_chars
    assert trace.sha256 == hashlib.sha256(trace.text.encode()).hexdigest()
    values = [(e.name, e.value) for e in trace.events if e.kind in ("new", "modified")]
    assert values == [("xs", "[1, 2]"), ("out", "[]"), ("x", "1"), ("out", "[2]"), ("x", "2"), ("out", "[2, 4]")]
    assert trace.events[-1].kind == "return" and trace.events[-1].value == "[2, 4]"
    assert trace.python_version.startswith("3.")


def test_build_trace_of_a_failed_outcome():
    trace = build_trace("x", "def f(:", "f()", TraceOutcome("x", "error", detail="program failed to load"))
    assert trace.status == "error" and trace.events == [] and trace.text == ""
