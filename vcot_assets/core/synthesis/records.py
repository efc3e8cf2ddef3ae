"""Stage A records: documents, concepts and what the teacher writes for them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from vcot_assets.core.records import Record


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
    difficulty: str = "medium"  # '' where the teacher gave none
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
    default: str = ""  # the default's source (`8` in `tabsize: int = 8`), "" for none

    def __str__(self) -> str:
        return f"{self.name}: {self.type}" + (f" = {self.default}" if self.default else "")


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
