"""How checks are judged: literals on the trusted side, calls with arguments as values, and a
function check's verdict from a child that holds no generation code."""

import pytest

from vcot_assets.core.consensus.testcases import literal_value
from vcot_assets.evals.execution import CallCheck, FunctionCheck, LiteralCheck, call_chain, judge, literal_text

CODE = "def f(xs, k=1):\n    return [x * k for x in xs]\n"


class Counting:
    """The sandbox, counting what it was asked to run."""

    def __init__(self, sandbox):
        self.sandbox = sandbox
        self.calls = []
        self.checks = []

    def run_calls(self, requests):
        self.calls.extend(requests)
        return self.sandbox.run_calls(requests)

    def run_checks(self, requests):
        self.checks.extend(requests)
        return self.sandbox.run_checks(requests)


def test_literals_are_judged_without_running_anything(runner):
    counting = Counting(runner)
    checks = [LiteralCheck("[1, 2]", "[1, 2]"), LiteralCheck("[1, 2]", "[1, 2][:]"), LiteralCheck("1", "1.0")]
    verdicts, stats = judge(checks + checks[:1], counting)
    assert [verdicts[c] for c in checks] == [True, False, True]
    assert (stats.checks, stats.distinct, stats.literal) == (4, 3, 3)
    assert counting.calls == [] and counting.checks == []


def test_literal_arguments_go_straight_to_the_child_holding_the_function(runner):
    counting = Counting(runner)
    checks = [
        CallCheck(CODE, "f", "f([1, 2], 3)", "[3, 6]"),
        CallCheck(CODE, "f", "f([1, 2], k=2)", "[3, 6]"),
        CallCheck(CODE, "f", "f([1, 2], k=1 + 2)", "[3, 6]"),  # an expression: evaluated apart
        CallCheck(CODE, "f", "g([1, 2], 3)", "[3, 6]"),  # another function
    ]
    verdicts, stats = judge(checks, counting)
    assert [verdicts[c] for c in checks] == [True, False, True, False]
    assert (stats.argument_children, stats.call_children) == (1, 1)
    # The child holding the function gets values, never the generation's expressions.
    (call_request,) = [r for r in counting.calls if r.request_id.startswith("call-")]
    assert call_request.code == CODE
    assert all("1 + 2" not in call for call in call_request.calls)


def test_each_generation_with_expressions_gets_its_own_child(runner):
    counting = Counting(runner)
    checks = [CallCheck(CODE, "f", f"f(list(range({n})))", "[0, 1]") for n in range(3)]
    verdicts, stats = judge(checks, counting)
    assert [verdicts[c] for c in checks] == [False, False, True]
    argument_requests = [r for r in counting.calls if r.request_id.startswith("arguments-")]
    assert len(argument_requests) == 3 and all(len(r.calls) == 1 for r in argument_requests)


def test_a_call_that_times_out_does_not_skip_the_other_predictions():
    from vcot_assets.sandbox import open_sandbox

    code = "def f(n):\n    while n:\n        pass\n    return 0\n"
    checks = [CallCheck(code, "f", f"f({n})", "0", timeout_s=0.2) for n in (1, 2, 0)]
    with open_sandbox("local", workers=1) as box:
        verdicts, _ = judge(checks, box)
    assert [verdicts[c] for c in checks] == [False, False, True]


def test_call_chains():
    assert [(link.attribute, link.arguments, link.literal) for link in call_chain("Box(1).push(x=[2])", "Box")] == [
        ("", "1", True),
        ("push", "x=[2]", True),
    ]
    assert call_chain("f(1) + f(2)", "f") is None
    assert call_chain("f(1).__class__()", "f") is None
    assert call_chain("g(f(1))", "f") is None
    assert call_chain("f(", "f") is None


@pytest.mark.parametrize(
    "value",
    [1, -2.5, float("inf"), float("-inf"), 1j + 2, "x'\"", b"\x00", [1, (2,)], {"a": {3}}, frozenset({1}), set()],
)
def test_literal_text_reads_back(value):
    assert literal_value(literal_text(value)) == value


def test_literal_text_of_nan():
    rebuilt = literal_value(literal_text(float("nan")))
    assert rebuilt != rebuilt


HELPERS = "def double(x):\n    '''stub'''\n"


def test_function_checks_pass_only_when_the_test_completes(runner):
    good = FunctionCheck("def double(x):\n    return 2 * x\n", "double", HELPERS, "assert double(2) == 4")
    bad = FunctionCheck("def double(x):\n    return x\n", "double", HELPERS, "assert double(2) == 4")
    broken = FunctionCheck("def double(x) return", "double", HELPERS, "pass")
    raises = FunctionCheck(
        "def double(x):\n    raise ValueError(x)\n",
        "double",
        HELPERS,
        "try:\n    double(2)\n    raise AssertionError('no error')\nexcept ValueError:\n    pass",
    )
    verdicts, stats = judge([good, bad, broken, raises], runner)
    assert [verdicts[c] for c in (good, bad, broken, raises)] == [True, False, False, True]
    assert stats.check_pairs == 4
