from vcot_assets.core.grounding.records import Sample, Trace, TraceEvent
from vcot_assets.core.record_checks import (
    answer_problems,
    backward_calls,
    duplicate_problems,
    final_answers,
    rejected_share,
    schema_problems,
)
from vcot_assets.core.synthesis.records import Candidate, Param, Signature


def sample(
    view: str,
    forward: str | None = "[1, 3]",
    backward: str | None = "f([1, 2])",
    sample_id: str | None = None,
    output: str = "[1, 3]",
    sha: str = "abc",
) -> Sample:
    messages = [{"role": "user", "content": "What does f([1, 2]) return?"}]
    if view in ("forward", "bidirectional"):
        messages.append({"role": "assistant", "content": f"x grows.\n\nAnswer: {forward}"})
    if view == "bidirectional":
        messages.append({"role": "user", "content": "Now backwards."})
    if view in ("backward", "bidirectional"):
        messages.append({"role": "assistant", "content": f"Undo it.\n\nAnswer: {backward}"})
    return Sample(
        sample_id=sample_id or f"i1-{view}",
        view=view,
        messages=messages,
        provenance={"instruction_id": "i1", "trace_sha256": sha, "output": output},
    )


TRACE = Trace(trace_id="i1", code="def f(x): ...", call="f([1, 2])", status="ok", returned="[1, 3]", sha256="abc")


def test_schema_accepts_good_records_and_names_bad_fields():
    good = Candidate(candidate_id="i1-s0", instruction_id="i1", sample_index=0, code="def f(): pass")
    assert schema_problems([good], Candidate) == []
    bad = Candidate(candidate_id="", instruction_id="i1", sample_index="0", code=None)  # type: ignore[arg-type]
    problems = schema_problems([bad], Candidate)
    assert any("candidate_id): empty identifier" in p for p in problems)
    assert any("sample_index): expected int, got str" in p for p in problems)
    assert any("code): expected str, got NoneType" in p for p in problems)
    assert schema_problems([{"candidate_id": "x"}], Candidate) == ["record 0: expected Candidate, got dict"]


def test_schema_walks_nested_records_and_containers():
    signature = Signature(
        instruction_id="i1",
        raw="Function: f(x: int) -> int",
        kind="function",
        name="f",
        params=[Param(name="x", type="int")],
        returns="int",
    )
    assert schema_problems([signature], Signature) == []
    signature.params = [Param(name=3, type="int")]  # type: ignore[arg-type]
    assert schema_problems([signature], Signature)
    events = Trace(trace_id="t", code="", call="", status="ok", events=[TraceEvent(index=0, kind="call")])
    assert schema_problems([events], Trace) == []
    events.events = ["not an event"]  # type: ignore[list-item]
    assert schema_problems([events], Trace)


def test_rejected_share():
    assert rejected_share(0, 0) is None
    assert rejected_share(3, 1) == 0.25


def test_duplicates_by_id_and_by_content():
    a, b = sample("forward"), sample("forward", sample_id="i2-forward")
    problems = duplicate_problems([a, a, b])
    assert any("appears twice" in p for p in problems) and any("same conversation" in p for p in problems)
    assert duplicate_problems([sample("forward"), sample("backward")]) == []


def test_answers_match_trace_forward_backward_and_bidirectional():
    good = [sample("forward"), sample("backward"), sample("bidirectional")]
    returns = {"i1-backward": "[1, 3]", "i1-bidirectional": "[1,3]"}
    assert answer_problems(good, {"i1": TRACE}, returns) == []
    assert backward_calls(good) == {"i1-backward": "f([1, 2])", "i1-bidirectional": "f([1, 2])"}
    wrong_forward = sample("forward", forward="[1, 4]")
    assert any("forward answer" in p for p in answer_problems([wrong_forward], {"i1": TRACE}, {}))
    wrong_backward = sample("backward")
    assert any("backward call" in p for p in answer_problems([wrong_backward], {"i1": TRACE}, {"i1-backward": "[0]"}))
    assert any("trace hash" in p for p in answer_problems([sample("forward", sha="zzz")], {"i1": TRACE}, {}))
    assert any("no trace" in p for p in answer_problems([sample("forward")], {}, {}))


def test_missing_answer_line_is_a_problem():
    broken = sample("forward")
    broken.messages[-1]["content"] = "I think it is [1, 3]."
    assert final_answers(broken) == [""]
    assert answer_problems([broken], {"i1": TRACE}, {})
