"""Narration requests and the teacher-based entity extraction, on real traces and the offline teacher."""

from vcot_assets.core.consensus.records import SelectedPair
from vcot_assets.core.grounding.narration import (
    entity_requests,
    narration_requests,
    rationales_from_replies,
    sentence_key,
)
from vcot_assets.core.grounding.records import Rationale
from vcot_assets.core.records import TeacherReply
from vcot_assets.core.verifier.sentences import split_sentences
from vcot_assets.core.verifier.teacher_claims import TeacherExtractor
from vcot_assets.core.verifier.verdict import verify_backward, verify_forward
from vcot_assets_tests.core.trace_fixtures import traced
from vcot_offline import FailureRates, answer

CODE = "def running_total(nums):\n    total = 0\n    out = []\n    for n in nums:\n        total += n\n        out.append(total)\n    return out\n"
CALL = "running_total([4, -1, 3])"


def pair() -> SelectedPair:
    return SelectedPair(
        "i1",
        "c1",
        "easy",
        "function",
        "Running totals.",
        "i1-s0",
        CODE,
        "i1-t00",
        f"assert {CALL} == [4, 3, 6]",
        CALL,
        "[4, 3, 6]",
        72.0,
        4,
        1.0,
    )


def ask(requests, rates: FailureRates | None = None):
    return {
        r.key: TeacherReply(r.key, answer(r.prompt, r.sample_index, rates), model="offline/default") for r in requests
    }


def test_faithful_narrations_come_back_as_rationales_the_verifier_accepts():
    trace = traced(CODE, CALL, "i1")
    requests = narration_requests([pair()], {"i1": trace})
    assert [r.template for r in requests] == ["narrate_forward", "narrate_backward"]
    rationales, rejections = rationales_from_replies(requests, ask(requests, FailureRates.none()))
    assert rejections == []
    forward, backward = rationales
    assert (forward.rationale_id, forward.direction, forward.answer) == ("i1-forward", "forward", "[4, 3, 6]")
    assert (backward.rationale_id, backward.direction, backward.answer) == ("i1-backward", "backward", CALL)
    assert {r.teacher for r in rationales} == {"offline/default"}
    assert verify_forward(forward, trace).accepted
    assert verify_backward(backward, trace.returned, traced(CODE, backward.answer, "i1-backward")).accepted


def test_a_narration_without_an_answer_or_a_reply_is_rejected_with_its_reason():
    trace = traced(CODE, CALL, "i1")
    forward_request, _ = narration_requests([pair()], {"i1": trace})
    replies = {forward_request.key: TeacherReply(forward_request.key, "total becomes 4.", model="offline/default")}
    rationales, rejections = rationales_from_replies(narration_requests([pair()], {"i1": trace}), replies)
    assert rationales == []
    assert [(r.item_id, r.reason) for r in rejections] == [
        ("i1-forward", "no_answer"),
        ("i1-backward", "teacher_error"),
    ]


def test_teacher_extraction_grounds_a_faithful_rationale_and_rejects_a_false_one():
    trace = traced(CODE, CALL, "i1")
    faithful = Rationale(
        "i1-forward",
        "i1",
        "forward",
        "total starts at 0. After the first element total = 4. Then total = 3. Finally total = 6.",
        "[4, 3, 6]",
    )
    wrong = Rationale(
        "i1-forward", "i1", "forward", "total starts at 0. After the first element total = 5.", "[4, 3, 6]"
    )
    requests = entity_requests([faithful, wrong])
    assert len(requests) == len({s for r in (faithful, wrong) for s in split_sentences(r.text)})
    replies = ask(requests)
    by_sentence = {s: replies[sentence_key(s)].text for r in (faithful, wrong) for s in split_sentences(r.text)}
    extract = TeacherExtractor(by_sentence)
    assert verify_forward(faithful, trace, extract=extract).accepted
    report = verify_forward(wrong, trace, extract=extract)
    assert not report.accepted
    assert any(e.value == "5" for s in report.sentences for e in s.ungrounded)
