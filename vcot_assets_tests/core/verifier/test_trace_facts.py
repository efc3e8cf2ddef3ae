"""What the verifier knows of one execution, on real traces (the programs are traced in a child)."""

import ast

from vcot_assets.core.verifier.trace_facts import forget_trace_facts, grounded_literal, trace_facts
from vcot_assets_tests.core.trace_fixtures import traced

CODE = """\
def sweep(words):
    seen = set()
    total = 0
    for w in words:
        if w in seen:
            continue
        seen.add(w)
        total += len(w)
    return total, sorted(seen)
"""


def test_facts_are_computed_once_per_trace_until_forgotten():
    trace = traced(CODE, "sweep(['ab', 'c', 'ab'])")
    first = trace_facts(trace)
    assert trace_facts(trace) is first
    forget_trace_facts()
    assert trace_facts(trace) is not first


def test_values_held_at_any_depth_are_found_by_value():
    facts = trace_facts(traced(CODE, "sweep(['ab', 'c', 'ab'])"))
    assert grounded_literal(facts, ["ab", "c"])  # the sorted result
    assert ("list", ("ab", "c")) in facts.atoms and ("tuple", ("ab", "c")) not in facts.atoms  # kinds kept apart
    assert grounded_literal(facts, {"ab", "c"})  # the set `seen`
    assert grounded_literal(facts, "b")  # a substring of a string the run holds
    assert not grounded_literal(facts, ["c", "ab", "zz"])


def test_loop_passes_and_the_lines_that_test_a_condition():
    facts = trace_facts(traced(CODE, "sweep(['ab', 'c', 'ab'])"))
    # total at each pass of the loop header: before each word, and at the exit
    assert [0, 2, 3, 3] in facts.per_iteration("total")
    tested = facts.condition_events(ast.parse("'ab' in seen", mode="eval").body)
    assert len(tested) == 2  # `w in seen` was tested with w = 'ab' twice
    assert all(facts.index.events[i].line_no == 5 for i in tested)


def test_the_computations_on_each_line_have_a_run_of_values():
    code = "def f(xs):\n    out = 0\n    for x in xs:\n        out = max(out, (x + 1) % 3)\n    return out\n"
    runs = trace_facts(traced(code, "f([1, 2, 3, 4])")).expression_runs()
    assert [2, 2, 2, 2] in runs  # max(out, (x + 1) % 3), once per pass
    assert [2, 0, 1, 2] in runs  # (x + 1) % 3
    assert [2, 3, 4, 5] in runs  # x + 1, an operand of the `%`: a narration may list it too


def test_the_values_a_variable_ends_at_from_some_event_on():
    code = (
        "def add(acc, x):\n    acc = acc + x\n    return acc\n\n"
        "def f(xs):\n    acc = 0\n    for x in xs:\n        acc = add(acc, x)\n    return acc\n"
    )
    facts = trace_facts(traced(code, "f([4, 5])"))  # acc goes 0, 4, 9; each call of add returns with it
    assert {4, 9} <= set(facts.final_values("acc")) and 0 not in facts.final_values("acc")
    assert set(facts.final_values("acc", since=facts.set_events("acc")[-1])) == {9}  # (the first return is passed)


def test_the_line_an_event_belongs_to_began_before_the_calls_it_waited_on():
    code = "def add(acc, x):\n    return acc + x\n\ndef f(xs):\n    acc = 0\n    for x in xs:\n        acc = add(acc, x)\n    return acc\n"
    facts = trace_facts(traced(code, "f([4])"))
    events = facts.index.events
    set_to_4 = facts.set_events("acc")[-1]  # `acc = add(acc, x)` shows acc = 4 after add has returned
    began = facts.line_began(set_to_4)
    assert (events[began].kind, events[began].line_no) == ("line", 7)
    assert any(e.function == "add" for e in events[began:set_to_4])  # (the call it waited on lies between)
    assert facts.line_began(began) == began
