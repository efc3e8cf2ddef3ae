"""One entry point for reading any teacher reply: `read_teacher_text(template, text, finish_reason)`.

Stage assets, `vcot` commands and the parsing benchmark all read replies through it, so a reply
is read the same way everywhere. It never raises: a reply that cannot be read is a `Reading`
with a rejection reason. A reply cut by the token limit (`finish_reason == "length"`) is
recorded as truncated: list templates keep the items completed before the cut, in text and in
structured (JSON) replies alike; a template whose answer is one value (a signature, a program,
an answer line) is rejected as `truncated`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from vcot_assets.core.records import TeacherReply
from vcot_assets.core.synthesis import parsing
from vcot_assets.core.verifier.teacher_claims import claims_of_sentence, parse_claims_reply

LIST_TEMPLATES = frozenset({"concepts", "instructions", "test_scenarios", "candidate_tests", "extract_entities"})
TEMPLATES = LIST_TEMPLATES | {"signature", "candidate_code", "narrate_forward", "narrate_backward"}


@dataclass
class Reading:
    template: str
    value: Any = None  # what the template's parser returns; None when rejected
    rejection: str | None = None  # a reason code when nothing could be read
    detail: str = ""
    truncated: bool = False
    # per-item rejections (tests; instructions that name no kind, loop or are stubs; concepts of no listed
    # keyphrase; claims whose value holds what their sentence never writes)
    item_rejections: list[Any] = field(default_factory=list)


def _parse(template: str, text: str, truncated: bool) -> Any:
    if template == "concepts":
        return parsing.parse_concepts(text, truncated=truncated)
    if template == "instructions":
        return parsing.parse_instructions(text, truncated=truncated)
    if template == "signature":
        return parsing.parse_signature(text, "reply")
    if template == "candidate_code":
        return parsing.extract_code_block(text)
    if template == "test_scenarios":
        return parsing.parse_scenarios(text, truncated=truncated)
    if template == "narrate_forward":
        return parsing.parse_narration(text)
    if template == "narrate_backward":
        return parsing.parse_backward_narration(text)
    if template == "extract_entities":
        return parse_claims_reply(text, truncated=truncated)
    raise ValueError(f"unknown template {template!r}")


def read_teacher_text(
    template: str,
    text: object,
    finish_reason: str | None = "stop",
    item_id: str = "reply",
    schema: str | None = None,
    keyphrases: list[str] | None = None,
    sentence: str | None = None,
) -> Reading:
    """Read one reply to `template`; see the module docstring for truncation. `schema` names
    the template whose JSON schema the provider enforced: such a reply is validated against it
    and read as the template's canonical text. `keyphrases` are those a concepts prompt listed:
    a concept tied to none of them is rejected on its own. `sentence` is the one an
    extract_entities prompt gave: a claim whose value holds a word or number it never writes is
    rejected on its own."""
    truncated = finish_reason == "length"
    cut_text = truncated  # (a cut structured reply comes back as the items it completed: no cut in its text)
    if schema is not None:
        try:
            text, cut_text = parsing.structured_text(schema, text, truncated), False
        except parsing.ParseError as err:
            return Reading(template, None, err.reason, err.detail, truncated)
    if template == "candidate_tests":
        tests, rejections = parsing.parse_tests(text, item_id, truncated=cut_text)
        if not tests and rejections and rejections[0].item_id == item_id:
            return Reading(template, None, rejections[0].reason, rejections[0].detail, truncated)
        return Reading(template, tests, None, "", truncated, rejections)
    if truncated and template not in LIST_TEMPLATES:
        return Reading(template, None, "truncated", "the reply was cut by the token limit", True)
    try:
        value = _parse(template, text, cut_text)
        if template == "instructions":  # an item that names no kind, loops or is a stub is rejected on its own
            kept, dropped = [], []
            for kind, statement in value:
                (dropped if parsing.statement_problem(kind, statement) else kept).append((kind, statement))
            return Reading(template, kept, None, "", truncated, [statement for _, statement in dropped])
        if template == "concepts" and keyphrases:  # as the concepts stage does with the listed keyphrases
            kept = [c for c in value if parsing.listed_phrase(c["keyphrase"], keyphrases) is not None]
            dropped = [c["name"] for c in value if c not in kept]
            return Reading(template, kept, None, "", truncated, dropped)
        if template == "extract_entities" and sentence is not None:
            kept, invented = claims_of_sentence(value, sentence)
            return Reading(template, kept, None, "", truncated, [f"invented: {e.text}" for e in invented])
        return Reading(template, value, truncated=truncated)
    except parsing.ParseError as err:
        return Reading(template, None, err.reason, err.detail, truncated)


def reply_problem(template: str, reply: TeacherReply | None) -> tuple[str, str] | None:
    """Why a reply is worth asking again, as (reason, detail), or None.

    A reply that could not be read, or was cut by the token limit, is; a failed call is not
    (the client has retried it already), nor is a reply to a template this module does not read."""
    if template not in TEMPLATES or reply is None or reply.text is None:
        return None
    reading = read_teacher_text(template, reply.text, reply.finish_reason, schema=reply.schema)
    if reading.truncated:
        return "truncated", "the reply was cut by the token limit (finish_reason=length)"
    if reading.rejection is not None:
        return reading.rejection, reading.detail
    return None
