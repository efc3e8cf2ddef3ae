import textwrap

import pytest

from vcot_assets.core.grounding.records import Entity, Rationale
from vcot_assets.core.verifier.answers import answers_match, normalize_backward_answer
from vcot_assets.core.verifier.verdict import verify_backward, verify_forward
from vcot_assets_tests.core.trace_fixtures import BINARY_SEARCH, traced

CALL = "binary_search([1, 3, 5, 7], 5)"

FAITHFUL = (
    "We start with lo = 0 and hi = 3. Since lo <= hi holds, we enter the loop. mid = 1, and arr[1] is 3. "
    "3 == 5 is false, but 3 < 5 is true, so we take the elif branch and lo becomes 2. Then mid = 2. "
    "arr[2] is 5, so arr[mid] == target is true and we take the if branch. The function returns 2."
)
# the paper's example of an unfaithful rationale: the else branch and `hi = 1` never happen
UNFAITHFUL = (
    "We start with lo = 0 and hi = 3. mid = 1, and arr[1] is 3. 3 < 5 is true, but we take the else branch, "
    "so hi = 1. Then mid = 2 and arr[2] is 5. The function returns 2."
)


@pytest.fixture(scope="module")
def trace():
    result = traced(BINARY_SEARCH, CALL)
    assert result.status == "ok" and result.returned == "2"
    return result


def forward(text, answer="2"):
    return Rationale("bs-forward", "bs", "forward", text, answer)


def test_paper_example_faithful_rationale_is_accepted(trace):
    report = verify_forward(forward(FAITHFUL), trace)
    assert report.accepted, report.reasons
    assert all(not s.ungrounded for s in report.sentences)
    assert sum(len(s.grounded) for s in report.sentences) >= 12


def test_paper_example_wrong_branch_and_value_are_rejected_per_sentence(trace):
    report = verify_forward(forward(UNFAITHFUL), trace)
    assert not report.accepted
    bad = [s for s in report.sentences if s.ungrounded]
    assert len(bad) == 1 and "else branch" in bad[0].sentence
    assert [e.text for e in bad[0].ungrounded] == ["hi = 1"]  # the else branch shows in the value it sets
    assert bad[0].window_start <= bad[0].window_end <= bad[0].window_start + 15


def test_answers_compare_by_value_not_substring(trace):
    assert not verify_forward(forward(FAITHFUL, answer="12"), trace).accepted
    assert verify_forward(forward(FAITHFUL, answer=" 2 "), trace).accepted
    assert answers_match("[1, 2]", "[1,2]") and not answers_match("124", "24")
    assert not answers_match("True", "1") and not answers_match("(1, 2)", "[1, 2]")
    assert not answers_match("0.3", "0.30000000000000004")  # floats compare exactly (core/equality.py)


def test_nothing_checkable_is_rejected(trace):
    report = verify_forward(forward("Binary search halves the range until it finds the target."), trace)
    assert not report.accepted and any("no checkable claim" in r for r in report.reasons)


def test_a_claim_past_the_window_resynchronises_and_one_sentence_is_one_moment(trace):
    # `mid = 2` happens 15 events after the start: past a window of 3, found by resynchronising
    assert verify_forward(forward("lo = 0. mid = 2."), trace, window=3).accepted
    # lo = 2 and mid = 2 do hold together; lo = 0 and mid = 2 never do (swapped moments)
    assert verify_forward(forward("Now lo = 2 and mid = 2."), trace, window=3).accepted
    assert not verify_forward(forward("Now lo = 0 and mid = 2."), trace, window=3).accepted


def test_state_consistency_grounds_an_unchanged_earlier_value(trace):
    text = "lo = 0 and hi = 3. mid = 1. lo becomes 2. mid = 2. hi is still 3 and arr is [1, 3, 5, 7]."
    assert verify_forward(forward(text), trace).accepted


def test_backward_is_accepted_when_the_predicted_call_reproduces_the_output(trace):
    text = "The function returns 2, so mid = 2 at the end. Before that lo = 2, and arr[2] is 5."
    rationale = Rationale("bs-backward", "bs", "backward", text, CALL)
    assert verify_backward(rationale, "2", trace).accepted
    report = verify_backward(rationale, "3", trace)
    assert not report.accepted and any("returns '2', not '3'" in r for r in report.reasons)
    assert not verify_backward(rationale, "2", None).accepted
    wrong_story = Rationale("bs-backward", "bs", "backward", "The function returns 2, so mid = 3.", CALL)
    assert not verify_backward(wrong_story, "2", trace).accepted


def test_normalize_backward_answer():
    assert normalize_backward_answer("[4, -1, 3]", "f") == "f([4, -1, 3])"
    assert normalize_backward_answer("'a', 2", "f") == "f('a', 2)"
    assert normalize_backward_answer("f([4, -1, 3])", "f") == "f([4, -1, 3])"
    assert normalize_backward_answer("Answer: `f(1)`", "f") == "f(1)"
    assert normalize_backward_answer("assert f(1) == 2", "f") == "f(1)"
    assert normalize_backward_answer("Stack(3).push(1)", "Stack") == "Stack(3).push(1)"


def test_teacher_extraction_can_be_plugged_in(trace):
    def teacher(sentence):
        return [Entity(kind="value", text=sentence, name="hi", value="1")] if "hi" in sentence else []

    assert not verify_forward(forward("hi drops."), trace, extract=teacher).accepted
    assert verify_forward(forward("hi stays."), trace, extract=lambda s: [Entity("value", s, "hi", "3")]).accepted


def test_loop_counts_and_class_traces():
    code = textwrap.dedent(
        """\
        class Acc:
            def __init__(self, start):
                self.total = start
            def add_all(self, xs):
                for x in xs:
                    self.total += x
                return self.total
        """
    )
    trace = traced(code, "Acc(1).add_all([2, 3])")
    good = "self.total = 1. The loop runs 2 times: total becomes 3, then 6. The method returns 6."
    assert verify_forward(Rationale("a", "a", "forward", good, "6"), trace).accepted
    wrong = "self.total = 1. The loop runs 3 times: total becomes 3, then 6. The method returns 6."
    report = verify_forward(Rationale("a", "a", "forward", wrong, "6"), trace)
    assert not report.accepted and report.reason_codes == ["ungrounded_count"]


def test_a_failed_trace_rejects():
    trace = traced("def f(d):\n    return d['k']\n", "f({})")
    report = verify_forward(Rationale("x", "x", "forward", "d = {}.", "None"), trace)
    assert not report.accepted and report.reasons[0].startswith("trace status exception")


def test_teacher_entities_in_free_form_are_grounded(trace):
    def teacher(sentence):
        return [
            Entity("comparison", sentence, "3 < 5", "true"),
            Entity("branch", sentence, "", "elif branch taken"),
            Entity("loop", sentence, "", "2 times"),
        ]

    assert verify_forward(forward("One step."), trace, extract=teacher).accepted
    assert not verify_forward(forward("One step."), trace, extract=lambda s: [Entity("branch", s, "", "else")]).accepted


def test_claims_only_about_literals_do_not_verify_an_execution(trace):
    report = verify_forward(forward("1 < 2 is true. 3 + 4 = 7."), trace)
    assert not report.accepted and "no claim about this execution" in report.reasons[0]
