"""From pysnooper text to structured trace events and `Trace` records.

`parse_trace` reads sanitized pysnooper text (see `core/sanitize.py`) into a list of
`TraceEvent`s: call, line, new, modified, return and exception. pysnooper prints a call's
arguments (`Starting var:..`) before the call line; here the call event comes first and the
arguments follow it as "new" events, so an event list always reads in execution order.
"""

from __future__ import annotations

import hashlib
import re

from vcot_assets.core.grounding.records import Trace, TraceEvent
from vcot_assets.core.grounding.sanitize import sanitize
from vcot_assets.core.sandbox_records import TraceOutcome

_VAR = re.compile(r"^(?P<indent> *)(?P<tag>Starting var:\.\. |New var:\.{7} |Modified var:\.\. )(?P<rest>.*)$")
_EVENT = re.compile(r"^(?P<indent> *)(?P<kind>call|line|return|exception) +(?P<line_no>-?\d+)(?: (?P<source>.*))?$")
_RETURN_VALUE = re.compile(r"^(?P<indent> *)Return value:\.\. (?P<value>.*)$")
_EXCEPTION = re.compile(r"^(?P<indent> *)Exception:\.{5} (?P<value>.*)$")
_ENDED = re.compile(r"^(?P<indent> *)Call ended by exception$")
_DEF_NAME = re.compile(r"^\s*(?:async\s+)?def\s+([A-Za-z_]\w*)")

ENDED_BY_EXCEPTION = "Call ended by exception"


def _depth(indent: str) -> int:
    return len(indent) // 4


def parse_trace(sanitized: str) -> list[TraceEvent]:
    """Structured events of a sanitized trace, in execution order."""
    events: list[TraceEvent] = []
    pending_args: list[TraceEvent] = []  # "Starting var" lines wait for their call line
    functions: list[str] = []  # the function of each open call, innermost last
    line_nos: list[int] = [0]  # the current line of each open call: where a variable changed

    def add(event: TraceEvent) -> TraceEvent:
        event.index = len(events)
        events.append(event)
        return event

    for line in sanitized.splitlines():
        if not line.strip():
            continue
        var = _VAR.match(line)
        if var:
            name, sep, value = var.group("rest").partition(" = ")
            depth = _depth(var.group("indent"))
            if var.group("tag").startswith("Starting"):
                pending_args.append(TraceEvent(index=0, kind="new", name=name, value=value, depth=depth))
                continue
            kind = "new" if var.group("tag").startswith("New") else "modified"
            function = functions[-1] if functions else ""
            add(
                TraceEvent(
                    index=0, kind=kind, line_no=line_nos[-1], name=name, value=value, depth=depth, function=function
                )
            )
            continue
        event = _EVENT.match(line)
        if event:
            kind = event.group("kind")
            source = (event.group("source") or "").strip()
            depth = _depth(event.group("indent"))
            line_no = int(event.group("line_no"))
            if kind == "call":
                match = _DEF_NAME.match(source)
                functions.append(match.group(1) if match else "")
                line_nos.append(line_no)
            else:
                line_nos[-1] = line_no
            function = functions[-1] if functions else ""
            add(
                TraceEvent(
                    index=0,
                    kind=kind,
                    line_no=line_no,
                    source=source,
                    function=function,
                    depth=depth,
                )
            )
            if kind == "call":
                for arg in pending_args:
                    arg.function = function
                    arg.line_no = line_no
                    add(arg)
                pending_args = []
            elif kind == "return" and functions:
                functions.pop()
                if len(line_nos) > 1:
                    line_nos.pop()
            continue
        returned = _RETURN_VALUE.match(line)
        if returned and events and events[-1].kind == "return":
            events[-1].value = returned.group("value")
            continue
        raised = _EXCEPTION.match(line)
        if raised:
            if events and events[-1].kind == "exception" and not events[-1].value:
                events[-1].value = raised.group("value")
            else:
                add(
                    TraceEvent(
                        index=0,
                        kind="exception",
                        value=raised.group("value"),
                        function=functions[-1] if functions else "",
                        depth=_depth(raised.group("indent")),
                    )
                )
            continue
        ended = _ENDED.match(line)
        if ended:
            add(
                TraceEvent(
                    index=0,
                    kind="return",
                    source=ENDED_BY_EXCEPTION,
                    function=functions.pop() if functions else "",
                    depth=_depth(ended.group("indent")),
                )
            )
            if len(line_nos) > 1:
                line_nos.pop()
            continue
        # A message that spans lines (a SyntaxError's caret, say) continues the last event.
        if events:
            events[-1].value = f"{events[-1].value}\n{line.strip()}" if events[-1].value else line.strip()
    return events


def build_trace(trace_id: str, code: str, call: str, outcome: TraceOutcome) -> Trace:
    """A `Trace` record from what `child_trace.run_trace` (through the sandbox) returned."""
    raw = outcome.raw
    text = sanitize(raw)
    return Trace(
        trace_id=trace_id,
        code=code,
        call=call,
        status=outcome.status,
        text=text,
        events=parse_trace(text),
        returned=outcome.returned,
        raw_chars=len(raw),
        chars=len(text),
        truncated=outcome.truncated,
        python_version=outcome.python_version,
        detail=outcome.detail,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )
