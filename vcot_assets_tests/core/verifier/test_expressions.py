import ast

import pytest

from vcot_assets.core.verifier.expressions import UnknownValue, evaluate, expression_end


def value_of(code: str, **state):
    return evaluate(ast.parse(code, mode="eval").body, state)


def test_and_and_or_stop_where_python_stops():
    # `best[1]` would fail on None: Python never evaluates it while best is None
    assert value_of("best is None or wait < best[1]", best=None, wait=480) is True
    assert value_of("best is None or wait < best[1]", best=(420, 480), wait=30) is True
    assert value_of("xs and xs[0] > 2", xs=[]) == []
    assert value_of("name or 'anon'", name="") == "anon"
    with pytest.raises(UnknownValue):  # an operand that is reached and cannot be read still says so
        value_of("best is not None and missing > 1", best=1)


def test_a_dot_before_a_letter_no_python_name_starts_with_ends_the_operand():
    # `x.é`: `é` is a letter to str.isalpha() but starts no ASCII name; this raised AttributeError
    assert expression_end("x.é + 1", 0) == 1
    assert expression_end("self.é", 0) == 4
    assert expression_end("self.total + 1", 0) == len("self.total + 1")


def test_a_shift_too_large_to_build_is_unknown_not_a_smaller_shift():
    assert value_of("1 << 12") == 4096
    with pytest.raises(UnknownValue):
        value_of("1 << 10**10")
    assert value_of("(10**64)**64") == 10**4096
    with pytest.raises(UnknownValue):  # every exponent small, the tower not: it used to take seconds, and more
        value_of("(((10**64)**64)**64)**64")
