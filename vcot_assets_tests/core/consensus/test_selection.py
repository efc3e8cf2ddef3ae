import pytest

from vcot_assets.core.consensus.selection import code_size, select_canonical_solution, select_test_by_coverage
from vcot_assets.core.synthesis.records import Candidate, TestCase


def test_shortest_solution_ignores_comments():
    verbose = Candidate("s0", "i", 0, "def f(x):\n    # add one, carefully explained at length\n    return x + 1\n")
    longer = Candidate("s1", "i", 1, "def f(x):\n    y = x\n    y = y + 1\n    return y\n")
    assert code_size(verbose.code)[0] < code_size(longer.code)[0]
    assert select_canonical_solution([longer, verbose]) is verbose


def test_highest_coverage_then_the_richer_input():
    tests = [
        TestCase(f"t{i}", "i", f"assert {call} == 0", call, "0")
        for i, call in enumerate(["f([])", "f([3, 1, 2])", "f([5, 4])", "f([" + "1, " * 100 + "1])"])
    ]
    assert select_test_by_coverage(tests, [0.5, 0.9, 0.9, 0.5]) == (tests[1], 0.9)
    assert select_test_by_coverage(tests, [1.0, 1.0, 1.0, 1.0])[0] is tests[3]
    assert select_test_by_coverage(tests[:3], [1.0, 1.0, 1.0])[0] is tests[1]
    with pytest.raises(ValueError):
        select_test_by_coverage(tests, [0.5])
