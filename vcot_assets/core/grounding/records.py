"""Stage C records: traces, rationales, verification reports and chat samples."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from vcot_assets.core.records import Record


@dataclass
class TraceEvent(Record):
    """One step of a structured trace.

    kind: "call" | "line" | "new" | "modified" | "return" | "exception".
    For "new"/"modified", `name` and `value` (repr text) are set; for "line", `source` is
    the line's code; for "return", `value` is the returned repr.
    """

    index: int
    kind: str
    line_no: int = 0
    name: str = ""
    value: str = ""
    source: str = ""
    function: str = ""
    depth: int = 0


@dataclass
class Trace(Record):
    trace_id: str  # the instruction id for pipeline traces, the case id for `vcot trace`
    code: str
    call: str
    status: str  # "ok" | "exception" | "timeout" | "too_long" | "error" | ...
    text: str = ""  # sanitized pysnooper text
    events: list[TraceEvent] = field(default_factory=list)
    returned: str = ""  # repr of the traced return value
    raw_chars: int = 0
    chars: int = 0
    truncated: bool = False  # a value or the trace itself was cut
    python_version: str = ""
    detail: str = ""
    sha256: str = ""  # hash of the sanitized text: provenance of the sample
    _nested: ClassVar[dict[str, type]] = {"events": TraceEvent}


@dataclass
class Rationale(Record):
    rationale_id: str  # `<instruction_id>-forward` / `-backward`
    instruction_id: str
    direction: str  # "forward" | "backward"
    text: str  # the chain of thought, without the final answer line
    answer: str  # forward: the predicted return literal; backward: the predicted call
    teacher: str = ""


@dataclass
class Entity(Record):
    """A checkable claim found in one sentence."""

    kind: str  # "value" | "index" | "comparison" | "branch" | "loop" | "return"
    text: str  # the words it came from
    name: str = ""
    value: str = ""


@dataclass
class SentenceReport(Record):
    sentence: str
    grounded: list[Entity] = field(default_factory=list)
    ungrounded: list[Entity] = field(default_factory=list)
    window_start: int = 0
    window_end: int = 0
    _nested: ClassVar[dict[str, type]] = {"grounded": Entity, "ungrounded": Entity}


@dataclass
class VerificationReport(Record):
    rationale_id: str
    direction: str
    accepted: bool
    reasons: list[str] = field(default_factory=list)
    sentences: list[SentenceReport] = field(default_factory=list)
    reason_codes: list[str] = field(default_factory=list)  # one countable code per reason, same order
    _nested: ClassVar[dict[str, type]] = {"sentences": SentenceReport}


@dataclass
class VerifiedRationale(Record):
    rationale: Rationale
    report: VerificationReport
    _nested: ClassVar[dict[str, type]] = {"rationale": Rationale, "report": VerificationReport}


@dataclass
class Sample(Record):
    """One chat sample of a verified dataset."""

    sample_id: str  # `<instruction_id>-<view>`
    view: str  # "forward" | "backward" | "bidirectional"
    messages: list[dict[str, str]]
    provenance: dict[str, str]  # concept, difficulty, teacher, prompt versions, trace hash, ...
