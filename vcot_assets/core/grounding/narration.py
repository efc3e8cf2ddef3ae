"""Stage C: ask the teacher to narrate traces forward and backward, and read its rationales."""

from __future__ import annotations

import hashlib

from vcot_assets.core.consensus.records import SelectedPair
from vcot_assets.core.grounding.records import Rationale, Trace
from vcot_assets.core.grounding.samples import callee_name
from vcot_assets.core.prompts import render
from vcot_assets.core.records import Rejection, TeacherReply, TeacherRequest
from vcot_assets.core.synthesis import parsing
from vcot_assets.core.synthesis.steps import read_reply
from vcot_assets.core.verifier.sentences import split_sentences

DIRECTIONS = ("forward", "backward")


def narration_requests(pairs: list[SelectedPair], traces: dict[str, Trace]) -> list[TeacherRequest]:
    requests = []
    for pair in pairs:
        trace = traces.get(pair.instruction_id)
        if trace is None or trace.status != "ok":
            continue
        requests.append(
            TeacherRequest(
                key=f"{pair.instruction_id}|forward",
                template="narrate_forward",
                prompt=render("narrate_forward", code=pair.code.rstrip(), call=pair.call, trace=trace.text),
            )
        )
        requests.append(
            TeacherRequest(
                key=f"{pair.instruction_id}|backward",
                template="narrate_backward",
                prompt=render(
                    "narrate_backward",
                    code=pair.code.rstrip(),
                    output=trace.returned,
                    trace=trace.text,
                    function=callee_name(pair.call),
                ),
            )
        )
    return requests


def rationales_from_replies(
    requests: list[TeacherRequest],
    replies: dict[str, TeacherReply],
) -> tuple[list[Rationale], list[Rejection]]:
    rationales, rejections = [], []
    for request in requests:
        instruction_id, direction = request.key.split("|")
        rationale_id = f"{instruction_id}-{direction}"
        reply = replies.get(request.key)
        parse = parsing.parse_backward_narration if direction == "backward" else parsing.parse_narration
        narration, failure = read_reply("rationales", rationale_id, reply, parse)
        if failure:
            rejections.append(failure)
            continue
        text, answer = narration
        rationales.append(
            Rationale(
                rationale_id=rationale_id,
                instruction_id=instruction_id,
                direction=direction,
                text=text,
                answer=answer,
                teacher=reply.model,
            )
        )
    return rationales, rejections


def sentence_key(sentence: str) -> str:
    return hashlib.sha256(sentence.encode("utf-8")).hexdigest()[:16]


def entity_requests(rationales: list[Rationale]) -> list[TeacherRequest]:
    """One extraction request per distinct sentence (the paper's teacher-based extraction)."""
    sentences = {s for r in rationales for s in split_sentences(r.text)}
    return [
        TeacherRequest(key=sentence_key(s), template="extract_entities", prompt=render("extract_entities", sentence=s))
        for s in sorted(sentences)
    ]
