"""Batch verification and its countable rejection reasons, on real traces."""

from vcot_assets.core.consensus.records import SelectedPair
from vcot_assets.core.grounding.records import Rationale
from vcot_assets.core.verifier.batch import predicted_call_requests, verify_rationales
from vcot_assets.core.verifier.verdict import verify_forward
from vcot_assets_tests.core.trace_fixtures import traced

CODE = "def running_total(nums):\n    total = 0\n    out = []\n    for n in nums:\n        total += n\n        out.append(total)\n    return out\n"
CALL = "running_total([4, -1, 3])"


def test_each_reason_carries_the_code_set_where_it_was_decided():
    trace = traced(CODE, CALL, "i1")
    wrong = Rationale("i1-forward", "i1", "forward", "total starts at 0. Then total = 9.", "[4, 3, 7]")
    report = verify_forward(wrong, trace)
    assert report.reason_codes == ["ungrounded_value", "wrong_answer"]
    assert len(report.reasons) == len(report.reason_codes)
    assert report.reasons[0].startswith("ungrounded value in sentence 2")
    empty = verify_forward(Rationale("i1-forward", "i1", "forward", "It adds things up.", "[4, 3, 6]"), trace)
    assert empty.reason_codes == ["no_claims"]


def test_batch_verification_accepts_faithful_and_rejects_with_reasons():
    pair = SelectedPair(
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
    good = Rationale(
        "i1-forward", "i1", "forward", "total starts at 0. Then total = 4, total = 3 and total = 6.", "[4, 3, 6]"
    )
    backward = Rationale("i1-backward", "i1", "backward", "The last total is 6, so out ends with 6.", "[1, 2, 3]")
    requests = predicted_call_requests([good, backward], {"i1": pair})
    assert [(r.trace_id, r.call) for r in requests] == [("i1-backward", "running_total([1, 2, 3])")]
    predicted = {"i1-backward": traced(CODE, requests[0].call, "i1-backward")}
    verified, rejections = verify_rationales([good, backward], {"i1": traced(CODE, CALL, "i1")}, predicted, 15)
    assert [v.report.accepted for v in verified] == [True, False]
    assert [(r.item_id, r.reason) for r in rejections] == [("i1-backward", "wrong_predicted_call")]
