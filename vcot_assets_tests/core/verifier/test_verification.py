"""Batch verification and its countable rejection reasons, on real traces."""

from vcot_assets.core.records import Rationale, SelectedPair
from vcot_assets.core.verifier.verification import predicted_call_requests, reason_category, verify_rationales
from vcot_assets_tests.core.trace_fixtures import traced

CODE = "def running_total(nums):\n    total = 0\n    out = []\n    for n in nums:\n        total += n\n        out.append(total)\n    return out\n"
CALL = "running_total([4, -1, 3])"


def test_reasons_become_stable_tokens():
    assert reason_category("ungrounded value in sentence 12: 'total = 9'") == "ungrounded_value"
    assert reason_category("answer '2' differs from the traced return value '1'") == "wrong_answer"
    assert reason_category("predicted call 'f(2)' returns '2', not '1'") == "wrong_predicted_call"
    assert reason_category("no checkable claim in the rationale") == "no_claims"
    assert reason_category("Something New: with details 42") == "something_new"


def test_batch_verification_accepts_faithful_and_rejects_with_reasons():
    pair = SelectedPair("i1", "c1", "easy", "function", "Running totals.", "i1-s0", CODE, "i1-t00",
                        f"assert {CALL} == [4, 3, 6]", CALL, "[4, 3, 6]", 72.0, 4, 1.0)
    good = Rationale("i1-forward", "i1", "forward", "total starts at 0. Then total = 4, total = 3 and total = 6.",
                     "[4, 3, 6]")
    backward = Rationale("i1-backward", "i1", "backward", "The last total is 6, so out ends with 6.", "[1, 2, 3]")
    requests = predicted_call_requests([good, backward], {"i1": pair})
    assert [(r.trace_id, r.call) for r in requests] == [("i1-backward", "running_total([1, 2, 3])")]
    predicted = {"i1-backward": traced(CODE, requests[0].call, "i1-backward")}
    verified, rejections = verify_rationales([good, backward], {"i1": traced(CODE, CALL, "i1")}, predicted, 15)
    assert [v.report.accepted for v in verified] == [True, False]
    assert [(r.item_id, r.reason) for r in rejections] == [("i1-backward", "wrong_predicted_call")]
