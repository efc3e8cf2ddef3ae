"""JSON schemas for the teacher templates that return data, for providers with structured outputs.

Where a provider enforces a response schema, the teacher is asked for one pydantic model per
template instead of the text format of the prompt. A reply is validated against its model and
written back as the template's canonical text, so exactly one reader per template (the tolerant
text parser of `core.synthesis.parsing`, `core.verifier.teacher_claims`) decides what a reply
holds, whichever way it was asked for. A reply that does not fit its schema is a
`schema_mismatch` rejection, never a partial read. A reply cut by the token limit keeps the list
items it completed before the cut (`completed_items_text`), as a cut text reply does.

Every model is a JSON object with every field required and no extra keys: OpenAI's strict mode
(and vLLM's and SGLang's guided decoding, which take the same `json_schema` format) accept
nothing looser, and a top-level array is not allowed there.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ConceptItem(_Strict):
    name: str = Field(description="the concept, in a few words")
    keyphrase: str = Field(description="the keyphrase it came from")
    description: str = Field(description="one or two sentences")
    examples: list[str] = Field(description="two short examples of where it shows up in code")
    difficulty: Literal["easy", "medium", "hard"]


class ConceptsReply(_Strict):
    concepts: list[ConceptItem]

    def canonical_text(self) -> str:
        return "```json\n" + json.dumps([c.model_dump() for c in self.concepts], ensure_ascii=False) + "\n```"


class InstructionItem(_Strict):
    kind: Literal["function", "class"]
    statement: str = Field(description="the problem statement, without numbering or kind tag")


class InstructionsReply(_Strict):
    instructions: list[InstructionItem]

    def canonical_text(self) -> str:
        return "\n".join(
            f"{n}. [{item.kind}] {' '.join(item.statement.split())}" for n, item in enumerate(self.instructions, 1)
        )


class SignatureReply(_Strict):
    signature: str = Field(
        description=(
            "one line: `Function: name(param: Type, ...) -> ReturnType` or "
            "`Class: Name; __init__(self, param: Type, ...) -> None; method(self, param: Type, ...) -> ReturnType`"
        )
    )

    def canonical_text(self) -> str:
        return " ".join(self.signature.split())


class ScenariosReply(_Strict):
    scenarios: list[str] = Field(description="one short sentence per scenario, no code")

    def canonical_text(self) -> str:
        return "\n".join(f"{n}. {' '.join(s.split())}" for n, s in enumerate(self.scenarios, 1))


class UnitTestsReply(_Strict):
    tests: list[str] = Field(
        description="one test function each: `def test_<name>():` and one statement `assert <call> == <expected>`"
    )

    def canonical_text(self) -> str:
        return "```python\n" + "\n\n".join(t.strip("\n") for t in self.tests) + "\n```"


class ClaimItem(_Strict):
    kind: Literal["value", "index", "comparison", "branch", "loop", "return"]
    name: str
    value: str


class ClaimsReply(_Strict):
    claims: list[ClaimItem]

    def canonical_text(self) -> str:
        return "```json\n" + json.dumps([c.model_dump() for c in self.claims], ensure_ascii=False) + "\n```"


REPLY_SCHEMAS: dict[str, type[_Strict]] = {
    "concepts": ConceptsReply,
    "instructions": InstructionsReply,
    "signature": SignatureReply,
    "test_scenarios": ScenariosReply,
    "candidate_tests": UnitTestsReply,
    "extract_entities": ClaimsReply,
}


class SchemaMismatch(ValueError):
    """A structured reply that does not fit its template's schema."""


@functools.cache
def json_schema(template: str) -> dict | None:
    """The template's JSON schema (shared: do not change it), or None for a template that
    returns prose or code."""
    model = REPLY_SCHEMAS.get(template)
    return model.model_json_schema() if model is not None else None


def request_schema(template: str, choices: dict[str, list[str]] | None = None) -> dict | None:
    """The template's schema for one request: a string field named in `choices` may take only
    the values listed there (an `enum`, which constrained decoding enforces: the keyphrases a
    concepts prompt listed, where a small model would otherwise write its own)."""
    schema = json_schema(template)
    if schema is None or not choices:
        return schema
    schema = copy.deepcopy(schema)  # (the shared schema stays as it is)
    for node in [schema, *schema.get("$defs", {}).values()]:
        for name, values in choices.items():
            field = node.get("properties", {}).get(name)
            if field is not None and field.get("type") == "string" and values:
                field["enum"] = list(dict.fromkeys(values))
    return schema


def structured_prompt(prompt: str, template: str, choices: dict[str, list[str]] | None = None) -> str:
    """The prompt as sent with a response schema: the schema replaces the text output format."""
    schema = request_schema(template, choices)
    if schema is None:
        return prompt
    return (
        f"{prompt}\n\n### Structured output\nIgnore the output format above: reply with one JSON object "
        f"that follows this JSON schema, and nothing else.\n{json.dumps(schema, sort_keys=True)}"
    )


def canonical_text(template: str, reply_text: str) -> str:
    """A structured reply validated and written back as the template's text format.

    Raises SchemaMismatch with pydantic's account of what does not fit."""
    model = REPLY_SCHEMAS.get(template)
    if model is None:
        raise SchemaMismatch(f"template {template!r} has no reply schema")
    try:
        return model.model_validate_json(reply_text).canonical_text()
    except ValidationError as err:
        raise SchemaMismatch(f"the reply does not fit the {template} schema: {_problems(err)}") from err


def _problems(err: ValidationError) -> str:
    """pydantic's account of what does not fit, the first five places."""
    return "; ".join(f"{'.'.join(str(p) for p in e['loc']) or '(top)'}: {e['msg']}" for e in err.errors()[:5])


_JSON_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def _closed_items(text: str, field: str) -> tuple[list, bool] | None:
    """The items of `{"<field>": [item, item, ...` that were closed before the text ends, and
    whether the list itself was closed; None when the text does not open that object and list.

    Written by hand on the standard decoder because pydantic's partial JSON mode completes the
    item being written at the cut (a concept of two fields, an example list cut in half), and
    only what the model finished may be read."""
    at = _JSON_SPACE.match(text).end()
    if text[at : at + 1] != "{":
        return None
    try:
        key, at = _DECODER.raw_decode(text, _JSON_SPACE.match(text, at + 1).end())
    except json.JSONDecodeError:
        return None
    at = _JSON_SPACE.match(text, at).end()
    if key != field or text[at : at + 1] != ":":
        return None
    at = _JSON_SPACE.match(text, at + 1).end()
    if text[at : at + 1] != "[":
        return None
    at, items = at + 1, []
    while True:
        at = _JSON_SPACE.match(text, at).end()
        if text[at : at + 1] == "]":
            return items, True
        try:
            item, at = _DECODER.raw_decode(text, at)
        except json.JSONDecodeError:
            return items, False  # (the item being written at the cut)
        items.append(item)
        at = _JSON_SPACE.match(text, at).end()
        if text[at : at + 1] != ",":
            return items, text[at : at + 1] == "]"
        at += 1


def completed_items_text(template: str, reply_text: str) -> str | None:
    """A structured reply cut by the token limit, validated and written back as the template's
    text with the list items completed before the cut; None when it completed none, or when the
    template's answer is not a list (a signature cut short is no signature).

    Raises SchemaMismatch when a completed item does not fit the schema."""
    model = REPLY_SCHEMAS.get(template)
    if model is None:
        raise SchemaMismatch(f"template {template!r} has no reply schema")
    (field, info), *others = model.model_fields.items()
    if others or getattr(info.annotation, "__origin__", None) is not list:
        return None
    found = _closed_items(reply_text, field)
    if found is None or not (found[0] or found[1]):
        return None
    try:
        return model.model_validate({field: found[0]}).canonical_text()
    except ValidationError as err:
        raise SchemaMismatch(f"the completed items do not fit the {template} schema: {_problems(err)}") from err
