import ast

import pytest

from vcot_assets.core.verifier.expressions import UnknownValue, evaluate


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
