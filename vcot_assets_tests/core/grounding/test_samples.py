from vcot_assets.core.consensus.records import SelectedPair
from vcot_assets.core.grounding.records import Rationale, Trace
from vcot_assets.core.grounding.samples import build_samples, callee_name, drop_duplicate_samples


def pair():
    return SelectedPair(
        "i1",
        "c1",
        "easy",
        "function",
        "Sum running totals.",
        "i1-s0",
        "def running_total(nums):\n    return nums\n",
        "i1-t00",
        "assert running_total([4, -1, 3]) == [4, 3, 6]",
        "running_total([4, -1, 3])",
        "[4, 3, 6]",
        72.0,
        4,
        1.0,
    )


def test_three_views_from_two_verified_rationales():
    trace = Trace("i1", "", "running_total([4, -1, 3])", "ok", returned="[4, 3, 6]", sha256="abc")
    fwd = Rationale("i1-forward", "i1", "forward", "total = 4.", "[4, 3, 6]")
    bwd = Rationale("i1-backward", "i1", "backward", "The last total is 6.", "running_total([4, -1, 3])")
    samples = build_samples(pair(), trace, fwd, bwd, {"concept": "prefix sums"})
    assert [s.view for s in samples] == ["forward", "backward", "bidirectional"]
    bidi = samples[2]
    assert [m["role"] for m in bidi.messages] == ["user", "assistant", "user", "assistant"]
    assert bidi.messages[1]["content"].endswith("Answer: [4, 3, 6]")
    assert bidi.messages[3]["content"].endswith("Answer: running_total([4, -1, 3])")
    assert all(s.provenance["trace_sha256"] == "abc" for s in samples)


def test_only_verified_directions_become_samples():
    trace = Trace("i1", "", "", "ok", returned="[4, 3, 6]")
    samples = build_samples(
        pair(), trace, None, Rationale("i1-backward", "i1", "backward", "x", "running_total([1])"), {}
    )
    assert [s.view for s in samples] == ["backward"]
    assert callee_name("Stack(3).push(1)") == "Stack"


def test_duplicate_conversations_are_rejected_with_a_reason():
    trace = Trace("i1", "", "", "ok", returned="[4, 3, 6]")
    fwd = Rationale("i1-forward", "i1", "forward", "total = 4.", "[4, 3, 6]")
    first = build_samples(pair(), trace, fwd, None, {})
    again = build_samples(pair(), trace, fwd, None, {"concept": "another concept, same exercise"})
    again[0].sample_id = "i2-forward"
    kept, rejections = drop_duplicate_samples(first + again)
    assert [s.sample_id for s in kept] == ["i1-forward"]
    assert [(r.item_id, r.reason) for r in rejections] == [("i2-forward", "duplicate_sample")]
