"""One entry point for reading any teacher reply: `read_teacher_text(template, text, finish_reason)`.

Stage assets, `vcot` commands and the parsing benchmark all read replies through it, so a reply
is read the same way everywhere. It never raises: a reply that cannot be read is a `Reading`
with a rejection reason. A reply cut by the token limit (`finish_reason == "length"`) is
recorded as truncated: list templates keep the items completed before the cut; a template whose
answer is one value (a signature, a program, an answer line) is rejected as `truncated`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from vcot_assets.core.synthesis import parsing
from vcot_assets.core.verifier.teacher_claims import parse_claims_reply

LIST_TEMPLATES = frozenset({"concepts", "instructions", "test_scenarios", "candidate_tests", "extract_entities"})
TEMPLATES = LIST_TEMPLATES | {"signature", "candidate_code", "narrate_forward", "narrate_backward"}


@dataclass
class Reading:
    template: str
    value: Any = None  # what the template's parser returns; None when rejected
    rejection: str | None = None  # a reason code when nothing could be read
    detail: str = ""
    truncated: bool = False
    item_rejections: list[Any] = field(default_factory=list)  # per-item rejections (tests)


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
    if template in ("narrate_forward", "narrate_backward"):
        return parsing.parse_narration(text)
    if template == "extract_entities":
        return parse_claims_reply(text, truncated=truncated)
    raise ValueError(f"unknown template {template!r}")


def read_teacher_text(
    template: str, text: object, finish_reason: str | None = "stop", item_id: str = "reply"
) -> Reading:
    """Read one reply to `template`; see the module docstring for truncation."""
    truncated = finish_reason == "length"
    if template == "candidate_tests":
        tests, rejections = parsing.parse_tests(text, item_id, truncated=truncated)
        if not tests and rejections and rejections[0].item_id == item_id:
            return Reading(template, None, rejections[0].reason, rejections[0].detail, truncated)
        return Reading(template, tests, None, "", truncated, rejections)
    if truncated and template not in LIST_TEMPLATES:
        return Reading(template, None, "truncated", "the reply was cut by the token limit", True)
    try:
        return Reading(template, _parse(template, text, truncated), truncated=truncated)
    except parsing.ParseError as err:
        return Reading(template, None, err.reason, err.detail, truncated)
