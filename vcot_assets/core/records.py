"""The record base class and the records every stage shares (rejections, teacher calls).

Each stage keeps its own records beside its logic (`core/<stage>/records.py`, and
`core/sandbox_records.py` for what crosses the sandbox boundary); `record_type` finds any of them by name.

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


@dataclass
class Rejection(Record):
    """A record that did not make it, and why. Counted by reason in asset metadata."""

    stage: str
    item_id: str
    reason: str  # short, stable, countable: "malformed_signature", "no_assert", ...
    detail: str = ""


@dataclass
class StageOutput:
    """What a per-batch stage writes: its records, and the items it rejected with reasons."""

    records: list[Any]
    rejections: list[Rejection] = field(default_factory=list)


@dataclass
class TeacherRequest(Record):
    """One model call: `key` ties the reply back to the item that asked for it."""

    key: str
    template: str  # the prompt template's name, for accounting by template
    prompt: str  # the rendered prompt
    sample_index: int = 0  # sent as the request's seed, so n candidates differ yet repeat
    # A re-ask continues the conversation: the model's earlier replies and the messages that
    # answered them, alternating (assistant, user, assistant, user, ...), after `prompt`.
    turns: list[str] = field(default_factory=list)
    max_tokens: int | None = None  # this call's completion budget; None: the client's setting
    # values a structured reply's string field may take, by field name (`keyphrase`: those the
    # prompt listed); sent as an enum in the schema where the provider enforces one
    choices: dict[str, list[str]] = field(default_factory=dict)


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
    finish_reason: str | None = None  # as the provider said; "length" means cut by max_tokens
    schema: str | None = None  # the template whose JSON schema the provider enforced; None: a text reply


_RECORD_MODULES = (
    "vcot_assets.core.records",
    "vcot_assets.core.synthesis.records",
    "vcot_assets.core.consensus.records",
    "vcot_assets.core.sandbox_records",
    "vcot_assets.core.grounding.records",
    "vcot_assets.core.training_data.records",
)


def record_type(name: str) -> type[Record]:
    """The record class called `name`, from whichever stage defines it (storage and checks find types by name)."""
    import importlib

    for module_name in _RECORD_MODULES:
        found = getattr(importlib.import_module(module_name), name, None)
        if isinstance(found, type) and issubclass(found, Record):
            return found
    raise KeyError(f"no record type named {name!r}")
