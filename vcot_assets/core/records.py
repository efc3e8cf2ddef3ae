"""Every record that flows through vcot, in one place.

Records are plain dataclasses. `to_dict()` gives a JSON-ready dict (JSONL on disk) and
`from_dict()` rebuilds the record, ignoring keys it does not know so old files stay readable.
Literal values (inputs, outputs, expected values) are kept as Python source text so every
column has one type.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal, TypeVar

T = TypeVar("T", bound="Record")

Difficulty = Literal["easy", "medium", "hard"]
TaskKind = Literal["function", "class"]
Direction = Literal["forward", "backward"]
View = Literal["forward", "backward", "bidirectional"]
VerdictStatus = Literal["pass", "fail", "error", "timeout", "crash", "resource", "invalid"]

DIFFICULTIES: tuple[str, ...] = ("easy", "medium", "hard")
VIEWS: tuple[str, ...] = ("forward", "backward", "bidirectional")
VERDICT_STATUSES: tuple[str, ...] = ("pass", "fail", "error", "timeout", "crash", "resource", "invalid")


class Record:
    """Mixin: JSON round trip for dataclasses, nested records included."""

    _nested: ClassVar[dict[str, type]] = {}

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)  # type: ignore[call-overload]

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        known = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        values = {k: v for k, v in data.items() if k in known}
        for name, nested_type in cls._nested.items():
            if name not in values or values[name] is None:
                continue
            value = values[name]
            if isinstance(value, list):
                values[name] = [_rebuild(nested_type, item) for item in value]
            else:
                values[name] = _rebuild(nested_type, value)
        return cls(**values)


def _rebuild(record_type: type, value: Any) -> Any:
    return record_type.from_dict(value) if isinstance(value, dict) else value


# --- Stage A: documents, concepts and what the teacher writes for them -------------------


@dataclass
class SourceDocument(Record):
    """One source document as the sensor and `vcot run` see it (no text: just identity)."""

    slug: str  # [a-z0-9-], unique among registered documents
    path: str  # file path, or `stdlib:<module>` for the built-in corpus
    sha256: str  # content hash of the text
    chars: int


@dataclass
class Batch(Record):
    """A fixed slice of one document's text: the unit of partitioning."""

    key: str  # `<doc-slug>-<NNN>`, the partition key
    doc_slug: str
    doc_path: str
    index: int
    start: int  # character offsets into the document text
    end: int
    text_sha256: str  # hash of this slice's text
    doc_sha256: str = ""


@dataclass
class BatchText(Record):
    """`source_docs` output: the text of one batch plus where it came from."""

    batch: Batch
    text: str
    _nested: ClassVar[dict[str, type]] = {"batch": Batch}


@dataclass
class Keyphrase(Record):
    phrase: str
    score: float  # yake score: lower is more relevant


@dataclass
class Concept(Record):
    concept_id: str  # stable: `<batch>-c<NN>`
    batch: str
    name: str
    description: str
    examples: list[str] = field(default_factory=list)
    difficulty: str = "medium"
    keyphrase: str = ""
    keyphrase_score: float = 0.0
    teacher: str = ""


@dataclass
class Instruction(Record):
    instruction_id: str  # `<concept_id>-<difficulty>-<NN>`
    concept_id: str
    difficulty: str
    kind: str  # "function" | "class"
    text: str
    teacher: str = ""


@dataclass
class Param(Record):
    name: str
    type: str = ""


@dataclass
class MethodSignature(Record):
    name: str
    params: list[Param] = field(default_factory=list)  # without `self`
    returns: str = ""
    _nested: ClassVar[dict[str, type]] = {"params": Param}


@dataclass
class Signature(Record):
    """Parsed `Function: name(p: T) -> R` or `Class: Name; __init__(...); method(...) -> R`."""

    instruction_id: str
    raw: str
    kind: str  # "function" | "class"
    name: str  # function name or class name
    params: list[Param] = field(default_factory=list)  # function params, or __init__ params
    returns: str = ""
    methods: list[MethodSignature] = field(default_factory=list)
    primary_method: str = ""
    _nested: ClassVar[dict[str, type]] = {"params": Param, "methods": MethodSignature}


@dataclass
class Candidate(Record):
    """One candidate implementation of an instruction."""

    candidate_id: str  # `<instruction_id>-s<k>`
    instruction_id: str
    sample_index: int
    code: str


@dataclass
class TestScenarios(Record):
    instruction_id: str
    scenarios: list[str]


@dataclass
class TestCase(Record):
    """A candidate test in the single-assert direct-call form, split by the AST.

    `call` is the expression under test (`solution([1, 2], 3)` or `Name(1).method(2)`),
    `expected` the right-hand side as source text. The untrusted side only ever sees `call`.
    """

    __test__: ClassVar[bool] = False  # not a pytest class

    test_id: str  # `<instruction_id>-t<NN>`
    instruction_id: str
    source: str  # the full `def test_...(): assert ...` text
    call: str
    expected: str
    operator: str = "=="


@dataclass
class Rejection(Record):
    """A record that did not make it, and why. Counted by reason in asset metadata."""

    stage: str
    item_id: str
    reason: str  # short, stable, countable: "malformed_signature", "no_assert", ...
    detail: str = ""


# --- Stage B: execution, agreement and selection -------------------------------------------


@dataclass
class Verdict(Record):
    solution_id: str
    test_id: str
    status: str  # one of VERDICT_STATUSES
    detail: str = ""
    isolation: str = "full"  # "full" or "reduced: <why>"


@dataclass
class Cluster(Record):
    instruction_id: str
    cluster_id: int
    members: list[str]  # candidate ids with identical pass rows
    passed_tests: list[str]  # Tp(C): tests every member passes
    score: float


@dataclass
class SelectedPair(Record):
    """The canonical solution of an instruction and the test chosen to trace it."""

    instruction_id: str
    concept_id: str
    difficulty: str
    kind: str
    instruction: str
    solution_id: str
    code: str
    test_id: str
    test_source: str
    call: str
    expected: str
    cluster_score: float
    cluster_size: int
    coverage: float  # line+branch coverage of the canonical solution by the chosen test


# --- Stage C: traces, rationales, verification, samples --------------------------------------


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


# --- Sandbox requests and outcomes (what crosses the trust boundary) ------------------------


@dataclass
class SolutionRun(Record):
    """One solution and the tests to run against it (one forked child in the sandbox)."""

    solution_id: str
    code: str
    tests: list[TestCase]
    _nested: ClassVar[dict[str, type]] = {"tests": TestCase}


@dataclass
class CallRequest(Record):
    """Evaluate call expressions in the module namespace of `code`; values come back canonical."""

    request_id: str
    code: str
    calls: list[str]


@dataclass
class CallOutcome(Record):
    request_id: str
    call_index: int
    status: str  # "ok" | "error" | "timeout" | "crash" | "resource" | "invalid"
    value: str = ""  # canonical repr of a plain builtin value (only when status == "ok")
    detail: str = ""
    isolation: str = "full"


@dataclass
class ScriptRequest(Record):
    """Run a whole program; it passes when it exits without an exception (benchmark scoring)."""

    script_id: str
    source: str
    timeout_s: float = 3.0


@dataclass
class ScriptOutcome(Record):
    script_id: str
    status: str  # "pass" | "error" | "timeout" | "crash" | "resource"
    detail: str = ""
    isolation: str = "full"


@dataclass
class TraceRequest(Record):
    trace_id: str
    code: str
    call: str


@dataclass
class TraceOutcome(Record):
    """What the sandbox's tracer returned for one `TraceRequest`: pysnooper's raw text and the value."""

    trace_id: str
    status: str  # ok, error, timeout, crash, resource, too_long
    raw: str = ""
    returned: str = ""
    detail: str = ""
    python_version: str = ""
    truncated: bool = False

    @classmethod
    def from_tracer(cls, trace_id: str, found: dict[str, Any]) -> "TraceOutcome":
        """From the JSON-able dict `child_trace.run_trace` returns."""
        return cls(
            trace_id=trace_id,
            status=str(found.get("status") or "error"),
            raw=str(found.get("raw") or ""),
            returned=str(found.get("returned") or ""),
            detail=str(found.get("detail") or ""),
            python_version=str(found.get("python_version") or ""),
            truncated=bool(found.get("truncated")),
        )


@dataclass
class CoverageRequest(Record):
    """Line and branch coverage of `code` by each call (used to pick the test to trace)."""

    request_id: str
    code: str
    calls: list[str]


@dataclass
class CoverageOutcome(Record):
    request_id: str
    call_index: int
    coverage: float  # (covered lines + covered arcs) / (lines + arcs), 0..1
    detail: str = ""


# --- Teacher calls ----------------------------------------------------------------------------


@dataclass
class TeacherRequest(Record):
    """One model call: `key` ties the reply back to the item that asked for it."""

    key: str
    template: str  # the prompt template's name, for accounting by template
    prompt: str  # the rendered prompt
    sample_index: int = 0  # sent as the request's seed, so n candidates differ yet repeat


@dataclass
class TeacherReply(Record):
    key: str
    text: str | None  # None when the call failed for good
    error: str | None = None
    cached: bool = False
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float | None = None
    model: str = ""


# --- Stage D: training sets and benchmark scores ----------------------------------------------


@dataclass
class BaseModelAnswer(Record):
    """The base model's own answer to one training problem (model-answerability subset)."""

    instruction_id: str
    direction: str  # "forward" | "backward"
    model: str
    answer: str  # what the model said, after extracting its final answer line
    correct: bool
    detail: str = ""


@dataclass
class BenchmarkScore(Record):
    """pass@k of one model on one benchmark, in percent, with per-problem (n, c)."""

    benchmark: str  # "cruxeval-input" | "cruxeval-output" | "humaneval" | "livecodebench-exec"
    model: str
    pass_at: dict[str, float]  # {"pass@1": 35.95, "pass@5": 44.99}
    problems: int
    generations: int
    executions: int  # distinct programs actually executed
    per_problem: dict[str, list[int]] = field(default_factory=dict)  # problem id -> [n, c]


@dataclass
class StageOutput:
    """What a per-batch stage writes: its records, and the items it rejected with reasons."""

    records: list[Any]
    rejections: list[Rejection] = field(default_factory=list)


@dataclass
class BenchmarkProgram(Record):
    """A benchmark's program, which training data must not contain (decontamination)."""

    benchmark: str  # "cruxeval" | "humaneval" | "livecodebench"
    problem_id: str
    code: str
