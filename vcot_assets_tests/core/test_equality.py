"""One meaning of "equal": the rule, the reader, and the three places that compare values agreeing."""

import math

import pytest

from vcot_assets.core.consensus.testcases import values_equal
from vcot_assets.core.equality import NotALiteral, canonical, equal_texts, read_literal, same_value
from vcot_assets.core.grounding.records import Rationale, Sample, Trace
from vcot_assets.core.record_checks import answer_problems
from vcot_assets.core.verifier.answers import answers_match
from vcot_assets.core.verifier.verdict import verify_forward
from vcot_assets_tests.core.trace_fixtures import traced

# (answer, returned value) as text, in the spellings the sandbox's canonical text uses
PAIRS = [
    ("True", "True", True),
    ("1", "True", False),
    ("0", "False", False),
    ("1.0", "1", True),
    ("0.30000000000000004", "0.30000000000000004", True),
    ("0.3", "0.30000000000000004", False),
    ("[1, [2, (3, True)]]", "[1, [2, (3, True)]]", True),
    ("[1, [2, (3, 1)]]", "[1, [2, (3, True)]]", False),
    ("{'k': [1, {2}]}", "{'k': [1, {2}]}", True),
    ("{1: 'x'}", "{True: 'x'}", False),
    ("[1, 2]", "(1, 2)", False),
    ("{1, 2}", "frozenset({2, 1})", True),
    ("float('nan')", "float('nan')", True),
    ("[float('nan'), {'k': (float('nan'),)}]", "[float('nan'), {'k': (float('nan'),)}]", True),
    ("float('nan')", "0.0", False),
    ("float('-inf')", "float('-inf')", True),
    ("set()", "set()", True),
    ("complex(1.0, -2.0)", "(1-2j)", True),
]


@pytest.mark.parametrize(("answer", "returned", "equal"), PAIRS)
def test_the_rule_and_every_place_that_compares_values_agree(answer, returned, equal):
    assert same_value(read_literal(answer), read_literal(returned)) is equal
    assert equal_texts(answer, returned) is equal
    assert answers_match(answer, returned) is equal  # the verifier's final answers
    assert values_equal(answer, returned) is equal  # the test model of the pass/fail matrix
    assert values_equal(returned, answer) is equal
    sample = Sample(
        sample_id="i1-forward",
        view="forward",
        messages=[
            {"role": "user", "content": "What does f() return?"},
            {"role": "assistant", "content": f"It returns that.\n\nAnswer: {answer}"},
        ],
        provenance={"instruction_id": "i1", "trace_sha256": "abc", "output": returned},
    )
    trace = Trace(trace_id="i1", code="def f(): ...", call="f()", status="ok", returned=returned, sha256="abc")
    assert (answer_problems([sample], {"i1": trace}, {}) == []) is equal  # the blocking check


def test_bool_is_not_int_at_any_depth_and_nan_is_nan():
    assert not same_value(True, 1) and not same_value([0], [False]) and not same_value({True: 1}, {1: 1})
    assert same_value(math.nan, float("nan")) and same_value({"k": [math.nan]}, {"k": [float("nan")]})
    assert same_value(1, 1.0) and same_value({1}, frozenset({1})) and not same_value(0.1 + 0.2, 0.3)
    assert canonical([1, True]) != canonical([1, 1])


def test_a_value_that_cannot_be_compared_equals_nothing():
    deep: list = []
    deep.append(deep)
    assert not same_value(deep, deep)


def test_the_reader_takes_the_spellings_of_traces_canonical_text_and_teachers():
    assert math.isnan(read_literal("nan")) and read_literal("[inf, -inf]") == [math.inf, -math.inf]
    assert read_literal(" true ") is True and read_literal("None") is None and read_literal("FALSE") is False
    assert read_literal("frozenset({1, 2})") == frozenset({1, 2}) and read_literal("set()") == set()
    assert equal_texts("nan", "float('nan')") and equal_texts("[1,2]", "[1, 2]")
    for text in ("<Node object>", "f(1)", "__import__('os')", "float('1.5')", "1 +"):
        with pytest.raises(NotALiteral):
            read_literal(text)
    assert equal_texts("<Node object>", " <Node  object> ") and not equal_texts("<a>", "<b>")


TOTAL = "def total(x):\n    total = x + 0.2\n    return total\n"
NESTED = "def nested(n):\n    flag = n > 0\n    return [n, {'k': (n, flag)}]\n"
NAN = "def spread(n):\n    count = n + 1\n    return [float('inf') * 0] * count\n"


@pytest.mark.parametrize(
    ("code", "call", "text", "answer", "accepted"),
    [
        (TOTAL, "total(0.1)", "total becomes 0.30000000000000004.", "0.30000000000000004", True),
        (TOTAL, "total(0.1)", "total becomes 0.30000000000000004.", "0.3", False),
        (NESTED, "nested(1)", "flag is True.", "[1, {'k': (1, True)}]", True),
        (NESTED, "nested(1)", "flag is True.", "[1, {'k': (1, 1)}]", False),
        (NESTED, "nested(1)", "flag is True.", "[1.0, {'k': (1, True)}]", True),
        (NAN, "spread(0)", "count is 1.", "[nan]", True),
        (NAN, "spread(0)", "count is 1.", "[float('nan')]", True),
        (NAN, "spread(0)", "count is 1.", "[0.0]", False),
    ],
)
def test_a_sample_the_verifier_accepts_passes_the_answers_check(code, call, text, answer, accepted):
    trace = traced(code, call, "i1")
    assert trace.status == "ok", trace.detail
    report = verify_forward(Rationale("i1-forward", "i1", "forward", text, answer), trace)
    assert report.accepted is accepted, report.reasons
    sample = Sample(
        sample_id="i1-forward",
        view="forward",
        messages=[
            {"role": "user", "content": f"What does {call} return?"},
            {"role": "assistant", "content": f"{text}\n\nAnswer: {answer}"},
        ],
        provenance={"instruction_id": "i1", "trace_sha256": trace.sha256, "output": trace.returned},
    )
    assert (answer_problems([sample], {"i1": trace}, {}) == []) is accepted
