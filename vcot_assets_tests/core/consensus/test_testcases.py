import math

import pytest

from vcot_assets.core.consensus.testcases import (
    InvalidTest,
    NotALiteral,
    literal_value,
    parse_test,
    value_matches,
    values_equal,
)
from vcot_assets.sandbox.harness import TooLarge, Unserializable, canonical


def test_function_form_is_split_into_call_and_expected():
    case = parse_test("def test_sum():\n    assert solution([1, 2, 3], 2) == [1]\n", "i-t01", "i")
    assert (case.call, case.expected, case.operator) == ("solution([1, 2, 3], 2)", "[1]", "==")
    assert (case.test_id, case.instruction_id) == ("i-t01", "i")


def test_bare_assert_class_form_keywords_and_docstring():
    assert parse_test("assert Stack(3).push(x=4) == 42", "t", "i").call == "Stack(3).push(x=4)"
    case = parse_test('def test_d():\n    """checks it."""\n    assert f(-1, float("inf")) == (1,)', "t", "i")
    assert case.call == "f(-1, float('inf'))" and case.expected == "(1,)"


def test_reversed_comparison_and_is_none():
    assert parse_test("assert 3 == f(1)", "t", "i").call == "f(1)"
    case = parse_test("assert f(1) is None", "t", "i")
    assert case.operator == "is" and case.expected == "None"


@pytest.mark.parametrize(
    "source, reason",
    [
        ("def test_x(:\n    pass", "syntax_error"),
        ("def test_x():\n    x = f(1)", "no_assert"),
        ("import math\nassert f(1) == 2", "multiple_statements"),
        ("def test_x():\n    x = 1\n    assert f(x) == 2", "multiple_statements"),
        ("assert f(1)", "not_equality"),
        ("assert f(1) < 2", "not_equality"),
        ("assert f(1) is 2", "not_equality"),
        ("assert f(1) == 2 == 2", "not_equality"),
        ("assert abs(f(1) - 2) == 0", "wrapped_call"),
        ("assert len(f([1, 2])) == 2", "wrapped_call"),
        ("assert len(Queue()) == 0", "wrapped_call"),
        ("assert f(1)[0] == 2", "not_a_direct_call"),
        ("assert obj.method(1) == 2", "not_a_direct_call"),
        ("assert f(1) == g(2)", "non_literal_expected"),
        ("assert f(1) == [x for x in range(3)]", "non_literal_expected"),
        ("assert f(*args) == 1", "non_literal_argument"),
        ("assert f(y) == 1", "non_literal_argument"),
        ("assert C(1).__eq__(2) == 1", "not_a_direct_call"),
        ("async def test_x():\n    assert f(1) == 1", "async_test"),
        ("def test_x(fixture):\n    assert f(1) == 1", "test_has_parameters"),
        ("@skip\ndef test_x():\n    assert f(1) == 1", "decorated_test"),
    ],
)
def test_rejections_carry_stable_reasons(source, reason):
    with pytest.raises(InvalidTest) as caught:
        parse_test(source, "t", "i")
    assert caught.value.reason == reason


def test_constant_arguments_are_folded_only_where_the_value_is_the_one_written():
    assert parse_test("assert factorize(3 * 19) == [3, 19]", "t", "i").call == "factorize(57)"
    assert parse_test("assert f(1 << 5) == 1", "t", "i").call == "f(32)"
    # too large to build: rejected, never folded to another value (this one read as `f(1 << 4096)`)
    for call in ("f(1 << 10**10)", "f(2 ** 10**9)", "f('a' * 10**9)"):
        with pytest.raises(InvalidTest) as caught:
            parse_test(f"assert {call} == 1", "t", "i")
        assert caught.value.reason == "non_literal_argument"


def test_entry_points_restrict_the_called_name():
    assert parse_test("assert solution(1) == 1", "t", "i", entry_points={"solution"}).call == "solution(1)"
    with pytest.raises(InvalidTest) as caught:
        parse_test("assert len([1]) == 1", "t", "i", entry_points={"solution"})
    assert caught.value.reason == "wrong_function"


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        False,
        0,
        -7,
        10**400,
        1.5,
        -0.0,
        1e300,
        float("inf"),
        float("-inf"),
        3 + 4j,
        complex(float("inf"), -1),
        'it\'s "x"\n',
        b"\x00\xff",
        [],
        (),
        (1,),
        [1, (2, 3)],
        {"a": [1]},
        {1: {2: 3}},
        set(),
        {3, 1, 2},
        frozenset(),
        frozenset({("a", 1), ("b", 2)}),
        [{"k": {1, 2}}],
    ],
)
def test_canonical_text_round_trips_by_value(value):
    text = canonical(value, 1 << 20)
    assert literal_value(text) == value
    assert type(literal_value(text)) is type(value)


def test_nan_round_trips_as_nan_and_equals_nan():
    text = canonical(float("nan"), 100)
    assert math.isnan(literal_value(text))
    assert values_equal(text, "float('nan')")  # vcot's one rule (core/equality.py): NaN is NaN


def test_set_text_does_not_depend_on_insertion_order():
    assert canonical({"b", "a", "c"}, 100) == canonical({"c", "a", "b"}, 100) == "{'a', 'b', 'c'}"


def test_canonical_refuses_objects_that_could_choose_their_own_equality():
    class AlwaysEqual:
        def __eq__(self, other):
            return True

    class SneakyInt(int):
        def __eq__(self, other):
            return True

        __hash__ = int.__hash__

    class SneakyList(list):
        pass

    for value in (
        AlwaysEqual(),
        SneakyInt(3),
        SneakyList([1]),
        [1, AlwaysEqual()],
        {SneakyInt(1): 1},
        {frozenset({SneakyInt(2)})},
        range(3),
        object(),
    ):
        with pytest.raises(Unserializable):
            canonical(value, 1000)


def test_canonical_limits_size_depth_and_cycles():
    with pytest.raises(TooLarge):
        canonical("x" * 1000, 100)
    nested: list = []
    for _ in range(200):
        nested = [nested]
    with pytest.raises(Unserializable):
        canonical(nested, 1 << 20)
    loop: list = []
    loop.append(loop)
    with pytest.raises(Unserializable):
        canonical(loop, 1000)


def test_values_equal_uses_python_equality_on_canonical_rebuilt_values():
    assert values_equal("[1, 2.0, True]", "[1.0, 2, True]")
    assert not values_equal("[1, 2.0, True]", "[1.0, 2, 1]")  # bool is not int (core/equality.py)
    assert values_equal("{'a': 1, 'b': 2}", "{'b': 2, 'a': 1}")
    assert values_equal("frozenset({1, 2})", "{2, 1}")
    assert not values_equal("[1, 2]", "(1, 2)")
    assert not values_equal("1", "__import__('os').system('true')")


@pytest.mark.parametrize(
    "text",
    [
        "__import__('os')",
        "f(1)",
        "x",
        "[i for i in range(3)]",
        "1 + 2",
        "float('1.5')",
        "{**d}",
        "...",
        "set(1)",
        "lambda: 1",
        "(" * 500 + ")" * 500,
    ],
)
def test_literal_reader_rejects_everything_but_literals(text):
    with pytest.raises(NotALiteral):
        literal_value(text)


def test_value_matches_honours_is_for_singletons():
    case = parse_test("assert f() is None", "t", "i")
    assert value_matches("None", case)
    assert not value_matches("0", case)
    assert not value_matches("[]", case)
    eq_case = parse_test("assert f() == 0", "t", "i")
    assert not value_matches("False", eq_case)  # bool is not int (core/equality.py), unlike Python's ==
    assert value_matches("0", eq_case)
