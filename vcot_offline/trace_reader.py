"""Reading the execution trace of a narration prompt, as a student reads it: line by line.

The prompt shows pysnooper-style text, four spaces of indentation per nested call:

    Starting var:.. nums = [1, 3]        an argument (or attribute) as a frame starts
    call         1 def f(nums):          a frame starts (a resumed generator: on its yield line)
    line         2     lo = 0            a line about to run
    New var:....... lo = 0               a variable that did not exist before
    Modified var:.. lo = 2               a variable that changed
    return       7     return mid        a frame ends; the next line holds its value
    Return value:.. 2
    exception    5     x = 1 / 0         an exception passes through the frame

This reader is the offline teacher's own: it keeps what it can read and skips what it cannot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_VAR = re.compile(r"^(?P<indent> *)(?P<tag>Starting var|New var|Modified var):\.+ (?P<name>.+?) = (?P<value>.*)$")
_EVENT = re.compile(r"^(?P<indent> *)(?P<kind>call|line|return|exception) +(?P<line>-?\d+) ?(?P<source>.*)$")
_RETURN_VALUE = re.compile(r"^(?P<indent> *)Return value:\.+ ?(?P<value>.*)$")
_DEF = re.compile(r"^\s*(?:async\s+)?def\s+(\w+)")

_VAR_KINDS = {"Starting var": "start", "New var": "new", "Modified var": "modified"}


@dataclass
class Event:
    kind: str  # start, new, modified, call, line, return, exception
    depth: int
    line_no: int = 0
    source: str = ""
    name: str = ""
    value: str = ""
    function: str = ""  # for call and return: the function whose frame it is


def read_trace(text: str) -> list[Event]:
    events: list[Event] = []
    functions: dict[int, str] = {}  # the function running at each depth
    for raw in text.splitlines():
        if m := _VAR.match(raw):
            depth = len(m["indent"]) // 4
            events.append(Event(_VAR_KINDS[m["tag"]], depth, name=m["name"], value=m["value"].strip()))
        elif m := _EVENT.match(raw):
            depth = len(m["indent"]) // 4
            kind, source = m["kind"], m["source"]
            function = functions.get(depth, "")
            if kind == "call":
                d = _DEF.match(source)
                function = d.group(1) if d else function
                functions[depth] = function
            events.append(Event(kind, depth, int(m["line"]), source, function=function))
        elif m := _RETURN_VALUE.match(raw):
            for e in reversed(events):
                if e.kind == "return":
                    e.value = m["value"].strip()
                    break
    return events
