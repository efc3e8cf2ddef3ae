"""Reading prose claims, one kind at a time, on real traces (the programs are traced in a child)."""

import pytest

from vcot_assets.core.verifier.prose import Walk, check_rationale, check_sentence
from vcot_assets.core.verifier.trace_facts import trace_facts
from vcot_assets_tests.core.trace_fixtures import traced

WINDOW = """\
def window_sums(xs, k):
    total = sum(xs[:k])
    sums = [total]
    for i in range(k, len(xs)):
        total += xs[i] - xs[i - k]
        sums.append(total)
    return sums
"""
CALL = "window_sums([3, 1, 4, 1, 5, 9], 3)"  # sums 8, 6, 10, 15


@pytest.fixture(scope="module")
def facts():
    return trace_facts(traced(WINDOW, CALL))


def verdicts(facts, sentence: str) -> list[tuple[str, bool | None]]:
    return [(check.kind, check.ok) for check in check_sentence(sentence, Walk(facts, 15, False, 0))]


def test_inline_arithmetic_is_evaluated_not_read_as_assignment(facts):
    assert verdicts(facts, "The first window is 3 + 1 + 4 = 8.") == [("arith", True)]
    assert ("arith", False) in verdicts(facts, "The first window is 3 + 1 + 4 = 9.")
    assert verdicts(facts, "`40 & 39 = 32` and `7 ^ 2 = 5`.") == [("arith", True), ("arith", True)]


def test_each_step_of_worked_arithmetic_writes_values_the_step_before_computes(facts):
    assert ("arith", False) not in verdicts(facts, "So (130 + 59) // 60 = 189 // 60 = 3.")
    assert ("arith", False) in verdicts(facts, "So (130 + 59) // 60 = 199 // 60 = 3.")  # 199 // 60 is 3 too
    assert ("arith", False) not in verdicts(facts, "Then 2 * (3 + 4) = 2 * 7 = 14.")
    # a negative step is written with its minus sign: -960 is what 420 - 1380 gives
    assert ("arith", False) not in verdicts(facts, "So (420 - 1380) % 1440 = -960 % 1440 = 480.")
    assert ("arith", False) in verdicts(facts, "So (420 - 1380) % 1440 = -950 % 1440 = 490.")


def test_values_and_loop_summaries_are_checked_against_the_history(facts):
    assert ("value", True) in verdicts(facts, "So `total = 8` before the loop.")
    assert ("value", True) in verdicts(facts, "Then total climbs back to 15.")
    assert ("value", False) in verdicts(facts, "Then total stays at 16.")
    assert ("value", False) in verdicts(facts, "So `total = 99` before the loop.")
    assert verdicts(facts, "The running total goes 8, 6, 10 and 15.")[0] == ("sequence", True)
    assert verdicts(facts, "total goes 8, 6, 11 and 15.")[0] == ("sequence", False)


def test_loop_counts_are_the_loops_runs(facts):
    assert ("count", True) in verdicts(facts, "The loop runs 3 times.")
    assert ("count", False) in verdicts(facts, "The loop runs 4 times.")
    assert ("count", True) in verdicts(facts, "After all 3 windows the list is complete.")
    assert ("count", False) in verdicts(facts, "In total it compared 5 windows.")
    assert ("count", False) in verdicts(facts, "After all 4 windows the list is complete.")


def test_restated_code_is_text_and_a_made_up_value_is_not_grounded(facts):
    assert verdicts(facts, "Each step does `total += xs[i] - xs[i - k]`.") == []
    assert ("literal", True) in verdicts(facts, "The input has a 9 in it.")
    # a literal no claim gives a role and the execution never holds: unverifiable, not proof of an error
    assert ("literal", None) in verdicts(facts, "Then 77 appears.")


def test_values_stated_side_by_side_hold_at_one_moment(facts):
    assert all(ok for _, ok in verdicts(facts, "Now i = 3 and total = 6."))
    assert not all(ok for _, ok in verdicts(facts, "Now i = 5 and total = 6."))
    # values listed with only a semicolon between them are one state too, not steps in turn
    assert all(ok for _, ok in verdicts(facts, "Now `i = 3`; `total = 6`."))
    assert not all(ok for _, ok in verdicts(facts, "Now `i = 5`; `total = 6`."))


PAIRED_STEPS = """\
def paired_steps(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a
"""


def test_values_one_line_sets_together_are_told_as_they_stand_after_that_line():
    trace = traced(PAIRED_STEPS, "paired_steps(3)")  # (a, b): (0, 1), (1, 1), (1, 2), (2, 3)
    assert ungrounded_in(trace, "Pass 1: a = 1, b = 1. Pass 2: a = 1, b = 2. Pass 3: a = 2, b = 3.") == []
    # a = 2 with b still 2 is only between the new values the line shows one by one
    assert ungrounded_in(trace, "Pass 1: a = 1, b = 1. Pass 2: a = 1, b = 2. Pass 3: a = 2, b = 2.") == [
        "b = 2 (never together with a = 2)"
    ]
    # what the swap took from the state before, told as such
    assert (
        ungrounded_in(trace, "Pass 1: a = 1, b = 1. Pass 2: a = 1, b = 2. Pass 3: a = 2 means the old b was 2.") == []
    )


def test_a_named_loop_summary_is_checked_against_that_variables_history(facts):
    assert verdicts(facts, "`sums` grows 8, 6, 10.") == [("sequence", True)]
    assert verdicts(facts, "So `total` goes 8, 6, 10, 15.") == [("sequence", True)]
    # a value another variable holds does not rescue a wrong one in this variable's summary
    assert verdicts(facts, "So `total` goes 8, 6, 3, 15.") == [("sequence", False)]
    assert verdicts(facts, "The loop walks i over 3, 4, 5.") == [("sequence", True)]
    assert verdicts(facts, "The loop walks i over 3, 4, 6.") == [("sequence", False)]
    assert verdicts(facts, "total goes from 8 to 6.") == [("sequence", True)]
    assert verdicts(facts, "total goes from 8 to 7.") == [("sequence", False)]


def test_expressions_of_program_variables_and_sizes_are_evaluated(facts):
    assert ("value", True) in verdicts(facts, "Here len(xs) is 6.")
    assert ("value", False) in verdicts(facts, "Here len(xs) is 5.")
    assert ("value", True) in verdicts(facts, "`xs[1:]` gives 5 numbers.")
    assert ("value", True) in verdicts(facts, "sums ends with 4 entries.")
    assert ("value", False) in verdicts(facts, "sums ends with 5 entries.")
    assert ("count", False) in verdicts(facts, "It returns [8, 6, 10, 15], which has 5 elements.")
    assert ("count", True) in verdicts(facts, "It returns [8, 6, 10, 15], which has 4 elements.")
    # one of several, not the variable: no claim about `sums`'s size
    assert all(kind == "literal" for kind, _ in verdicts(facts, "At least one sums has 9 entries."))


ELEVATOR = """\
class Elevator:
    def __init__(self, floor):
        self.floor = floor

    def go(self, target):
        while self.floor != target:
            self.floor += 1 if target > self.floor else -1
        return self.floor
"""


def test_an_attribute_summary_is_not_read_from_the_argument_of_the_same_name():
    facts = trace_facts(traced(ELEVATOR, "Elevator(2).go(5)"))
    assert verdicts(facts, "self.floor goes 3, 4, 5.") == [("sequence", True)]
    assert verdicts(facts, "self.floor goes 3, 5, 4.") == [("sequence", False)]


PARSE = """\
def parse(lines):
    out = {}
    for line in lines:
        if '=' in line:
            k, v = line.split('=', 1)
            out[k] = v
    return out
"""


def test_a_conditions_truth_is_evaluated_whatever_form_it_takes():
    facts = trace_facts(traced(PARSE, "parse(['a=1', 'debug'])"))
    # an `=` inside a string is not an assignment
    assert verdicts(facts, "`'=' in 'debug'` is `True`, so nothing is stored.") == [("comparison", False)]
    assert verdicts(facts, "`'=' in 'a=1'` is True.") == [("comparison", True)]
    assert verdicts(facts, "`'debug'.isalpha()` is True.") == [("comparison", True)]
    assert verdicts(facts, "`'a=1'.isalpha()` is True.") == [("comparison", False)]
    # restated code followed by its truth is a claim about this run, not text of the program
    assert ("comparison", True) in verdicts(facts, "For 'debug', `if '=' in line:` is False.")
    assert verdicts(facts, "`line.isalpha()` returns False for 'a=1'.")[0] == ("comparison", True)


def test_tuple_targets_take_one_value_each_and_dimensions_are_not_products(facts):
    assert verdicts(facts, "`i, total = 3, 8` at the start of the loop.")[:2] == [("value", True), ("value", True)]
    assert ("value", False) in verdicts(facts, "`i, total = 3, 99` at the start of the loop.")
    # values of different kinds, one per target (the string was read as the last target's value)
    pair = trace_facts(
        traced("def best(day, temp):\n    d, t = day.strip(), temp\n    return d, t\n", "best(' mon', 14)")
    )
    assert verdicts(pair, "So d, t = 'mon', 14.") == [("value", True), ("value", True)]
    assert verdicts(pair, "So d, t = 'mon', 15.") == [("value", True), ("value", False)]
    # `a 3 × 2 grid` names a shape; `3 × 2 = 6` is arithmetic
    assert ("value", False) not in verdicts(facts, "So xs is a 3 × 2 grid of numbers.")
    assert verdicts(facts, "3 × 2 = 6.") == [("arith", True)]


RUNS = """\
def longest_run(xs):
    best = cur = 0
    prev = None
    for x in xs:
        cur = cur + 1 if x == prev else 1
        best = max(best, cur)
        prev = x
    return best
"""


def test_a_summary_that_repeats_a_value_is_read_per_assignment_and_ends_at_means_the_last_value():
    facts = trace_facts(traced(RUNS, "longest_run([4, 4, 1, 1, 1, 2])"))  # cur is 1, 2, 1, 2, 3, 1
    assert verdicts(facts, "cur goes 1, 2, 1, 2, 3, 1.") == [("sequence", True)]
    # the history shows only changes; the repeated 3 is the slip
    assert verdicts(facts, "cur goes 1, 2, 1, 2, 3, 3.") == [("sequence", False)]
    # with a repeat the values are assignments in a row: 1, 2, 2 is no stretch of 1, 2, 1, 2, 3, 1
    assert verdicts(facts, "cur goes 1, 2, 2.") == [("sequence", False)]
    assert ("value", True) in verdicts(facts, "best ends at 3.")
    assert ("value", False) in verdicts(facts, "cur ends at 3.")  # it held 3, but ends at 1


def test_a_run_of_strings_with_one_wrong_value_is_caught():
    facts = trace_facts(
        traced("def initials(ws):\n    return [w[0].upper() for w in ws]\n", "initials(['ab', 'cd', 'ef'])")
    )
    assert verdicts(facts, "It picks up 'A', 'C' and 'E'.") == [("sequence", True)]
    assert verdicts(facts, "It picks up 'A', 'C' and 'F'.") == [("sequence", False)]


def test_prose_forms_that_are_not_claims_or_need_reading_as_counts(facts):
    assert verdicts(facts, "So xs and sums are 2 by 2 tables.") == [("literal", True), ("literal", True)]
    assert ("value", True) in verdicts(facts, "`xs[1:]` holds 5 numbers.")
    assert ("value", False) in verdicts(facts, "`xs[1:]` holds 4 numbers.")
    assert verdicts(facts, "`reversed('3a7')` yields `'7'`, `'a'`, `'3'`.") == [("arith", True)]
    assert verdicts(facts, "`reversed('3a7')` yields `'7'`, `'3'`, `'a'`.") == [("arith", False)]
    # number words inside a quoted string are text of the program, not values
    facts_text = trace_facts(traced("def f(s):\n    return s.split()\n", "f('saves nine so')"))
    assert all(ok for _, ok in verdicts(facts_text, "It returns ['saves', 'nine', 'so'] from 'saves nine so'."))


def test_a_stated_collection_one_entry_off_a_traced_one_is_wrong_not_prose(facts):
    assert ("literal", False) in verdicts(facts, "At that point the list is [8, 6, 11].")  # sums was [8, 6, 10]
    assert ("literal", False) in verdicts(facts, "Then comes [8, 6, 10, 16] out.")  # the sums, one off
    assert ("literal", None) in verdicts(facts, "Something like [7, 7, 7] could come out.")  # unrelated: unverifiable
    assert ("literal", False) not in verdicts(facts, "It starts [8, 6, 11, ...].")  # abbreviated, not wrong


def test_a_permutation_is_not_a_derived_list_and_prose_names_do_not_swallow_literals(facts):
    assert ("literal", True) in verdicts(facts, "Sorted, that is [6, 8, 10, 15].")
    assert ("literal", True) not in verdicts(facts, "So that is [6, 10, 8, 15].")  # any order is not 'sorted'
    # `windows` is no variable of the program: the literal after it is judged on its own
    assert ("literal", False) in verdicts(facts, "So windows = [8, 6, 10, 16].")


def test_negated_comparisons_asides_and_collections_gaining_items(facts):
    assert ("comparison", True) in verdicts(facts, "The index became 6, failed `6 < 6`, and the loop ended.")
    assert ("comparison", True) in verdicts(facts, "`3 > 0` only (`3 > 5` is false).")
    assert ("comparison", True) in verdicts(facts, "Both `4 < 3` and `4 < 4` are False.")
    assert ("value", True) in verdicts(facts, "`sums` gets 10.")
    assert ("value", False) in verdicts(facts, "`sums` gets 11.")
    # what would happen is not a claim about this run
    assert ("literal", False) not in verdicts(facts, "With other input, [8, 6, 11] could come out.")


NESTED = """\
def pairs(n):
    found = 0
    for i in range(n):
        for j in range(i):
            found += 1
    return found
"""


def test_a_count_said_of_a_named_loop_is_that_loops_count():
    facts = trace_facts(traced(NESTED, "pairs(4)"))  # the i loop runs 4 times, the j loop 0, 1, 2, 3 (6 in all)
    assert ("count", True) in verdicts(facts, "`for i in range(n)` runs 4 times.")
    assert ("count", False) in verdicts(facts, "`for i in range(n)` runs 3 times.")  # 3 is a run of the j loop
    assert ("count", True) in verdicts(facts, "The loop over j runs 6 times in total.")
    assert verdicts(facts, "`found += 1` runs once per pair.") == []  # a rate, not a count


def test_backticked_expressions_with_a_value_arithmetic_in_words_and_ranges(facts):
    # a backticked expression of the code said to have a value is evaluated, not masked as code
    assert ("value", True) in verdicts(facts, "Here `len(xs)` is 6.")
    assert ("value", False) in verdicts(facts, "Here `len(xs)` is 7.")
    # arithmetic in words, chains included
    assert verdicts(facts, "Three plus one plus four is eight.") == [("arith", True)]
    assert verdicts(facts, "Four times two is nine.") == [("arith", False)]
    assert verdicts(facts, "That was fourteen plus seven, which is 22.") == [("arith", False)]
    assert ("value", False) in verdicts(facts, "Then total goes back to 7.")
    # `k is 0 or more`: the range a value lies in, not a claim that it is 0
    assert verdicts(facts, "So k is zero or positive.") == []


def test_a_noun_naming_another_variables_values_is_not_that_variable():
    code = (
        "def descents(nums):\n"
        "    drops = 0\n"
        "    for i in range(1, len(nums)):\n"
        "        diff = nums[i - 1] - nums[i]\n"
        "        if diff > 0:\n"
        "            drops += 1\n"
        "    return drops\n"
    )
    facts = trace_facts(traced(code, "descents([9, 4, 6, 2, 8, 1])"))  # diffs 5, -2, 4, -6, 7
    # `drops` counts; the values listed are the positive diffs, in order
    assert verdicts(facts, "The positive ones count as drops: 5, 4 and 7.") == [("sequence", True)]
    assert verdicts(facts, "The positive ones count as drops: 5, 4 and 9.") != [("sequence", True)]
    # one value off the named variable's own run is that summary, wrong
    assert verdicts(facts, "drops goes 1, 2, 4.") == [("sequence", False)]


def test_the_outer_and_the_inner_loop_are_counted_apart():
    code = (
        "def pairs(n):\n"
        "    count = 0\n"
        "    for a in range(n):\n"
        "        for b in range(a):\n"
        "            count += 1\n"
        "    return count\n"
    )
    facts = trace_facts(traced(code, "pairs(4)"))  # outer 4 runs; inner 0, 1, 2, 3 runs, 6 in all
    assert ("count", True) in verdicts(facts, "The outer loop runs 4 times.")
    # 3 is how often the inner loop ran once, not the outer loop's count
    assert ("count", False) in verdicts(facts, "The outer loop runs 3 times.")
    assert ("count", True) in verdicts(facts, "The inner loop runs 6 times in total.")
    assert ("count", False) in verdicts(facts, "The inner loop runs 4 times in total.")
    # with one loop in the code, `the loop` is that loop (3 is this call's count of something else)
    single = trace_facts(
        traced(
            "def twice(xs):\n    out = []\n    for x in xs:\n        out.append(2 * x)\n    return len(out), 3\n",
            "twice([1, 2, 3, 4])",
        )
    )
    assert ("count", True) in verdicts(single, "The loop ran 4 times.")
    assert ("count", False) in verdicts(single, "The loop only ran 3 times.")
    # a loop with a generator in its body is an outer loop too (`all(... for x in row)` is its inner loop)
    code = (
        "def odd_rows(tags, rows):\n    width = 0\n    for tag in tags:\n        for ch in tag:\n            width += 1\n"
        "    kept = []\n    for row in rows:\n        if all(x % 2 for x in row):\n            kept.append(row)\n"
        "    return width, kept\n"
    )
    rows = trace_facts(traced(code, "odd_rows(['ab', 'c'], [[1, 3], [2], [5], [7, 9]])"))  # outer loops: 2 and 4 runs
    assert ("count", True) in verdicts(rows, "The outer loop runs four times.")
    assert ("count", False) in verdicts(rows, "The outer loop runs five times.")


def test_a_condition_the_code_tests_is_judged_where_the_program_tested_it():
    code = "def order(a, b):\n    if len(a) > len(b):\n        a, b = b, a\n    return a + b\n"
    facts = trace_facts(traced(code, "order('abc', 'x')"))
    assert ("comparison", True) in verdicts(facts, "`len(a) > len(b)` is True, so they swap.")
    # after the swap the comparison is False, but that is not when the program tested it
    assert ("comparison", False) in verdicts(facts, "`len(a) > len(b)` is False, so nothing swaps.")
    short_first = trace_facts(traced(code, "order('x', 'abc')"))
    assert verdicts(short_first, "Neither len(a) > len(b) nor len(a) == len(b) holds.") == [
        ("comparison", True),
        ("comparison", True),
    ]
    assert verdicts(short_first, "Here len(a) > len(b) holds.") == [("comparison", False)]


def test_a_run_one_value_off_one_position_of_a_list_is_wrong():
    code = (
        "def buckets(nums):\n"
        "    counts = [0, 0, 0]\n"
        "    for n in nums:\n"
        "        counts[n % 3] += n\n"
        "    return counts\n"
    )
    facts = trace_facts(traced(code, "buckets([4, 7, 10, 3])"))  # counts[1] goes 4, 11, 21
    assert ("sequence", True) in verdicts(facts, "Bucket one goes 4, 11, 21.")
    assert ("sequence", False) in verdicts(facts, "Bucket one goes 4, 12, 21.")


def test_a_backticked_attribute_with_a_value_after_it_is_a_claim_not_restated_code():
    code = (
        "class Meter:\n"
        "    def __init__(self):\n"
        "        self.rollovers = 0\n"
        "    def tick(self, n):\n"
        "        if n > 9:\n"
        "            self.rollovers += 1\n"
        "        return self.rollovers\n"
        "def run(ns):\n"
        "    m = Meter()\n"
        "    return [m.tick(n) for n in ns]\n"
    )
    facts = trace_facts(traced(code, "run([3, 12])"))
    assert ("sequence", True) in verdicts(facts, "`self.rollovers` went from 0 to 1.")
    assert ("sequence", False) in verdicts(facts, "`self.rollovers` went from 1 to 2.")
    # `rollovers 1.` in a terse listing is the attribute `self.rollovers`
    assert ("value", True) in verdicts(facts, "After the second tick: rollovers 1.")
    assert ("value", False) in verdicts(facts, "After the second tick: rollovers 3.")


def test_a_method_chain_said_to_turn_one_value_into_another_is_evaluated():
    code = "def clean(s):\n    t = s.strip().lower()\n    return t\n"
    facts = trace_facts(traced(code, "clean('  0xBEEF ')"))
    assert verdicts(facts, '`s.strip().lower()` turns `"  0xBEEF "` into `"0xbeef"`.') == [("arith", True)]
    # a hex literal inside a string is text, not the number 48879
    assert verdicts(facts, '`s.strip().lower()` turns `"  0xBEEF "` into `"0xBEEF"`.') == [("arith", False)]


def test_sizes_said_with_has_and_claims_after_a_prose_and(facts):
    assert ("value", True) in verdicts(facts, "Now `xs` has 6 items.")
    assert ("value", False) in verdicts(facts, "Now `xs` has 5 items.")
    assert ("value", False) in verdicts(facts, "So `k = 3` and `len(xs)` is 5.")
    # `the second self.x`: an attribute named after an ordinal is still the attribute
    code = "class P:\n    def __init__(self):\n        self.pos = 0\n    def read(self, n):\n        self.pos += n\n        return self.pos\n"
    attribute = trace_facts(traced(code + "def run():\n    p = P()\n    return [p.read(6), p.read(1)]\n", "run()"))
    assert ("value", False) in verdicts(attribute, "After the second read the second self.pos is 3.")
    # a string's words
    words = trace_facts(traced("def count(text):\n    return len(text.split())\n", "count('a bb c')"))
    assert ("value", True) in verdicts(words, "So `text` has 3 words.")
    # what a call of the code gave, in the past tense too
    assert ("value", True) in verdicts(words, "So `text.split()` gave 3 words.")
    assert ("value", False) in verdicts(words, "So `text.split()` gave 4 words.")
    assert ("value", False) in verdicts(words, "So `text.split()` produced 4 pieces.")


def test_states_of_a_run_that_did_not_happen_are_not_judged_against_this_one(facts):
    # k = 4 is no state of this run; in a counterfactual it is another run's, so unverifiable
    assert ("value", False) in verdicts(facts, "Here k = 4.")
    assert ("value", False) not in verdicts(facts, "With k = 4 the first window would be 9.")
    # its arithmetic and comparisons of literals are still checked
    assert ("arith", False) in verdicts(facts, "With k = 4 it would be 3 + 1 + 4 + 1 = 10.")
    assert ("comparison", False) in verdicts(facts, "Then 2 < 2 is true, so it would go on.")
    assert ("comparison", False) in verdicts(facts, "A word of 5 letters would be cut: len('api') >= 5 is true.")


def test_a_collection_then_its_size_is_not_one_run_and_a_length_history_is_read(facts):
    # the list, then how many items it has: the list is checked, and 6 is its size
    assert verdicts(facts, "So xs is [3, 1, 4, 1, 5, 9], six numbers in all.")[0] == ("value", True)
    assert ("sequence", True) in verdicts(facts, "`sums` has length 1, then 2, then 3.")
    assert ("sequence", False) in verdicts(facts, "`sums` has length 1, then 2, then 5.")


def test_a_tested_condition_restated_with_a_value_is_judged_where_it_held_that_value():
    code = "def firsts(word):\n    seen = ''\n    for ch in word:\n        if ch in seen:\n            continue\n        seen += ch\n    return seen\n"
    facts = trace_facts(traced(code, "firsts('oboe')"))
    # the program tested `ch in seen` with ch = 'o' twice: False the first time, True the second
    assert ("comparison", True) in verdicts(facts, "`'o' in seen` is True the second time.")
    # with ch = 'b' it was tested once, and was False (though 'b' is in seen later on)
    assert ("comparison", False) in verdicts(facts, "`'b' in seen` is True, so b is skipped.")
    assert ("comparison", True) in verdicts(facts, "`'b' in seen` is False, so b is added.")


def test_a_call_the_code_makes_is_judged_where_it_was_made():
    code = (
        "def tally(words):\n"
        "    counts = {}\n"
        "    for w in words:\n"
        "        counts[w] = counts.get(w, 0) + 1\n"
        "    return counts\n"
    )
    facts = trace_facts(traced(code, "tally(['x', 'y', 'x'])"))
    assert ("return", True) in verdicts(facts, "The second time, `counts.get('x', 0)` returns `1`.")
    # when the program called it, counts.get('x', 0) gave 0 then 1, never 2 (though counts['x'] ends at 2)
    assert ("return", False) in verdicts(facts, "The second time, `counts.get('x', 0)` returns `2`.")


def test_never_holds_is_false_and_an_untraced_variables_summary_is_unverifiable():
    code = "def shares(n, extra):\n    return [5 + (1 if i < extra else 0) for i in range(n)]\n"
    facts = trace_facts(traced(code, "shares(4, 3)"))
    # `i` lives in the comprehension, which the trace does not show: its values cannot be checked
    assert ("sequence", False) not in verdicts(facts, "The first three (i = 0, 1, 2) pay 6.")
    window = trace_facts(traced(WINDOW, CALL))
    assert ("comparison", True) in verdicts(window, "`total > 100` never holds.")
    assert ("comparison", False) in verdicts(window, "`total > 1` never holds.")


def test_powers_shortened_floats_rates_sizes_and_set_members():
    code = (
        "def stats(points, n):\n"
        "    taken = set()\n"
        "    for p in points:\n"
        "        taken.add(p)\n"
        "    return round(sum(points) / n, 2), taken\n"
    )
    facts = trace_facts(traced(code, "stats([(0, 1), (2, 3), (4, 5)], 7)"))
    assert verdicts(facts, "So 2**1 + 2**4 = 18.") == [("arith", True)]  # `**` between operands is a power
    assert verdicts(facts, "18.0 / 7 = 2.5714..., which rounds to 2.57.")[0] == ("arith", True)
    assert verdicts(facts, "18.0 / 7 = 2.58.")[0] == ("arith", False)
    assert ("sequence", True) in verdicts(facts, "By then taken holds (2, 3), (0, 1) and (4, 5).")
    assert ("sequence", True) in verdicts(facts, "taken grows to 1, 2 and then 3 entries.")
    assert ("sequence", False) in verdicts(facts, "taken grows to 1, 2 and then 4 entries.")
    # `gets 1 item per point`: a rate, not the value of taken
    assert verdicts(facts, "taken gets one item per point.") == []


def test_week_by_week_summaries_negated_values_and_bitwise_not():
    code = (
        "def fill(weeks):\n"
        "    jars, honey = 0, 0\n"
        "    for w in weeks:\n"
        "        honey += w\n"
        "        while honey >= 5:\n"
        "            honey -= 5\n"
        "            jars += 1\n"
        "    return jars, honey\n"
    )
    facts = trace_facts(traced(code, "fill([3, 1, 12, 6])"))  # jars per week 0, 0, 3, 4
    # repeats are the value from one iteration to the next, read at each pass of the loop
    assert ("sequence", True) in verdicts(facts, "Week by week, jars climbs 0, 0, 3, 4.")
    assert ("sequence", False) in verdicts(facts, "Week by week, jars climbs 0, 0, 3, 5.")
    assert ("value", True) in verdicts(facts, "jars never gets to jars = 9.")
    assert ("value", False) in verdicts(facts, "jars never gets to jars = 3.")
    assert verdicts(facts, "So `5 & ~6 = 1`.") == [("arith", True)]
    assert verdicts(facts, "So `5 & ~6 = 4`.") == [("arith", False)]


def test_shift_chains_conditions_that_returned_and_truth_for_a_named_value():
    code = "def split(n, word):\n    high = n >> 4\n    caps = [ch for ch in word if ch.isalpha()]\n    return high, caps\n"
    facts = trace_facts(traced(code, "split(183, 'x1')"))
    assert ("arith", False) in verdicts(facts, "high = 183 >> 4 = 12.")
    assert ("value", True) in verdicts(facts, "high = 183 >> 4 = 11.")
    assert verdicts(facts, "`ch.isalpha()` returns False for 'x'.") == [("comparison", False)]
    assert verdicts(facts, "`ch.isalpha()` returned False for '1'.") == [("comparison", True)]


def test_conditions_in_prose_method_names_and_mixed_runs_are_not_claims(facts):
    # `when k is 0`: a case the code handles, not a state of this run
    assert ("value", False) not in verdicts(facts, "It returns [] when k is 0.")
    # `total.bit_length returns 1`: a method's result, not the function's return
    assert ("return", False) not in verdicts(facts, "total.bit_length returns 1.")
    # `total is 15, 'x' at 5`: a number, then a string: not one run
    assert verdicts(facts, "Refused: total is 15, 'x' at 5.")[0] == ("value", True)


def test_a_statement_said_to_turn_one_state_into_another_is_one_step_of_its_target():
    code = "def book(n, raw):\n    slots = [0, 0]\n    slots[1] += n\n    word = raw.lower()\n    return slots, word\n"
    facts = trace_facts(traced(code, "book(3, 'The')"))
    assert verdicts(facts, "`slots[1] += n` turns `[0, 0]` into `[0, 3]`.") == [("value", True)]
    assert verdicts(facts, "`slots[1] += n` turns `[0, 0]` into `[3, 0]`.") == [("value", False)]
    # an input mapped by a plain assignment: the new value is the claim
    assert verdicts(facts, "`word = raw.lower()` turns 'The' into 'the'.") == [("value", True)]


def test_equations_in_unknowns_requirements_and_ranges_are_not_claims(facts):
    # the left operand would be cut at an operator: an equation the narration solves, not arithmetic
    assert not [v for v in verdicts(facts, "The total T before it satisfies T - T // 5 = 25.") if v[0] == "arith"]
    assert ("comparison", False) not in verdicts(facts, "We need (x + 10) % 26 == 17.")
    assert ("comparison", False) not in verdicts(facts, "The check is `4 + 3 > 9`, so it fails.")
    assert ("value", False) not in verdicts(facts, "So `len(xs) + k` is 8 or 9.")
    assert ("count", False) not in verdicts(facts, "With a carry left, the loop runs once more.")
    assert ("value", False) not in verdicts(facts, "If total is 7, it stops.")


TWO_LOOPS = """\
def tally(words):
    seen = []
    for w in words:
        seen.append(w.upper())
    marks = 0
    for i in range(2):
        marks += i
    return seen, marks
"""


def test_the_value_after_literal_arithmetic_and_a_loop_named_by_its_place():
    facts = trace_facts(traced(TWO_LOOPS, "tally(['a', 'b', 'c'])"))  # loops run 3 times, then 2
    assert verdicts(facts, "`23 % 4`, which is two.") == [("arith", False)]
    assert ("arith", True) in verdicts(facts, "`extra = 23 % 4` is 3.")
    assert ("arith", False) in verdicts(facts, "`extra = 23 % 4` is 2.")
    assert ("count", True) in verdicts(facts, "The second loop ran only two times.")
    assert ("count", False) in verdicts(facts, "The second loop ran only three times.")
    assert ("count", True) in verdicts(facts, "The first loop ran three times.")


GUARD = """\
def pick(items):
    kept = []
    for x in items:
        if x > 2 and x % 2 == 0:
            kept.append(x)
    return kept
"""


def test_a_compound_condition_the_code_tests_is_judged_whole():
    facts = trace_facts(traced(GUARD, "pick([1, 4, 3])"))  # the test is True only for 4
    assert ("comparison", True) in verdicts(facts, "For 4, `if x > 2 and x % 2 == 0:` is True.")
    odd = trace_facts(traced(GUARD, "pick([1, 3])"))  # `x > 2` held for 3, the whole test never did
    assert verdicts(odd, "Then `if x > 2 and x % 2 == 0:` is True.") == [("comparison", False)]
    assert verdicts(odd, "So `x > 2 and x % 2 == 0` is false.") == [("comparison", True)]


def test_a_forward_narration_past_a_test_cannot_claim_an_earlier_iterations_outcome():
    facts = trace_facts(traced(GUARD, "pick([4, 1, 1, 1, 1, 1])"))  # True only for the first x
    late = len(facts.index.events) - 6  # in the last iterations, before the return
    claim = "`if x > 2 and x % 2 == 0:` is True."
    assert [c.ok for c in check_sentence(claim, Walk(facts, 3, False, late))] == [False]
    assert [c.ok for c in check_sentence(claim, Walk(facts, 3, False, 0))] == [True]
    assert [c.ok for c in check_sentence(claim, Walk(facts, 3, True, late))] == [True]  # backward: any order


def test_binary_numerals_prose_before_a_target_and_a_restated_calls_result(facts):
    assert verdicts(facts, "In binary 5 = 101.") == [("arith", True)]
    assert verdicts(facts, "So 3 + 1 = 100.") == [("arith", False)]  # arithmetic, not a binary numeral
    assert ("arith", False) not in verdicts(facts, "A balance of -50 gives -45.")  # not arithmetic on -50
    # `for xs, total = 8`: prose before the comma, the claim is about total
    assert verdicts(facts, "Starting from xs, total = 8.") == [("value", True)]
    # (so too before worked arithmetic: `with three of them, k, total = 3 + 1 + 4 = 8` is about total)
    assert verdicts(facts, "With three of them, k, total = 3 + 1 + 4 = 8.")[:2] == [("value", True), ("arith", True)]
    assert verdicts(facts, "With three of them, k, total = 3 + 1 + 4 = 9.")[:2] == [("value", False), ("arith", False)]
    # the restated call's result, not the function's return
    assert ("return", False) not in verdicts(facts, "It calls `sum(xs[:k])`, which returns 8.")


def test_how_often_a_test_came_out_true_and_how_often_a_variable_changed():
    facts = trace_facts(traced(GUARD, "pick([1, 4, 3, 6])"))  # the test holds for 4 and 6; kept changes twice
    assert ("count", True) in verdicts(facts, "The check `x > 2 and x % 2 == 0` succeeds 2 times.")
    assert ("count", False) in verdicts(facts, "The check `x > 2 and x % 2 == 0` succeeds 3 times.")
    assert ("count", True) in verdicts(facts, "The check `x > 2 and x % 2 == 0` fails 2 times.")
    assert ("count", True) in verdicts(facts, "The loop made 4 passes and `kept` grew 2 times.")
    assert ("count", False) in verdicts(facts, "The loop made 4 passes and `kept` grew 4 times.")


GAINS = """\
def best_gain(prices):
    low = prices[0]
    best = 0
    for p in prices:
        best = max(best, p - low)
        low = min(low, p)
    return best
"""


def test_values_the_program_computes_without_naming_them_are_a_run_to_check_against():
    facts = trace_facts(traced(GAINS, "best_gain([3, 5, 4, 8, 1, 9])"))  # p - low: 0, 2, 1, 5, -2, 8
    assert verdicts(facts, "The gains are 0, 2, 1, 5, -2 and 8.") == [("sequence", True)]
    assert verdicts(facts, "The gains are 0, 2, 1, 6, -2 and 8.") == [("sequence", False)]


def test_a_line_said_to_be_skipped_a_check_that_never_fires_and_a_ranges_end(facts):
    assert verdicts(facts, "The line `total += xs[i] - xs[i - k]` is skipped.") == []
    assert ("value", False) in verdicts(facts, "Here `total = 99`.")  # a claim, still
    assert verdicts(facts, "So the total > 20 check never fires.") == [("comparison", True)]
    assert verdicts(facts, "So the total > 10 check never fires.") == [("comparison", False)]
    # `i = 3 to 5, then 62, 9, 82`: 5 ends a range, it does not start the run 5, 62, 9, 82
    assert ("sequence", False) not in verdicts(facts, "For i = 3 to 4, then 62, 9, 82.")


def test_a_restated_call_said_to_return_a_value_and_a_capitalised_first_word(facts):
    assert ("return", True) in verdicts(facts, "First, `len(xs)` returns 6.")
    assert ("return", False) in verdicts(facts, "First, `len(xs)` returns 5.")
    assert ("return", False) in verdicts(facts, "So `sum(xs[:k])` returned 9.")  # nested brackets: still the call's
    assert ("value", True) in verdicts(facts, "Total becomes 15.")
    assert ("value", False) in verdicts(facts, "Total becomes 16.")


def test_a_count_that_is_arithmetics_result_and_the_inner_loop_named_after_a_restated_header():
    facts = trace_facts(traced(NESTED, "pairs(4)"))  # the i loop runs 4 times, the j loop 6 in all
    assert ("count", True) in verdicts(facts, "The inner loop runs 1 + 2 + 3 = 6 times.")
    assert ("count", False) in verdicts(facts, "The inner loop runs 2 + 3 = 5 times.")
    sentence = "`for i in range(n)` runs 4 times, and the inner `for j` loop body runs {} times."
    assert verdicts(facts, sentence.format(6)) == [("count", True), ("count", True)]
    assert verdicts(facts, sentence.format(4))[1] == ("count", False)  # the j loop's, not the restated i loop's


def test_in_total_said_of_one_count_does_not_make_another_a_line_count():
    facts = trace_facts(traced(NESTED, "pairs(4)"))  # the `for i` header line runs 5 times (4 passes and the exit)
    assert ("count", False) in verdicts(facts, "The outer loop runs 5 times and the inner loop 6 times in total.")
    assert ("count", True) in verdicts(facts, "The outer loop runs 4 times and the inner loop 6 times in total.")
    # a loop header's line runs once more than the loop (the exit test): not a count of its runs
    assert ("count", False) in verdicts(facts, "The outer loop runs 5 times in total.")
    assert ("count", True) in verdicts(facts, "The `found += 1` line runs 6 times in total.")


GRID = """\
def cells(rows, cols):
    seen = []
    for row in range(rows):
        col = 0
        while col < cols:
            seen.append((row, col))
            col += 1
    return len(seen)
"""


def test_a_loop_named_by_a_noun_its_header_holds():
    facts = trace_facts(traced(GRID, "cells(2, 3)"))  # the row loop runs 2 times, the column loop 3 per row
    assert ("count", True) in verdicts(facts, "The column loop ran three times.")
    assert ("count", False) in verdicts(facts, "The column loop ran two times.")
    assert ("count", True) in verdicts(facts, "The row loop ran two times.")


STOP = """\
def first_big(xs, limit):
    total = 0
    for x in xs:
        total += x
        if total > limit:
            break
    return total
"""


def test_the_pass_a_loop_stopped_on_is_a_count_of_its_passes():
    facts = trace_facts(traced(STOP, "first_big([4, 5, 6, 7], 8)"))  # stops on the second pass
    assert verdicts(facts, "So `break` ends the loop on its second iteration.") == [("count", True)]
    assert verdicts(facts, "So `break` ends the loop on its third iteration.") == [("count", False)]


def test_an_object_given_a_value_large_number_words_and_a_quoted_strings_length(facts):
    assert ("value", True) in verdicts(facts, "The next step brings total to 10.")
    assert ("value", False) in verdicts(facts, "The next step brings total to 11.")
    # the participle too (`It adds 14, bringing total to 19`): before, 19 was only a loose literal
    assert ("value", True) in verdicts(facts, "It adds 4, bringing total to 10.")
    assert ("value", False) in verdicts(facts, "It adds 4, bringing total to 11.")
    assert ("value", False) in verdicts(facts, "That turns total into four thousand fifty.")  # 4050, not 4000 and 50
    assert verdicts(facts, '"international" has length 13.') == [("count", True)]
    assert verdicts(facts, '"international" has length 12.') == [("count", False)]


def test_a_chained_comparison_is_one_claim(facts):
    assert verdicts(facts, "It is outside because `0 <= 2 < 2` is false.") == [("comparison", True)]
    assert verdicts(facts, "It is inside because `0 <= 2 < 2` is true.") == [("comparison", False)]


def test_how_often_an_unnamed_test_succeeded_is_any_tested_conditions_tally():
    facts = trace_facts(traced(GUARD, "pick([1, 4, 3, 6])"))  # the test (or a part of it) holds 2 or 3 times
    assert ("count", True) in verdicts(facts, "The test is evaluated 4 times and succeeds 2 times.")
    assert ("count", False) in verdicts(facts, "The test is evaluated 4 times and succeeds 4 times.")  # none did


def test_how_often_something_happened_is_a_lines_count_and_passes_are_a_loops():
    facts = trace_facts(traced(GUARD, "pick([1, 4, 3, 6])"))  # the loop runs 4 times; `kept.append` runs twice
    assert ("count", True) in verdicts(facts, "The loop ran 4 times and a number was kept two times.")
    assert ("count", False) in verdicts(facts, "The loop ran 4 times and a number was kept three times.")
    assert ("count", False) in verdicts(facts, "After two passes the loop is done.")  # passes: the loop's, not a line's


TALLY = """\
def tally(words):
    counts = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    return counts
"""


def test_numerals_in_binary_and_a_library_method_named_alone():
    facts = trace_facts(traced(GAINS, "best_gain([13, 11])"))  # low is 13, then 11
    assert verdicts(facts, "In binary low is 1101, then 1011.") == [("sequence", True)]  # 13, then 11
    assert verdicts(facts, "In binary low is 1101, then 1111.") == [("sequence", False)]
    assert ("value", True) in verdicts(facts, "In binary low is 1011.")
    assert ("value", False) in verdicts(facts, "In binary low is 1111.")
    # a bit operation worked in base 2 after the word `binary`: read once, not twice
    assert ("arith", False) not in verdicts(facts, "Check: 11 ^ 7 = 12 (binary 1011 ^ 0111 = 1100).")
    assert ("arith", False) in verdicts(facts, "Check: 11 ^ 7 = 12 (binary 1011 ^ 0111 = 1101).")
    # the same worked with `is` and a bit word
    assert ("arith", False) not in verdicts(facts, "It becomes 12 | 10 = 14, since 1100 OR 1010 is 1110.")
    assert ("arith", False) in verdicts(facts, "It becomes 12 | 10 = 14, since 1100 OR 1010 is 1111.")
    counts = trace_facts(traced(TALLY, "tally(['a'])"))
    assert ("return", False) not in verdicts(counts, "It stores a with 1, because get returns 0 for a new key.")


def test_a_call_said_to_give_a_run_of_values_and_a_size_that_may_be_one_of_several():
    facts = trace_facts(traced(TALLY, "tally(['a', 'b', 'a'])"))
    assert verdicts(facts, "`reversed(words)` gives 'a', 'b', 'a'.") == [("value", True)]
    assert verdicts(facts, "`reversed(words)` gives 'a', 'a', 'a'.") == [("value", False)]
    assert ("value", False) not in verdicts(facts, "So `len(words)` is 2, 3 or 4.")  # the values it may have


def test_swapped_dict_values_a_literal_compound_condition_and_which_is_after_an_assignment():
    facts = trace_facts(traced(TALLY, "tally(['a', 'b', 'b'])"))  # ends {'a': 1, 'b': 2}
    assert ("literal", False) in verdicts(facts, "The final dictionary is {'a': 2, 'b': 1}.")
    assert ("literal", True) in verdicts(facts, "The final dictionary is {'a': 1, 'b': 2}.")
    assert verdicts(facts, "Here `1 < 0 or 1 >= 6` is True.") == [("comparison", False)]
    assert verdicts(facts, "Here `1 < 0 or 7 >= 6` is True.") == [("comparison", True)]
    gains = trace_facts(traced(GAINS, "best_gain([3, 5])"))
    assert ("value", False) in verdicts(gains, "`low = prices[0]`, which is `7`.")  # a claim about low
    assert ("value", True) in verdicts(gains, "`low = prices[0]`, which is `3`.")
    # the program's line restated without backticks, then `which is`: the same claim
    assert ("value", False) in verdicts(gains, "First low = prices[0], which is 7.")
    assert ("value", True) in verdicts(gains, "First low = prices[0], which is 3.")


def test_moves_x_from_a_to_b_and_a_run_a_variable_reads(facts):
    assert ("sequence", True) in verdicts(facts, "The next window moves `total` from 8 to 6.")
    assert ("sequence", False) in verdicts(facts, "The next window moves `total` from 8 to 7.")
    assert verdicts(facts, "Over the windows `total` reads 8, 6, 10, 15.") == [("sequence", True)]
    assert verdicts(facts, "Over the windows `total` reads 8, 6, 11, 15.") == [("sequence", False)]


def test_a_second_subject_that_shares_the_verb(facts):
    assert verdicts(facts, "So total climbs to 15 and k to 3.") == [("value", True), ("value", True)]
    assert ("value", False) in verdicts(facts, "So total climbs to 15 and k to 4.")


def test_a_test_written_out_with_its_outcome_left_to_what_follows(facts):
    # `5 > 7, so best stays`: the comparison as the program evaluates it, not a claim that it holds
    assert verdicts(facts, "5 > 7, so best stays.") == [("comparison", None)]
    assert verdicts(facts, "5 > 7 is true, so best changes.") == [("comparison", False)]
    assert verdicts(facts, "`5 > 7`, so best changes.") == [("comparison", False)]  # backticked: stated to hold
    assert verdicts(facts, "It changes because 5 > 7.") == [("comparison", False)]
    # a test of literals said to have passed (also `once more`) is told with its outcome
    assert verdicts(facts, "The check 5 > 7 passed, so best changes.") == [("comparison", False)]
    assert verdicts(facts, "Then the check 0 > 0 passed once more.") == [("comparison", False)]
    assert verdicts(facts, "Then the check 0 > 0 failed once more.") == [("comparison", True)]
    # a verdict after the second of two comparisons is the second's alone, unless both are meant
    assert verdicts(facts, "Four is less than nine and 4 == 9 is false.") == [
        ("comparison", True),
        ("comparison", True),
    ]
    assert ("comparison", False) in verdicts(facts, "Both 4 < 9 and 4 == 9 are false.")


def test_tests_and_returns_that_did_not_run_products_and_a_calls_brackets(facts):
    assert verdicts(facts, "The total > 100 check is never reached.") == []
    assert verdicts(facts, "14 > 40, still not above 40.")[0] == ("comparison", None)
    assert ("return", False) not in verdicts(facts, "The line that returns 99 is never reached.")
    assert ("return", False) not in verdicts(facts, "The largest number in the output is 7.")
    assert verdicts(facts, "Then `8 > 1` swaps them, `2 > 9` is false.") == [("comparison", True), ("comparison", True)]
    assert ("count", False) not in verdicts(facts, "The loop ran `k - 2` times.")  # an expression, not 2
    assert ("count", False) not in verdicts(facts, "It adds 50 times the multiplier.")  # a product
    assert ("count", False) not in verdicts(facts, "The entry is 0, since 0 times any length is 0.")
    assert ("count", False) not in verdicts(facts, "That is 62 times 3, which is 186.")
    assert ("count", False) not in verdicts(facts, "right is xs[k:].copy() with 4 items.")  # a call's (), not ()


KEYS = """\
def keys(s):
    out = []
    for ch in s:
        if not ch.isalpha():
            out.append(ch)
    return out
"""


def test_a_test_stated_right_after_its_values_is_judged_in_that_state():
    facts = trace_facts(traced(KEYS, "keys('a-b')"))
    assert ("comparison", False) in verdicts(facts, "ch = '-': `not ch.isalpha()` is False, so nothing is added.")
    assert ("comparison", True) in verdicts(facts, "ch = '-': `not ch.isalpha()` is True, so it is added.")
    assert ("comparison", True) in verdicts(facts, "ch = 'a': `not ch.isalpha()` is False.")
    # after a sequencing word the test may be another iteration's
    assert ("comparison", False) not in verdicts(facts, "ch = '-' comes next; `not ch.isalpha()` was False for 'a'.")
    # a backward narration's premise is not a state of the trace, but the test must still come out
    # so with the values it gives (`not '-'.isalpha()` is True)
    backward = check_sentence("With ch = '-', `not ch.isalpha()` is True.", Walk(facts, 15, True, 0))
    assert [c.ok for c in backward if c.kind == "comparison"] == [True]
    backward = check_sentence("With ch = '-', `not ch.isalpha()` is False.", Walk(facts, 15, True, 0))
    assert [c.ok for c in backward if c.kind == "comparison"] == [False]


def test_a_method_told_without_its_receiver_is_the_programs_one_call_of_it():
    facts = trace_facts(traced(KEYS, "keys('a-b')"))
    # `isalpha()` alone is `ch.isalpha()`, the only call of that method the program makes
    assert ("comparison", False) in verdicts(facts, "`ch = '-'`: `isalpha()` is True, so it is skipped.")
    assert ("comparison", True) in verdicts(facts, "`ch = '-'`: `isalpha()` is False, so it is added.")
    # (a method the program never calls stays as written)
    assert ("comparison", False) not in verdicts(facts, "`ch = '-'`: `isdigit()` is True, but that is not tested.")


DIGITS = """\
def join_digits(xs):
    acc = 0
    for i in range(len(xs)):
        acc = acc * 10 + xs[i]
    return acc
"""


def test_values_after_a_loop_variable_that_opens_the_sentence_belong_to_its_iteration():
    facts = trace_facts(traced(DIGITS, "join_digits([3, 1, 4])"))
    assert ("value", False) not in verdicts(facts, "- i = 1: acc = 31.")
    assert ("value", False) in verdicts(facts, "- i = 1: acc = 314.")  # acc is 314 only once i = 2
    assert ("value", False) not in verdicts(facts, "- i = 0: acc = 3; i = 1: acc = 31.")  # the next anchor


SAVINGS = """\
def savings(goal, deposit):
    balance = 0
    months = 0
    while balance < goal:
        balance += deposit
        months += 1
    return months, balance
"""


def test_a_restated_return_statement_is_judged_where_it_ran():
    facts = trace_facts(traced(SAVINGS, "savings(10, 4)"))  # (3, 12)
    assert verdicts(facts, "`return months, balance` gives `(3, 12)`.") == [("return", True)]
    assert verdicts(facts, "`return months, balance` gives `(12, 3)`.") == [("return", False)]
    assert verdicts(facts, "Finally `return months, balance` hands back (3, 11).") == [("return", False)]
    # the parts said one by one are not the tuple
    assert ("return", False) not in verdicts(facts, "`return months, balance` gives `3` and `12`.")


def test_a_return_whose_value_has_its_type_named_is_that_value():
    facts = trace_facts(traced(SAVINGS, "savings(10, 4)"))  # (3, 12)
    assert verdicts(facts, "The function returns the tuple (3, 12).") == [("return", True)]
    assert verdicts(facts, "The function returns the tuple (12, 3).") == [("return", False)]
    # a value the sentence goes on to build is not the one returned
    assert ("return", False) not in verdicts(facts, "It returns the tuple (12, 3) reversed.")


def test_more_verbs_that_give_a_variable_its_value(facts):
    assert ("value", True) in verdicts(facts, "Then `total` drops to `6`.")  # a named variable, not restated code
    assert ("value", False) in verdicts(facts, "Then `total` drops to `5`.")
    # a change told in the passive
    assert ("value", True) in verdicts(facts, "By then `total` has been cut down to `6`.")
    assert ("value", False) in verdicts(facts, "By then `total` has been cut down to `5`.")
    assert ("value", False) in verdicts(facts, "So total was brought down to 5.")
    assert ("value", True) in verdicts(facts, "sums ended as [8, 6, 10, 15].")
    assert ("value", False) in verdicts(facts, "sums ended as [8, 6, 10, 16].")
    assert ("value", False) in verdicts(facts, "The sums become [8, 6, 11].")
    assert ("value", True) in verdicts(facts, "Then total drops by 2 to 6.")
    assert ("value", False) in verdicts(facts, "Then total drops by 3 to 5.")


def test_the_name_list_is_the_container_the_program_names(facts):
    assert ("value", True) in verdicts(facts, "The sums list finishes as [8, 6, 10, 15].")
    assert ("value", False) in verdicts(facts, "The `sums` list ends up as [8, 6, 10, 14].")
    assert verdicts(facts, "The shopping list is 4 items long.") == [("literal", True)]  # no such name: prose


def test_reached_and_a_change_from_one_value_to_the_next(facts):
    assert ("value", True) in verdicts(facts, "Finally total reached 15.")
    assert ("value", False) in verdicts(facts, "Finally total reached 16.")
    assert ("value", True) in verdicts(facts, "So total is left at 15.")
    assert ("value", False) in verdicts(facts, "So total is left at 16.")
    assert verdicts(facts, "So no earlier total reaching 16 exists.") != [("value", False)]  # nothing held it
    assert ("value", False) not in verdicts(facts, "No entry in the total is 16, so 15 must be last.")
    assert ("value", False) in verdicts(facts, "There is no change so total is 16.")  # `no` of another clause
    assert ("value", False) in verdicts(facts, "In the end it stops with total equal to 16.")
    assert ("value", False) not in verdicts(facts, "The loop counts total equal to 16 as a miss.")  # which it counts
    assert verdicts(facts, "Then total goes from 8 to 6 and then to 10.")[0] == ("sequence", True)
    assert ("sequence", False) in verdicts(facts, "Each step moves total from 8 to 6 and then to 11.")
    assert ("sequence", True) in verdicts(facts, "The loop runs, taking total from 8 to 6, then to 10.")


def test_a_total_of_things_is_a_count_the_run_had(facts):
    assert verdicts(facts, "That is 3 windows in total.") == [("count", True)]  # the loop's passes
    assert verdicts(facts, "It records 4 sums in all.") == [("count", True)]  # the list's size
    assert verdicts(facts, "That is 7 windows in total.") == [("count", False)]
    assert ("count", True) in verdicts(facts, "The loop runs 3 times in all.")  # a loop count, read as one
    assert verdicts(facts, "The loop logged 3 windows.") == [("count", True)]
    assert verdicts(facts, "So 9 windows were processed.") == [("count", False)]


def test_how_many_values_a_range_of_integers_holds(facts):
    assert verdicts(facts, "i goes from 3 to 5, which is 3 values.")[-1] == ("count", True)
    assert verdicts(facts, "i goes from 3 to 5, which is 2 values.")[-1] == ("count", False)
    assert ("count", False) in verdicts(facts, "The years 1896 through 1906, which is 10 years.")
    assert ("count", True) in verdicts(facts, "The years 1896 through 1906, which is 11 years.")
    # `from 3 to 6` may be written for range(3, 6): then it is the loop's count
    assert ("count", False) not in verdicts(facts, "The loop index runs from 3 to 6, that is 3 windows.")


def test_an_entry_named_by_its_position(facts):
    assert verdicts(facts, "Then index 2 becomes 10.") == [("value", True)]
    assert verdicts(facts, "Then index 2 becomes 11.") == [("value", False)]
    assert ("value", False) not in verdicts(facts, "Then index 9 becomes 11.")  # no list of the run is that long


def test_more_words_for_a_conditions_outcome():
    facts = trace_facts(traced(KEYS, "keys('a-b')"))
    assert ("comparison", True) in verdicts(facts, "`ch.isalpha()` came out False for '-'.")
    assert ("comparison", False) in verdicts(facts, "`ch.isalpha()` turned out True for '-'.")
    assert ("comparison", False) in verdicts(facts, "Because of `ch.isalpha()` being True for '-', it was skipped.")


def test_a_restated_update_done_on_the_values_the_sentence_gives(facts):
    assert ("arith", True) in verdicts(facts, "`total += 4` turns six into ten.")
    assert ("arith", False) in verdicts(facts, "`total += 4` turns six into eleven.")
    assert ("arith", False) not in verdicts(facts, "`total += 4` turns total into 10.")  # the variable named


def test_an_unpacked_pair_and_a_value_followed_by_more(facts):
    assert ("value", True) in verdicts(facts, "Then `i, total` ends at `(5, 15)`.")
    assert ("value", False) in verdicts(facts, "Then `i, total` ends at `(5, 16)`.")
    assert ("value", False) not in verdicts(facts, "sums starts as [8] followed by three more sums.")


HITS = """\
def hits(sales, target):
    acc = 0
    for s in sales:
        acc += s
        if acc >= target:
            acc -= target
    return acc
"""


def test_the_values_an_update_line_computes_are_a_run():
    facts = trace_facts(traced(HITS, "hits([3, 5, 2, 7, 1, 4], 10)"))  # after each addition: 3, 8, 10, 7, 8, 12
    assert verdicts(facts, "After each addition it is 3, 8, 10, 7, 8, 12.")[0] == ("sequence", True)
    assert verdicts(facts, "After each addition it is 3, 8, 10, 7, 9, 12.")[0] == ("sequence", False)  # one off


PAIR_HITS = """\
def pair_hits(n):
    hits = 0
    for i in range(1, n + 1):
        for j in range(i, n + 1):
            if (i * j) % 4 == 1:
                hits += 1
    return hits
"""

PEAKS = """\
def peaks(readings):
    peak = 0
    for level in readings:
        if level > peak:
            peak = level
    return peak
"""


def test_a_summary_one_off_the_named_variables_passes_is_wrong_even_if_another_run_holds_it():
    facts = trace_facts(traced(PAIR_HITS, "pair_hits(7)"))  # hits after each row: 2, 2, 4, 4, 5, 5, 6
    assert verdicts(facts, "At the end of each row hits reads 2, 2, 4, 4, 5, 5, 6.")[0] == ("sequence", True)
    # 2, 4, 5, 7, 6 is in the order `j` takes them, but the values are stated as `hits`'s
    assert verdicts(facts, "At the end of each row hits reads 2, 2, 4, 4, 5, 7, 6.")[0] == ("sequence", False)


def test_a_run_of_values_right_after_a_variables_name_is_its_summary():
    facts = trace_facts(traced(PEAKS, "peaks([2, 6, 7, 3, 5, 9, 1, 4, 8, 2])"))  # peak: 0, 2, 6, 7, 9
    assert ("sequence", False) not in verdicts(facts, "Over the readings, `peak` is raised to 2, 6, 7 and finally 9.")
    assert ("sequence", False) in verdicts(facts, "Over the readings, `peak` is raised to 2, 6, 8 and finally 9.")
    # all its values in a row are no slip; some of them in order with one left out (7 here) are
    # one off the stretch 2, 6, 7: on the development corpus such runs were slips, never summaries
    assert ("sequence", False) not in verdicts(facts, "In the end `peak` went through 2, 6, 7 and 9.")
    assert ("sequence", False) in verdicts(facts, "In the end `peak` went through 2, 6 and 9.")


def test_an_equation_in_unknowns_and_a_hex_word_are_not_arithmetic(facts):
    assert ("arith", False) not in verdicts(facts, "So `0 + (-1) + d2 + d3 + 0 = -2`, giving `d2 + d3 = -1`.")
    assert ("arith", False) not in verdicts(facts, "With 10 ^ 12 = 6, prev << 1 = 6 and so prev was 3.")
    assert ("arith", False) not in verdicts(facts, "79 is 4 * 16 + 15, which is 4f in hex.")
    assert ("arith", False) in verdicts(facts, "So 4 * 16 + 15 = 78.")
    assert ("comparison", False) in verdicts(facts, "Then `-4 > 0` is true.")  # a sign after a word stays a sign


def test_words_of_a_quoted_string_and_a_checks_outcome(facts):
    assert verdicts(facts, "Its body `' buy milk'` has 2 words.")[0] == ("count", True)
    assert verdicts(facts, "Its body `' buy milk'` has 3 words.")[0] == ("count", False)
    # a restated test "returns" its outcome: not the function's return value (hits returns 2)
    sums = trace_facts(traced(HITS, "hits([3, 5, 2, 7, 1, 4], 10)"))
    assert ("return", False) not in verdicts(sums, "The `if acc >= target:` check returns True, so 10 is taken off.")
    assert ("return", False) in verdicts(sums, "So the function returns True.")


def test_two_results_joined_by_or_and_a_test_said_to_fail_before_it(facts):
    assert verdicts(facts, "Every cell sees 1 ^ 1 = 0 or 0 ^ 0 = 0.")[:2] == [("arith", True), ("arith", True)]
    assert ("comparison", True) in verdicts(facts, "Both checks failed, `11 <= 10` for A.")
    assert ("comparison", False) in verdicts(facts, "Both checks held, `11 <= 10` for A.")
    # a verdict of its own after the comparison is the one that counts
    assert ("comparison", True) in verdicts(facts, "The first tests fail, `3 > 1` holds.")


def test_a_check_introduced_then_given_its_verdict(facts):
    assert verdicts(facts, "The check is `'r' == 'o'`, which is True.") == [("comparison", False)]
    assert verdicts(facts, "The check is `'r' == 'o'`, which is False.") == [("comparison", True)]
    assert verdicts(facts, "The check is `'r' == 'o'`, and then the loop goes on.") == []  # asked, not claimed


def test_a_test_said_to_have_failed_after_it_or_two_tests_after_fails(facts):
    assert ("comparison", True) in verdicts(facts, "So the next test, 4 ** 3 <= 50, failed.")
    assert ("comparison", False) in verdicts(facts, "So the next test, 3 ** 3 <= 50, failed.")
    assert verdicts(facts, "The mark fails `'*' == '+'` and `'*' == '-'` both.")[:2] == [
        ("comparison", True),
        ("comparison", True),
    ]
    assert ("comparison", False) in verdicts(facts, "The mark fails `'*' == '+'` and `'*' == '*'` both.")


def test_a_calls_result_with_an_adverb_before_returns():
    sums = trace_facts(traced(HITS, "hits([3, 5, 2, 7, 1, 4], 10)"))  # acc holds 7 once; the function returns 2
    assert ("return", True) in verdicts(sums, "Here `abs(acc)` now returns 7.")  # the call's result, not the function's
    assert ("return", False) in verdicts(sums, "Here `abs(acc)` now returns 6.")


def test_arithmetic_in_words_with_a_remainder_or_more_words_after(facts):
    assert verdicts(facts, "Twenty-eight divided by eight is three with four left over.")[0] == ("arith", True)
    assert verdicts(facts, "Twenty-eight divided by eight is four with four left over.")[0] == ("arith", False)
    # (`is one remainder two`, w430-5: the quotient, then the remainder)
    assert verdicts(facts, "Five divided by three is one remainder two.")[0] == ("arith", True)
    assert verdicts(facts, "Five divided by three is two remainder one.")[0] == ("arith", False)
    assert ("arith", False) not in verdicts(facts, "Twenty-eight is 1 + 27, which is one cubed plus three cubed.")
    assert ("arith", False) in verdicts(facts, "Twenty-eight is 1 + 27, which is 29.")


SCORE = """\
def score(arrows):
    marks = []
    for a in arrows:
        marks.append(a * 2)
    return sum(marks), len(marks)
"""


def test_a_returned_total_and_some_of_a_loops_passes(facts):
    arrows = trace_facts(traced(SCORE, "score([10, 17])"))  # returns (54, 2); no variable holds 54
    assert ("count", True) in verdicts(arrows, "The arrows scored 54 points in total.")
    assert ("count", False) in verdicts(arrows, "The arrows scored 56 points in total.")
    # window_sums' loop runs 3 times
    assert ("count", True) in verdicts(facts, "In those two iterations the sum grows.")  # some of the 3
    assert ("count", False) in verdicts(facts, "In those four iterations the sum grows.")
    assert ("count", False) in verdicts(facts, "The loop runs 2 times.")


TANK = """\
class Tank:
    def __init__(self, amount):
        self.held = amount

    def take(self, part):
        if part > self.held:
            part = self.held
        self.held -= part
        return self.held
"""


def test_a_value_then_a_comparison_after_a_comma():
    facts = trace_facts(traced(TANK, "Tank(100).take(30)"))  # held 100, then 70
    assert verdicts(facts, "Starting from held = 100, 30 > 100 is False.") == [("value", True), ("comparison", True)]
    assert ("value", False) in verdicts(facts, "Starting from held = 90, 30 > 90 is False.")


def test_a_value_the_code_gives_in_a_case_is_not_a_state(facts):
    assert ("value", False) not in verdicts(facts, "The total is 99 when `i > 30`, otherwise it grows.")
    assert ("value", False) not in verdicts(facts, "The total is 99 when i > 30.")
    assert ("value", False) in verdicts(facts, "The total is 99 at the end.")


def test_divmod_and_pow_written_out_are_evaluated(facts):
    assert verdicts(facts, "`divmod(14, 3) = (4, 2)`.") == [("arith", True)]
    assert verdicts(facts, "`divmod(14, 3) = (4, 1)`.") == [("arith", False)]
    assert verdicts(facts, "So pow(3, 4, 5) = 1.") == [("arith", True)]
    assert ("arith", False) not in verdicts(facts, "So pow(2, 100000) = 3.")  # too large to work out: not judged


def test_a_test_must_come_out_so_with_the_values_the_sentence_gave_it():
    drain = (
        TANK
        + "\n\ndef drain(amount, parts):\n    t = Tank(amount)\n    for p in parts:\n        t.take(p)\n    return t.held\n"
    )
    facts = trace_facts(traced(drain, "drain(50, [30, 30])"))  # `part > self.held`: False at 50, True at 20
    assert ("comparison", False) in verdicts(facts, "First held = 50 and part = 30; `part > self.held` is True.")
    assert ("comparison", False) not in verdicts(facts, "First held = 50 and part = 30; `part > self.held` is False.")
    assert ("comparison", False) not in verdicts(facts, "Then held = 20 and part = 30; `part > self.held` is True.")


@pytest.mark.parametrize(
    "sentence, verdict",
    [
        ("23 is 10111 and 24 is 11000, giving 11111 = 31.", True),  # a base-2 numeral, then its value
        ("So 11111 = 30.", False),
        ("So 2^5 * 3^2 = 288.", True),  # window_sums does no XOR: `^` may be a power, as in mathematics
        ("So 2^5 * 3^2 = 289.", False),
        ("So 7 ^ 2 = 5.", True),  # and is XOR where that is what it says
    ],
)
def test_a_binary_numeral_and_a_caret_written_as_a_power(facts, sentence, verdict):
    assert ("arith", verdict) in verdicts(facts, sentence)
    assert ("arith", not verdict) not in verdicts(facts, sentence)


def test_a_caret_is_xor_where_the_program_xors():
    xor = trace_facts(traced("def f(a):\n    return a ^ 12\n", "f(0)"))
    assert verdicts(xor, "So 0 ^ 12 = 0.") == [("arith", False)]


def test_what_a_comprehension_produces_is_a_run_not_the_functions_return(facts):
    # window_sums returns [8, 6, 10, 15]; a comprehension over range(3) would produce 1, 3, 5
    assert ("return", False) not in verdicts(facts, "The comprehension produces 1, 3, 5 in turn.")
    assert ("return", False) in verdicts(facts, "The function produces 1, 3, 5 in turn.")
    # a run told of what came before (`which produces`) is a run too
    assert verdicts(facts, "The loop adds each window, which produces 8, 6, 10, 15.") == [("sequence", True)]


def test_it_after_a_calls_first_return_is_that_call_again():
    counts = traced(
        "def tally(names):\n    scores = {}\n    for name in names:\n        scores[name] = scores.get(name, 0) + 1\n"
        "    return scores\n",
        "tally(['a', 'a'])",
    )
    told = "The first time `scores.get(name, 0)` returns 0, and the second time it returns "
    assert ungrounded_in(counts, told + "1.") == []
    assert ungrounded_in(counts, told + "2.") == ["scores.get(name, 0) returns 2"]


GROW = """\
def grow(n):
    ways = []
    for i in range(n):
        if i % 2:
            ways.append(i)
    return ways
"""


def test_the_sizes_of_a_list_pass_by_pass_a_second_value_that_starts_a_claim_and_a_then(facts):
    sizes = trace_facts(traced(GROW, "grow(5)"))  # len(ways) at each pass: 0, 0, 1, 1, 2, then 2
    assert verdicts(sizes, "After each pass the length of ways goes 0, 0, 1, 1, 2.") == [("sequence", True)]
    assert verdicts(sizes, "After each pass the length of ways goes 0, 1, 1, 2, 2.") == [("sequence", True)]
    assert verdicts(sizes, "After each pass the length of ways goes 0, 0, 1, 2, 2.") == [("sequence", False)]
    assert ("value", False) not in verdicts(facts, "Since total is 8, ~1 is -2.")
    checks = verdicts(facts, "The checks come out True, True, False: 6 == 3 * 2, 12 == 6 * 2, then 5 == 24 is False.")
    assert checks == [("comparison", True)] * 3


def test_a_count_after_a_run_is_not_one_of_its_values_and_a_runs_total_is_its_sum(facts):
    # window_sums' loop takes i = 3, 4, 5: three passes
    assert verdicts(facts, "The loop takes i = 3, 4, 5, three iterations in all.") == [
        ("sequence", True),
        ("arith", True),
    ]
    assert verdicts(facts, "The loop takes i = 3, 4, 5, 6, three iterations in all.")[0] == ("sequence", False)
    assert ("arith", True) in verdicts(facts, "The first window holds 3, 1 and 4, 8 in total.")
    assert ("arith", False) in verdicts(facts, "The first window holds 3, 1 and 4, 9 in total.")
    assert ("arith", True) in verdicts(facts, "The first window holds 3, 1 and 4, three numbers in all.")


HELPER = """\
def double(x):
    return 2 * x


def doubles(xs):
    out = []
    for x in xs:
        if x > 0:
            out.append(double(x))
    return out
"""


def test_how_often_a_restated_statement_ran_or_a_function_was_called():
    calls = trace_facts(traced(HELPER, "doubles([3, -1, 4, 5])"))  # append and double: 3 times of 4 passes
    assert verdicts(calls, "The loop makes 4 passes and `out.append(double(x))` ran 3 times.") == [("count", True)] * 2
    assert ("count", False) in verdicts(calls, "The loop makes 4 passes and `out.append(double(x))` ran 4 times.")
    assert ("count", True) in verdicts(calls, "So out.append runs 3 times.")
    assert ("count", True) in verdicts(calls, "`double` was called 3 times.")
    assert ("count", False) in verdicts(calls, "`double` was called 4 times.")
    # `(...)` stands for any arguments: the call on whichever lines make it
    assert ("count", True) in verdicts(calls, "So `out.append(...)` ran 3 times.")
    assert ("count", False) in verdicts(calls, "So `out.append(...)` ran 4 times.")


STOCK = """\
def take_stock(stock, code):
    left = dict(stock)
    left['nut'] -= 1
    return code + str(left['nut'])
"""


def test_a_count_of_a_dicts_key_a_strings_parts_and_a_substring_are_read_as_such():
    facts = trace_facts(traced(STOCK, "take_stock({'nut': 5, 'bolt': 2}, 'c1-x')"))
    # `has 5 nuts`: the entry for 'nut', not the dict's size (which is 2)
    assert verdicts(facts, "The stock has 5 nuts.") == [("value", True)]
    assert verdicts(facts, "The stock has 2 nuts.") == [("value", False)]
    # a string has characters; its fields, parts or pieces are not what len counts
    assert verdicts(facts, "The code has 4 characters.") == [("value", True)]
    assert verdicts(facts, "The code has 2 dash-separated fields.") == []
    # a string contains its substrings
    assert verdicts(facts, "So the code contains 'c1'.") == [("value", True)]
    assert verdicts(facts, "So the code contains 'c2'.") == [("value", False)]
    # an update written out bare, and `happens` for `ran`
    streak = trace_facts(
        traced("def streak(flips):\n    run = 0\n    for f in flips:\n        if f == 'H':\n            run += 1\n"
               "        else:\n            run = 0\n    return run\n", "streak('HHTH')")
    )  # fmt: skip
    checks = verdicts(streak, "The loop runs four times, and run += 1 happens three times.")
    assert checks.count(("count", True)) == 2 and ("count", False) not in checks
    assert ("count", False) in verdicts(streak, "The loop runs four times, and run += 1 happens two times.")


def test_the_n_items_a_loop_went_over_may_be_its_passes_but_a_list_of_n_is_a_size():
    sizes = trace_facts(traced(GROW, "grow(5)"))  # five passes; ways holds at most 2 items
    assert verdicts(sizes, "The loop looks at the five numbers in turn.") == [("count", True)]
    assert verdicts(sizes, "The loop looks at the seven numbers in turn.") == [("count", False)]
    assert verdicts(sizes, "Each pass may append to a list of 5.") == [("count", False)]


def test_a_sentence_that_opens_with_a_pass_of_the_loop_is_held_to_that_pass(facts):
    # window_sums: i = 3, 4, 5 at the header; total becomes 6, 10 and 15 in those passes
    assert ("value", True) in verdicts(facts, "- 4: total becomes 10.")
    assert ("value", False) in verdicts(facts, "- 4: total becomes 15.")  # the next pass's value
    assert ("value", False) not in verdicts(facts, "- 4: total becomes 10; 5: total becomes 15.")
    assert verdicts(facts, "- i = 4 (the middle window): total becomes 15.")[-1] == ("value", False)
    assert verdicts(facts, "**Second pass:** total becomes 10.") == [("value", True)]
    assert verdicts(facts, "**Second pass:** total becomes 15.") == [("value", False)]
    assert ("value", True) in verdicts(facts, "- 9: total becomes 15.")  # 9 is no value of the loop's variable


def test_a_bit_operation_worked_in_base_2(facts):
    assert verdicts(facts, "In binary, 1100 & 1010 = 1000.") == [("arith", True)]
    assert verdicts(facts, "Then 00001010 XOR 11001000 = 11000010.") == [("arith", True)]
    assert verdicts(facts, "In binary, 1100 & 1010 = 1001.") == [("arith", False)]
    assert verdicts(facts, "Then 1001 | 1001 = 1001.") == [("arith", True)]  # (true as written)


def test_counts_that_are_rates_nouns_or_letters_and_a_numbered_row_label(facts):
    # window_sums: the loop runs 3 times
    assert verdicts(facts, "The loop checks two things per window.") == []
    assert verdicts(facts, "The loop checks 7 windows.") == [("count", False)]
    assert verdicts(facts, "It keeps the smaller of its two times.") == []
    assert verdicts(facts, "The loop runs its 5 iterations.") == [("count", False)]
    assert ("count", False) not in verdicts(facts, '"strap" has four pairs of letters.')
    assert ("count", False) in verdicts(facts, '"strap" has 4 letters.')
    # (w414-6: the pairs of neighbours a list has, one fewer than its items)
    assert ("count", True) in verdicts(facts, "xs starts as [3, 1, 4, 1], which has 3 pairs.")
    assert ("count", False) in verdicts(facts, "xs starts as [3, 1, 4, 1], which has 5 pairs.")
    assert ("arith", False) not in verdicts(facts, "Row 1 = [4, 9, 2].")


LETTERS = """\
def letter_total(words):
    letters = 0
    for w in words:
        for ch in w:
            letters += 1
    return letters
"""


def test_a_run_of_a_counter_read_pass_by_pass_is_held_to_those_passes():
    # letters steps through 0..12, and stands at 2, 5, 6, 10, 12 at the end of each word
    counter = trace_facts(traced(LETTERS, 'letter_total(["ab", "cde", "f", "ghij", "kl"])'))
    assert verdicts(counter, "The running value at the end of each word is 2, 5, 6, 10, 12.") == [("sequence", True)]
    assert verdicts(counter, "It counts 3, 4, 5, 6, 7 along the way.") == [
        ("sequence", True)
    ]  # a stretch of every step
    # 7 is a value the counter takes, but at no word's end: one off the pass-by-pass run
    assert verdicts(counter, "The running value at the end of each word is 2, 5, 7, 10, 12.") == [("sequence", False)]


WINDOW_AVERAGES = """\
def window_avgs(prices, k):
    out = []
    for i in range(len(prices) - k + 1):
        window = prices[i:i + k]
        out.append(sum(window) // k)
    return out
"""

BIT_WIDTHS = """\
def bit_width_tally(nums):
    tally = {}
    for n in nums:
        w = 0
        while n:
            n >>= 1
            w += 1
        tally[w] = tally.get(w, 0) + 1
    return tally
"""


def test_a_run_one_off_what_a_line_computed_each_time_is_a_slip_and_a_mappings_keys_are_a_run():
    # no variable holds the window sums, 33, 43, 46, 48, 43, 48, 55, 53: the line computes them
    sums = trace_facts(traced(WINDOW_AVERAGES, "window_avgs([10, 14, 9, 20, 17, 11, 15, 22, 18, 13], 3)"))
    assert verdicts(sums, "The window sums come out as 33, 43, 46, 48, 43, 48, 55, 53.") == [("sequence", True)]
    assert verdicts(sums, "The window sums come out as 33, 43, 46, 48, 48, 48, 55, 53.") == [("sequence", False)]
    # the widths run 3, 4, 2, 3, 6, 1; the keys, in the order first seen, 3, 4, 2, 6, 1: a run the
    # final dict holds, not a slip in the widths
    widths = trace_facts(traced(BIT_WIDTHS, "bit_width_tally([5, 12, 3, 7, 40, 1])"))
    told = "Keys appear in the order the widths were first seen: 3, 4, 2, 6, 1."
    assert verdicts(widths, told) == [("sequence", True)]


def test_a_test_of_literals_said_non_zero_or_given_its_verdict_right_after_it(facts):
    assert ("arith", False) in verdicts(facts, "With flag 2, `5 & 2` is non-zero, so the `if` runs.")
    assert ("arith", False) not in verdicts(facts, "With flag 4, `5 & 4` is non-zero, so the `if` runs.")
    assert ("arith", True) in verdicts(facts, "With flag 4, `5 & 4` is non-zero, so the `if` runs.")
    assert verdicts(facts, "Here 3 - 7 is negative.") == [("arith", True)]
    # the verdict written right after the test is its own, whatever the rest of the sentence says
    assert ("comparison", False) in verdicts(facts, "So `bin(13).count('1') == 1` is True, the `elif` fails.")
    assert ("comparison", True) in verdicts(facts, "So `bin(8).count('1') == 1` is True, the `elif` runs.")
    # an arrow to the truth word (`Check 5 >= 10 -> False`) gives the verdict as `is` does
    assert verdicts(facts, "Check 5 >= 10 -> False.") == [("comparison", True)]
    assert verdicts(facts, "Check 5 >= 10 -> True.") == [("comparison", False)]
    assert verdicts(facts, "Check 95 >= 100: true.") == [("comparison", False)]  # (a colon, after a comparison)
    # the truth Python gives a number written out (`which is falsy`); an expression's is the test's
    assert ("arith", False) in verdicts(facts, "Here 1 % 12 = 1, which is falsy.")
    assert ("arith", False) not in verdicts(facts, "Here 1 % 12 = 1, which is truthy.")
    assert ("arith", False) not in verdicts(facts, "That runs when `n % 2` is falsy.")


def test_values_stated_after_a_loop_variables_value_hold_in_that_pass(facts):
    # window_sums: i = 3, 4, 5 at the header; total becomes 6, 10 and 15 in those passes
    assert verdicts(facts, "Then at i = 4 the window moves and total becomes 10.")[-1] == ("value", True)
    assert verdicts(facts, "Then at i = 4 the window moves and total becomes 15.")[-1] == ("value", False)
    assert ("value", False) not in verdicts(facts, "Then at i = 4 total is 10, and at i = 5 total is 15.")
    assert ("value", False) not in verdicts(facts, "From i = 3 to 5 the total goes up and total becomes 15.")


FIRST_LONG = """\
def first_long(words):
    for w in words:
        if len(w) > 3:
            return w
    return None
"""


def test_a_loop_said_to_go_through_all_n_items_made_n_passes():
    early = trace_facts(traced(FIRST_LONG, 'first_long(["a", "bb", "cccc", "dd"])'))  # 3 passes of 4 words
    assert verdicts(early, "The loop has gone through all 4 words and exits.") == [("count", False)]
    assert verdicts(early, "The loop has gone through the 3 words it needed.") == [("count", True)]
    assert verdicts(early, "The argument is a list of 4 words.") == [("count", True)]  # a size
    assert verdicts(early, "The loop is done after 3 words.") == [("count", True)]
    assert verdicts(early, "The loop is done after 4 words.") == [("count", False)]
    assert verdicts(early, "The loop body runs for all 4 words.") == [("count", False)]


ROVER = """\
class Rover:
    def __init__(self):
        self.x = 0
        self.y = 0

    def step(self, dx, dy):
        self.x += dx
        self.y += dy


def drive(moves):
    rover = Rover()
    for dx, dy in moves:
        rover.step(dx, dy)
    return rover.x, rover.y
"""


def test_an_objects_attribute_is_the_self_attribute_its_methods_keep():
    rover = trace_facts(traced(ROVER, "drive([(1, 0), (1, 0), (0, 1)])"))  # ends at x = 2, y = 1
    assert verdicts(rover, "So at the end `rover.x = 2` and `rover.y = 1`.") == [("value", True), ("value", True)]
    assert verdicts(rover, "So at the end `rover.x = 1` and `rover.y = 2`.")[-1] == ("value", False)  # swapped


def test_the_biggest_name_in_a_collection_is_prose_not_a_membership_test(facts):
    assert verdicts(facts, "It reports the biggest total in sums.") == []
    assert verdicts(facts, "At the end, total in sums is True.") == [("comparison", True)]


def test_two_values_one_after_the_other_are_both_checked(facts):
    # window_sums: total is 8, then 6, 10 and 15; the first of two stepped values was dropped unread
    assert verdicts(facts, "Then total becomes 10, then 15.") == [("sequence", True)]
    assert verdicts(facts, "Then total becomes 11, then 15.") == [("sequence", False)]


def test_a_value_followed_by_and_and_a_plural_word_is_no_count(facts):
    # `total drops to 6 and sums gets ...`: 6 is total's value, not a count of `and sums`
    assert verdicts(facts, "Then total drops to 6 and i goes up to 4.") == [("value", True), ("value", True)]
    assert verdicts(facts, "Then total drops to 7 and i goes up to 4.")[0] == ("value", False)


def test_an_empty_collection_written_in_words_is_that_value():
    calls = trace_facts(traced(HELPER, "doubles([3, -1, 4, 5])"))  # out starts as []
    assert verdicts(calls, "First out is set to an empty list.") == [("value", True)]
    assert verdicts(calls, "First out is set to an empty dict.") == [("value", False)]


def test_stars_inside_a_string_and_a_value_among_alternatives(facts):
    assert verdicts(facts, "Then `'**' + '21'` gives `'**21'`.") == [("arith", True)]  # not bold markers
    # the values it may have, no claim of one (7 was read as total's value)
    assert ("value", False) not in verdicts(facts, "So total is 6, 7 or 8 here.")
    assert ("value", False) in verdicts(facts, "So total is 7 here.")


def test_a_call_on_literals_in_a_chain_is_worked_arithmetic(facts):
    # `= min(3, 9) =`: the comma inside the call no longer ends the chain, so its value is checked
    assert ("arith", False) not in verdicts(facts, "So k = min(3, 9) = 3 here.")
    assert ("arith", False) in verdicts(facts, "So k = min(3, 9) = 9 here.")


def test_a_change_said_to_come_is_made_from_the_pointer_on(facts):
    # total is 8, then 6, 10 and 15; the pointer stands where total has just become 10
    events = facts.index.events
    at = next(i for i, e in enumerate(events) if e.name == "total" and e.kind == "modified" and e.value == "10")
    later = [check.ok for check in check_sentence("Then total goes up to 15.", Walk(facts, 15, False, at))]
    stale = [check.ok for check in check_sentence("Then total drops to 6.", Walk(facts, 15, False, at))]
    assert later == [True]
    assert stale == [False]  # 6 is a value total held before: no change from here on makes it 6
    # once nothing changes total again, its last change may be told again (a reflection)
    last = max(i for i, e in enumerate(events) if e.name == "total")
    assert [c.ok for c in check_sentence("So total becomes 15.", Walk(facts, 15, False, last + 1))] == [True]


def test_a_change_told_once_is_not_told_again_as_a_new_one(facts):
    # total becomes 10 and then 15; a walk that told `total becomes 10` and has not moved on
    # (the sentences between restated no state) cannot tell the same change again
    events = facts.index.events
    at = next(i for i, e in enumerate(events) if e.name == "total" and e.kind == "modified" and e.value == "10")
    walk = Walk(facts, 15, False, at)
    assert [c.ok for c in check_sentence("Then total becomes 10.", walk)] == [True]
    walk.pointer = at
    assert [c.ok for c in check_sentence("Next total becomes 10.", walk)] == [False]
    walk.pointer = at
    assert [c.ok for c in check_sentence("Next total becomes 15.", walk)] == [True]


def test_a_run_of_one_entry_is_read_off_the_collections_states(facts):
    # sums grows [8], [8, 6], [8, 6, 10], [8, 6, 10, 15]: its last entry goes 8, 6, 10, 15
    assert verdicts(facts, "sums[-1] goes 8, 6, 10, 15.") == [("sequence", True)]
    assert verdicts(facts, "sums[-1] goes 8, 6, 11, 15.") == [("sequence", False)]
    assert verdicts(facts, "sums[-1] goes 8, 7, 10.") == [("sequence", False)]


def test_a_run_names_its_variable_across_the_moments_and_through_it(facts):
    # total goes 8, 6, 10, 15 and i goes 3, 4, 5: a run said of i is i's, not any variable's
    def named(sentence):
        return [(c.text, c.ok) for c in check_sentence(sentence, Walk(facts, 15, False, 0)) if c.kind == "sequence"]

    assert named("total after each pass goes 6, 10, 15.") == [("total: [6, 10, 15]", True)]
    assert named("total after each pass goes 6, 11, 15.")[0][1] is False
    assert named("total starts at 8 and then it goes 6, 10, 15.") == [("total: [6, 10, 15]", True)]
    text, ok = named("i starts at 3 and then it goes 3, 4, 6.")[0]
    assert text.startswith("i: ") and ok is False


def test_tests_of_literals_and_negated_variables_are_evaluated(facts):
    # a string method no program calls, on a literal: evaluated, not passed over
    assert ("comparison", False) in verdicts(facts, '"iPhone".istitle() is True, so it goes to other.')
    assert ("comparison", True) in verdicts(facts, '"iPhone".istitle() is False, so it goes to other.')
    # worked arithmetic whose result is then compared and the outcome told
    assert ("comparison", False) in verdicts(facts, "So 5 * 2 = 10 > 16 is true, and the loop goes on.")
    assert ("comparison", True) in verdicts(facts, "So 5 * 2 = 10 > 16 is false, and the loop goes on.")
    # `not xs` unquoted: the `not` makes the variable a condition (xs is not empty)
    assert ("comparison", False) in verdicts(facts, "not xs was True, so the early return ran.")
    assert ("comparison", True) in verdicts(facts, "not xs was False, so the early return was skipped.")


def test_a_restated_assignment_given_its_value_and_a_list_one_entry_off(facts):
    # a line of the code followed by `= value` claims the target's value (it was masked as code)
    assert ("value", True) in verdicts(facts, "First `total = sum(xs[:k]) = 8`.")
    assert ("value", False) in verdicts(facts, "First `total = sum(xs[:k]) = 9`.")
    # sums was [8, 6, 10, 15] at the end: a list with one entry more or fewer is a slip, not prose
    assert verdicts(facts, "That gives [8, 6, 10].") == [("literal", True)]
    assert verdicts(facts, "That gives [8, 6, 9, 10, 15].") == [("literal", False)]
    assert verdicts(facts, "That gives [8, 10, 15].") == [("literal", False)]


def test_a_clause_before_the_variable_and_a_restated_update_with_its_value(facts):
    # `After the loop, total is 15`: the clause's noun does not make `total` part of a noun phrase
    assert verdicts(facts, "After the loop, total is 15.") == [("value", True)]
    assert verdicts(facts, "After the loop, total is 14.") == [("value", False)]
    # a restated update said to give a value: the value its target takes
    assert ("value", True) in verdicts(facts, "Then `total += xs[i] - xs[i - k]` gives 6.")
    assert ("value", False) in verdicts(facts, "Then `total += xs[i] - xs[i - k]` gives 7.")
    assert ("value", False) in verdicts(facts, "Then `total += xs[i] - xs[i - k]` leaves 7.")
    assert ("value", False) in verdicts(facts, "Then `total += xs[i] - xs[i - k]` gave 7.")  # told in the past


def test_a_restated_unpacking_said_to_give_a_tuple_gives_each_name_its_part():
    trace = traced(
        "def clock(rest):\n    minutes, secs = divmod(rest, 60)\n    return f'{minutes}:{secs:02d}'\n", "clock(125)"
    )
    told = "`minutes, secs = divmod(rest, 60)` gave `{}`."
    assert ungrounded_in(trace, told.format("(2, 5)"), backward=True) == []
    assert ungrounded_in(trace, told.format("(5, 2)"), backward=True) != []
    assert ungrounded_in(trace, "`minutes, secs = divmod(rest, 60)` gave 2 and 5.", backward=True) == []


def test_moments_slices_of_literals_and_it_for_the_variable_moved_last(facts):
    # `At the end total is 15`: a moment, not the noun phrase `the end total`
    assert verdicts(facts, "At the end total is 15 and k is 3.") == [("value", True), ("value", True)]
    assert ("value", False) in verdicts(facts, "At the end total is 14.")
    # a slice or an index of a literal, with its result: worked, not a bare literal
    assert verdicts(facts, "Reversed, `'dra'[::-1]` is `'ard'`.") == [("arith", True)]
    assert verdicts(facts, "Reversed, `'dra'[::-1]` is `'adr'`.") == [("arith", False)]
    # `took it from 6 to 11`: it is total, which the sentence moved before
    told = "Here the second pass took total from 8 to 6, and the third took it from 6 to {}."
    assert verdicts(facts, told.format(10)) == [("sequence", True), ("sequence", True)]
    assert ("sequence", False) in verdicts(facts, told.format(11))
    # a restated update that `cuts` its target down to a value
    assert ("value", False) in verdicts(facts, "Then `total += xs[i] - xs[i - k]` cuts total down to 5.")
    assert ("value", True) in verdicts(facts, "Then `total += xs[i] - xs[i - k]` cuts it down to 6.")


def test_what_a_return_names_another_base_and_a_shift(facts):
    # `returns total, which is 15`: the value of what it returns
    assert verdicts(facts, "It returns total, which is 15.") == [("value", True)]
    assert verdicts(facts, "It returns total, which is 14.") == [("value", False)]
    # the same number written in binary must be the same number
    assert ("arith", False) in verdicts(facts, "So total = 15, which is 0b1101.")
    assert ("arith", False) not in verdicts(facts, "So total = 15, which is 0b1111.")
    # `shifts to` tells a change, like `becomes`
    assert verdicts(facts, "Then total shifts to 6.") == [("value", True)]
    assert verdicts(facts, "Then total shifts to 7.") == [("value", False)]


LEDGER = """\
def tally_kinds(text):
    ledger = {"alpha": 0, "digit": 0}
    for ch in text:
        if ch.isalpha():
            ledger["alpha"] += 1
        else:
            ledger["digit"] += 1
    return ledger
"""


def test_the_count_for_a_key_is_that_entry_of_the_dict_that_has_it():
    ledger = trace_facts(traced(LEDGER, "tally_kinds('go4x')"))  # alpha goes 1, 2, 3
    assert verdicts(ledger, "The count for 'alpha' goes 1, 2, 3.") == [("sequence", True)]
    assert verdicts(ledger, "The count for 'alpha' goes 1, 2, 2, 3.") == [("sequence", True)]  # ("4" changes digit)
    assert verdicts(ledger, "The count for 'alpha' goes 1, 2, 4, 4.") == [("sequence", False)]
    assert verdicts(ledger, "The `alpha` count ends at 3.") == [("value", True)]
    assert verdicts(ledger, "The `alpha` count ends at 4.") == [("value", False)]


def test_an_entry_in_backticks_named_with_a_value_and_a_number_in_binary():
    ledger = trace_facts(traced(LEDGER, "tally_kinds('go4')"))
    # the code has `ledger["alpha"] += 1`, but the span followed by a value names the entry
    assert verdicts(ledger, 'So `ledger["alpha"]` becomes 2.') == [("value", True)]
    assert verdicts(ledger, 'So `ledger["alpha"]` becomes 3.') == [("value", False)]
    # a variable the code names, in backticks, said to stay at a value: a claim, not code restated
    assert verdicts(ledger, "So `ledger` stays `{'alpha': 2, 'digit': 1}`.") == [("value", True)]
    assert verdicts(ledger, "So `ledger` stays `{'alpha': 9}`.") == [("value", False)]
    # the same number in base 2 must be the same number
    assert verdicts(ledger, "In binary, 182 is 10110110.") == [("arith", True)]
    assert verdicts(ledger, "In binary, 182 is 10110100.") == [("arith", False)]
    assert verdicts(ledger, "182 is 10110100 in binary.") == [("arith", False)]


def test_a_supposed_clause_does_not_excuse_the_clause_before_it_and_adverbs_before_the_verb(facts):
    # `otherwise ... would` supposes another run in its own clause only
    told = "Before that, `total > 99` must have been `{}`; otherwise 0 would have been returned."
    assert ("comparison", False) in verdicts(facts, told.format("True"))  # total never passes 15
    assert ("comparison", True) in verdicts(facts, told.format("False"))
    assert ("value", False) not in verdicts(facts, "If the list were longer, total would be 99.")
    # a backward `, so ... must` concludes from the supposition: about this run, checked
    concluded = "Returning `[]` would give an empty list, so `total > 99` must have been {} each time."
    backward = Walk(facts, 15, True, 0)
    assert ("comparison", False) in [(c.kind, c.ok) for c in check_sentence(concluded.format("True"), backward)]
    assert ("comparison", True) in [(c.kind, c.ok) for c in check_sentence(concluded.format("False"), backward)]
    # `total first became 8 and later 6`: an adverb between the variable and its verb
    assert verdicts(facts, "total first became 8.") == [("value", True)]
    assert verdicts(facts, "total first became 9.") == [("value", False)]


def test_a_value_no_pass_has_is_one_the_run_never_held(facts):
    # i runs 3, 4, 5: `No pass has i = 6` is true, `No pass has i = 4` is not
    assert verdicts(facts, "No pass has i = 6, so the loop ends.") == [("value", True)]
    assert verdicts(facts, "No pass has i = 4, so the loop ends.") == [("value", False)]


BAG = """\
class Bag:
    def __init__(self):
        self.items = []

    def total(self):
        t = 0
        for x in self.items:
            t += x
        return t

    def report(self):
        return self.total(), len(self.items)


def bag_report(xs):
    bag = Bag()
    for x in xs:
        bag.items.append(x)
    return bag.report()
"""


def test_an_attributes_expression_is_judged_where_its_line_finishes():
    facts = trace_facts(traced(BAG, "bag_report([4, 1, 6])"))
    # `len(self.items)` names an attribute: it is read as a claim (it was passed over as unknown)
    assert verdicts(facts, "`len(self.items)` is 2.") == [("value", False)]
    # the walk has gone through `total()`, called on the line that then computes the len
    end = max(i for i, e in enumerate(facts.index.events) if e.kind == "return" and e.function == "total")
    told = [(c.kind, c.ok) for c in check_sentence("`len(self.items)` is 3.", Walk(facts, 15, False, end))]
    assert told == [("value", True)]


EVENTS = """\
def busiest(events, cap):
    seen = 0
    for who, n in events:
        seen += n
        if seen > cap:
            break
    return seen
"""


def test_all_the_things_a_loop_walks_are_as_many_as_it_took():
    # the loop over `events` (4 of them) stops after 3: the events are 4, the loop took 3
    walked = trace_facts(traced(EVENTS, "busiest([('a', 2), ('b', 3), ('c', 9), ('d', 1)], 10)"))
    assert ("count", True) in verdicts(walked, "Each of the 4 events has a name and a size.")
    assert ("count", True) in verdicts(walked, "The loop stops after the 3 events it took.")
    assert ("count", False) in verdicts(walked, "After all the 4 events the answer is known.")
    assert ("count", False) in verdicts(walked, "Each of the 5 events adds to seen.")
    assert ("count", False) in verdicts(walked, "All 2 events are read.")
    # `after 3 of the 4 events` and `looked at 3 events`: the passes it made
    assert ("count", False) not in verdicts(walked, "The loop stops early after 3 of the 4 events.")
    assert ("count", False) in verdicts(walked, "The loop stops early after 2 of the 4 events.")
    assert ("count", False) in verdicts(walked, "The loop stops after looking at 2 events.")
    assert ("count", True) in verdicts(walked, "The loop looked at three events in total.")
    assert ("count", False) in verdicts(walked, "The loop looked at four events in total.")


def test_a_pass_named_by_its_value_after_for_holds_its_values_and_tests(facts):
    # i runs 3, 4, 5 and total becomes 6, 10 and 15 in those passes
    assert verdicts(facts, "For 4, total becomes 10.")[0] == ("value", True)
    assert verdicts(facts, "For 4, total becomes 15.")[0] == ("value", False)  # pass 5's value
    # a test stated in the pass where a loop variable is named is that pass's
    assert ("comparison", False) in verdicts(facts, "With i = 4, `total > 12` is True.")
    assert ("comparison", False) not in verdicts(facts, "With i = 5, `total > 12` is True.")


PAIRS = """\
def pair_products(pairs):
    total = 0
    for a, b in pairs:
        total += a * b
    return total
"""


def test_a_pass_labelled_by_the_tuple_its_header_unpacks():
    facts = trace_facts(traced(PAIRS, "pair_products([(1, 2), (1, 4), (3, 4)])"))  # total 2, 6, 18
    assert ("value", True) in verdicts(facts, "(1, 4): total = 6.")
    assert ("value", False) in verdicts(facts, "(1, 4): total = 18.")  # the next pass's total
    assert ("value", True) in verdicts(facts, "(3, 4): total = 18.")


CLEAN = """\
def clean(words):
    return [w.strip(".,!").lower() for w in words]
"""


def test_a_strip_or_a_reversal_told_on_a_written_value_is_worked():
    facts = trace_facts(traced(CLEAN, "clean(['Bob,', 'ann'])"))
    # the program strips ".,!" and lowercases: what its own calls can make of the value
    assert verdicts(facts, "The raw word is 'Bob,' and stripping gives 'Bob'.")[0] == ("arith", True)
    assert verdicts(facts, "The raw word is 'Bob,' and stripping gives 'Bob,'.")[0] == ("arith", False)
    assert verdicts(facts, "'Bob,' strips to 'bob'.") == [("arith", True)]
    assert verdicts(facts, "The word is 'Bob,', which strips down to 'Bo'.") == [("arith", False)]
    assert ("arith", False) not in verdicts(facts, "The piece after 'Bob,' strips to ''.")  # the piece strips
    spaced = trace_facts(traced('def tidy(w):\n    return w.strip(" ,")\n', "tidy(' Bob,')"))
    assert verdicts(spaced, "' Bob,' strips to 'Bob'.") == [("arith", True)]  # the space is one of its characters
    assert verdicts(facts, "Reversing 132 gives 231.") == [("arith", True)]
    assert verdicts(facts, "Reversing 132 gives 213.") == [("arith", False)]


SELECTION = """\
def selection_swaps(nums):
    nums = list(nums)
    swaps = 0
    for i in range(len(nums) - 1):
        low = i
        for j in range(i + 1, len(nums)):
            if nums[j] < nums[low]:
                low = j
        if low != i:
            nums[i], nums[low] = nums[low], nums[i]
            swaps += 1
    return nums, swaps
"""

FIRST_OR_NONE = """\
def first_or_none(items):
    if items:
        return items[0]
    return None
"""


def test_an_aside_in_brackets_and_a_restated_if_test_said_true():
    facts = trace_facts(traced(SELECTION, "selection_swaps([7, 3, 9, 1, 6, 2, 8, 5])"))
    # the values at low's positions, in brackets, are not a run of low
    assert ("sequence", False) not in verdicts(facts, "i = 0: low moves 0 -> 1 -> 3 (values 7, 3, 1).")
    guard = trace_facts(traced(FIRST_OR_NONE, "first_or_none([3])"))
    # `if items:` is True: the test's outcome, not the claim that items is True
    assert verdicts(guard, "`if items:` is True, so 3 is returned.")[0] == ("comparison", True)
    assert verdicts(guard, "`if items:` is False, so 3 is returned.")[0] == ("comparison", False)


def test_a_return_said_to_happen_only_in_a_case_is_not_this_runs_result(facts):
    # window_sums returns [8, 6, 10, 15]: `returns [] only when ...` tells what the code does in a case
    assert ("return", False) not in verdicts(facts, "The function returns [] only when xs is empty.")
    assert ("return", False) in verdicts(facts, "The function returns [].")


def test_a_semicolon_does_not_leave_the_named_pass(facts):
    # in the pass where i = 4 total is 10: a test after `;` is still that pass's
    assert ("comparison", False) in verdicts(facts, "Now i = 4; `total > 12` is True.")
    assert ("comparison", False) not in verdicts(facts, "Now i = 5; `total > 12` is True.")


HATCH = """\
class Hatch:
    def __init__(self, cap):
        self.cap = cap
        self.backlog = 0

    def serve(self, arriving):
        self.backlog += arriving
        served = min(self.cap, self.backlog)
        self.backlog -= served
        return served


def shift(cap, arrivals):
    h = Hatch(cap)
    done = 0
    for a in arrivals:
        done += h.serve(a)
    return done, h.backlog
"""


def test_an_attribute_after_each_pass_of_a_callers_loop_is_read_pass_by_pass():
    # self.backlog after each round: 0, 2, 5, 3, 3, 0 (the fifth round leaves it at 3 again)
    facts = trace_facts(traced(HATCH, "shift(4, [3, 6, 7, 2, 4, 0])"))
    assert verdicts(facts, "The backlog after each round goes 0, 2, 5, 3, 3, 0.") == [("sequence", True)]
    assert verdicts(facts, "The backlog after each round goes 0, 2, 5, 5, 3, 0.") == [("sequence", False)]
    assert verdicts(facts, "The backlog after each round goes 0, 2, 5, 3, 0, 0.") == [("sequence", False)]


def test_only_a_long_unnamed_run_one_off_a_computed_run_is_a_slip():
    code = (
        "def rises(prices):\n    count = 0\n    for i in range(1, len(prices)):\n"
        "        if prices[i] - prices[i - 1] > 0:\n            count += 1\n    return count\n"
    )
    facts = trace_facts(traced(code, "rises([3, 5, 4, 8, 6, 9, 10])"))  # the differences: 2, -1, 4, -2, 3, 1
    assert verdicts(facts, "The differences are 2, -1, 4, -2, 3, 1.") == [("sequence", True)]
    assert verdicts(facts, "The differences are 2, -1, 4, -2, 5, 1.") == [("sequence", False)]
    # four values one off a run of the program's are as often other values of it (a group of the
    # input, a run of another expression) as slips: round 29 lost four faithful narrations so
    assert verdicts(facts, "The differences are 2, -1, 7, -2.") == [("sequence", None)]


def test_a_run_of_values_ends_before_the_operand_of_a_test(facts):
    # total goes 8, 6, 10, 15: `then 6 in sums is True` tests 6, it is no third value of total
    assert verdicts(facts, "total goes 8, 6, and then 6 in sums is True.") == [("sequence", True), ("comparison", True)]
    assert verdicts(facts, "total goes from 8 to 6, and then 6 > 5 holds.") == [
        ("sequence", True),
        ("comparison", True),
    ]
    assert verdicts(facts, "total goes 8, 6, 12 in turn.") == [("sequence", False)]  # (`in turn`: no test)


def test_a_value_with_its_pass_named_right_after_it_is_that_passs(facts):
    # total is 6 in the pass where i = 3, 10 where i = 4, 15 where i = 5
    in_pass = [
        (c.text, c.ok)
        for c in check_sentence("So total = 6 at i = 3 and total = 10 at i = 4.", Walk(facts, 0, False, 0))
    ]
    assert [ok for _, ok in in_pass] == [True] * 4
    assert ("value", False) in verdicts(facts, "So total = 6 at i = 3 and total = 15 at i = 4.")
    assert ("value", False) in verdicts(facts, "So total = 10 at i = 3 and total = 6 at i = 4.")
    # (`X and Y at i = A and B`: each at its pass, in turn)
    assert ("value", False) not in verdicts(facts, "Then total = 10 and 15 at i = 4 and 5.")


def test_how_many_calls_to_a_function_of_the_program():
    calls = trace_facts(traced(HELPER, "doubles([3, -1, 4, 5])"))  # double is called 3 times
    assert ("count", True) in verdicts(calls, "After 3 calls to `double()` the list is complete.")
    assert ("count", False) in verdicts(calls, "After 4 calls to `double()` the list is complete.")
    assert ("count", False) in verdicts(calls, "That makes four `double` calls.")
    assert not [v for v in verdicts(calls, "It makes 4 calls to append.") if v[0] == "count"]  # not the program's
    # a backward narration may count the calls one part of the output came from
    backward = check_sentence("The 6 and the 8 come from 2 calls to `double`.", Walk(calls, 15, True, 0))
    assert ("count", True) in [(c.kind, c.ok) for c in backward]
    # unless it says they are all
    backward = check_sentence("In total `double` is called 2 times.", Walk(calls, 15, True, 0))
    assert ("count", False) in [(c.kind, c.ok) for c in backward]


WORD_VALUES = """\
def word_values(text):
    scores = {}
    for word in text.split():
        value = 0
        for ch in word:
            value += 1
        scores[word] = value
    return scores
"""


def test_all_n_nouns_that_name_a_loop_variable_count_that_loops_passes():
    words = trace_facts(traced(WORD_VALUES, 'word_values("ab cde f ghij")'))  # 4 words of 2, 3, 1, 4 letters
    assert verdicts(words, "After all 4 words, the loop is over.") == [("count", True)]
    # 3 is the size of 'cde' and a pass count of the letters loop, not how many words the word loop took
    assert verdicts(words, "After all 3 words, the loop is over.") == [("count", False)]
    assert verdicts(words, "The loop went over all 3 words.") == [("count", False)]


def test_a_named_run_with_a_gap_one_off_a_stretch_of_its_values_is_a_slip(facts):
    # total goes 8, 6, 10, 15: `8, 6, 15` is in order, but one off the stretch 8, 6, 10
    assert verdicts(facts, "So total goes 8, 6, 10, 15.")[0] == ("sequence", True)
    assert verdicts(facts, "So total goes 8, 6, 15.")[0] == ("sequence", False)


def test_a_named_counter_said_to_go_through_its_pass_ends_with_one_slip():
    counter = trace_facts(traced(LETTERS, 'letter_total(["ab", "cde", "f", "ghij", "kl"])'))  # 2, 5, 6, 10, 12
    assert verdicts(counter, "So letters goes 2, 5, 6, 10, 12.") == [("sequence", True)]
    # letters steps through 7 too, but 7 is no word's end: one off what it held after each pass
    assert verdicts(counter, "So letters goes 2, 5, 7, 10, 12.") == [("sequence", False)]


SWAP = """\
def order(a, b):
    if a > b:
        a, b = b, a
    return a, b
"""


def test_values_said_to_come_out_of_a_restated_assignment_hold_once_it_has_run():
    swap = trace_facts(traced(SWAP, "order(9, 4)"))
    assert verdicts(swap, "9 > 4, so `a, b = b, a` gives `a = 4` and `b = 9`.").count(("value", True)) == 2
    # 9 and 4 are what a and b held before the swap
    assert verdicts(swap, "9 > 4, so a, b = b, a gives a = 9, b = 4.").count(("value", False)) == 2
    # a backward narration restates the line the same way: what the line gives is after it ran
    end = len(swap.index.events) - 1
    told = [
        (c.kind, c.ok) for c in check_sentence("So `a, b = b, a` gives `a = 9` and `b = 4`.", Walk(swap, 15, True, end))
    ]
    assert told.count(("value", False)) == 2


PARITY = """\
def parity(n):
    if n & 1:
        return "odd"
    return "even"
"""


def test_a_bit_test_and_a_branch_said_to_run_are_the_tests_outcomes():
    even = trace_facts(traced(PARITY, "parity(6)"))
    assert ("comparison", True) in verdicts(even, "Here `if n & 1` is False, so it returns 'even'.")
    assert ("comparison", False) in verdicts(even, "Here `if n & 1` is True, so it returns 'odd'.")
    swap = trace_facts(traced(SWAP, "order(9, 4)"))  # 9 > 4: the swap runs
    assert ("comparison", True) in verdicts(swap, "The `if a > b:` branch runs.")
    assert ("comparison", False) in verdicts(swap, "The `if a > b:` branch is skipped.")
    # without the word branch: `the guard `if ...` is taken` (but `runs`, which a loop's count takes, is not read so)
    assert ("comparison", True) in verdicts(swap, "So the guard `if a > b` is taken.")
    assert ("comparison", False) in verdicts(swap, "So the guard `if a > b` is skipped.")


DROPS = """\
def drops(arr):
    n = 0
    i = 1
    while i < len(arr):
        if arr[i - 1] > arr[i]:
            n += 1
        i += 1
    return n
"""


def test_how_often_a_restated_test_was_made_and_came_out_true_and_the_loops_of_the_code():
    drops = trace_facts(traced(DROPS, "drops([3, 1, 2, 0])"))  # 3 neighbours tested, 2 drops
    # (w424-6: how often the test was made is not that it held, here at the end of the run)
    late = Walk(drops, 15, False, len(drops.index.events) - 1)
    made = check_sentence("In total the comparison `arr[i - 1] > arr[i]` is checked 3 times.", late)
    assert ("count", True) in [(c.kind, c.ok) for c in made]
    assert not [c for c in made if c.kind == "comparison"]
    # (w425-12: as many passes as the test came out true in)
    assert ("count", True) in verdicts(drops, "The guard `if arr[i - 1] > arr[i]:` was true on exactly two iterations.")
    assert ("count", False) in verdicts(drops, "The guard `if arr[i - 1] > arr[i]:` was true on exactly 3 iterations.")
    # (w427-6: `the two loops` are the code's loop statements, not passes)
    twice = (
        "def twice(xs):\n    t = 0\n    for x in xs:\n        t += x\n    for x in xs:\n        t -= 1\n    return t\n"
    )
    assert ("count", True) in verdicts(trace_facts(traced(twice, "twice([4, 5, 6])")), "The two loops run over xs.")
    # (w426-14: `'a'` = 4 names a key with its count; w427-20: `the n minus the arr equals 13` is a difference)
    assert not [c for c in check_sentence("So `'a'` = 4 here.", Walk(drops, 15, False, 0)) if c.kind == "arith"]
    assert ("value", False) not in verdicts(drops, "That means the starting n minus the arr equals 13.")
    assert ("value", False) in verdicts(drops, "That means the arr equals 13.")


BELLS = """\
def bells(xs):
    counts = [0, 0, 0]
    for x in xs:
        counts[x] += 1
    if counts[0] == 0:
        return None
    return counts
"""


def test_occurrences_listed_after_appears_and_a_shortcut_not_taken():
    bells = trace_facts(traced(BELLS, "bells([0, 1, 1, 2, 2, 2])"))  # counts [1, 2, 3]: 6 passes
    # (w423-15: after `appears`, `bell 2 three times` is how often a value occurs too, not a loop's count)
    said = "Bell 0 appears 1 times, bell 1 two times, bell 2 three times."
    assert ("count", False) not in verdicts(bells, said)
    assert ("count", False) in verdicts(bells, said.replace("three", "seven"))
    # (w427-16: `the ... shortcut was not taken`: the test came out false)
    assert ("comparison", True) in verdicts(bells, "The counts[0] == 0 shortcut was not taken.")
    assert ("comparison", False) in verdicts(bells, "The counts[0] == 0 shortcut was taken.")


def test_a_pass_named_by_the_loop_variables_noun_and_value():
    words = trace_facts(traced(WORD_VALUES, 'word_values("ab cde f ghij")'))  # value ends 2, 3, 1, 4
    assert ("value", True) in verdicts(words, "For the word 'cde', value climbs to 3.")
    assert ("value", False) in verdicts(words, "For the word 'cde', value climbs to 4.")  # 'ghij' reaches 4


def test_a_list_items_opening_pass_holds_for_its_later_sentences():
    trace = traced(WORD_VALUES, 'word_values("ab cde f ghij")')  # value ends 2, 3, 1, 4

    def ungrounded(text: str) -> list[str]:
        reports, *_ = check_rationale(text, trace, 15, False)
        return [entity.text for report in reports for entity in report.ungrounded]

    assert ungrounded("1. `word = 'cde'`: three letters. Now `value = 3`.\n2. Done.") == []
    # 4 is what value reaches for 'ghij', not in the item's pass
    assert ungrounded("1. `word = 'cde'`: three letters. Now `value = 4`.\n2. Done.") == [
        "value = 4 (not in that pass of the loop)"
    ]
    # an item that names several passes opens none of them
    assert ungrounded("1. `word = 'ab'`, then `word = 'cde'`. Now `value = 3`.\n2. Done.") == []
    # in a backward narration too, by the value the item opens with; not by an ordinal, which there
    # as often counts the output's entries as the loop's passes
    backward = "1. `word = 'cde'`: three letters. Then `value = {}`.\n2. Done."
    assert ungrounded_in(trace, backward.format(3), backward=True) == []
    assert ungrounded_in(trace, backward.format(4), backward=True) == ["value = 4 (not in that pass of the loop)"]
    assert ungrounded_in(trace, "1. Second entry: three letters. Then `value = 4`.\n2. Done.", backward=True) == []


def test_a_value_told_as_what_a_step_of_the_pass_led_to_is_what_the_pass_made_of_it():
    trace = traced(WINDOW, CALL)  # total 8 before the loop; the pass i = 3 takes it to 6

    def ungrounded(text: str) -> list[str]:
        reports, *_ = check_rationale(text, trace, 15, False)
        return [entity.text for report in reports for entity in report.ungrounded]

    assert ungrounded("- i = 3: total = 8 going in, so total becomes 6.") == []
    # 8 is what total came into the pass with, not what the step made of it
    assert ungrounded("- i = 3: 1 - 3 = -2, so total = 8.") == ["total = 8 (not in that pass of the loop)"]
    # a later sentence of the item that only states values states the pass's results
    assert ungrounded("- i = 3: 1 - 3 = -2. Now total = 8.") == ["total = 8 (not in that pass of the loop)"]
    assert ungrounded("- i = 3: 1 - 3 = -2. Total: total = 6.") == []


PURSE = """\
def purse_total(coins):
    cents = 0
    for value, count in coins.items():
        cents += value * count
    return cents
"""


def test_a_value_told_after_a_worked_step_of_a_named_pass_is_what_that_pass_made_of_it():
    trace = traced(PURSE, "purse_total({25: 7, 10: 4, 5: 3})")  # cents 0, 175, 215, 230

    def ungrounded(text: str, backward: bool) -> list[str]:
        reports, *_ = check_rationale(text, trace, 15, backward)
        return [entity.text for report in reports for entity in report.ungrounded]

    for backward in (False, True):  # (a backward narration's worked pass reads the same)
        assert ungrounded("- `value = 5, count = 3`: adds 15, cents = 230.", backward) == []
        # 215 is what cents came into that pass with, not what adding 15 made of it
        assert ungrounded("- `value = 5, count = 3`: adds 15, cents = 215.", backward) == [
            "cents = 215 (not in that pass of the loop)"
        ]
    # a value told before any step may be the one the pass came in with
    assert ungrounded("- `value = 5, count = 3`: cents = 215 going in.", True) == []


def test_a_pass_named_by_a_noun_and_its_value_in_backticks_or_quotes_holds_its_values():
    trace = traced(CAPPED, "capped_level([8, 5, 9, 6], 20)")  # level 0, 8, 13 (9 does not fit), 19

    def ungrounded(text: str, backward: bool = True) -> list[str]:
        reports, *_ = check_rationale(text, trace, 15, backward)
        return [entity.text for report in reports for entity in report.ungrounded]

    assert ungrounded("**Crate `9`:** refused at `level = 13`, since `13 + 9 = 22` is over 20.") == []
    # 8 is level in another pass, not in the one where x is 9
    assert ungrounded("**Crate `9`:** refused at `level = 8`, since `13 + 9 = 22` is over 20.") == [
        "level = 8 (not in that pass of the loop)"
    ]
    # a bare number after a noun may count passes (`Job 3:`), and an ordinal or a step counts them
    assert ungrounded("Crate 9: refused at level = 8.") == []
    assert ungrounded("Step `3`: level = 8.", backward=False) == []


def test_a_percentage_a_quotient_in_words_and_the_values_a_function_may_return(facts):
    # `7 / 8 is 87.5%`: a share told as a percentage
    assert verdicts(facts, "So `7 / 8` is 87.5%.") == [("arith", True)]
    assert verdicts(facts, "So `7 / 8` is 85%.") == [("arith", False)]
    # a number said of divmod with a noun after it is the quotient
    assert ("arith", True) in verdicts(facts, "Then divmod(50, 24) gives two full days and some hours.")
    assert ("arith", False) in verdicts(facts, "Then divmod(50, 24) gives three full days and some hours.")
    # `returns one of three labels`: what it may return, not a return of 1
    assert ("return", False) not in verdicts(facts, "The function returns one of three labels.")


UNIQUE = """\
def unique_count(xs):
    seen = set()
    for x in xs:
        seen.add(x)
    return len(seen)
"""


def test_a_set_one_member_off_one_the_run_held_is_a_slip():
    facts = trace_facts(traced(UNIQUE, "unique_count([1, 2, 2, 3])"))  # seen: {1}, {1, 2}, {1, 2, 3}
    assert verdicts(facts, "After that it holds {1, 2}.") == [("literal", True)]
    assert verdicts(facts, "After that it holds {1, 3}.") == [("literal", False)]  # 2 for 3
    assert verdicts(facts, "After that it holds {2}.") == [("literal", False)]  # 1 missing
    assert verdicts(facts, "The list [1, 2, 2, 3] gives {1, 2, 3}.").count(("literal", False)) == 0


def test_prose_after_a_hash_an_unknown_minuend_and_a_count_after_a_value_are_not_misread(facts):
    # `3 #, so ... 12 - 3` is not an expression with a comment
    assert ("arith", False) not in verdicts(facts, "The row has 3 `#`, so the rest hold `12 - 3 = 9`.")
    # `level - k = 3`, level no name of the program: an equation in unknowns, not a claim `-k = 3`
    assert ("value", False) not in verdicts(facts, "So level - k = 3 here.")
    # `total is 8, 3 windows were summed`: 3 counts windows, it is not total's value
    assert verdicts(facts, "Before the loop the total is 8, 3 windows were summed.")[0] == ("value", True)


def test_a_numeral_said_to_be_in_binary_is_read_in_base_2(facts):
    # total ends at 15, 0b1111
    assert verdicts(facts, "So `total = 1111` in binary.")[0] == ("value", True)
    assert verdicts(facts, "So `total = 1110` in binary.")[0] == ("value", False)


def test_a_difference_and_a_grids_columns_are_no_value_or_size(facts):
    # `total is 2 more than k`: a difference, not total's value
    assert ("value", False) not in verdicts(facts, "So total is 2 more than k here.")
    assert verdicts(facts, "So total is 2 here.")[0] == ("value", False)
    # `a grid of 6 columns`: its width, not a collection of 6
    assert ("count", False) not in verdicts(facts, "It lays out a grid of 7 columns and 2 rows.")


def test_leaving_a_variable_at_a_value_claims_that_value(facts):
    assert verdicts(facts, "It adds up the first window, leaving total at 8.") == [("value", True)]
    assert verdicts(facts, "It adds up the first window, leaving total at 9.") == [("value", False)]


TAGS = """\
def tags(line):
    parts = line.split(",")
    kept = []
    for part in parts:
        kept.append(part.strip().upper())
    return kept
"""


def test_a_list_of_strings_must_be_held_or_the_pieces_of_a_held_string():
    facts = trace_facts(traced(TAGS, "tags('ab, cd')"))  # parts ['ab', ' cd'], kept ends ['AB', 'CD']
    assert verdicts(facts, "The pieces are ['ab', ' cd'].") == [("literal", True)]
    # the pieces of 'ab, cd' the narration made itself: unverifiable, not a slip
    assert verdicts(facts, "Stripped, they are ['ab', 'cd'].") == [("literal", None)]
    assert verdicts(facts, "At the end there is ['AB', 'CD'].") == [("literal", True)]
    assert verdicts(facts, "At the end there is ['AB', 'DC'].") == [("literal", False)]  # held by nothing
    # two entries the other way round is a swap slip, not a sort
    assert verdicts(facts, "At the end there is ['CD', 'AB'].") == [("literal", False)]
    assert verdicts(facts, "If it were ['AB', 'XY'] instead, nothing would change.") == [("literal", None)]


def test_a_state_told_in_a_with_aside_or_with_moves_on_to_is_claimed(facts):
    assert verdicts(facts, "The first window is summed, with total at 8.") == [("value", True)]
    assert verdicts(facts, "The first window is summed, with total at 9.") == [("value", False)]
    assert ("value", False) in verdicts(facts, "The first window is summed, with k at 3 and total at 9.")
    assert verdicts(facts, "The window slides and total moves on to 6.") == [("value", True)]
    assert verdicts(facts, "The window slides and total moves on to 7.") == [("value", False)]


STEPPER = """\
class Stepper:
    def __init__(self):
        self.pos = 0

    def move(self, delta):
        self.pos += delta


def walk(deltas):
    s = Stepper()
    moves = 0
    for d in deltas:
        s.move(d)
        moves += 1
    return moves, s.pos
"""


def test_a_returned_tuple_of_parts_no_one_frame_holds_is_the_tuple_the_call_returned():
    trace = traced(STEPPER, "walk([2, 3])")  # returns (2, 5): moves is walk's, s.pos the object's self.pos

    def ungrounded(text: str) -> list[str]:
        reports, *_ = check_rationale(text, trace, 15, False)
        return [entity.text for report in reports for entity in report.ungrounded]

    steps = "s.pos goes 2, then 5. moves ends at 2. "
    assert ungrounded(steps + "The function returns (moves, s.pos), which is (2, 5).") == []
    assert ungrounded(steps + "The function returns (moves, s.pos), which is (5, 2).") == ["returns (5, 2)"]


PARTS = """\
def keep(parts):
    kept = []
    for p in parts:
        p = p.strip()
        if not p or p.startswith('#'):
            continue
        kept.append(p)
    return kept
"""


def ungrounded_in(trace, text: str, backward: bool = False) -> list[str]:
    reports, *_ = check_rationale(text, trace, 15, backward)
    return [entity.text for report in reports for entity in report.ungrounded]


def test_a_pass_named_by_an_ordinal_and_a_noun_holds_its_tests_to_that_pass():
    trace = traced(PARTS, "keep(['a', ' ', 'b'])")  # the second part strips to '', so `not p` is True there
    assert ungrounded_in(trace, "Second part ' ': it strips to '', so `not p` is True and it is skipped.") == []
    # (the sentence says the part is empty, so the told outcome cannot hold either)
    assert "not p is False (not in that pass of the loop)" in ungrounded_in(
        trace, "Second part ' ': it strips to '', so `not p` is False and it is skipped."
    )


def test_the_whole_condition_is_the_and_or_test_restated_just_before():
    trace = traced(PARTS, "keep(['a'])")  # the test comes out False once, never True
    told = "Next comes the check not p or p.startswith('#'). "
    assert ungrounded_in(trace, told + "Neither holds, so the whole condition is False.") == []
    assert ungrounded_in(trace, told + "One holds, so the whole condition is True.") == [
        "not p or p.startswith('#') is True"
    ]
    # nothing restated before it: no test to judge
    assert ungrounded_in(trace, "So the whole condition is True.") == []


FLAGS = """\
def mask_of(names, enabled):
    mask = 0
    for position, name in enumerate(names):
        if name in enabled:
            mask |= 1 << position
    return mask
"""


def test_a_test_told_first_in_a_sentence_is_judged_in_the_one_value_the_sentence_before_ended_on():
    trace = traced(FLAGS, "mask_of(['read', 'write', 'exec'], {'read', 'exec'})")  # 'write' is not enabled
    told = "First mask is 0. At position 0 the name is 'read', so mask becomes 1. At position 1 the name is 'write'. "
    assert ungrounded_in(trace, told + "The test name in enabled comes out False, so mask stays 1.") == []
    # True only with 'exec', the next pass
    assert ungrounded_in(trace, told + "The test name in enabled comes out True, so mask stays 1.") == [
        "name in enabled (not with name = 'write')"
    ]
    # a sentence that tells a step first (`Then`) has moved on from that state
    assert ungrounded_in(trace, told + "Then name is 'exec' and name in enabled comes out True.") == []
    # a reason before the test (`so`) does not move on from it
    reason = "It is not in the set, so name in enabled comes out {}."
    assert ungrounded_in(trace, told + reason.format("False")) == []
    assert ungrounded_in(trace, told + reason.format("True")) == ["name in enabled (not with name = 'write')"]


NEW_LENGTHS = """\
def new_lengths(words, seen):
    added = 0
    for w in words:
        if w in seen:
            continue
        seen.add(w)
        added += len(w)
    return added
"""


def test_any_change_verb_of_a_variable_and_a_backticked_name_that_starts_at_a_value():
    trace = traced(NEW_LENGTHS, "new_lengths(['a', 'bb', 'a', 'ccc'], set())")  # added 0, 1, 3, 6
    assert ungrounded_in(trace, "Then added ticks up to 3.") == []
    assert ungrounded_in(trace, "Then added is bumped to 4.") == ["added = 4"]
    # the variable is the subject: `it` is something else, and `the` names prose
    assert ungrounded_in(trace, "Then added doubles it to 4.") == []
    # a name long enough to be restated code when backticked, named as a variable by its verb
    masks = traced(
        "def masks(xs):\n    acc_and = -1\n    for x in xs:\n        acc_and &= x\n    return acc_and\n",
        "masks([12, 7])",
    )
    assert ungrounded_in(masks, "`acc_and` starts at -1 and drops to 4.") == []
    assert ungrounded_in(masks, "`acc_and` starts at 0 and drops to 4.") == ["acc_and = 0"]


def test_a_count_said_beside_the_items_it_lists_is_how_many_are_listed(facts):
    assert ("count", True) in verdicts(facts, "It is split into 3 pieces: 'a', '' and 'b'.")
    assert ("count", False) in verdicts(facts, "It is split into 4 pieces: 'a', '' and 'b'.")
    assert ("count", False) in verdicts(facts, "The sums go 8, 6 and 10, i.e. 4 windows.")
    # three or more items need no `and`; a course of values may count the steps between them
    assert ("count", False) in verdicts(facts, "The sums go 8, 6, 10, which is 4 windows.")
    assert ("count", False) not in verdicts(facts, "The sums go 8, 6, 10, which is 3 windows.")
    assert ("count", False) not in verdicts(facts, "total went 8, 6, 10, 15, which is three changes.")
    # a list that goes on after the clause may be some of them
    assert ("count", False) not in verdicts(facts, "It has 4 pieces: 'a' and 'b' from the first half.")
    # a list literal, then how many items it has
    assert ("count", True) in verdicts(facts, "The sums come out as [8, 6, 10, 15], four windows.")
    assert ("count", False) in verdicts(facts, "The sums come out as [8, 6, 10, 15], five windows.")
    assert ("count", False) not in verdicts(facts, "xs[3], 2 steps later, is 1.")  # (a subscript)
    # how many values a range of constant arguments gives
    assert ("count", True) in verdicts(facts, "i runs over range(3, 6), which is 3 values.")
    assert ("count", False) in verdicts(facts, "i runs over range(1 << 2): 3 values.")
    assert ("count", False) not in verdicts(facts, "i runs over range(k, len(xs)): 3 values.")  # (not constants)


def test_counts_beside_values_in_more_forms(facts):
    # three or more items without `and` that end the sentence, and items in brackets right after the count
    assert ("count", True) in verdicts(facts, "The sums are four values: 8, 6, 10, 15.")
    assert ("count", False) in verdicts(facts, "The sums are three values: 8, 6, 10, 15.")
    assert ("count", False) not in verdicts(facts, "The sums are 3 values: 8, 6, 10, 15 from the loop.")
    assert ("count", False) in verdicts(facts, "Each of the remaining 2 values (6, 10, 15) is appended.")
    assert ("count", False) not in verdicts(facts, "3 of the 4 values (6, 10, 15) are over 5.")  # (some of them)
    # other nouns may count the steps between the values
    assert ("count", False) not in verdicts(facts, "It takes 3 changes: 8, 6, 10, 15.")
    # a run of even steps written short with `...` holds (last - first) // step + 1 values
    assert ("count", True) in verdicts(facts, "i runs 3, 4, 5, ..., 9, which is 7 values.")
    assert ("count", False) in verdicts(facts, "i runs 3, 4, 5, ..., 9, which is 6 values.")
    assert ("count", False) not in verdicts(facts, "i goes 3, 4, 5, ..., 9, which is 6 steps.")  # (the gaps)
    # a count of times right after the values it counts (w413-10 of round 73)
    assert ("count", True) in verdicts(
        facts, "Residue 1 comes from 7, 13, 4, 10, so 4 times; residue 0 from 3, 9, 15, 3 times."
    )
    assert ("count", False) in verdicts(facts, "Residue 1 comes from 7, 13, 4, 10, so 5 times.")
    # a run's length (`four-long stretch`, w406-10) is a value the run counted, not a collection's size
    assert ("count", True) in verdicts(facts, "That is the second 15-long stretch.")
    assert ("count", False) in verdicts(facts, "That is the second 7-long stretch.")
    # a span of whole numbers, then how many it holds (`from 0 to 5` may end before 5, as a range does)
    assert ("count", False) in verdicts(facts, "k runs from 1 to 14, so there are 15 comparisons.")
    assert ("count", False) not in verdicts(facts, "k runs from 1 to 14, so there are 14 comparisons.")
    assert ("count", False) not in verdicts(facts, "i goes 0 to 5, 5 values.")
    assert ("count", False) not in verdicts(facts, "Both i and j run over 1 to 4, so 16 checks.")  # (nested loops)


def test_a_change_by_a_step_from_one_value_to_another_and_two_names_set_in_one_breath():
    trace = traced(NEW_LENGTHS, "new_lengths(['a', 'bb', 'a', 'ccc'], set())")  # added 0, 1, 3, 6
    assert ungrounded_in(trace, "Then added goes up by 2, from 1 to 3.") == []
    assert ungrounded_in(trace, "Then added goes up by 2, from 1 to 4.") == ["added: [1, 4]", "1 + 2 = 4"]
    assert ungrounded_in(trace, "Then added goes up by 3, from 1 to 3.") == ["1 + 3 = 3"]
    pair = traced("def pair():\n    top, best = None, -1\n    top, best = 'a', 4\n    return best\n", "pair()")
    assert ungrounded_in(pair, "It sets top to None and best to -1.") == []
    assert ungrounded_in(pair, "It sets top to None and best to 0.") == ["best = 0"]
    # code described, not a step of this run
    assert ungrounded_in(pair, "A branch that sets top to None and best to 0 is skipped.") == []


def test_values_told_side_by_side_after_a_change_verb_hold_together():
    trace = traced(NEW_LENGTHS, "new_lengths(['a', 'bb', 'a', 'ccc'], set())")  # added 0, 1, 3, 6
    assert ungrounded_in(trace, "Then w becomes 'bb' with added = 3.") == []
    assert ungrounded_in(trace, "Then w becomes 'bb' with added = 6.") == ["added = 6 (never together with w = 'bb')"]


def test_a_backward_walk_says_a_variable_was_a_number_of_the_step_it_just_worked():
    fold = "def fold(nums):\n    acc = 0\n    for n in nums:\n        acc = (acc << 1) ^ n\n        acc &= 63\n    return acc\n"
    trace = traced(fold, "fold([5, 9, 12, 3])")  # acc 0, 5, 3, 10, 23; the third pass: (3 << 1) ^ 12 = 10

    def backward(text: str) -> list[str]:
        return ungrounded_in(trace, text, backward=True)

    assert backward("In the third pass 3 << 1 = 6 and 6 ^ 12 = 10, so acc was 3 before it.") == []
    assert backward("In the third pass 3 << 1 = 6 and 6 ^ 12 = 10, so acc was 5 before it.") == [
        "acc = 5 (not a number of the step just worked, [1, 3, 6, 12] -> 10)"
    ]
    assert backward("In the third pass 3 << 1 = 6 and 6 ^ 12 = 10. So acc was 5 before that.") == [
        "acc = 5 (not a number of the step just worked, [1, 3, 6, 12] -> 10)"
    ]  # (worked in the sentence before)
    # arithmetic worked back from another pass (n was 9 there, 12 in the step from 3 to 10) tells no update
    assert backward("With n = 9, 3 ^ 9 = 10, so acc was 5.") == []


def test_how_often_the_inner_loop_runs_per_pass_of_the_outer():
    grid = "def grid(rows):\n    total = 0\n    for r in rows:\n        for x in r:\n            total += x\n    return total\n"
    trace = traced(grid, "grid([[1, 2, 3], [4, 5, 6]])")
    assert ungrounded_in(trace, "The inner loop runs 3 times per row.") == []
    assert ungrounded_in(trace, "The inner loop runs 4 times per row.") == ["4 times per row"]


def test_there_are_n_of_the_items_a_loop_walks():
    trace = traced(NEW_LENGTHS, "new_lengths(['a', 'bb', 'a', 'ccc'], set())")  # the loop walks 4 words
    assert ungrounded_in(trace, "There are 4 words.") == []
    assert ungrounded_in(trace, "There are 5 words.") == ["There are 5 words"]


def test_no_value_said_to_pass_a_test_denies_it():
    trace = traced(NEW_LENGTHS, "new_lengths(['a', 'bb', 'a', 'ccc'], set())")  # added 0, 1, 3, 6
    assert ungrounded_in(trace, "In the end no added is greater than 6.") == []
    assert ungrounded_in(trace, "Along the way no added is greater than 4.") == ["never added > 4"]


def test_a_test_said_not_to_matter_is_no_claim():
    trace = traced(NEW_LENGTHS, "new_lengths(['a', 'bb', 'a', 'ccc'], set())")
    assert ungrounded_in(trace, "It fails before the added > 9 part even matters.") == []
    assert ungrounded_in(trace, "It fails since added > 9.") == ["added > 9"]


def test_a_repeat_in_a_run_of_values_is_a_pass_that_left_the_value_as_it_was():
    trace = traced(NEW_LENGTHS, "new_lengths(['a', 'bb', 'a', 'ccc'], set())")  # pass by pass: 1, 3, 3, 6
    assert ungrounded_in(trace, "Pass by pass, added goes 0, 1, 3, 3, 6.") == []
    # the second 'a' leaves 3, not 1: more values than assignments, so the passes decide
    assert ungrounded_in(trace, "Pass by pass, added goes 0, 1, 1, 3, 6.") == [
        "added: [0, 1, 1, 3, 6] (not its values pass by pass)"
    ]
    # named before `, which goes`, backticked or not
    assert ungrounded_in(trace, "Lengths feed `added`, which goes 0, 1, 3, 3, 6.") == []
    assert ungrounded_in(trace, "Lengths feed `added`, which goes 0, 1, 1, 3, 6.") == ["added: [0, 1, 1, 3, 6]"]


def test_a_restated_tuple_assignment_whose_right_side_is_code_is_no_claim():
    trace = traced("def start(n, m):\n    a, b = 1, n % m\n    return a + b\n", "start(17, 7)")  # a = 1, b = 3
    # not `b = 1`: the 1 is a's, and b's is `n % m`
    assert ungrounded_in(trace, "The first line `a, b = 1, n % m` sets a = 1 and b = 3.") == []
    assert ungrounded_in(trace, "The first line `a, b = 1, n % m` sets a = 1 and b = 4.") == ["b = 4"]


def test_the_truth_of_a_negated_literal_is_judged():
    trace = traced(NEW_LENGTHS, "new_lengths(['a'], set())")
    assert ungrounded_in(trace, "A token '2' stays, since not '2' is True.") == ["not '2' is True"]
    assert ungrounded_in(trace, "A token '2' stays, since not '2' is False.") == []
    # `is not None` is one test; `not ...` stands for code left out
    assert ungrounded_in(trace, "So the test w is not None is True.") == []
    assert ungrounded_in(trace, "So `not ...` is True.") == []


def test_a_value_told_plainly_after_a_later_one_of_the_same_variable_is_a_step_back():
    trace = traced(NEW_LENGTHS, "new_lengths(['a', 'bb', 'a', 'ccc'], set())")  # added 0, 1, 3, 6
    assert ungrounded_in(trace, "Now added = 3.\nNext, added = 6.") == []
    assert ungrounded_in(trace, "Now added = 3.\nNext, added = 1.") == [
        "added = 1 (only before the moment told already)"
    ]
    # told as looking back, in an aside, or after a heading that starts the run over (a plan, then the steps)
    assert ungrounded_in(trace, "Now added = 3.\nBefore that, added = 1.") == []
    assert ungrounded_in(trace, "Now added = 3.\nIt grew by 2 (added = 1 had come first).") == []
    assert ungrounded_in(trace, "In the end added = 6.\n### Execute\nadded = 1.") == []
    # what stays so holds now, not only at a moment the narration has passed
    assert ungrounded_in(trace, "Now w = 'ccc'. So added stays 3.") == []
    assert ungrounded_in(trace, "Now w = 'ccc'. So added stays 1.") == ["added = 1 (only before this point of the run)"]
    # a look back counts in the clause that tells the value, not anywhere in the sentence (`again` is the word's)
    assert ungrounded_in(trace, "Now w = 'ccc'. 'a' comes again: it is in seen; added stays 1.") == [
        "added = 1 (only before this point of the run)"
    ]
    assert ungrounded_in(trace, "Now w = 'ccc'. 'a' comes again: it is in seen; added stays 3.") == []
    assert ungrounded_in(trace, "Now w = 'ccc'. Earlier, after 'a', added stays 1 there.") == []
    assert ungrounded_in(trace, "Now added = 3.\nTallying: added = 1 happens once; added = 3 once.") == []  # a tally


def test_a_value_repeated_in_a_summary_where_the_run_changed_it_is_wrong():
    trace = traced(NEW_LENGTHS, "new_lengths(['a', 'bb', 'c', 'dd'], set())")  # added 1, 3, 4, 6
    assert ungrounded_in(trace, "added goes 1, 3, 4, 6.") == []
    assert ungrounded_in(trace, "added goes 1, 3, 3, 6.") == [
        "added: [1, 3, 3, 6] (a value repeated where the run changed it)"
    ]
    # of no variable named, told as a course of values; amounts added are not one
    assert ungrounded_in(trace, "The running length goes 1, 3, 3, 6.") == [
        "values: [1, 3, 3, 6] (a value repeated where the run changed it)"
    ]
    assert ungrounded_in(trace, "The lengths add 1, 3, 3, 6.") == []
    # a pass that left it as it was (the second 'a' is skipped)
    trace = traced(NEW_LENGTHS, "new_lengths(['a', 'bb', 'a', 'ccc'], set())")
    assert ungrounded_in(trace, "After each word added is 1, 3, 3, 6.") == []


def test_a_value_the_walk_skipped_ahead_to_is_wrong_when_the_next_sentence_goes_back_before_it():
    trace = traced(NEW_LENGTHS, "new_lengths(['a', 'bb', 'a', 'ccc', 'dd', 'e'], set())")  # added 1, 3, 6, 8, 9
    assert ungrounded_in(trace, "After 'a', added = 1. Next w = 'bb'. Then added = 8.") == []
    # added = 8 is past the window, and the next sentence tells a moment between: a value of a later moment
    assert ungrounded_in(trace, "After 'a', added = 1. Then added = 8. Next w = 'bb'.") == [
        "added = 8 (a value of a later moment)"
    ]
    # the next sentence looking back
    assert ungrounded_in(trace, "After 'a', added = 1. Then added = 8. Back at w = 'bb' it was 3.") == []


def test_a_value_a_test_is_said_to_lead_to_holds_after_a_moment_the_test_came_out_so():
    trace = traced(NEW_LENGTHS, "new_lengths(['a', 'bb', 'a', 'ccc'], set())")  # added 1, 3, (skip), 6
    assert ungrounded_in(trace, "`w in seen` is False, so added becomes 1.") == []
    assert ungrounded_in(trace, "`w in seen` is True, so added stays 3.") == []
    # added is 1 only before 'a' comes back, the first time the test is True
    assert ungrounded_in(trace, "`w in seen` is True, so added becomes 1.") == ["added = 1 (not after w in seen)"]
    # a change told after a semicolon is the outcome's too (a plain value after one is not tied to it)
    assert ungrounded_in(trace, "`w in seen` is False; added becomes 1.") == []
    assert ungrounded_in(trace, "`w in seen` is True; added becomes 1.") == ["added = 1 (not after w in seen)"]
    assert ungrounded_in(trace, "`w in seen` is True; added is 1.") == []


def test_a_value_said_to_be_in_a_collection_is_the_codes_membership_test_made_on_it():
    trace = traced(NEW_LENGTHS, "new_lengths(['a', 'bb', 'a', 'ccc'], set())")  # `w in seen` is True for the second 'a'
    assert ungrounded_in(trace, "'a' is already in seen, so it is skipped.") == []
    assert ungrounded_in(trace, "'bb' is not in seen, so added becomes 3.") == []
    assert ungrounded_in(trace, "'bb' is already in seen.") == ["'bb' in seen is True"]
    assert ungrounded_in(trace, "'ccc' was still in seen.") == ["'ccc' in seen is True"]
    # asked, not claimed; a value the code never tested; an attribute of the collection
    assert ungrounded_in(trace, "The check asks whether 'bb' is in seen.") == []
    assert ungrounded_in(trace, "7 is not in seen.") == []
    assert ungrounded_in(trace, "'a' is in seen.cache now.") == []
    orbit = traced(ORBIT, "orbit(3, 23)")  # the code tests `x not in seen`: the outcome told is turned round
    assert ungrounded_in(orbit, "9 is already in seen, so the loop stops.") == []
    assert ungrounded_in(orbit, "3 is already in seen, so the loop stops.") == ["3 not in seen is False"]


ORBIT = """\
def orbit(x, m):
    seen = set()
    while x not in seen:
        seen.add(x)
        x = (x * x + 1) % m
    return x
"""


SWITCHES = """\
def switches(xs):
    count = 0
    prev = xs[0]
    for x in xs:
        if x != prev:
            count += 1
        prev = x
    return count
"""


def test_a_long_run_with_repeats_is_read_pass_by_pass_where_each_repeat_stands():
    facts = trace_facts(traced(SWITCHES, "switches([1, 1, 2, 2, 3, 1, 1, 1])"))  # after each: 0 0 1 1 2 3 3 3
    assert verdicts(facts, "After each value the tally reads 0, 0, 1, 1, 2, 3, 3, 3.") == [("sequence", True)]
    # the same changes with one repeat in the wrong pass (collapsed, both are 0, 1, 2, 3)
    assert verdicts(facts, "After each value the tally reads 0, 0, 1, 2, 2, 3, 3, 3.") == [("sequence", False)]


LEVEL_TANK = """\
class LevelTank:
    def __init__(self):
        self.level = 7

    def move(self, m):
        self.level = max(0, min(10, self.level + m))


def run(moves):
    tank = LevelTank()
    for m in moves:
        tank.move(m)
    return tank.level
"""


WEEKS = """\
def wettest_day(weeks):
    wettest = 0
    for week in weeks:
        for rain in week:
            if rain > wettest:
                wettest = rain
    return wettest
"""


def test_a_pass_named_in_words_with_its_loop_value_beside_it_holds_its_claims_to_that_pass():
    tank = traced(LEVEL_TANK, "run([2, 3])")  # m = 2 takes the level from 7 to 9, m = 3 to 10
    assert ungrounded_in(tank, "**Move 1** (`m = 2`): 7 + 2 = 9, so `self.level = 9`.") == []
    assert ungrounded_in(tank, "**Move 1** (`m = 2`): 7 + 2 = 9, so `self.level = 10`.") == [
        "self.level = 10 (not in that pass of the loop)"
    ]
    weeks = traced(WEEKS, "wettest_day([[3, 7], [9, 2]])")
    assert ungrounded_in(weeks, "**Week 2** `[9, 2]`: 9 beats 7, so `wettest = 9`.") == []
    assert ungrounded_in(weeks, "**Week 2** `[9, 2]`: 9 beats 7, so `wettest = 7`.") == [
        "wettest = 7 (not in that pass of the loop)"
    ]


def test_in_total_after_the_loop_is_named_counts_the_loops_passes_not_how_often_a_line_ran():
    facts = trace_facts(traced(FLAGS, "mask_of(['read', 'write', 'exec'], {'read', 'exec'})"))  # 3 passes
    assert verdicts(facts, "The loop ran 3 times in total.") == [("count", True)]
    # the `mask |=` line ran twice, but the sentence counts the loop's runs
    assert verdicts(facts, "The loop ran 2 times in total.") == [("count", False)]
    assert verdicts(facts, "The mask line ran 2 times in total.") == [("count", True)]


CLOSE_PAIRS = """\
def close_pairs(xs):
    found = 0
    for i in range(len(xs)):
        for j in range(i + 1, len(xs)):
            if abs(xs[i] - xs[j]) <= 1:
                found += 1
    return found
"""


def test_how_many_pairs_were_compared_is_how_often_the_loops_ran():
    facts = trace_facts(traced(CLOSE_PAIRS, "close_pairs([1, 2, 4, 5])"))  # 3 + 2 + 1 = 6 pairs compared
    assert verdicts(facts, "In total 6 pairs were compared.") == [("count", True)]
    assert verdicts(facts, "In total 7 pairs were compared.") == [("count", False)]
    assert verdicts(facts, "Altogether the inner loop made 6 checks.") == [("count", True)]
    assert verdicts(facts, "Altogether the inner loop made 8 checks.") == [("count", False)]
    assert verdicts(facts, "It looked at 3 + 2 + 1 = 6 pairs.")[-1] == ("count", True)


COUNTDOWN = """\
def countdown(n):
    steps = 0
    while True:
        n -= 1
        steps += 1
        if n == 0:
            break
    return steps
"""


def test_values_told_after_the_loop_are_the_state_the_loop_left():
    window = traced(WINDOW, CALL)  # total goes 8, 6, 10, 15
    assert ungrounded_in(window, "After the loop total = 15.") == []
    assert ungrounded_in(window, "After the loop total = 10.") == ["total = 10 (not once the loop is over)"]
    assert ungrounded_in(window, "So the final total is 15.") == []
    assert ungrounded_in(window, "So the final `total = 10`.") == ["total = 10 (not its final value)"]
    # the other ways a teacher says it: a kind noun, `the final value of`, `'s final value`, `finishes at`
    assert ungrounded_in(window, "The final total value is 15.") == []
    assert ungrounded_in(window, "The final total value is 10.") == ["total = 10 (not its final value)"]
    assert ungrounded_in(window, "The final value of `total` is 10.") == ["total = 10 (not its final value)"]
    assert ungrounded_in(window, "So total's final value is 10.") == ["total = 10 (not its final value)"]
    assert ungrounded_in(window, "So total finishes at 15.") == []
    assert ungrounded_in(window, "So total finishes at 10.") == ["total = 10 (not its final value)"]
    assert ungrounded_in(window, "So total ended at 10.") == ["total = 10 (not its final value)"]
    countdown = traced(COUNTDOWN, "countdown(3)")  # left by a `break`, not by its header's test
    assert ungrounded_in(countdown, "When the loop ends, steps = 3.") == []
    assert ungrounded_in(countdown, "When the loop ends, steps = 2.") == ["steps = 2 (not once the loop is over)"]


BUMPED_TALLY = """\
class Tally:
    def __init__(self):
        self.count = 0

    def bump(self, k):
        self.count += k
        return self.count


def tally_run(steps):
    t = Tally()
    for k in steps:
        t.bump(k)
    return t.count
"""


def test_a_variable_in_backticks_that_ends_at_a_value_is_held_to_an_end_still_to_come():
    trace = traced(BUMPED_TALLY, "tally_run([2, 3, 4])")  # self.count goes 0, 2, 5, 9; each bump returns
    steps = "k = 2: 0 + 2 = 2. k = 3: 2 + 3 = 5. k = 4: 5 + 4 = 9. "
    assert ungrounded_in(trace, steps + "`self.count` ends at 9.") == []
    # (5 is what the second bump returned with: an end the walk has passed, not the run's)
    assert ungrounded_in(trace, steps + "`self.count` ends at 5.") == ["self.count = 5 (not its final value)"]
    assert ungrounded_in(trace, steps + "`self.count` ends at 7.") == ["self.count = 7"]
    # where a stretch of the run ends, told as such
    assert ungrounded_in(trace, steps + "The first 2 steps add 5, and `self.count` ends at 5 there.") == []


def test_a_state_told_for_the_end_is_one_the_run_or_a_loop_left_not_one_passed_through():
    trace = traced(ROW_SUMS, "row_sums([[1, 2], [3]])")  # total goes 0, 1, 3, 6; the inner loop ends at 3 and 6
    assert ungrounded_in(trace, "At the end, total = 6.") == []
    for told in (
        "At the end, total = 3.",
        "In the end total is 3.",
        "Just before the return, total = 3.",
        "At the return, total = 3.",  # (w184-19)
        "When the function returns, total = 3.",
    ):
        assert ungrounded_in(trace, told) == ["total = 3 (not what it held at the end)"]
        assert ungrounded_in(trace, told, backward=True) == ["total = 3 (not what it held at the end)"]
    # said of a loop: any run of it (the inner loop ran twice)
    assert ungrounded_in(trace, "When the inner loop ends, total = 3.") == []
    assert ungrounded_in(trace, "When the inner loop ends, total = 1.") == ["total = 1 (not what a loop left)"]
    assert ungrounded_in(trace, "The loop runs, ending with total = 1.") == ["total = 1 (not what a loop left)"]
    # not the end of something else, nor a state given as a reason or after a step
    assert ungrounded_in(trace, "The 3 at the end is added when total = 3.") == []
    assert ungrounded_in(trace, "At the end total is 6, since total = 3 before the last row.") == []
    assert ungrounded_in(trace, "At the end the last row is added, so total = 3 then.") == []


def test_after_the_swap_tells_the_state_the_assignment_restated_just_before_left():
    trace = traced(SWAP, "order(9, 4)")
    told = "9 > 4 is True, so they are swapped with a, b = b, a. "
    assert ungrounded_in(trace, told + "After the swap, a = 4 and b = 9.") == []
    assert ungrounded_in(trace, told + "After the swap, a = 9 and b = 4.") == [
        "a = 9 (not once `a, b = b, a` has run)",
        "b = 4 (not once `a, b = b, a` has run)",
    ]
    # `Now` after an assignment told as done; not after one only shown (a step's heading and its code)
    assert ungrounded_in(trace, told + "Now a is 9 and b is 4.") == [
        "a = 9 (not once `a, b = b, a` has run)",
        "b = 4 (not once `a, b = b, a` has run)",
    ]
    assert ungrounded_in(trace, "Step 2: `a, b = b, a`. Now a is 9.") == []
    # `swaps them:` after the restated assignment tells the state it left
    assert ungrounded_in(trace, "9 > 4, so `a, b = b, a` swaps them: `a = 4`, `b = 9`.") == []
    assert ungrounded_in(trace, "9 > 4, so `a, b = b, a` swaps them: `a = 9`, `b = 4`.") == [
        "a = 9 (not once `a, b = b, a` has run)",
        "b = 4 (not once `a, b = b, a` has run)",
    ]


BUBBLE_PASSES = """\
def bubble_passes(xs):
    swaps = 0
    while True:
        swapped = False
        for i in range(len(xs) - 1):
            if xs[i] > xs[i + 1]:
                xs[i], xs[i + 1] = xs[i + 1], xs[i]
                swaps += 1
                swapped = True
        if not swapped:
            break
    return swaps
"""


def test_a_plural_subject_and_a_run_pass_by_pass_of_a_loop_left_by_break():
    facts = trace_facts(traced(BUBBLE_PASSES, "bubble_passes([3, 1, 2])"))  # swaps after each pass: 2, 2
    # the last pass swaps nothing, and `break` leaves before the header shows it
    assert verdicts(facts, "Then swaps after each pass go 2, 2.") == [("sequence", True)]
    assert verdicts(facts, "Then swaps after each pass go 2, 3, 3.") == [("sequence", False)]
    # `Ann's swaps go 1, 5`: one entry's run, told by its key, not the variable's
    assert verdicts(facts, "So Ann's swaps go 1, 5.") == [("literal", True), ("literal", None)]


def test_a_count_after_a_bare_comma_ends_a_run(facts):
    # sums are 8, 6, 10, 15: `four values` says how many, it is no fifth value
    assert verdicts(facts, "The sums come out 8, 6, 10, 15, four values.")[0] == ("sequence", True)
    assert verdicts(facts, "The sums come out 8, 6, 10, 16, four values.")[0] == ("sequence", False)


def test_a_test_named_by_its_skipped_block_is_claimed_false(facts):
    # i runs 3, 4, 5: `i > 5` never holds, so its block is skipped
    assert verdicts(facts, "Here the i > 5 block is skipped.") == [("comparison", True)]
    assert verdicts(facts, "Here the i > 2 block is skipped.") == [("comparison", False)]


def test_making_a_variable_a_value_and_an_augmented_assignment_restated_are_read(facts):
    # total: 8, then 6 (i = 3), 10 (i = 4), 15 (i = 5)
    assert verdicts(facts, "It adds the first window, making total 8.") == [("value", True)]
    assert verdicts(facts, "It adds the first window, making total 9.") == [("value", False)]
    # `total += ...` restated: what it gives is total's value once that line has run
    restated = "`total += xs[i] - xs[i - k]` gives `total = {}`."
    assert ("value", True) in verdicts(facts, restated.format(6))
    assert verdicts(facts, restated.format(8)) == [("value", False)]  # 8 is total before the line first ran


def test_values_weighed_as_either_or_are_not_states(facts):
    # a backward narration weighing which input it was: neither alternative is claimed
    assert ("value", False) not in verdicts(facts, "Either total = 99 at the start, or k = 7 and total = 8.")
    assert ("value", False) in verdicts(facts, "At the start total = 99, and k = 7.")
    # arithmetic of literals in it is still checked
    assert ("arith", False) in verdicts(facts, "Either 3 + 4 = 8 or k = 7.")
    # one name given two values joined by `or` in a backward narration (w427-14 of round 73)
    weighed = "So k is 4 below 7 (k = 3) or 4 above it (k = 11)."
    weighing = [(c.kind, c.ok) for c in check_sentence(weighed, Walk(facts, 15, True, 0))]
    assert ("value", False) not in weighing
    assert ("value", False) in verdicts(facts, weighed)  # (a forward narration tells the run)


def test_a_test_named_as_what_to_guard_against_or_what_items_fail_is_no_claim(facts):
    # i never exceeds 5: these name the test, they do not say it held
    assert ("comparison", False) not in verdicts(facts, "The code guards against `i > 5`.")
    assert ("comparison", False) not in verdicts(facts, "Windows that fail i > 5 are dropped.")
    assert ("comparison", False) in verdicts(facts, "Here i > 5.")


HOPPER = """\
class Hopper:
    def __init__(self):
        self.pos = 0

    def skip(self, b):
        self.pos += 3 * b
        return self.pos


def hop(a, b):
    if a == 0:
        return -1
    p = Hopper()
    return p.skip(b) - a
"""


def test_a_test_of_the_code_named_by_what_it_guards_and_a_minus_after_a_call_are_no_claims():
    trace = traced(HOPPER, "hop(2, 4)")  # skip(4) returns 12; hop returns 12 - 2 = 10
    # (w414-14, w413-11: the code's test named, not said to hold)
    assert ungrounded_in(trace, "The early return for a == 0 was not taken, since that branch gives -1.") == []
    assert ungrounded_in(trace, "The first guard is a == 0.") == []
    assert ungrounded_in(trace, "Here a == 0 is True.") != []
    # (w412-14: the minus joins the call before it, masked as restated code: no claim `-a = 10`)
    assert ungrounded_in(trace, "**Return:** `p.skip(b) - a = 10`.") == []


def test_tests_said_to_fail_restated_returns_totals_over_passes_and_quoted_equals(facts):
    # tests said to fail, in brackets after `fail`
    failing = verdicts(facts, "Rows 0 and 1 fail (`0 >= 5`, `1 >= 5`).")
    assert ("comparison", True) in failing and ("comparison", False) not in failing
    # `returns total > 20` restates the returned expression; what it gave is told after
    assert ("comparison", False) not in verdicts(facts, "The check returns total > 20, and the output is False.")
    # an `=` inside a quoted string is no chain
    assert ("arith", False) not in verdicts(facts, "It splits into 'a=1', ' b = 2', '=5' and ' c'.")
    pairs = trace_facts(traced(CLOSE_PAIRS, "close_pairs([1, 2, 4, 5])"))  # 6 pairs in all
    # the range of one pass, then the total over every pass: not the range's size
    assert ("count", False) not in verdicts(pairs, "For i = 0, j runs from 1 to 3, so 6 pairs are compared in total.")
    flags = trace_facts(traced(FLAGS, "mask_of(['read', 'write', 'exec'], {'read', 'exec'})"))
    assert verdicts(flags, "The body of the if runs twice.") == [("count", True)]  # the loop ran 3 times


def test_an_update_restated_with_the_moments_values_gives_the_value_it_changes_to():
    trace = traced(WINDOW, CALL)  # total 8, then 6, 10, 15
    told = "First total = 8. Then i = 3: `total += -2` gives 6. Then i = 4: "
    assert ungrounded_in(trace, told + "`total += 4` gives 10.") == []
    # 6 is what the update before left: this one changes total
    assert ungrounded_in(trace, told + "`total += 4` gives 6.") == ["total = 6 (no change to it from here on)"]
    # adding 0 changes nothing: the value stays
    assert ungrounded_in(trace, "First total = 8. `total += 0` leaves it at 8.") == []


def test_a_number_said_to_be_even_or_odd_is_checked(facts):
    assert verdicts(facts, "The sum is 4, which is even.")[-1] == ("arith", True)
    assert verdicts(facts, "The sum is 3, which is even.")[-1] == ("arith", False)
    assert verdicts(facts, "So 7 + 2 is odd.") == [("arith", True)]
    assert verdicts(facts, "So 7 + 2 is even.") == [("arith", False)]
    # `even` as an adverb: no parity
    assert all(kind != "arith" for kind, _ in verdicts(facts, "And 5 is even further out."))
    # said of the others
    assert ("arith", False) not in verdicts(facts, "In [4, 4, 2, 3] every value except 3 is even.")
    # a worked result another claim reads has a parity of its own
    assert ("arith", False) in verdicts(facts, "So 8 + 6 = 14, odd, and it moves on.")
    assert ("arith", False) not in verdicts(facts, "So 8 + 6 = 14, even, and it moves on.")
    # (w415-16: `which is odd` said of b, told before `a = 8`; w115-15: of the value at that place)
    assert ("arith", False) not in verdicts(facts, "Then b = 9 with i = 8, which is odd.")
    assert ("arith", False) not in verdicts(facts, "The 6 at i = 3 is even.")


def test_a_library_function_named_alone_returns_its_own_value(facts):
    assert verdicts(facts, "Here len returns 6.") == []  # (len of xs, not what window_sums returns)


def test_two_ranges_said_together_count_their_pairs(facts):
    told = "r runs from 1 to 5 and c runs from 1 to 5, so {} cells are checked."
    assert ("count", True) in verdicts(facts, told.format(25))
    assert ("count", False) in verdicts(facts, told.format(24))


def test_a_test_said_to_hold_keeps_its_verdict_when_another_does_not(facts):
    assert ("comparison", False) not in verdicts(facts, "It is a run since 21 >= 21 holds and 17 does not.")
    assert ("comparison", False) in verdicts(facts, "It is a run since 21 >= 22 holds and 17 does not.")


def test_after_the_kth_pass_holds_values_to_that_pass_when_the_noun_is_the_loops():
    trace = traced(WINDOW, CALL)  # passes i = 3, 4, 5 take total to 6, 10, 15
    assert ungrounded_in(trace, "After the second pass, total = 10.") == []
    assert ungrounded_in(trace, "After the second pass, total = 15.") == ["total = 15 (not in that pass of the loop)"]
    # the loop walks indexes, not words: `the second word` names no pass of it
    assert ungrounded_in(trace, "After the second word, total = 15.") == []


def test_in_a_forward_narration_what_follows_so_after_a_would_clause_happened(facts):
    assert verdicts(facts, "The window would grow, so total becomes 99.") == [("value", False)]
    assert ("value", False) not in verdicts(facts, "The window would grow and total would become 99.")
    # a backward narration goes on supposing after `so`
    backward = check_sentence("Then n would be 99, so total becomes 99.", Walk(facts, 15, True, 0))
    assert ("value", None) in [(c.kind, c.ok) for c in backward]
    assert ("value", False) not in [(c.kind, c.ok) for c in backward]


def test_a_change_told_after_a_value_of_the_same_variable_is_its_next_change():
    trace = traced(WINDOW, CALL)  # total 8, 6, 10, 15
    assert ungrounded_in(trace, "Here total is 6, so total becomes 10.") == []
    assert ungrounded_in(trace, "Here total is 6, so total becomes 15.") == [
        "total = 15 (not the change from total = 6)"
    ]
    assert ungrounded_in(trace, "Here total is 10, so total becomes 6.") == ["total = 6 (only before total = 10)"]


ZEROS = """\
def signs(xs):
    zero = 0
    for x in xs:
        if x == 0:
            zero += 1
    return zero
"""


def test_a_number_word_that_names_a_variable_and_a_skipped_early_return(facts):
    zeros = trace_facts(traced(ZEROS, "signs([0, 3, 0])"))  # zero ends at 2
    assert ("value", True) in verdicts(zeros, "At the end zero = 2, so the list holds 0 twice.")
    assert ("arith", False) not in verdicts(zeros, "At the end zero = 2, so the list holds 0 twice.")
    # `the i > 5 early return was skipped`: the test came out False
    assert verdicts(facts, "The `i > 5` early return was skipped.") == [("comparison", True)]
    trace = traced(WINDOW, CALL)
    # `the one for i = 3`: another pass named, not a value the step led to
    assert ungrounded_in(trace, "For i = 5, total is 15, so the step is bigger than the one for i = 3.") == []


THIRDS = """\
def thirds(n):
    while n % 3 == 0 and n > 0:
        n //= 3
    return n
"""
SLOTS = """\
def first_free(slots):
    for i in range(len(slots)):
        if slots[i] is None:
            return i
    return -1
"""


def test_an_and_test_of_the_code_written_without_backticks_is_judged_whole():
    trace = traced(THIRDS, "thirds(2)")  # 2 % 3 is 2: the test is False at once, though n > 0 holds
    assert ungrounded_in(trace, "Since 2 % 3 = 2, the condition n % 3 == 0 and n > 0 was False.") == []
    assert ungrounded_in(trace, "Since 2 % 3 = 2, the condition n % 3 == 0 and n > 0 was True.") == [
        "n % 3 == 0 and n > 0 is True"
    ]


def test_an_is_none_test_given_a_truth_is_that_tests_outcome():
    trace = traced(SLOTS, "first_free(['a', None])")
    assert ungrounded_in(trace, "For i = 0, `slots[0] is None` is False, so the loop goes on.") == []
    assert ungrounded_in(trace, "For i = 0, `slots[0] is None` is True, so it returns 0.") != []


def test_what_follows_a_run_is_not_one_of_its_values(facts):
    trace = traced(WINDOW, CALL)  # total 8, 6, 10, 15
    assert ungrounded_in(trace, "total goes 8, 6, 10, 15, one change per pass.") == []
    assert ungrounded_in(trace, "total goes 8, 6, 10 and 10 % 4 = 2.") == []
    assert ungrounded_in(trace, "total goes 8, 6, 11 and 11 % 4 = 3.") != []
    # `1 << 2, which is 1 | 4 = 5`: the value after `which is` is more arithmetic, not the shift's result
    assert ("arith", False) not in verdicts(facts, "So 1 << 2, which is 1 | 4 = 5.")


RENT = """\
def rent(stock, item):
    stock[item] -= 1
    return stock
"""


def test_a_key_said_before_the_dicts_name_is_that_entry():
    trace = traced(RENT, "rent({'kayak': 1, 'bike': 2}, 'bike')")
    assert ungrounded_in(trace, "Bike stock drops to 1, and the kayak stock stays at 1.") == []
    assert ungrounded_in(trace, "Bike stock drops to 0.") == ["stock['bike'] = 0"]
    # `the stock`: the whole dict, not an entry
    assert ungrounded_in(trace, "After that the stock is {'kayak': 1, 'bike': 1}.") == []


POINTS = """\
def points_of(games):
    points = {}
    for team, gained in games:
        points[team] = points.get(team, 0) + gained
    return points
"""


def test_moves_told_with_the_value_reached_first_or_of_a_key_alone():
    trace = traced(WINDOW, CALL)  # total 8, 6, 10, 15
    assert ungrounded_in(trace, "Then total reached 10 from 6.") == []
    assert ungrounded_in(trace, "Then total reached 6 from 10.") != []  # (it fell to 6 before it rose to 10)
    assert ungrounded_in(trace, "The previous total was 6, so it becomes 10.") == []
    assert ungrounded_in(trace, "The previous total was 7, so it becomes 10.") == ["total = 7"]
    # `cats went from 1 to 4`: the entry of the one dict that has the key 'cats'
    trace = traced(POINTS, "points_of([('cats', 1), ('owls', 3), ('cats', 3)])")
    assert ungrounded_in(trace, "In the third game cats went from 1 to 4.") == []
    assert ungrounded_in(trace, "In the third game cats went from 1 to 3.") == ["points['cats']: [1, 3]"]
    # a key with its value in brackets: `cats (4) and owls (3) lead`
    trace = traced(POINTS, "points_of([('cats', 1), ('owls', 3), ('cats', 3)])")
    assert ungrounded_in(trace, "At the end `cats` (4) and `owls` (3) lead.") == []
    assert ungrounded_in(trace, "At the end `cats` (3) and `owls` (4) lead.") == [
        "points['cats'] = 3",
        "points['owls'] = 4",
    ]
    assert ungrounded_in(trace, "A helper such as cats(9) is not part of it.") == []  # (a call, not a key)
    # a quoted key said to change: `adds four more to 'k', which becomes nine`
    trace = traced(POINTS, "points_of([('cats', 1), ('owls', 3), ('cats', 3)])")
    assert ungrounded_in(trace, "The third game adds three to 'cats', which becomes four.") == []
    assert ungrounded_in(trace, "The third game adds three to 'cats', which becomes five.") == ["points['cats'] = 5"]
    trace = traced(POINTS, "points_of([('owls', 5), ('owls', -2)])")
    assert ungrounded_in(trace, "The second game costs 2, so owls drops to 3.") == []
    assert ungrounded_in(trace, "The second game costs 2, so owls drops to 4.") == ["points['owls'] = 4"]


def test_the_condition_given_a_truth_is_the_test_restated_before_it():
    trace = traced(THIRDS, "thirds(2)")
    told = "The test n % 3 == 0 asks for a multiple of 3. Here 2 % 3 is 2, so the condition is "
    assert ungrounded_in(trace, told + "false.") == []
    assert ungrounded_in(trace, told + "true.") == ["n % 3 == 0 is True"]


OPS = """\
def apply(ops):
    x = 0
    for op in ops:
        x += op
    return x
"""


def test_a_count_of_the_noun_a_loops_collection_shortens():
    trace = traced(OPS, "apply([1, 2, 3])")  # `ops` shortens `operations`
    assert ungrounded_in(trace, "All 3 operations are processed, so x is 6.") == []
    assert ungrounded_in(trace, "All 4 operations are processed, so x is 6.") == ["All 4 operations"]
    assert ungrounded_in(trace, "The loop ran over 4 operations, so x is 6.") == ["ran over 4 operations"]


def test_values_chained_by_arrows_follow_one_another(facts):  # total 8, 6, 10, 15
    assert verdicts(facts, "Step by step: 8 -> 6 -> 10.") == [("sequence", True)]
    # in order in total's history, but 6 came between: not one after another
    assert verdicts(facts, "Step by step: 8 -> 10 -> 15.") == [("sequence", False)]


def test_a_value_that_must_be_and_the_value_a_change_came_from():
    trace = traced(WINDOW, CALL)  # total 8, 6, 10, 15
    assert ungrounded_in(trace, "So total must be 6 after the second window.") == []
    assert ungrounded_in(trace, "So total must be 7 after the second window.") == ["total = 7"]
    assert ungrounded_in(trace, "And i plus that total must be 99.") == []  # a sum, not total's value
    assert ungrounded_in(trace, "The next number raised total from 6 (10 > 6).") == []
    assert ungrounded_in(trace, "The next number raised total from 15 (10 > 6).") == ["total changed from 15"]


def test_several_names_given_values_at_once_hold_them_together():
    trace = traced(WINDOW, CALL)  # at the end total is 15 and i is 5
    assert ungrounded_in(trace, "At the end `(total, i)` = (15, 5).") == []
    assert ungrounded_in(trace, "At the end `(total, i)` = (5, 15).") == ["(total, i) = (5, 15)"]


ROW_SUMS = """\
def row_sums(rows):
    total = 0
    for row in rows:
        for x in row:
            total += x
    return total
"""


def test_values_told_after_each_pass_are_what_each_pass_leaves():
    trace = traced(ROW_SUMS, "row_sums([[1, 2], [3], [4, 5]])")  # total 1, 3, 6, 10, 15; 3, 6, 15 after each row
    assert ungrounded_in(trace, "After each row, total is 3, 6, 15.") == []
    assert ungrounded_in(trace, "After each row, total is 3, 6, 10.") == [
        "total: [3, 6, 10] (not its values pass by pass)"
    ]
    # `after each refill`: no loop's pass, so any stretch of its history
    assert ungrounded_in(trace, "After each refill, total is 3, 6, 10.") == []


def test_a_line_that_opens_with_a_pass_tells_that_pass_in_every_sentence():
    trace = traced(WINDOW, CALL)  # passes i = 3, 4, 5 take total to 6, 10, 15
    assert ungrounded_in(trace, "Second pass: i is 4. Then total = 10.") == []
    assert ungrounded_in(trace, "Second pass: i is 4. Then total = 15.") == [
        "total = 15 (not in that pass of the loop)"
    ]
    # an expression after `now` is the state the pass is in, not a change it made
    assert ungrounded_in(trace, "Second pass: now i + 1 = 5, and total becomes 10.") == []


def test_a_number_told_with_its_unit_and_a_value_a_variable_must_end_as():
    trace = traced(WINDOW, CALL)  # total ends at 15
    assert ungrounded_in(trace, "At the end total is now 15 points.") == []
    assert ungrounded_in(trace, "At the end total is now 14 points.") == ["total = 14"]
    assert ungrounded_in(trace, "So total must end as 15.") == []
    assert ungrounded_in(trace, "So total must end as 16.") == ["total = 16"]


def test_rounds_and_the_body_count_a_loops_passes_not_a_variables_changes():
    trace = traced(WINDOW, CALL)  # the loop runs 3 times; sums holds 4 values over the run
    assert ungrounded_in(trace, "sums starts as [8], then it runs 3 rounds.") == []
    assert ungrounded_in(trace, "sums starts as [8], then it runs 4 rounds.") == ["4 rounds"]
    assert ungrounded_in(trace, "The body ran 4 times, and sums ends as [8, 6, 10, 15].") == ["4 times"]
    # some of the passes: at most as many as the loop ran
    assert ungrounded_in(trace, "Exactly 2 rounds had xs[i] > xs[i - k].") == []


FIRST_NEGATIVE = """\
def first_negative(parts):
    for i, part in enumerate(parts):
        if part < 0:
            break
    return i
"""


def test_a_loop_that_stops_on_its_kth_unit_ran_k_passes():
    trace = traced(FIRST_NEGATIVE, "first_negative([4, 2, -1, 7])")  # stops in its third pass
    assert ungrounded_in(trace, "The loop stops on its third part and never looks at 7.") == []
    assert ungrounded_in(trace, "The loop stops on its fourth part and never looks at 7.") == ["on its fourth part"]
    # not right after a stop: a place, not a count (`at the fourth value` of something)
    assert ungrounded_in(trace, "The -1 shows up at the fourth part, so the loop ends at i = 2.") == []


def test_keys_given_values_with_at_are_the_dicts_entries():
    trace = traced(POINTS, "points_of([('cats', 1), ('owls', 3), ('cats', 3)])")  # cats 1 then 4, owls 3
    assert ungrounded_in(trace, "With cats at 4 and owls at 3, the tally is done.") == []
    assert ungrounded_in(trace, "With cats at 3 and owls at 4, the tally is done.") == [
        "points['cats'] = 3",
        "points['owls'] = 4",
    ]


def test_a_value_said_to_satisfy_a_test_of_the_code_claims_its_outcome():
    trace = traced(THIRDS, "thirds(2)")  # 2 % 3 is 2: the test never holds
    assert ungrounded_in(trace, "So 2 does not satisfy `n % 3 == 0` and the loop never runs.") == []
    assert ungrounded_in(trace, "So 2 satisfies `n % 3 == 0` and the loop runs.") == ["n % 3 == 0 is True"]


def test_numbers_that_name_passes_or_positions_and_a_row_of_some_size_are_no_values(facts):
    # `in rounds 1, 3 and 6`, `positions 0, 1 and 3`: which passes or places, not values the run held
    assert all(kind != "sequence" for kind, _ in verdicts(facts, "The window moved in passes 7, 9 and 11."))
    assert all(kind != "sequence" for kind, _ in verdicts(facts, "Bits at positions 7, 9 and 11 are set."))
    # `a row of 10 fits`: a size in the reasoning, not the length of a list the run holds
    assert ("count", False) not in verdicts(facts, "The width must be 10, since a row of 10 fits.")


LETTER_TALLY = """\
def tally(text):
    counts = {}
    for ch in text:
        counts[ch] = counts.get(ch, 0) + 1
    return counts
"""


def test_an_entrys_update_said_to_give_a_dict_gives_the_whole_dicts_value():
    facts = trace_facts(traced(LETTER_TALLY, "tally('bab')"))
    update = "So `counts[ch] = counts.get(ch, 0) + 1` gives "
    assert verdicts(facts, update + "`{'b': 1}`.") == [("value", True)]
    assert verdicts(facts, update + "`{'b': 3}`.") == [("value", False)]
    assert verdicts(facts, update + "1.") == [("value", True)]  # (a number is the entry's)


def test_a_dicts_summary_in_numbers_is_one_entrys_history():
    facts = trace_facts(traced(LETTER_TALLY, "tally('babbb')"))  # counts['b'] goes 1, 2, 3, 4
    assert verdicts(facts, "For b, counts goes 1, 2, 3, 4.") == [("sequence", True)]
    assert verdicts(facts, "For b, counts goes 1, 2, 4, 5.") == [("sequence", False)]


def test_how_often_a_key_came_is_a_count_the_run_holds_not_a_loops():
    facts = trace_facts(traced(LETTER_TALLY, "tally('babbb')"))  # b 4 times, a once; the loop runs 5 times
    for told in ("In all 'b' came 4 times.", "Of the letters, 'b' 4 times."):
        assert [v for v in verdicts(facts, told) if v[0] == "count"] == [("count", True)]
    assert ("count", False) in verdicts(facts, "In all 'b' came 7 times.")
    # `counted four times`: how often it was counted, a count the run holds
    assert [v for v in verdicts(facts, "The letter b is counted four times.") if v[0] == "count"] == [("count", True)]
    assert ("count", False) in verdicts(facts, "The letter b is counted seven times.")


POT = """\
class Pot:
    def __init__(self):
        self.heat = 0

    def add(self, t):
        self.heat += t


def warm(temps):
    p = Pot()
    for t in temps:
        p.add(t)
    return p.heat
"""


def test_a_change_told_in_a_named_pass_is_what_the_pass_made_of_the_value():
    facts = trace_facts(traced(POT, "warm([1, 2, 3])"))  # heat 1, 3, 6
    assert ("value", False) not in verdicts(facts, "Next t = 3: self.heat becomes 6.")
    # 3 is what the pass came in with (the method's frame shows it again before `+=`), not what it made
    assert ("value", False) in verdicts(facts, "Next t = 3: self.heat becomes 3.")
    assert ("value", False) not in verdicts(facts, "Next t = 3: self.heat is now 3, before the add.")


def test_a_value_said_to_be_reached_by_a_drop_or_a_rise_is_reached_that_way():
    drain = traced(
        "def drain(level, outs):\n    for k in outs:\n        level = max(0, level - k)\n    return level\n",
        "drain(8, [3, 9])",
    )  # level 8, 5, 0
    assert ungrounded_in(drain, "After the first out, level drops to 5.") == []
    assert ungrounded_in(drain, "After the first out, level rises to 5.") == ["level = 5 (never reached that way)"]
    assert ungrounded_in(drain, "Then level falls back to 0.") == []


def test_what_strip_left_has_no_space_at_either_end():
    trace = traced("def clean(s):\n    t = s.strip()\n    return t.lower()\n", "clean(' Oak ')")
    assert ungrounded_in(trace, "The input strips to 'Oak', then lowers to 'oak'.") == []
    assert ungrounded_in(trace, "The input strips to 'Oak ', then lowers to 'oak'.") == [
        "strips to 'Oak ' (strip leaves no space at either end)"
    ]
    # the input quoted before stripping, and what `rstrip` leaves, may keep a space
    assert ungrounded_in(trace, "Stripping matters: ' Oak ' becomes 'Oak'.") == []


def test_items_a_loop_will_visit_or_handled_before_it_ended():
    trace = traced(POT, "warm([1, 2, 3])")  # the loop over temps runs 3 times
    for told in ("So `for t in temps` will visit 3 values.", "After 3 temperatures the loop is finished."):
        assert [v for v in verdicts(trace_facts(trace), told) if v[0] == "count"] == [("count", True)]
    for told in ("So `for t in temps` will visit 4 values.", "After 4 temperatures the loop is finished."):
        assert ("count", False) in verdicts(trace_facts(trace), told)


TALLY_ROWS = """\
def tally(d, rows):
    a = 0
    for row in rows:
        gain = d.get(row, 0)
        a += gain
    return a
"""


@pytest.fixture(scope="module")
def tally_facts():
    return trace_facts(traced(TALLY_ROWS, "tally({1: 3, 2: 5}, [1, 2])"))  # gain 3, 5; row 1, 2; a 0, 3, 8


def test_prose_words_that_are_also_names_are_read_as_prose(tally_facts):
    # `has a 1`: the article; a terse listing still names the variable
    assert ("value", False) not in verdicts(tally_facts, "Exactly one number has a 1.")
    assert ("value", True) in verdicts(tally_facts, "Row 1: a 3.")
    assert ("value", False) in verdicts(tally_facts, "Row 1: a 4.")
    # `for row 0`: a place the prose names, as `in row 0` is
    assert ("value", False) not in verdicts(tally_facts, "Row 2 is the second row, counting from 1 for row 0.")
    # `a key with value 5 in d`: where a value sits, not a membership test of 5 among d's keys
    assert (
        verdicts(tally_facts, "A key with value 3 comes before the key with value 5 in d.").count(("comparison", False))
        == 0
    )
    assert ("comparison", False) in verdicts(tally_facts, "So 5 in d is True.")
    # `is one of two things`: which kind, not the value 1
    assert ("value", False) not in verdicts(tally_facts, "Each gain is one of two things: a hit or a miss.")
    assert ("value", False) in verdicts(tally_facts, "So gain is one.")
    # `the first one, 3 and 8`: a thing pointed at, not a 1 heading a run of values
    assert verdicts(tally_facts, "The first one, 3 and 8, is where a goes.") == [("literal", True)] * 2
    assert ("sequence", False) not in verdicts(tally_facts, "a goes through each one, 3 and 8.")
    assert ("value", False) in verdicts(tally_facts, "Only one gain is 5, so a is one.")
    # `one new value per row` after a run: a rate, not the run's last item
    assert verdicts(tally_facts, "Then a goes 3, 8, one new value per row.") == [("sequence", True)]
    assert verdicts(tally_facts, "Then a goes 3, 8, 1.") == [("sequence", False)]


def test_no_later_value_exceeding_a_bound_is_a_claim_that_none_does(tally_facts):
    assert ("comparison", True) in verdicts(tally_facts, "No later gain exceeds 5.")
    assert ("comparison", False) in verdicts(tally_facts, "No later gain exceeds 4.")
    assert ("comparison", False) in verdicts(tally_facts, "No gain is greater than 4.")


RISES = """\
def rises(xs):
    total = 0
    for a, b in zip(xs, xs[1:]):
        d = b - a
        if d > 0:
            total += d
    return total
"""


def test_how_many_of_the_tests_held_is_counted_over_the_programs_tests():
    facts = trace_facts(traced(RISES, "rises([1, 3, 2, 5])"))  # d = 2, -1, 3: two of the three tests hold
    assert verdicts(facts, "It looked at 3 pairs, and 2 of them had d > 0.")[-1] == ("count", True)
    assert verdicts(facts, "It looked at 3 pairs, and 3 of them had d > 0.")[-1] == ("count", False)
    # a condition the program never tests: how many held is the narration's own count, unverifiable
    assert verdicts(facts, "It looked at 3 pairs, and 1 of them had d > 2.")[-1] == ("count", None)


STOCK_SHELF = """\
class Shelf:
    def __init__(self):
        self.stock = {}

    def put(self, item, n):
        self.stock[item] = self.stock.get(item, 0) + n


def fill(pairs):
    shelf = Shelf()
    for item, n in pairs:
        shelf.put(item, n)
    return sorted(shelf.stock.items())
"""


def test_the_sorted_dict_is_its_items_sorted():
    trace = traced(STOCK_SHELF, "fill([('rice', 6), ('oats', 2), ('oats', 4)])")
    assert ungrounded_in(trace, "So the sorted stock is [('oats', 6), ('rice', 6)].") == []
    assert ungrounded_in(trace, "So the sorted stock is [('oats', 5), ('rice', 6)].") == [
        "sorted(self.stock.items()) = [('oats', 5), ('rice', 6)]"
    ]


def test_a_run_of_the_operands_of_arithmetic_worked_right_before_it_is_the_narrations_own(facts):
    worked = "810 = 3 * 256 + 2 * 16 + 10, so the nibbles, from first to last, are "
    assert verdicts(facts, worked + "3, 2 and 10.") == [("arith", True), ("sequence", True)]
    assert ("sequence", True) not in verdicts(facts, worked + "3, 2 and 11.")  # (11 is no operand)
    # (arithmetic that is wrong vouches for nothing)
    assert ("sequence", True) not in verdicts(facts, "810 = 3 * 256 + 2 * 16 + 11, so they are 3, 2 and 11.")


def test_a_name_inside_a_longer_phrase_is_not_told_a_value(tally_facts):
    for phrase in (
        "The slice after the gain is 7.",  # the slice's value, not gain's
        "Every gain is 7.",  # a claim about all of them
        "After the loop, a non-empty gain is one more pack.",  # a difference
        "The loop stops before row reaches 3.",  # a value row may never take
        "So gain is from 4 to 9.",  # a range
    ):
        assert ("value", False) not in verdicts(tally_facts, phrase), phrase
    assert ("value", False) in verdicts(tally_facts, "So gain is 7.")


def test_a_hex_literal_is_its_value_not_a_shape(tally_facts):
    assert ("value", True) in verdicts(tally_facts, "The second gain is `gain = 0x5`, which is 5 in decimal.")
    assert ("value", False) in verdicts(tally_facts, "The second gain is `gain = 0x7`.")


def test_a_test_said_to_fail_in_other_words_is_claimed_false(tally_facts):
    assert ("comparison", False) not in verdicts(tally_facts, "So 0 < a holds but 9 < a does not, which means a = 8.")
    assert ("comparison", False) in verdicts(tally_facts, "So 0 < a holds but -1 < a does not, which means a = 8.")
    assert ("comparison", False) not in verdicts(tally_facts, "For the loop to stop, a > 9 must fail.")
    assert ("comparison", False) in verdicts(tally_facts, "For the loop to stop, a > -1 must fail.")


DOUBLED = """\
def double(x):
    return 2 * x


def positive_doubles(xs):
    s = 0
    for x in xs:
        if x > 0:
            s += double(x)
    return s
"""


def test_called_a_function_n_times_is_how_often_the_program_called_it():
    facts = trace_facts(traced(DOUBLED, "positive_doubles([1, -2, 3])"))  # 3 passes, 2 calls of double
    assert ("count", False) not in verdicts(facts, "The loop called `double` 2 times.")
    assert ("count", False) in verdicts(facts, "The loop called `double` 3 times.")
    assert ("count", False) in verdicts(facts, "So `double(x)` was called 3 times.")
    assert ("count", False) not in verdicts(facts, "So double was called 2 times.")


LINE_LENGTHS = """\
def lengths(text):
    out = []
    for line in text.split(";"):
        if not line:
            continue
        out.append(len(line))
    return out
"""


def test_a_loop_over_a_variable_named_line_is_counted_as_that_loop():
    facts = trace_facts(traced(LINE_LENGTHS, "lengths('ab;;c')"))  # 3 passes, the append runs twice
    assert ("count", True) in verdicts(facts, "So the `for line in ...` loop runs 3 times.")
    assert ("count", False) in verdicts(facts, "So the `for line in ...` loop runs 2 times.")
    assert ("count", True) in verdicts(facts, "The append line ran 2 times.")  # (a line of code, counted as one)


CAPPED = """
def capped_level(xs, cap):
    level = 0
    for x in xs:
        if level + x <= cap:
            level += x
    return level
"""


def test_a_value_repeated_in_an_unnamed_summary_is_a_pass_that_repeats_it():
    # level after each item: 2, 5, 5 (9 does not fit), 6, 6 (nor does the last 9); it changes to 2, 5, 6
    capped = trace_facts(traced(CAPPED, "capped_level([2, 3, 9, 1, 9], 7)"))
    assert verdicts(capped, "After each item the running value is 2, 5, 5, 6, 6.") == [("sequence", True)]
    # the changes alone are right too: a repeat is what the summary adds
    assert verdicts(capped, "The running value goes 2, 5, 6.") == [("sequence", True)]
    # the 5 repeated where the run moved on to 6, the 6 held one item early: passes no record shows
    assert verdicts(capped, "After each item the running value is 2, 5, 6, 6, 6.") == [("sequence", False)]
    assert verdicts(capped, "After each item the running value is 2, 2, 5, 6, 6.") == [("sequence", False)]


def test_a_labelled_number_that_passes_is_not_a_count_of_passes(facts):
    assert verdicts(facts, "The loop makes 3 passes.") == [("count", True)]
    assert verdicts(facts, "The loop makes 4 passes.") == [("count", False)]
    # `passes` the verb, after a number that labels a row or a value: no count at all
    assert not [kind for kind, _ in verdicts(facts, "Row 0 passes at i = 3.") if kind == "count"]
    assert ("count", False) not in verdicts(facts, "The value 9 passes, so total becomes 10.")


GRADES = """
def grade(scores):
    counts = {"A": 0, "B": 0, "C": 0}
    for s in scores:
        if s < 0:
            return None
        if s >= 90:
            counts["A"] += 1
        elif s >= 80:
            counts["B"] += 1
        else:
            counts["C"] += 1
    return counts
"""


def test_tests_said_to_fail_in_the_plural_or_after_had_to():
    graded = trace_facts(traced(GRADES, "grade([76])"))
    assert verdicts(graded, "Both `s >= 90` and `s >= 80` fail, so the `else` runs.") == [("comparison", True)] * 2
    assert verdicts(graded, "Both `s >= 90` and `s >= 70` fail, so the `else` runs.")[1] == ("comparison", False)
    assert verdicts(graded, "The guard `s < 0` had to fail; so we go on.") == [("comparison", True)]
    assert verdicts(graded, "The guard `s < 90` had to fail; so we go on.") == [("comparison", False)]
    # `does not fail` is the test passing
    assert verdicts(graded, "`s >= 70` does not fail.") == [("comparison", True)]


GUARDED = """
def pick(xs, people):
    if people <= 0:
        return []
    best = 0
    for x in xs:
        if x > 9:
            best = x
    return best
"""


def test_a_guard_that_did_not_fire_and_none_of_a_list_of_tests_holding_are_claimed_false():
    picked = trace_facts(traced(GUARDED, "pick([4, 7, 0], 3)"))
    assert verdicts(picked, "The people <= 0 guard did not fire.") == [("comparison", True)]
    assert verdicts(picked, "The people <= 3 guard did not fire.") == [("comparison", False)]
    assert (
        verdicts(picked, "None of `4 > 9`, `7 > 9`, `0 > 9` holds, so best stays 0.")[1:] == [("comparison", True)] * 3
    )
    assert ("comparison", False) in verdicts(picked, "None of `4 > 9`, `7 > 5`, `0 > 9` holds, so best stays 0.")
    # (`none of` a clause before does not reach a test after it)
    assert verdicts(picked, "None of the values is big; 7 > 5 holds.") == [("comparison", True)]


FIRST_PAIR = """
def first_pair(xs):
    for i in range(len(xs)):
        if xs[i] > 2:
            return (xs[i], i)
    return None
"""


def test_a_value_said_never_checked_is_one_the_loop_never_got_to():
    paired = trace_facts(traced(FIRST_PAIR, "first_pair([1, 5, 0, 7])"))  # returns at i = 1
    assert verdicts(paired, "It returns right away; i = 2 is never checked.") == [("value", True)]
    assert verdicts(paired, "It returns right away; i = 1 is never checked.") == [("value", False)]


COLD = """
def count_cold(readings, cut):
    below = 0
    for r in readings:
        if r < cut:
            below += 1
    return below
"""


def test_a_variable_named_by_a_preposition_is_not_read_in_a_comparison_in_words():
    cold = trace_facts(traced(COLD, "count_cold([-4, 2, -6], -3)"))
    said = verdicts(cold, "The readings -4 and -6 are each below -3, so below goes 1, 2.")
    assert said[0] == ("sequence", True) and ("value", False) not in said
    assert verdicts(cold, "The readings -4 and -6 are each below -3, so below goes 1, 3.")[0] == ("sequence", False)


CODE_OF = """
def code_of(tag):
    if not tag[1:].isdigit():
        return -1
    return ord(tag[0]) * 100 + int(tag[1:])
"""


def test_the_returns_of_the_codes_cases_are_not_this_runs_and_a_return_for_this_input_is():
    coded = trace_facts(traced(CODE_OF, "code_of('A12')"))  # 6512
    told = "The function returns `-1` for bad codes and `ord(tag[0]) * 100 + int(tag[1:])` otherwise."
    assert ("return", False) not in verdicts(coded, told)
    assert verdicts(coded, "It returns 6512 for this tag.") == [("return", True)]
    assert verdicts(coded, "It returns 6513 for this tag.") == [("return", False)]  # (`this tag` is no count of tags)
    # a result the sentence goes on to weigh against another case is this run's
    assert verdicts(coded, "It returns 6513, otherwise it would return -1.")[0] == ("return", False)


def test_a_width_a_value_is_padded_or_rounded_to_is_not_its_value(facts):
    assert ("value", False) not in verdicts(facts, "total is padded to 3 digits.")
    assert ("value", False) not in verdicts(facts, "Here total is rounded to 2 decimal places.")
    assert verdicts(facts, "total climbed to 10.") == [("value", True)]
    assert verdicts(facts, "total climbed to 11.") == [("value", False)]


NIBBLES = """
def swap_nibbles(x):
    if not 0 <= x <= 255:
        return -1
    swapped = ((x & 15) << 4) | (x >> 4)
    return swapped, swapped ^ x
"""


def test_a_byte_in_two_groups_of_four_bits_is_one_numeral_and_a_cases_return_is_not_this_runs():
    swapped = trace_facts(traced(NIBBLES, "swap_nibbles(58)"))  # 0011 1010 -> 1010 0011 = 163; 163 ^ 58 = 153
    said = verdicts(swapped, "In binary 58 is `0011 1010`; swapping the halves gives `1010 0011`, which is 163.")
    assert said and all(ok is not False for _, ok in said)
    assert ("arith", True) in verdicts(swapped, "163 ^ 58 = 153 (1010 0011 ^ 0011 1010 = 1001 1001).")
    assert ("arith", False) in verdicts(swapped, "So 1010 0011 ^ 0011 1010 = 1001 1000.")
    told = "The function swaps the two halves of a byte, or returns `-1` for values outside 0..255."
    assert ("return", False) not in verdicts(swapped, told)
    assert verdicts(swapped, "It returns -1.") == [("return", False)]


BEST_SUM = """
def best_sum(rows):
    sums = []
    best = None
    for r in rows:
        s = sum(r)
        sums.append(s)
        if best is None or s > best:
            best = s
    return sums, best
"""


def test_the_best_one_is_a_pronoun_and_whose_names_a_property_of_the_thing_before_it():
    best = trace_facts(traced(BEST_SUM, "best_sum([[1, 2], [5], [0]])"))  # best None, 3, 5
    assert ("value", False) not in verdicts(best, "So it returns the list of sums together with the best one.")
    assert verdicts(best, "best is one.") == [("value", False)]
    assert ("value", False) not in verdicts(best, "The row sums to '5', whose best is 4.")
    assert ("value", False) in verdicts(best, "The rows whose best is 4 win.")  # (a noun's property may be the name's)
    assert ("value", False) in verdicts(best, "The middle row wins, and best is 4.")


GRID_CELLS = """
def grid_cells(rows, cols):
    cells = []
    for r in range(rows):
        for c in range(cols):
            cells.append((r, c))
    return len(cells)
"""


def test_a_range_of_values_a_name_stands_for_is_not_one_value_it_held():
    grid = trace_facts(traced(GRID_CELLS, "grid_cells(2, 3)"))
    assert ("value", False) not in verdicts(grid, "With grid_cells(2, 3), rows are 0 to 1 and cols 0 to 2.")
    assert ("value", False) in verdicts(grid, "With grid_cells(2, 3), rows are 0.")


HALVINGS = """
def halvings(xs):
    out = []
    for x in xs:
        count = 0
        while x % 2 == 0:
            x //= 2
            count += 1
        out.append(count)
    return out
"""


def test_a_pass_opened_by_the_loop_variable_lasts_while_the_body_changes_it_and_an_arrow_chain_ends_at_a_comma():
    halved = trace_facts(traced(HALVINGS, "halvings([40, 3])"))  # 40 -> 20 -> 10 -> 5: count 3; out [3], [3, 0]
    said = verdicts(halved, "- x = 40: 40 → 20 → 10 → 5, three halvings, so count = 3 and out = [3].")
    assert ("sequence", True) in said and all(ok is not False for _, ok in said)
    said = verdicts(halved, "- x = 40: 40 → 20 → 10 → 5, three halvings, so out = [3, 0].")
    assert ("value", False) in said  # (out is [3, 0] only in the pass where x = 3)


HOPS = """
def hops(word):
    total = 0
    for a, b in zip(word, word[1:]):
        total += abs(ord(b) - ord(a))
    return total
"""


def test_a_step_from_one_thing_to_another_is_not_a_value_of_the_name_after_to():
    hopped = trace_facts(traced(HOPS, "hops('xbr')"))  # x to b: 22, b to r: 16
    said = verdicts(hopped, "x to b is 22 (total 22), b to r is 16, so total = 38.")
    assert ("value", True) in said and ("value", False) not in said
    assert ("value", False) in verdicts(hopped, "Then b is 22.")
    assert ("value", True) in verdicts(hopped, "total goes up to 38.")


LONGEST_WORD = """
def longest_word(text):
    words = text.split()
    longest = ''
    for w in words:
        if len(w) > len(longest):
            longest = w
    return longest, len(words)
"""


def test_a_call_only_the_return_makes_told_early_does_not_move_the_walk_to_the_return():
    trace = traced(LONGEST_WORD, "longest_word('ab cd efg')")
    told = (
        "The text splits on spaces. So len(words) is 3. 'ab' is longer than '', so longest = 'ab'. "
        "'cd' only ties, so longest stays 'ab'. 'efg' is longer, so longest becomes 'efg'."
    )
    assert ungrounded_in(trace, told) == []
    assert ungrounded_in(trace, told.replace("So len(words) is 3", "So len(words) is 4")) == [
        "len(words) = 4 (not where the program makes the call)"
    ]


FIRST_PEAKS = """
def first_peaks(xs):
    peaks = []
    best = None
    for i in range(1, len(xs) - 1):
        if xs[i] > xs[i - 1] and xs[i] >= xs[i + 1]:
            peaks.append(i)
            if best is None or xs[i] > xs[best]:
                best = i
    return peaks, best
"""


def test_a_value_given_as_the_reason_for_a_step_is_the_state_the_pass_took_it_in():
    trace = traced(FIRST_PEAKS, "first_peaks([1, 4, 2, 6, 3])")  # peaks at 1 (best None -> 1) and 3 (best 3)
    told = "- i = 1: 4 > 1 and 4 >= 2, so it is a peak. `peaks = [1]`, and because `best` is None, `best = 1`."
    assert ungrounded_in(trace, told) == []
    later = "- i = 3: 6 > 2, so it is a peak. `peaks = [1, 3]`, and because `best` is None, `best = 3`."
    assert ungrounded_in(trace, later) == ["best = None (not in that pass of the loop)"]


GROUP_WORDS = """
def group_words(words):
    groups = {}
    for w in words:
        groups.setdefault(w[0], []).append(w)
    return {k: len(v) for k, v in groups.items()}
"""


def test_the_size_told_of_a_dicts_key_is_its_entrys_not_the_keys_own():
    grouped = trace_facts(traced(GROUP_WORDS, "group_words(['ant', 'ape', 'bee'])"))
    told = "So the groups dictionary must contain 'a' with two words and 'b' with one word."
    assert ("count", False) not in verdicts(grouped, told)
    assert ("count", False) in verdicts(grouped, "The text 'x y' has three words.")


def test_a_test_told_for_a_value_of_its_variable_is_evaluated_on_that_value():
    trace = traced(
        "def ints(vals):\n    out = []\n    for val in vals:\n        if val.isdigit():\n            out.append(int(val))\n"
        "    return out\n",
        "ints(['3', 'dark'])",
    )
    # `val.isdigit()` came out False at 'dark', but the sentence tells it for '3'
    assert ungrounded_in(trace, "`val.isdigit()` returned True for the string `'3'`, so 3 is appended.") == []
    assert ungrounded_in(trace, "`val.isdigit()` returned False for the string `'3'`, so nothing is appended.") == [
        "'3'.isdigit() is False"
    ]
    assert ungrounded_in(trace, "`val.isdigit()` is False for `'dark'`.") == []


def test_values_an_operand_of_a_test_took_are_a_computed_run():
    trace = traced(
        "def inverse_hits(n, m):\n    hits = 0\n    for b in range(1, n + 1):\n        if (2 * b) % m == 1:\n"
        "            hits += 1\n    return hits\n",
        "inverse_hits(6, 7)",
    )
    # `2 * b` is computed inside the test, never held by a variable
    assert ungrounded_in(trace, "The products are 2, 4, 6, 8, 10, 12.") == []
    assert ungrounded_in(trace, "The products are 2, 4, 6, 8, 12, 12.") == [
        "values: [2, 4, 6, 8, 12, 12] (one off a computed run)"
    ]


def test_a_width_the_code_gives_and_a_string_s_own_text_are_no_sizes_to_find():
    trace = traced(
        "def host(email):\n    email = email.strip()\n    if not email.startswith('mailto:'):\n        return None\n"
        "    return email[7:]\n",
        "host(' mailto:a-42-item ')",
    )
    # no traced value has seven items: the width is `email[7:]`'s (and `'mailto:'`'s)
    assert ungrounded_in(trace, "`email[7:]` drops the seven-character prefix.") == []
    assert ungrounded_in(trace, "`email[7:]` drops the five-character prefix.") == ["5-character"]
    # `42-item` is text of the string, not a size
    assert ungrounded_in(trace, "It returns `'a-42-item'`.") == []


def test_an_entry_told_beside_its_collection_holds_in_the_same_state():
    trace = traced(
        "def socks(colors):\n    counts = {}\n    for c in colors:\n        counts[c] = counts.get(c, 0) + 1\n"
        "    return counts\n",
        "socks(['red', 'blue', 'red'])",
    )
    told = "The third sock is red again, so `counts['red']` goes up to 2 and counts is "
    assert ungrounded_in(trace, told + "{'red': 2, 'blue': 1}.") == []
    # {'red': 1, 'blue': 1} was held, but never while counts['red'] was 2
    assert ungrounded_in(trace, told + "{'red': 1, 'blue': 1}.") == [
        "counts = {'red': 1, 'blue': 1} (never together with counts['red'] = 2)"
    ]


def test_a_padded_width_a_bound_a_sum_and_an_object_are_not_read_as_sizes_counts_or_runs():
    trace = traced(
        "class Lift:\n    def __init__(self):\n        self.floor = 0\n\n    def go(self, target):\n"
        "        while self.floor != target:\n            self.floor += 1\n\n"
        "def trips(targets, cols):\n    lift = Lift()\n    for t in targets:\n        lift.go(t)\n"
        "    cell = lift.floor * cols + 1\n    return 'n' + str(cell).zfill(3)\n",
        "trips([2, 3], 4)",
    )
    # `zfill(3)` pads to three characters; no traced value has three items
    assert ungrounded_in(trace, "It returns a three-character number.") == []
    assert ungrounded_in(trace, "It returns a five-character number.") == ["5-character"]
    # a bound reasoned out is not the loop's count (the while loop ran 3 times)
    assert ungrounded_in(trace, "Reaching 3 takes at least 6 passes.") == []
    assert ungrounded_in(trace, "Reaching 3 takes 6 passes.") == ["6 passes"]
    # `lift` holds an object: its floor climbs; `floor * cols + cell` is a sum, not `cell`'s run
    assert ungrounded_in(trace, "The lift climbs from 0 to 3.") == []
    assert ungrounded_in(trace, "The index floor * cols + cell runs from 0 to 12.") == []


def test_a_name_s_possessive_before_a_dict_names_its_entry():
    trace = traced(
        "def best_times(entries):\n    best = {}\n    for name, t in entries:\n        if name not in best or t < best[name]:\n"
        "            best[name] = t\n    return best\n",
        "best_times([('cy', 58), ('ana', 61), ('cy', 55)])",
    )
    assert ungrounded_in(trace, "Then cy's best is now 55.") == []
    assert ungrounded_in(trace, "Then cy's best is now 61.") == ["best['cy'] = 61"]


def test_it_after_a_variable_is_the_pronoun_even_where_the_program_has_a_variable_it():
    trace = traced(
        "def dupes(items):\n    seen, n = set(), 0\n    for it in items:\n        if it in seen:\n            n += 1\n"
        "        seen.add(it)\n    return n\n",
        "dupes(['b', 'a', 'b', 'b'])",
    )
    assert ungrounded_in(trace, "The second 'b' makes n = 1, and the last 'b' makes it 2.") == []
    assert ungrounded_in(trace, "The second 'b' makes n = 1, and the last 'b' makes it 3.") == ["n = 3"]


def test_worked_arithmetic_tested_against_a_collection_written_out_is_evaluated(facts):
    assert ("comparison", True) in verdicts(facts, "`6 % 7 = 6` is in `(5, 6)`, so the rule applies.")
    assert ("comparison", False) in verdicts(facts, "`6 % 7 = 6` is not in `(5, 6)`, so the rule does not apply.")


def test_a_literal_s_method_and_what_was_added_to_a_list_are_no_states_of_it():
    trace = traced(
        "def evens(words):\n    out = []\n    for w in words:\n        if w.lower().startswith('c'):\n"
        "            out.append(len(w))\n    return out\n",
        "evens(['Cat', 'cod'])",
    )
    # `'Cat'.lower()` is the code's step restated on a value of the run ('cat' is held nowhere)
    assert ungrounded_in(trace, "`'Cat'.lower()` starts with 'c', so 3 is appended.") == []
    # `added to out was 3`: what went into out, not out's value
    assert ungrounded_in(trace, "The last element added to out was 3.") == []
    assert ungrounded_in(trace, "Then out was 3.") == ["out = 3"]


def test_a_value_told_right_after_a_moment_s_own_value_is_read():
    trace = traced(
        "def half_point(nums):\n    total = sum(nums)\n    run = 0\n    for i, x in enumerate(nums):\n        run += x\n"
        "        if run * 2 > total:\n            return i, run\n    return -1, run\n",
        "half_point([4, 1, 6, 3, 2])",
    )
    # `i = 0` ends its own claim, so `run was 4` is run's value (not a phrase such as `2 apples`)
    assert ungrounded_in(trace, "At i = 0 run was 4, and 8 > 16 is false.") == []
    assert ungrounded_in(trace, "At i = 0 run was 7, and 8 > 16 is false.") == ["run = 7"]


POST = """\
class Posts:
    def __init__(self, windows):
        self.free = [0] * windows

    def take(self, dur):
        i = self.free.index(min(self.free))
        start = self.free[i]
        self.free[i] = start + dur
        return start


def waits(durations):
    post = Posts(2)
    return [post.take(d) for d in durations]
"""


def test_an_attribute_shown_again_as_a_method_is_entered_is_not_a_change():
    trace = traced(POST, "waits([4, 2, 6, 3])")  # free: [4, 0], [4, 2], [4, 8], [7, 8]
    told = "The second job makes free [4, 2]. The third job starts at 2 and free is now [4, 8]. "
    assert ungrounded_in(trace, told + "The fourth job starts at 4, so free becomes [7, 8].") == []
    assert ungrounded_in(trace, told + "The fourth job starts at 4, so free becomes [4, 8].") == [
        "self.free = [4, 8] (no change to it from here on)"
    ]


RING = """\
class Ring:
    def __init__(self, words):
        self.words = words
        self.pos = 0

    def step(self, h):
        self.pos = (self.pos + h) % len(self.words)
        return self.words[self.pos]


def hops(words, steps):
    r = Ring(words)
    return [r.step(h) for h in steps]
"""


def test_a_change_told_from_one_value_to_another_is_not_told_again_as_new():
    trace = traced(
        "def guesses(word, letters):\n    lives = 3\n    for ch in letters:\n        if ch not in word:\n"
        "            lives -= 1\n    return lives\n",
        "guesses('otter', ['e', 'q', 'z'])",
    )
    told = "'e' is in the word. 'q' is not, so lives drops from 3 to 2. "
    assert ungrounded_in(trace, told + "'z' is missing too, so lives goes down to 1.") == []
    assert ungrounded_in(trace, told + "'z' is missing too, so lives goes down to 2.") == [
        "lives = 2 (no change to it from here on)"
    ]


def test_a_list_abbreviated_with_an_ellipsis_holds_where_the_run_s_list_begins_and_ends_so():
    trace = traced(
        "def halves(n):\n    items = list(range(1, n + 1))\n    mid = n // 2\n    return items[:mid], items[mid:]\n",
        "halves(9)",
    )
    assert ungrounded_in(trace, "So `items = [1, 2, ..., 9]` before the split.") == []
    assert ungrounded_in(trace, "So `items = [1, 2, ..., 8]` before the split.") == ["items = [1, 2, Ellipsis, 8]"]
    assert ungrounded_in(trace, "So `items = [2, ..., 9]` before the split.") == ["items = [2, Ellipsis, 9]"]


def test_a_size_in_units_is_not_the_value_returned():
    trace = traced("def initials(words):\n    return words[0][0] + words[-1][:3]\n", "initials(['ann', 'neil'])")
    assert ungrounded_in(trace, "So the output is one character of the first word and three of the last.") == []
    assert ungrounded_in(trace, "So the output is 'anei'.") == []
    assert ungrounded_in(trace, "So the output is 'anne'.") == ["returns 'anne'"]


def test_a_chain_s_value_worked_on_in_the_same_sentence_is_not_the_name_s_own():
    trace = traced(
        "def code_of(parts):\n    code = 25\n    for p in parts:\n        code = (code * 7 + len(p)) % 100\n    return code\n",
        "code_of(['teal'])",
    )
    assert ungrounded_in(trace, "code = 25 * 7 + 4 = 179, then 179 % 100 = 79.") == []
    assert ungrounded_in(trace, "code = 25 * 7 + 4 = 179, then 179 % 100 = 78.") == ["code = 78", "179 % 100 = 78"]


def test_a_test_said_to_hold_when_it_holds_describes_the_code_not_an_outcome():
    trace = traced(
        "def pours(kgs, cap):\n    load, dumps = 0, 0\n    for kg in kgs:\n        load += kg\n        if load >= cap:\n"
        "            load -= cap\n            dumps += 1\n    return load, dumps\n",
        "pours([4, 7, 3], 10)",
    )
    told = "Each pass adds kg, then checks `if load >= cap:`; when the check holds it subtracts cap. "
    # the description moves nothing: the first pass's kg = 4 is still ahead of the walk
    assert ungrounded_in(trace, told + "First kg = 4, and 4 >= 10 is False. Then kg = 7.") == []
    reports, *_ = check_rationale(told, trace, 15, False)
    assert [e.text for r in reports for e in r.grounded if "load >= cap" in e.text] == []


def test_a_mapping_no_dict_of_the_run_held_is_a_wrong_state_and_part_of_one_is_not():
    trace = traced(
        "def tally(words):\n    counts = {}\n    for w in words:\n        counts[w[0]] = counts.get(w[0], 0) + 1\n"
        "    return counts\n",
        "tally(['bake', 'bread', 'apple'])",
    )
    assert ungrounded_in(trace, "'bake' -> {'b': 1}; 'bread' -> {'b': 2}; 'apple' adds {'a': 1}.") == []
    assert ungrounded_in(trace, "'bake' -> {'b': 1}; 'bread' -> {'b': 3, 'r': 1}.") == ["{'b': 3, 'r': 1}"]
    # (a mapping supposed, not told of this run, stays prose)
    assert ungrounded_in(trace, "Had 'apple' come first it would give {'a': 1, 'b': 0}.") == []


def test_a_variable_in_backticks_named_by_a_change_verb_in_the_past_tense_is_read_not_taken_for_code():
    trace = traced(
        "class Gate:\n    def __init__(self):\n        self.used = {}\n\n    def admit(self, name):\n"
        "        self.used[name] = self.used.get(name, 0) + 1\n        return self.used[name]\n\n"
        "def run(names):\n    g = Gate()\n    for n in names:\n        g.admit(n)\n    return g.used\n",
        "run(['ann', 'bo', 'ann'])",
    )
    told = "The second 'ann' was admitted and `self.used` went to `{'ann': 2, 'bo': 1}`."
    assert ungrounded_in(trace, told, backward=True) == []
    assert ungrounded_in(trace, told.replace(", 'bo': 1", ""), backward=True) == ["self.used = {'ann': 2}"]
    assert ungrounded_in(trace, "In the end `self.used` ended as `{'ann': 2}`.", backward=True) == [
        "self.used = {'ann': 2}"
    ]


def test_a_value_said_to_pass_or_fail_a_test_the_code_makes_is_put_through_that_test():
    trace = traced(
        "def handles(raw):\n    out = []\n    for h in raw:\n        if not h.isalpha():\n            continue\n"
        "        out.append(h)\n    return out\n",
        "handles(['ana', 'x_ray', 'bo8', 'cy'])",
    )
    assert ungrounded_in(trace, "`'x_ray'` fails `isalpha()`, and so does 'bo8'; `'ana'` passes `h.isalpha()`.") == []
    assert ungrounded_in(trace, "`'x_ray'` passes `isalpha()`, so it is kept.") == ["'x_ray'.isalpha() is True"]
    # (a number that is another variable's value is not what passes: `the name at i = 1 passes ...`)
    assert ungrounded_in(trace, "The name at i = 1 fails `isalpha()`.") == []
    # a value the code never tested (`' cy '` is not an item) is no claim about this run
    assert ungrounded_in(trace, "A name such as `' cy '` passes `isalpha()` only once stripped.") == []


def test_a_string_test_told_without_backticks_or_of_a_character_named_by_its_noun_is_put_through_it():
    trace = traced(
        "def letters(text):\n    kept = []\n    for ch in text:\n        if ch.isalpha():\n"
        "            kept.append(ch)\n    return kept\n",
        "letters('a-b9')",
    )
    assert ungrounded_in(trace, "The dash fails ch.isalpha(), and the word '9' fails the isalpha check.") == []
    assert ungrounded_in(trace, "The dash passes ch.isalpha(), so it is kept.") == ["'-'.isalpha() is True"]
    assert ungrounded_in(trace, "The '9' passes the isalpha check.") == ["'9'.isalpha() is True"]
    assert ungrounded_in(trace, "For the token '9', isalpha() is False, so it is dropped.") == []
    assert ungrounded_in(trace, "For the token '9', isalpha() is True, so it is kept.") == ["'9'.isalpha() is True"]
    # (a character the code never tested is no claim about this run)
    assert ungrounded_in(trace, "The comma would fail ch.isalpha() too; the colon passes ch.isalpha() nowhere.") == []


def test_a_count_of_the_loop_in_a_named_function_is_that_function_s_loop():
    trace = traced(
        "class Tray:\n    def __init__(self):\n        self.cells = [0, 0, 0]\n\n    def water(self):\n"
        "        for i in range(len(self.cells)):\n            self.cells[i] = 0\n\n"
        "def day(ops):\n    tray = Tray()\n    for op in ops:\n        if op == 'w':\n            tray.water()\n"
        "    return tray.cells\n",
        "day(['w', 'p', 'w', 'p', 'w'])",
    )  # water's loop runs 3 times a call, 9 in all; day's loop 5 times
    assert ungrounded_in(trace, "The loop in day runs 5 times.") == []
    assert ungrounded_in(trace, "The loop in day runs 9 times.") == ["9 times"]
    # (two loops named in one sentence: which one each count is of is not read, any loop's count holds)
    assert ungrounded_in(trace, "The loop in day ran 5 times and the loop in water() ran 3 times.") == []


SUM_BY_KEY = """\
def sum_by_key(pairs):
    totals = {}
    for key, amount in pairs:
        totals[key] = totals.get(key, 0) + amount
    return totals
"""


def test_a_pass_named_in_words_with_the_pair_its_header_unpacked_holds_its_claims_to_that_pass():
    trace = traced(SUM_BY_KEY, "sum_by_key([('x', 4), ('y', 1), ('y', 3)])")
    assert ungrounded_in(trace, "**Pair 2** `('y', 1)`: a new key, so `totals = {'x': 4, 'y': 1}`.") == []
    # the state after the third pair, stated for the second
    assert ungrounded_in(trace, "**Pair 2** `('y', 1)`: a new key, so `totals = {'x': 4, 'y': 4}`.") == [
        "totals = {'x': 4, 'y': 4} (not in that pass of the loop)"
    ]


TWIN_DIGITS = """\
def twin_digits(n):
    count = 0
    prev = n % 10
    n //= 10
    while n > 0:
        d = n % 10
        if d == prev:
            count += 1
        prev = d
        n //= 10
    return count
"""


def test_values_compared_side_by_side_with_equal_to_hold_in_one_state():
    trace = traced(TWIN_DIGITS, "twin_digits(533)")  # d = 3 against prev = 3, then d = 5 against prev = 3
    assert ungrounded_in(trace, "Second pass: d = 5, not equal to prev = 3.") == []
    # the two swapped: never d = 3 while prev = 5 (`to` in `equal to` moves no time on)
    assert ungrounded_in(trace, "Second pass: d = 3, not equal to prev = 5.") == [
        "prev = 5 (never together with d = 3)"
    ]


ROOM = """\
def fill(capacity, sizes):
    room = capacity
    for size in sizes:
        room -= size
    return room
"""


def test_a_variable_named_capitalised_as_a_sentence_s_first_word_is_that_variable():
    trace = traced(ROOM, "fill(10, [3, 6])")  # room 10, 7, 1
    assert ungrounded_in(trace, "Room went from 10 to 7 and then to 1.") == []
    assert ungrounded_in(trace, "Room went from 10 to 7 and then to 2.") == [
        "room: [10, 7, 2] (one off a stretch of its values)"
    ]
    # a label is not the variable (`Room 2 = ...` names a pass)
    assert ungrounded_in(trace, "Room 2: 7 - 6 = 1.") == []


def test_a_computation_followed_by_which_is_gives_its_value():
    trace = traced("def alt(n):\n    x = n ^ (n >> 1)\n    return x & (x + 1) == 0\n", "alt(21)")  # x = 31
    assert ungrounded_in(trace, "Next comes x + 1, which is 32.") == []
    assert ungrounded_in(trace, "Next comes x + 1, which is thirty-three.") == ["x + 1 = 33"]


def test_a_test_told_for_the_key_named_is_evaluated_on_that_key():
    trace = traced(
        "def trim_keys(pairs):\n    return {k.strip(): v for k, v in pairs if k.strip()}\n",
        "trim_keys([(' a ', 1), (' ', 2)])",
    )
    assert ungrounded_in(trace, "The filter `if k.strip()` is false for the key `' '`, so that pair is dropped.") == []
    assert ungrounded_in(trace, "The filter `if k.strip()` is true for the key `' '`, so that pair passes.") == [
        "' '.strip() is True"
    ]


DIGIT_PASSES = """\
def digit_passes(nums):
    total = 0
    for n in nums:
        while n:
            n //= 10
            total += 1
    return total
"""


def test_passes_told_of_some_items_or_of_each_outer_round_and_a_value_that_passes_a_test():
    trace = traced(DIGIT_PASSES, "digit_passes([1, 2, 345, 678])")  # the while loop runs 1, 1, 3 and 3 times: 8
    assert ungrounded_in(trace, "The while loop runs 8 times in total (2 passes for the 2 one-digit numbers).") == []
    assert ungrounded_in(trace, "The while loop runs 8 times in total (9 passes for the 2 one-digit numbers).") == [
        "9 passes"
    ]
    # (the numbers a loop walked, all of them: the loop's count)
    assert ungrounded_in(trace, "The while loop runs 7 times over the 4 numbers.") == ["7 times"]
    assert ungrounded_in(trace, "The inner while loop ran 1 or 3 times in each of the 4 rounds.") == []
    assert ungrounded_in(trace, "The inner while loop ran 1 or 3 times in each of the 5 rounds.") == ["5 rounds"]
    assert ungrounded_in(trace, "345 passes both checks.") == []  # the verb, not a count of passes
    assert ungrounded_in(trace, "Its sum is `3 + 4 + 5 = 12`, which passes.") == []
    assert ungrounded_in(trace, "Its sum: `3 + 4 + 5 = 12` passes.") == []  # (w411-8: the worked result passes)
    assert ungrounded_in(trace, "After 5 passes the loop ends.") != []  # a count after all


def test_a_computation_said_to_be_a_size_in_units_is_its_length():
    trace = traced(PIXEL_ROWS, "pad_rows(2)")
    assert ungrounded_in(trace, "The padding is `' ' * (2 - 1)`, which is 1 space.") == []
    assert ungrounded_in(trace, "The padding is `' ' * (2 - 1)`, which is 2 spaces.") == ["len(' ' * (2 - 1)) = 2"]


PIXEL_ROWS = """\
def pad_rows(n):
    rows = []
    for i in range(1, n + 1):
        rows.append(' ' * (n - i) + str(i))
    return rows
"""


def test_a_value_said_to_lie_in_a_range_is_tested_against_the_range():
    trace = traced("def grade(score):\n    if score >= 70:\n        return 'C'\n    return 'F'\n", "grade(78)")
    assert ungrounded_in(trace, "So score is from 70 up to 79.", backward=True) == []
    assert ungrounded_in(trace, "So score is between 80 and 89.", backward=True) == ["80 <= score <= 89"]


def test_subjects_of_the_next_clause_do_not_extend_a_run_of_values():
    trace = traced(
        "def initials(words):\n    groups = {}\n    for w in words:\n        key = w[0].upper()\n"
        "        groups.setdefault(key, []).append(w)\n    return groups\n",
        "initials(['apple', 'avocado', 'banana', 'berry'])",
    )
    assert ungrounded_in(trace, "'apple' gives `key = 'A'`, 'banana' and 'berry' give 'B'.") == []
    assert ungrounded_in(trace, "'apple' gives `key = 'C'`, 'banana' and 'berry' give 'B'.") != []


def test_a_loop_variable_the_comprehension_after_the_loop_sets_twice_is_not_the_state_the_loop_left():
    trace = traced(
        "def count_row(seen, y):\n    return sum(1 for p in seen if p[1] == y)\n\n\n"
        "def rows(points, h):\n    seen = set()\n    for x, y in points:\n        seen.add((x, y))\n"
        "    return [count_row(seen, y) for y in range(h)]\n",
        "rows([(0, 0), (1, 0)], 2)",
    )  # the loop leaves y = 0; the comprehension then calls count_row with y = 0 and y = 1
    assert ungrounded_in(trace, "After the loop, the comprehension counts for y = 0 and y = 1.") == []
    assert ungrounded_in(trace, "After the loop, y = 1.") == ["y = 1 (not once the loop is over)"]


def test_a_local_a_new_call_makes_again_with_its_last_value_is_that_pass_s_value():
    trace = traced(
        "class Lockers:\n    def __init__(self):\n        self.taken = set()\n\n    def stow(self, tag):\n"
        "        slot = len(tag) % 2\n        while slot in self.taken:\n            slot += 1\n"
        "        self.taken.add(slot)\n        return slot\n\n\ndef stow_all(tags):\n    lockers = Lockers()\n"
        "    slots = []\n    for t in tags:\n        slots.append(lockers.stow(t))\n    return slots\n",
        "stow_all(['ab', 'cd'])",
    )  # both tags start at slot 0; the second moves on to 1
    text = "Tag 'ab': its length is even, so slot = 0.\nTag 'cd': the same length, so slot = 0 again, and it moves on to 1."
    assert ungrounded_in(trace, text) == []
    assert ungrounded_in(trace, text.replace("slot = 0 again", "slot = 2 again")) != []


def test_a_name_that_only_holds_a_test_s_outcome_takes_the_outcome_of_the_test_written_with_values():
    trace = traced("def going_up(floor, target):\n    up = target > floor\n    return up\n", "going_up(0, 5)")
    assert ungrounded_in(trace, "up = 5 > 0, which is True.") == []
    assert ungrounded_in(trace, "up = 5 < 0, so it goes down.") == ["up = False"]


def test_a_rule_of_the_code_and_a_rate_are_not_states_of_the_run():
    trace = traced(
        "def tip_of(cents, percent):\n    tip = cents * percent // 100\n    flag = 'ok' if tip < 100 else 'big'\n"
        "    return tip, flag\n",
        "tip_of(8450, 15)",
    )
    assert ungrounded_in(trace, "The tip is fifteen percent of 8450 cents, floored, so tip = 1267.") == []
    assert ungrounded_in(trace, "`flag` is `'ok'` only when `tip < 100`.", backward=True) == []
    assert ungrounded_in(trace, "So tip = 1268.") == ["tip = 1268"]


def test_a_module_constant_the_frame_does_not_show_is_read_from_the_code():
    trace = traced(
        'SMALL = {"a", "of"}\n\n\ndef small_words(words):\n    out = []\n    for i, w in enumerate(words):\n'
        "        if i > 0 and w in SMALL:\n            out.append(w)\n    return out\n",
        "small_words(['the', 'lord', 'of'])",
    )
    assert ungrounded_in(trace, "For 'of', `i > 0 and w in SMALL` is True, so 'of' is kept.") == []
    assert ungrounded_in(trace, "For 'lord', `i > 0 and w in SMALL` is True, so 'lord' is kept.") != []


def test_a_strip_told_on_a_written_value_is_worked_with_the_program_s_lstrip_too():
    trace = traced("def tidy(p):\n    p = p.lstrip('/')\n    return p.startswith('api/')\n", "tidy('/apix')")
    assert ungrounded_in(trace, "`'/apix'`: stripping gives `'apix'`.") == []
    assert ungrounded_in(trace, "`'/apix'`: stripping gives `'/apix'`.") == ["'/apix' stripped = '/apix'"]


def test_a_true_test_of_numbers_followed_by_so_it_fails_is_not_said_to_be_false():
    trace = traced(
        "def take(stock, n):\n    have = stock\n    if have < n:\n        return False\n    return True\n", "take(1, 2)"
    )
    assert ungrounded_in(trace, "The request sees have = 1, and 1 < 2, so it fails.") == []
    assert ungrounded_in(trace, "The request sees have = 1, and 1 < 2 is false, so it goes on.") == ["1 < 2"]


def test_an_xor_of_binary_numerals_written_in_lowercase_is_worked_in_base_2():
    trace = traced("def mix(a, b):\n    return a ^ b\n", "mix(6, 12)")
    assert ungrounded_in(trace, "So 6 ^ 12 = 10 (0110 xor 1100 = 1010).") == []
    assert ungrounded_in(trace, "So 6 ^ 12 = 10 (0110 xor 1100 = 1110).") != []


def test_a_value_said_to_be_some_amount_above_another_is_a_difference():
    trace = traced("def fine(kmh, limit):\n    over = kmh - limit\n    return over * 10\n", "fine(87, 60)")
    assert ungrounded_in(trace, "`over = kmh - limit`, so kmh is 27 above the limit.", backward=True) == []
    assert ungrounded_in(trace, "So kmh is 27.", backward=True) == ["kmh = 27"]


COUNT_KEYS = """\
def count_keys(keys):
    counts = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
        if key.startswith('p'):
            counts['p*'] = counts.get('p*', 0) + 1
    return counts
"""


def test_a_statement_said_to_run_twice_counts_its_runs_all_or_in_one_case():
    trace = traced(COUNT_KEYS, "count_keys(['prod', 'dev', 'prod'])")  # the update runs 3 times, twice for 'prod'
    assert ungrounded_in(trace, "`counts[key] = counts.get(key, 0) + 1` ran 3 times.") == []
    assert ungrounded_in(trace, "`counts[key] = counts.get(key, 0) + 1` ran twice.") == ["ran twice"]
    assert ungrounded_in(trace, "`counts[key] = counts.get(key, 0) + 1` ran twice with `key = 'prod'`.") == []
    assert ungrounded_in(trace, "The body of the `if` runs twice.") == []
    assert ungrounded_in(trace, "`counts['p*'] = counts.get('p*', 0) + 1` ran twice.") == []


@pytest.mark.parametrize(
    "text, operand",
    [
        ("so the total + 3 = 8", "total + 3"),  # `so`, `the`: prose words, not names of the program
        ("then total*2 = 8", "total*2"),
        ("and counts.get(k, 0) + 1 = 3", "counts.get(k, 0) + 1"),  # `.get`: an attribute, read as no name
        ("hence len('so the') = 6", "len('so the')"),  # a quoted word is text of a string: every start tried
        ("values is 2", "2"),  # (no name before the literal)
    ],
)
def test_left_operand_skips_starts_before_a_prose_word(text, operand):
    from vcot_assets.core.verifier.prose import _left_operand_start

    end = text.rindex(" =") if " =" in text else len(text)
    known = frozenset({"total", "counts", "k"})
    assert text[_left_operand_start(text, end, known) : end].strip() == operand


def test_a_number_before_a_bracket_is_not_called():
    # `b = 6 (3 * 6) % 4 == 0` once parsed as a call of 6, a test no literal decides, so its false
    # claim went unchecked; the comparison is `(3 * 6) % 4 == 0`
    trace = traced(
        "def pairs(a, bs):\n    count = 0\n    for b in bs:\n        if (a * b) % 4 == 0:\n            count += 1\n    return count\n",
        "pairs(3, [4, 6])",
    )
    told = "At `a = 3, b = 6` `(3 * 6) % 4 == 0` is {} and count stays 1."
    assert ungrounded_in(trace, told.format("False")) == []
    assert ungrounded_in(trace, told.format("True")) != []


def test_restated_code_followed_by_which_is_gives_that_code_a_value():
    # the restated return expression was masked as text of the question, so its value went unread
    trace = traced(
        "def span(xs):\n    low, pos = min(xs), xs.index(min(xs))\n    return (low, pos)\n", "span([9, 8, 11, 4])"
    )
    told = "The function returns `(low, pos)`, which is `{}`."
    assert ungrounded_in(trace, told.format("(4, 3)")) == []
    assert ungrounded_in(trace, told.format("(3, 4)")) != []


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("`4 ^ 7 = 3` is less than 3 as well.", ["3 < 3"]),  # the arithmetic's result is the test's operand
        ("`4 ^ 7 = 3` is less than 4.", []),
        ("So `4 ^ 7 = 3 > 2`, which is `False`.", ["3 > 2"]),  # a verdict told right after it
        ("So `4 ^ 7 = 3 > 2`, which is `True`.", []),
        ("So `4 ^ 7 = 3 <= 2`, and `4 ^ 6 = 2` passes.", []),  # told, not claimed: the verdict is the next one's
        ("Three is greater than three, so nothing changes.", ["3 > 3"]),  # the words are the claim
        ("The 3 from 4 to 7 is smaller than 4.", []),  # (`7 is smaller than 4` is no claim of the sentence)
    ],
)
def test_a_test_told_in_words_or_on_a_result_is_checked(text, wrong):
    trace = traced("def mix(a, b):\n    return a ^ b\n", "mix(4, 7)")
    assert ungrounded_in(trace, text) == wrong


@pytest.mark.parametrize(
    "told",
    [
        "hits after each row goes {}.",  # the subject named right before the pass words
        "Row by row, hits goes {}.",
    ],
)
def test_values_told_pass_by_pass_after_the_subject_or_unit_by_unit(told):
    # hits goes 1, 2, 3, 4, 5 cell by cell; row by row it is 2, 3, 5, 5: `2, 3, 4, 5` is a stretch
    # of its history, but not what each row left
    code = "def count(rows):\n    hits = 0\n    for row in rows:\n        for cell in row:\n            if cell == '#':\n                hits += 1\n    return hits\n"
    trace = traced(code, "count(['##', '#.', '##', '..'])")
    assert ungrounded_in(trace, told.format("2, 3, 5, 5")) == []
    assert ungrounded_in(trace, told.format("2, 3, 4, 5")) != []


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("`w[:mid]` is `w[:2]`, which is `'pl'`.", []),
        ("`w[:mid]` is `w[:2]`, which is `'pla'`.", ["w[:2] = 'pla'"]),  # the slice's value, at this moment
        ("It reads `w[0]`, `w[1]`, which is `'pl'`.", []),  # (the pair of them, not the last one)
        ("The loop runs over `w[1:]`, which is 'l', 'a' and 'n'.", []),  # (its items, one by one)
    ],
)
def test_a_subscript_written_as_code_then_which_is_gives_its_value(text, wrong):
    trace = traced("def halves(w):\n    mid = len(w) // 2\n    return w[mid:] + w[:mid]\n", "halves('plan')")
    assert ungrounded_in(trace, text) == wrong


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("The odds are [3, 5, 1], which add up to nine.", []),
        ("The odds are [3, 5, 1], which add up to ten.", ["sum([3, 5, 1]) = 10"]),  # the sum of the numbers listed
        ("The bits 4, 8 and 32 add up to 46.", ["sum([4, 8, 32]) = 46"]),
        ("The cards at positions 0 and 2 add up to 9.", []),  # (labels of cards, not addends)
        ("total = [3, 5, 1] sums to 9.", []),  # (a value told with its sum: not a list of addends)
    ],
)
def test_numbers_said_to_add_up_to_a_total_are_summed(text, wrong):
    trace = traced("def total(xs):\n    return sum(xs)\n", "total([3, 5, 1])")
    assert ungrounded_in(trace, text) == wrong


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("So the function returns 2 together with the string 'ba'.", []),  # one part of the pair it returns
        ("So the function returns 3 together with the string 'ba'.", ["returns 3"]),
        ("Check the `n == 0` guard.", []),  # a plan's step: the test named, not its outcome
    ],
)
def test_a_part_of_a_returned_pair_and_a_named_guard(text, wrong):
    code = "def tag(name):\n    n = len(name)\n    if name.startswith('r'):\n        n += 1\n    return n, name[::-1]\n"
    trace = traced(code, "tag('ab')")
    assert ungrounded_in(trace, text) == wrong


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("Each of `6 > 12`, `8 > 12`, `7 > 12` is false, so best stays 12.", []),  # the list's verdict is each one's
        ("Each of `6 > 12`, `13 > 12` is false, so best stays 12.", ["13 > 12"]),
    ],
)
def test_a_verdict_after_each_of_a_list_of_tests_is_every_tests(text, wrong):
    trace = traced(
        "def top(xs):\n    best = xs[0]\n    for x in xs:\n        if x > best:\n            best = x\n    return best\n",
        "top([12, 6, 8, 7])",
    )
    assert ungrounded_in(trace, text) == wrong


BLOCK_STARTS = """\
def block_starts(values, k):
    odd = 0
    total = 0
    for start in range(0, len(values), k):
        if values[start] % 2 == 1:
            odd += 1
        total += values[start]
    return odd, total
"""
LATHE = """\
class Lathe:
    def __init__(self, stock):
        self.stock = stock

    def shave(self, k):
        if k > self.stock:
            return False
        self.stock -= k
        return True

def lathe_shift(stock, jobs):
    lathe = Lathe(stock)
    done = []
    for k in jobs:
        if lathe.shave(k):
            done.append(k)
    return done, lathe.stock
"""
PARITY_SPLIT = """\
def parity_split(nums):
    even, odd = [], []
    for n in nums:
        if bin(n).count("1") % 2 == 0:
            even.append(n)
        else:
            odd.append(n)
    return even, odd
"""


def test_prose_around_values_is_not_read_as_one_more_claim():
    trace = traced(BLOCK_STARTS, "block_starts([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8], 3)")  # firsts 3, 1, 2, 3
    # a count after a run is not its last item; a count before a name is no membership test
    assert ungrounded_in(trace, "`start` goes 0, 3, 6, 9, four blocks in all.") == []
    assert ungrounded_in(trace, "So 12 values in values get read, four of them firsts.") == []
    # a value at an index is what is even or odd, not the index
    assert ungrounded_in(trace, "The 3 at index 0 is odd, so `odd` becomes 1.") == []
    # a test named as what compares is no claim that it holds
    assert ungrounded_in(trace, "Then total == 5 compares total with five.") == []
    assert ungrounded_in(trace, "Then total == 5 is True.") == ["total == 5"]
    # where a step puts a value is no test of it
    lathe = traced(LATHE, "lathe_shift(10, [3, 5, 4])")
    plan = "Start `done = []`. For each job, call `shave(k)` and record `k` in `done` when it returns `True`."
    assert ungrounded_in(lathe, plan) == []
    # `an odd one` points at a value; it is not `odd = 1`
    split = traced(PARITY_SPLIT, "parity_split([3, 7, 12, 8])")
    told = "`len(even) == 2` with an even bit count and `len(odd) == 2` with an odd one."
    assert ungrounded_in(split, told) == []


def test_a_sum_told_of_a_listed_run_without_and_is_checked():
    trace = traced(BLOCK_STARTS, "block_starts([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8], 3)")
    assert ungrounded_in(trace, "The firsts are 3, 1, 2 and 3, which add up to 9.") == []
    # with no `and` before the last, the sum told in a clause of its own
    assert ungrounded_in(trace, "The firsts are 3, 1, 2, 3, which add to 10.") == ["sum([3, 1, 2, 3]) = 10"]
    assert ungrounded_in(trace, "The firsts are 3, 1, 2, 3, adding to 9, and total ends at 9.") == []
    # the total after a comma and `for`, closing the clause (not `for 9 points in all`, a count)
    assert ungrounded_in(trace, "The firsts are 3, 1, 2 and 3, for 9.") == []
    assert ungrounded_in(trace, "The firsts are 3, 1, 2 and 3, for 10.") == ["sum([3, 1, 2, 3]) = 10"]


KEEP_WORDS = """\
def keep_words(pieces):
    kept = []
    for p in pieces:
        p = p.strip()
        if not p:
            continue
        kept.append(p)
    return kept
"""


def test_a_value_said_to_be_empty_has_its_emptiness_test_come_out_so():
    trace = traced(KEEP_WORDS, "keep_words(['a', ' ', 'b'])")  # `not p` is False for 'a' and 'b', True for ''
    assert ungrounded_in(trace, "' ' strips to the empty string, `not p` is True, so it is skipped.") == []
    assert ungrounded_in(trace, "' ' strips to the empty string, `not p` is False, and it goes on.") == [
        "not p is False (for an empty value)"
    ]
    # said in the sentence before, when this one opens with the test
    assert ungrounded_in(trace, "The second piece strips to the empty string. `not p` is False there.") == [
        "not p is False (for an empty value)"
    ]
    # told as a test that passes or fails, after a colon
    assert ungrounded_in(trace, "The blank piece is skipped: `not p` fails there.") == [
        "not p fails (for an empty value)"
    ]
    assert ungrounded_in(trace, "' ' strips to the empty string, and the check `if p.strip()` passes for it.") == [
        "p.strip() passes (for an empty value)"
    ]
    # not said to be empty; another value between; a value before that is not the one tested
    assert ungrounded_in(trace, "'a' is not empty, so `not p` is False.") == []
    assert ungrounded_in(trace, "' ' strips to '', and for 'b' `not p` is False.") == []
    assert ungrounded_in(trace, "It did not return the empty list, so `not p` was False for 'a'.") == []


CLEAN_WORDS = """\
def clean_words(words):
    out = []
    for w in words:
        w = w.strip('.,!').lower()
        out.append(w)
    return out
"""


def test_a_piece_of_a_string_told_as_what_it_became_is_one_the_run_made_or_its_trimmed_ends():
    trace = traced(CLEAN_WORDS, "clean_words(['Bite.', 'Tom!'])")
    assert ungrounded_in(trace, "'Bite.' becomes 'bite'.") == []
    assert ungrounded_in(trace, "'Bite.' becomes 'bit'.") == ["'Bite.' becomes 'bit' (a string the run never made)"]
    # a step of the chain no line holds, but what trimming the ends makes of it
    assert ungrounded_in(trace, "'Tom!' becomes 'Tom' and then 'tom'.") == []
    # a string that is no piece of the one it came from is left to other readers
    assert ungrounded_in(trace, "'Tom!' turns into 'xyz' in a cipher.") == []


REPLAY_STOCK = """\
def replay(events):
    stock = {}
    for sign, name, qty in events:
        if sign == "+":
            stock[name] = stock.get(name, 0) + qty
        elif stock.get(name, 0) >= qty:
            stock[name] -= qty
    return stock
"""


def test_a_call_the_code_makes_on_two_lines_is_judged_where_either_makes_it():
    trace = traced(REPLAY_STOCK, "replay([('+', 'nut', 5), ('-', 'nut', 2)])")  # the removal's test reads 5
    told = "The add makes stock = {'nut': 5}. For the removal, `stock.get('nut', 0)` is 5, so nut drops to 3."
    assert ungrounded_in(trace, told) == []
    assert ungrounded_in(trace, told.replace("is 5", "is 4")) == [
        "stock.get('nut', 0) = 4 (not where the program makes the call)"
    ]


TALLY_CARD = """\
class TallyCard:
    def __init__(self):
        self.counts = {}

    def mark(self, name):
        self.counts[name] = self.counts.get(name, 0) + 1


def tally(names):
    card = TallyCard()
    for name in names:
        card.mark(name)
    return card.counts
"""


def test_the_final_value_of_an_attribute_is_what_the_run_leaves_not_what_one_method_call_does():
    trace = traced(TALLY_CARD, "tally(['ana', 'bo', 'bo'])")
    assert ungrounded_in(trace, "So the final counts are {'ana': 1, 'bo': 2}.", backward=True) == []
    # each `mark` returning leaves a tally behind, but not the run's final one
    assert ungrounded_in(trace, "So the final counts are {'ana': 1, 'bo': 1}.", backward=True) == [
        "self.counts = {'ana': 1, 'bo': 1} (not its final value)"
    ]
    # told of one call of the method, `ends at` is where that call leaves it
    assert ungrounded_in(trace, "After the second mark, self.counts ends at {'ana': 1, 'bo': 1}.") == []


METER = """\
class Meter:
    def __init__(self):
        self.reading = 0

    def add(self, amount):
        self.reading += amount


def meter_total(amounts):
    meter = Meter()
    for amount in amounts:
        meter.add(amount)
    return meter.reading
"""


def test_a_variable_in_backticks_moved_from_one_value_to_another_is_read_as_its_change():
    # (`self.reading` is a span of the code's text, which was read as restated code and masked)
    trace = traced(METER, "meter_total([4, 2, 5])")  # reading 0, 4, 6, 11
    assert ungrounded_in(trace, "The second add took `self.reading` from 4 to 6.") == []
    assert ungrounded_in(trace, "The second add took `self.reading` from 3 to 6.") != []


HASHTAGS = """\
def hashtags(text):
    found = []
    for word in text.split():
        if word.startswith('#'):
            found.append(word[1:].lower())
    return found
"""


def test_a_quoted_string_said_to_split_into_pieces_is_split_as_the_program_splits_it():
    trace = traced(HASHTAGS, "hashtags('Go #Rust try #go now')")
    assert ungrounded_in(trace, "The text 'Go #Rust try #go now' splits into 5 words.", backward=True) == []
    assert ungrounded_in(trace, "The text 'Go #Rust try #go now' splits into 4 words.", backward=True) == [
        "splits into 4 words (the split gives [5])"
    ]
    assert ungrounded_in(trace, "Splitting 'Go #Rust try #go now' on spaces gives 6 words.", backward=True) != []
    # a string quoted further back is not the one split (`the name splits into three words`)
    assert ungrounded_in(trace, "The output 'rust' means the title splits into three words.", backward=True) == []


PAIR_GAPS = """\
def gaps(word):
    total = 0
    for a, b in zip(word, word[1:]):
        total += abs(ord(a) - ord(b))
    return total
"""


def test_a_pass_named_by_a_noun_and_the_tuple_its_loop_unpacks():
    trace = traced(PAIR_GAPS, "gaps('aceg')")  # total 2, 4, 6
    told = "**Pair `('c', 'e')`:** `abs(99 - 101) = 2`, so `total` is now {}."
    assert ungrounded_in(trace, told.format(4)) == []
    assert ungrounded_in(trace, told.format(6)) == ["total = 6 (not in that pass of the loop)"]


BLOCKS = """\
def blocks_of(code, size):
    parts = []
    i = 0
    while i < len(code):
        parts.append(code[i:i + size])
        i += size
    return "-".join(parts)
"""


def test_a_size_told_of_strings_inside_a_list_is_one_they_have():
    trace = traced(BLOCKS, "blocks_of('AB3X9K', size=3)")  # parts 'AB3', 'X9K'
    assert ungrounded_in(trace, "The result is two 3-character blocks.") == []
    assert ungrounded_in(trace, "The result is two 4-character blocks.") == ["4-character"]


def test_a_moment_some_passes_in_before_the_total_the_sentence_tells(facts):
    # (`After 2 iterations` alone is how often the loop ran: read so, as before)
    assert ("count", False) in verdicts(facts, "After 2 iterations the loop is done.")
    assert ("count", False) not in verdicts(
        facts, "After 2 iterations total is 10, and after all 3 iterations it is 15."
    )
    assert ("count", False) in verdicts(facts, "After 2 iterations total is 10, and after all 4 iterations it is 15.")


def test_how_many_items_of_a_collection_are_one_value():
    trace = traced(HASHTAGS, "hashtags('#a #b #a x')")  # found ends ['a', 'b', 'a']
    assert ungrounded_in(trace, "found holds 2 'a' entries.") == []
    assert ungrounded_in(trace, "found holds 3 'a' entries.") == ["found.count('a') = 3"]


WINDOW_OR = """\
def window_or(nums, width):
    out = []
    for i in range(len(nums) - width + 1):
        v = 0
        for j in range(i, i + width):
            v |= nums[j]
        out.append(v)
    return out
"""


def test_values_a_noun_phrase_names_are_not_a_summary_of_the_variable_before_it():
    trace = traced(WINDOW_OR, "window_or([1, 4, 2, 8, 1], 3)")  # i goes 0, 1, 2
    assert ungrounded_in(trace, "For i = 0 the numbers are 1, 4 and 2.") == []
    assert ungrounded_in(trace, "i goes 1, 4 and 2.") != []  # (told of i itself, a summary of it)


SMALL_WORDS = """\
def small_words(words):
    out = []
    for w in words:
        w = w.lower()
        if len(w) < 3:
            out.append(w)
    return out
"""


def test_the_state_told_after_a_restated_line_is_the_one_the_line_leaves():
    trace = traced(SMALL_WORDS, "small_words(['OF', 'Tree'])")  # w goes 'OF', 'of', 'Tree', 'tree'
    assert ungrounded_in(trace, "After `w = w.lower()`, `w = 'of'`.") == []
    assert ungrounded_in(trace, "After `w = w.lower()`, `w = 'OF'`.") != []


GROUP_BY_VOWELS = """\
def group_by_vowels(text):
    groups = {}
    for word in text.split():
        n = sum(1 for c in word if c in 'aeiou')
        groups.setdefault(n, []).append(word)
    return groups
"""


def test_a_list_one_entry_off_a_list_a_dict_of_the_run_held_is_a_slip():
    trace = traced(GROUP_BY_VOWELS, "group_by_vowels('red fig tan sky')")  # groups[1] ends ['red', 'fig', 'tan']
    assert ungrounded_in(trace, "So the 1 list becomes ['red', 'fig', 'tan'].") == []
    assert ungrounded_in(trace, "So the 1 list becomes ['red', 'fig', 'tan', 'sky'].") != []


MIRROR_HALVES = """\
def mirror_halves(s):
    h = len(s) // 2
    return s[h:] + s[:h], s[::-1][:h]
"""


def test_an_expression_of_the_code_said_to_turn_its_input_into_a_value_makes_that_value():
    trace = traced(MIRROR_HALVES, "mirror_halves('lantern')")
    assert ungrounded_in(trace, "`s[::-1]` reverses the word to `'nretnal'`.") == []
    assert ungrounded_in(trace, "`s[::-1]` reverses the word to `'nrental'`.") == ["s[::-1] = 'nrental'"]


LONGEST_GAP = """\
def longest_gap(stops):
    longest = 0
    for a, b in zip(stops, stops[1:]):
        if b - a > longest:
            longest = b - a
    return longest
"""


def test_a_value_repeated_in_a_summary_where_the_run_changed_it_first_or_second():
    trace = traced(LONGEST_GAP, "longest_gap([0, 4, 9, 16])")  # longest goes 0, 4, 5, 7
    assert ungrounded_in(trace, "`longest` only changes when a gap beats it: it goes 0, 4, 5, 7.") == []
    assert ungrounded_in(trace, "`longest` only changes when a gap beats it: it goes 0, 4, 7, 7.") != []
    # three values are a course too, and `builds up` tells one
    assert ungrounded_in(trace, "`longest` builds up 4, 5, 7.") == []
    assert ungrounded_in(trace, "`longest` builds up 4, 7, 7.") != []


PREFIX_SCORE = """\
def prefix_score(pairs):
    score = 0
    for head, tail in pairs:
        if not tail.startswith(head):
            score += 1
    return score
"""


def test_a_change_told_as_one_step_is_one_step_of_the_variable():
    trace = traced(PREFIX_SCORE, "prefix_score([('a', 'b'), ('x', 'y'), ('z', 'q')])")  # score goes 0, 1, 2, 3
    assert ungrounded_in(trace, "'x' does not start 'y', so plus one: score went from 1 to 2.") == []
    assert ungrounded_in(trace, "'x' does not start 'y', so plus one: score went from 1 to 3.") != []
    # a change told across several steps may skip values
    assert ungrounded_in(trace, "Over the last two pairs score went from 1 to 3.") == []


def test_a_count_told_right_after_a_list_is_its_length():
    trace = traced(HASHTAGS, "hashtags('#a #b #a x')")
    assert ungrounded_in(trace, "The split gives ['#a', '#b', '#a', 'x'], which is 4 parts.") == []
    assert ungrounded_in(trace, "The split gives ['#a', '#b', '#a', 'x'], which is 5 parts.") == [
        "len(['#a', '#b', '#a', 'x']) = 5"
    ]


def test_literal_arithmetic_after_a_side_in_unknowns_is_checked():
    trace = traced(MIRROR_HALVES, "mirror_halves('lantern')")  # (no variable is called prev)
    assert ungrounded_in(trace, "So prev << 1 = 187 ^ 97 = 218.") == []
    assert ungrounded_in(trace, "So prev << 1 = 187 ^ 97 = 216.") == ["187 ^ 97 = 216"]


DOMAIN_OF = """\
def domain_of(host):
    domain = host.lower()
    if domain.startswith('mail.'):
        domain = domain[5:]
    return domain
"""


def test_a_restated_line_then_what_it_did_then_the_state_it_left():
    trace = traced(DOMAIN_OF, "domain_of('Mail.Orbit.io')")
    told = "`domain = domain[5:]` drops the first five characters, giving domain = '{}'."
    assert ungrounded_in(trace, told.format("orbit.io")) == []
    assert ungrounded_in(trace, told.format("mail.orbit.io")) != []


def test_the_size_told_of_a_sum_of_strings_is_the_whole_sum():
    trace = traced(MIRROR_HALVES, "mirror_halves('lantern')")
    assert ungrounded_in(trace, "`'lan' + 'tern'` has 7 letters.") == []
    assert ungrounded_in(trace, "`'lan' + 'tern'` has 4 letters.") == ["len('lantern') = 4"]


GRAY_ONES = """\
def gray_ones(n):
    counts = []
    for i in range(n):
        g = i ^ (i >> 1)
        ones = 0
        while g:
            g &= g - 1
            ones += 1
        counts.append(ones)
    return counts
"""


def test_passes_counted_over_the_values_of_a_loop_variable_are_that_loops():
    trace = traced(GRAY_ONES, "gray_ones(5)")  # i takes 5 values; the while loop runs 0, 1, 2, 1, 2 times
    assert ungrounded_in(trace, "The inner loop runs across all 5 values of i.") == []
    assert ungrounded_in(trace, "The inner loop runs across all 4 values of i.") != []


SHINGLES = """\
def shingles(text, k):
    counts = {}
    for i in range(len(text) - k + 1):
        piece = text[i:i + k]
        counts[piece] = counts.get(piece, 0) + 1
    return counts
"""


def test_a_conjunction_before_a_dict_is_no_key_of_it():
    trace = traced(SHINGLES, "shingles('band', 3)")  # 'and' is a key of counts
    assert ungrounded_in(trace, "The piece is 'ban', and counts becomes {'ban': 1}.") == []
    assert ungrounded_in(trace, "The piece is 'ban', and counts becomes {'ban': 2}.") != []


LOWER_WORDS = """\
def lower_words(sentence):
    return len(sentence.lower().split())
"""


def test_a_variable_said_to_be_recased_where_the_code_never_stores_it_keeps_its_value():
    trace = traced(LOWER_WORDS, "lower_words('Anna Saw')")
    assert ungrounded_in(trace, "The sentence is lowercased to 'anna saw' and split into 2 words.") == []
    # (where the code stores it back, the variable's value is what the sentence tells)
    stored = traced(
        LOWER_WORDS.replace("    return", "    sentence = sentence.lower()\n    return"), "lower_words('Anna Saw')"
    )
    assert ungrounded_in(stored, "The sentence is lowercased to 'anna sew'.") != []


LANE_LOADS = """\
def lane_loads(lanes, w):
    loads = [0] * lanes
    loads[0] += w
    return loads
"""


def test_all_of_a_plural_said_to_be_a_value_is_no_value_of_a_variable_of_that_name():
    trace = traced(LANE_LOADS, "lane_loads(3, 7)")  # lanes is 3 throughout
    assert ungrounded_in(trace, "So all lanes were 5.") == []
    assert ungrounded_in(trace, "So lanes were 5.") == ["lanes = 5"]


STUBS = """\
class Stubs:
    def __init__(self, start):
        self.next_no = start
        self.issued = {}

    def give(self, name):
        if name in self.issued:
            return self.issued[name]
        self.issued[name] = self.next_no
        self.next_no += 1
        return self.issued[name]


def roll(names):
    s = Stubs(100)
    return [s.give(n) for n in names]
"""


def test_a_return_told_moves_the_walk_to_the_end_of_that_call():
    trace = traced(STUBS, "roll(['ivy', 'bo'])")
    told = "For 'ivy', self.issued = {'ivy': 100}. The call returns 100. "
    assert ungrounded_in(trace, told + "For 'bo', self.next_no becomes 102.") == []
    # 101 is what the first call left: a change told after its return is the second call's
    assert ungrounded_in(trace, told + "For 'bo', self.next_no becomes 101.") == [
        "self.next_no = 101 (no change to it from here on)"
    ]


REPAY = """\
def repay_months(debt, payment, rate_pct):
    months = 0
    while debt > 0:
        debt += debt * rate_pct // 100
        debt -= payment
        months += 1
    return months
"""


def test_values_said_of_a_variable_that_holds_none_of_them_are_held_to_the_run_they_summarise():
    trace = traced(REPAY, "repay_months(1000, 100, 2)")
    # `payment goes ...`: the noun before it names them; the balance after each payment
    assert ungrounded_in(trace, "The balance after each payment goes 920, 838, 754, 669, 582, 493, 402.") == []
    # 593 is in debt's history (the balance with a month's interest, before the payment), so the
    # values are in order there, but one off what debt held pass by pass
    assert ungrounded_in(trace, "The balance after each payment goes 920, 838, 754, 669, 582, 593, 402.") == [
        "values: [920, 838, 754, 669, 582, 593, 402] (one off a pass-by-pass run)"
    ]


PAIR_TOTAL = """\
def pair_total(n, m):
    total = 0
    for i in range(1, n + 1):
        for j in range(i + 1, n + 1):
            total += (i * j) % m
    return total
"""


def test_a_run_of_distinct_values_one_off_what_a_variable_held_pass_by_pass_with_its_repeats_is_a_slip():
    trace = traced(PAIR_TOTAL, "pair_total(8, 6)")  # after each i: 17, 29, 35, 43, 52, 52, 54 (i = 6 adds 0)
    assert ungrounded_in(trace, "The running sum after each i is 17, 29, 35, 43, 52, 52, 54.") == []
    # 50 is no value total held (it went 43, 48, 52): read with the repeat, one value off
    assert ungrounded_in(trace, "The running sum after each i is 17, 29, 35, 43, 50, 52, 54.") == [
        "values: [17, 29, 35, 43, 50, 52, 54] (one off a pass-by-pass run)"
    ]


CLAMPED = """\
def clamped_readings(cap, inflows):
    level = 0
    readings = []
    for f in inflows:
        level += f
        if level > cap:
            level = cap
        readings.append(level)
    return readings
"""


def test_values_said_of_a_list_that_holds_none_of_them_in_order_are_one_off_its_items():
    trace = traced(CLAMPED, "clamped_readings(10, [4, 5, 3, -6])")  # level 4, 9, 12, 10, 4
    assert ungrounded_in(trace, "The readings went 4, 9, 10, 4.") == []
    # 12 is level before the clamp, so the values are in order in level's history, but readings held 10
    assert ungrounded_in(trace, "The readings went 4, 9, 12, 4.") == [
        "values: [4, 9, 12, 4] (one off the items it holds)"
    ]


STREAK = """\
def alarm_count(readings, limit):
    streak = alarms = 0
    for r in readings:
        if r > limit:
            streak += 1
            if streak == 2:
                alarms += 1
        else:
            streak = 0
    return alarms
"""


def test_steps_said_to_push_a_variable_to_a_run_of_values_are_its_values_in_turn():
    trace = traced(STREAK, "alarm_count([32, 34, 35], 30)")
    assert ungrounded_in(trace, "32, 34 and 35 push streak to 1, 2 and 3.") == []
    # before, `1, 2 and 2` was read as values of no variable (streak held 1 and 2)
    assert ungrounded_in(trace, "32, 34 and 35 push streak to 1, 2 and 2.") == ["streak: [1, 2, 2]"]


INITIALS = """\
def initials(text):
    seen = set()
    out = []
    for w in text.split():
        first = w.strip(',.')[0].upper()
        if first not in seen:
            seen.add(first)
            out.append(first)
    return out
"""


def test_a_negation_denies_the_word_after_it_not_a_value_told_after_that():
    trace = traced(INITIALS, "initials('ana, Bo ada')")
    # `not seen` denies seen's holding 'A'; out = ['A'] after it is a state told, not denied
    assert ungrounded_in(trace, "'ana,' gives first = 'A', not seen, `out = ['A']`.") == []
    assert ungrounded_in(trace, "'ana,' gives first = 'A', not seen, `out = ['B']`.") == ["out = ['B']"]
    assert ungrounded_in(trace, "The loop never gets to `out = ['A', 'B', 'C']`.") == []


SPLIT_EVEN = """\
def split_even(total, jars):
    share, extra = divmod(total, jars)
    return [share + 1] * extra + [share] * (jars - extra)
"""


def test_a_value_said_repeated_is_a_factor_of_the_value_not_the_value():
    trace = traced(SPLIT_EVEN, "split_even(17, 5)")  # share 3, extra 2: [4, 4, 3, 3, 3]
    assert ungrounded_in(trace, "[share + 1] * extra is [4] repeated two times, which is [4, 4].") == []
    assert ungrounded_in(trace, "[share + 1] * extra is [4, 4, 4].") == ["[share + 1] * extra = [4, 4, 4]"]


INK = """\
def ink_used(words, ink):
    for word in words:
        ink -= len(word)
    return ink
"""


def test_a_container_noun_after_a_variable_that_never_holds_one_names_a_list_of_its_values():
    trace = traced(INK, "ink_used(['oak', 'maple', 'fir'], 20)")
    # `the word list`: the words, not a value of the loop's word (which holds strings only)
    assert ungrounded_in(trace, "So the word list was ['oak', 'maple', 'fir'] with ink 20.") == []
    # (the list itself is still a value to ground)
    assert ungrounded_in(trace, "So the word list was ['oak', 'maple', 'elm'] with ink 20.") != []


LEAP_TALLY = """\
def leap_tally(y1, y2):
    count = 0
    for y in range(y1, y2):
        if (y % 4 == 0 and y % 100 != 0) or y % 400 == 0:
            count += 1
    return count
"""


def test_a_step_told_at_another_moment_than_the_narrations_other_steps_is_a_stale_value():
    trace = traced(LEAP_TALLY, "leap_tally(1890, 1915)")  # count: 1 at 1892, 2 at 1896, 3 at 1904, ... (1900 no)
    after_each = "y = 1892: count = 1.\ny = 1896: count = 2.\ny = 1904: count = 3.\ny = 1908: count = {}.\n{}y = 1912: count = 5.\n"
    assert ungrounded_in(trace, after_each.format(4, "")) == []
    # every other step tells the state it leaves; this one the state it started from (count was 3 when y took 1908)
    assert ungrounded_in(trace, after_each.format(3, "")) == ["count = 3 (not this step's moment)"]
    # a narration that tells the state each step starts from keeps its own convention
    before_each = "y = 1896: count = 1.\ny = 1904: count = 2.\ny = 1908: count = 3.\ny = 1912: count = 4.\n"
    assert ungrounded_in(trace, before_each) == []
    # a step that goes on in the next sentence tells both moments
    assert ungrounded_in(trace, after_each.format(3, "1908 % 4 == 0, so count = 4.\n")) == []


DIVISOR_COUNTS = """\
def divisor_counts(n):
    counts = []
    for x in range(1, n + 1):
        d = 0
        for k in range(1, x + 1):
            if x % k == 0:
                d += 1
        counts.append(d)
    return counts
"""


def test_a_count_of_outer_or_inner_passes_is_of_the_loops_of_that_role():
    trace = traced(DIVISOR_COUNTS, "divisor_counts(4)")  # the outer loop runs 4 times, the inner 1, 2, 3 and 4
    assert ungrounded_in(trace, "After all 4 outer iterations, counts = [1, 2, 2, 3].") == []
    # 3 is a run of the inner loop (x = 3), not of the outer one
    assert ungrounded_in(trace, "After all 3 outer iterations, counts = [1, 2, 2, 3].") == [
        "After all 3 outer iterations"
    ]


def test_a_count_set_off_by_a_comma_after_the_loop_it_counts_is_that_loops():
    trace = traced(DIVISOR_COUNTS, "divisor_counts(4)")
    assert ungrounded_in(trace, "The outer loop runs x from 1 to 4, four passes.") == []
    # (3 is how often the inner loop ran for x = 3)
    assert ungrounded_in(trace, "The outer loop runs x from 1 to 4, three passes.") == ["3 passes"]


WAITS = """\
def total_wait(waits):
    t = 0
    for w in waits:
        t += w
    return t
"""


def test_three_numbers_listed_without_and_right_before_sum_to_are_added_up():
    trace = traced(WAITS, "total_wait([0, 2, 3, 6])")
    assert ungrounded_in(trace, "The waits 0, 2, 3, 6 sum to 11.") == []
    assert ungrounded_in(trace, "The waits 0, 2, 5, 6 sum to 11.") == ["sum([0, 2, 5, 6]) = 11"]


def test_a_number_that_passes_other_numbers_is_the_verb_not_a_count_of_passes():
    trace = traced(WAITS, "total_wait([0, 2, 3, 6])")  # one loop, 4 passes
    assert ungrounded_in(trace, "Here 6 passes 2 and 3.") == []
    assert ungrounded_in(trace, "The loop makes 6 passes.") == ["6 passes"]


def test_a_number_or_more_is_a_bound_the_value_meets_not_the_value():
    trace = traced(WAITS, "total_wait([0, 2, 3, 6])")  # t ends at 11
    assert ungrounded_in(trace, "At the end t is ten or more.") == []
    assert ungrounded_in(trace, "At the end t is 12 or more.") == ["t >= 12"]
    assert ungrounded_in(trace, "At the end t is 11 or less.") == []


SHELF = """\
class Shelf:
    def __init__(self, sizes):
        self.sizes = sorted(sizes)

    def take(self, n):
        for i, s in enumerate(self.sizes):
            if s >= n:
                return self.sizes.pop(i)
        return 0


def fill(sizes, wants):
    shelf = Shelf(sizes)
    used = 0
    for w in wants:
        used += shelf.take(w)
    return used
"""


def test_an_attribute_and_a_callers_local_told_side_by_side_hold_at_one_time_across_frames():
    trace = traced(SHELF, "fill([40, 25, 60], [30, 20])")  # sizes [25, 40, 60] -> [25, 60] -> [60]; used 0, 40, 65
    # self.sizes shows only in take's frames and used only in fill's: their events never meet
    assert ungrounded_in(trace, "After the first ship, used = 40, sizes [25, 60].") == []
    assert ungrounded_in(trace, "After the second ship, used = 65, sizes [25, 60].") == [
        "sizes = [25, 60] (never together with used = 65)"
    ]


def test_values_a_loop_variable_ran_through_listed_with_and_are_not_one_state_with_the_rest():
    trace = traced(WAITS, "total_wait([0, 2, 3, 6])")  # t: 0, 0, 2, 5, 11
    # w took 3 and 6 on the last two passes; t = 11 holds with the 6, never with the 3
    assert ungrounded_in(trace, "Last, w = 3 and 6, t = 11.") == []
    # (a single value still tells one state)
    assert ungrounded_in(trace, "Last, w = 3, t = 11.") == ["t = 11 (never together with w = 3)"]


def test_a_test_after_every_or_each_picks_out_values_and_is_not_an_outcome_at_this_step():
    trace = traced(WAITS, "total_wait([0, 2, 3])")
    # (before, `w > 1` was read as a test that held beside w = 0: never)
    assert ungrounded_in(trace, "At w = 0 nothing is added, while every w > 1 raises t.") == []
    assert ungrounded_in(trace, "At w = 0 nothing is added, while w > 1 is True.") == ["w > 1"]


JAR = """\
class Jar:
    def __init__(self):
        self.n = 0

    def look(self):
        return self.n


def jar_run(ops):
    jar = Jar()
    seen = []
    for kind, k in ops:
        if kind == "add":
            jar.n += k
        else:
            seen.append(jar.look())
    return seen
"""


def test_an_attribute_the_caller_changes_is_shown_by_the_next_method_call_not_in_the_pass():
    trace = traced(JAR, 'jar_run([("add", 2), ("look", 0), ("add", 3), ("look", 0)])')  # [2, 5]
    # `jar.n += k` runs in jar_run's frame, which shows no `self.n`: look() shows 2 on the next pass
    assert ungrounded_in(trace, '**`("add", 2)`:** `jar.n = 0 + 2 = 2`.') == []
    # (a value the attribute took only later is still not that pass's)
    assert ungrounded_in(trace, '**`("add", 2)`:** `jar.n = 5`.') == ["self.n = 5 (not in that pass of the loop)"]


CENSUS = """\
def census(words, suffixes):
    counts = {s: 0 for s in suffixes}
    other = 0
    for w in words:
        w = w.lower()
        for s in suffixes:
            if w.endswith(s):
                counts[s] += 1
                break
        else:
            other += 1
    return counts, other
"""


def test_a_count_of_the_walked_collection_is_checked_though_a_chain_takes_the_noun():
    trace = traced(CENSUS, "census(['Running', 'tall', 'Played'], ['ing', 'ed'])")  # 3 words
    # (`words, counts = {...}` reads as a chain that uses `words`; the count before it was left unread)
    assert ungrounded_in(trace, "After all 3 words, `counts = {'ing': 1, 'ed': 1}`.") == []
    assert ungrounded_in(trace, "After all 4 words, `counts = {'ing': 1, 'ed': 1}`.") == ["all 4 words"]


def test_a_number_before_the_name_of_the_collection_the_loop_walks_counts_its_passes():
    trace = traced(CENSUS, "census(['Running', 'tall', 'Played'], ['ing', 'ed'])")
    assert ungrounded_in(trace, "The loop over 3 words is done; `other = 1`.") == []
    assert ungrounded_in(trace, "The loop over 4 words is done; `other = 1`.") == ["4 words"]
    # (a number told after another count of the loop is not this count: `kept 2 words`)
    assert ungrounded_in(trace, "The loop ran 3 times and kept 2 words.") == []


def test_how_many_items_a_loop_handled_is_checked_though_a_chain_takes_the_noun():
    trace = traced(CENSUS, "census(['Running', 'tall', 'Played'], ['ing', 'ed'])")
    # (`words, other = 1` reads as a chain that uses `words`; only the number must be free)
    assert ungrounded_in(trace, "After checking 3 words, other = 1.") == []
    assert ungrounded_in(trace, "After checking 4 words, other = 1.") == ["checking 4 words"]


def test_a_tests_outcome_drawn_with_so_from_the_values_before_it_is_its_outcome_in_that_state():
    trace = traced(CENSUS, "census(['Running', 'tall', 'Played'], ['ing', 'ed'])")
    # 'tall' ends in neither suffix; endswith came out True only with the other words
    assert ungrounded_in(trace, "`w = 'tall'`, so `w.endswith(s)` is False.") == []
    assert ungrounded_in(trace, "`w = 'tall'`, so `w.endswith(s)` is True.") == [
        "w.endswith(s) is True (not with w = 'tall')"
    ]
    # (after `then` the run has moved on: the outcome need not be with the value told before)
    assert ungrounded_in(trace, "`w = 'tall'`, then `w.endswith(s)` is True.") == []


TOWER = """\
class Tower:
    def __init__(self):
        self.plates = []

    def take(self, op):
        if op == 0:
            self.plates.pop()
        else:
            self.plates.append(op)


def tower_run(ops):
    tower = Tower()
    for op in ops:
        tower.take(op)
    return tower.plates
"""


def test_a_value_a_variable_is_back_to_holds_now_not_only_before():
    trace = traced(TOWER, "tower_run([8, 0, 3, 8, 0])")  # plates: [8], [], [3], [3, 8], [3]
    told = "First 8 goes on: plates = [8]. Then 0 pops it: plates = []. 3 and 8 go on: plates = [3, 8]. "
    assert ungrounded_in(trace, told + "The last 0 takes the 8 off, and plates is back to [3].") == []
    # (`back` is no look back here: [8] was held only before the [3, 8] told already)
    assert ungrounded_in(trace, told + "The last 0 takes the 8 off, and plates is back to [8].") == [
        "self.plates = [8] (only before the moment told already)"
    ]


def test_a_restated_assignment_gives_the_value_its_line_left_in_the_target():
    trace = traced(CENSUS, "census(['Running', 'TALL', 'Played'], ['ing', 'ed'])")
    assert ungrounded_in(trace, "Second word: `w = w.lower()` gives `'tall'`.") == []
    # (before, the value after `gives` was read by nothing: a value never held passed too)
    assert ungrounded_in(trace, "Second word: `w = w.lower()` gives `'tally'`.") == ["w = 'tally'"]
    # w held 'TALL' as the loop handed it over, but the line never leaves it so
    assert ungrounded_in(trace, "Second word: `w = w.lower()` gives `'TALL'`.") == [
        "w = 'TALL' (not what that line gave)"
    ]


SWAP_PAIR = """\
def order_pair(a, b):
    if a > b:
        a, b = b, a
    return a, b
"""


def test_after_it_tells_the_state_the_assignment_restated_just_before_left():
    trace = traced(SWAP_PAIR, "order_pair(30, 9)")
    told = "The function receives a = 30 and b = 9. `a, b = b, a` swaps the two values. "
    assert ungrounded_in(trace, told + "After it, a = 9 and b = 30.") == []
    # (30 and 9 are the values before the swap, which `After it` is not)
    assert ungrounded_in(trace, told + "After it, a = 30 and b = 9.") == [
        "a = 30 (not once `a, b = b, a` has run)",
        "b = 9 (not once `a, b = b, a` has run)",
    ]


def test_a_statement_said_to_fire_inside_the_loop_counts_the_runs_of_its_lines():
    trace = traced(CENSUS, "census(['Running', 'tall', 'Played'], ['ing', 'ed'])")  # two words match a suffix
    assert ungrounded_in(trace, "The `counts[s] += 1` inside the loop fires 2 times.") == []
    assert ungrounded_in(trace, "The `counts[s] += 1` inside the loop fires 3 times.") == ["3 times"]


STOCK_PAIRS = """\
def stock_total(items):
    total = 0
    for name, n in items:
        total += n
    return total, sorted(dict(items).items())
"""


def test_the_loop_over_a_named_collection_is_the_loop_not_the_lines_that_name_it():
    trace = traced(STOCK_PAIRS, "stock_total([('a', 2), ('b', 5)])")
    # (before, `items` was read as a statement: the return line, which holds `.items()`, ran once)
    assert ungrounded_in(trace, "The loop over `items` ran 2 times.") == []
    assert ungrounded_in(trace, "The loop over `items` ran 3 times.") == ["3 times"]


UPS = """\
def count_ups(rows):
    res = []
    for row in rows:
        ups = 0
        for x in row:
            if x > 0:
                ups += 1
        res.append(ups)
    return res
"""


def test_how_often_a_variable_was_incremented_counts_its_steps_up_not_its_resets():
    trace = traced(UPS, "count_ups([[1, 2], [3, -1]])")  # ups: 0, 1, 2, then 0, 1
    assert ungrounded_in(trace, "Over the whole run ups was incremented 3 times.") == []
    assert ungrounded_in(trace, "Over the whole run ups was incremented 2 times.") == ["2 times"]


VOWELS = """\
def vowel_hits(words):
    n = 0
    for w in words:
        for ch in w:
            if ch in 'aeiou':
                n += 1
    return n
"""


def test_the_n_things_an_inner_loop_walked_over_all_its_runs_are_its_total_passes():
    trace = traced(VOWELS, "vowel_hits(['ab', 'cde'])")  # 2 + 3 letters, no string of 5
    assert ungrounded_in(trace, "It tests ch in 'aeiou' for each of the 5 letters.") == []
    assert ungrounded_in(trace, "It tests ch in 'aeiou' for each of the 6 letters.") == ["the 6 letters"]


def test_those_n_passes_told_before_are_no_more_than_a_loop_made():
    trace = traced(CENSUS, "census(['Running', 'tall', 'Played', 'x'], ['ing', 'ed'])")  # 4 words
    # (`the first 3 passes`, then `among those 3 passes`: some of the loop's passes)
    assert ungrounded_in(trace, "Among those 3 passes only one word ends in 'ed'.") == []
    assert ungrounded_in(trace, "Among those 9 passes only one word ends in 'ed'.") == ["9 passes"]


FIRSTS = """\
def first_column(rows):
    out = ''
    for row in rows:
        out += row[0]
    return out
"""


def test_items_said_to_be_n_characters_wide_are_each_that_long():
    trace = traced(FIRSTS, "first_column(['bark', 'dart', 'base'])")
    # (before, `rows are 4 characters wide` was read as len(rows) = 4)
    assert ungrounded_in(trace, "The rows are 4 characters wide.", backward=True) == []
    assert ungrounded_in(trace, "The rows are 5 characters wide.", backward=True) == ["each of rows: 5"]


EARLY = """\
def digit_sum(n):
    if n < 10:
        return n
    total = 0
    while n:
        total += n % 10
        n //= 10
    return total
"""


def test_a_test_a_statement_fires_for_is_its_condition_not_its_outcome():
    trace = traced(EARLY, "digit_sum(52)")
    assert ungrounded_in(trace, "The early `return n` only fires for `n < 10`, so n has two digits.", True) == []
    # (told as an outcome, it is still checked)
    assert ungrounded_in(trace, "`n < 10` is True, so it returns early.", True) == ["n < 10"]


def test_what_a_loop_tests_for_each_item_is_a_rate_not_a_count_of_its_passes():
    trace = traced(VOWELS, "vowel_hits(['ab', 'cde'])")
    assert ungrounded_in(trace, "For each letter it tests 4 things: the letter and the vowels.") == []
    # (without `for each`, how many things it tested is still a count of the loop's passes)
    assert ungrounded_in(trace, "It tests 4 letters.") == ["tests 4 letters"]


BARE_FLAGS = """\
def flag_names(tokens):
    flags = []
    for tok in tokens:
        key, _, val = tok.partition('=')
        if val:
            continue
        flags.append(key)
    return flags
"""


def test_a_test_of_the_code_said_to_pass_is_told_true():
    trace = traced(BARE_FLAGS, "flag_names(['v', 'n=2'])")
    # (before, `passes` was no verdict and `the ... test` came between the code and the verdict)
    assert ungrounded_in(trace, "For 'v', `val = ''`, and `if val:` passes.") == ["val is True"]
    assert ungrounded_in(trace, "For 'v', `val = ''`, and the `if val` test passes, so it is skipped.") == [
        "val is True"
    ]
    assert ungrounded_in(trace, "For 'v', `val = ''`, and `if val:` fails, so 'v' is kept.") == []
    # (`passes` that passes something on is no verdict)
    assert ungrounded_in(trace, "The `if val:` line passes 'v' on to `flags.append(key)`.") == []


LOCKER_CALLS = """\
class Lockers:
    def __init__(self, n):
        self.free = n

    def take(self):
        if not self.free:
            return -1
        self.free -= 1
        return 1

    def give(self):
        self.free += 1


def run(n, events):
    box = Lockers(n)
    got = []
    for e in events:
        if e == '+':
            box.give()
        else:
            got.append(box.take())
    return got
"""


def test_a_test_said_to_lead_to_a_return_came_out_so_before_it():
    trace = traced(LOCKER_CALLS, "run(0, ['-', '+', '-'])")
    assert ungrounded_in(trace, "`got = []` to start. First e = '-': `not self.free` is True, so it returns -1.") == []
    # (False only in the third event's call, after the -1 it is said to lead to)
    told = "`got = []` to start. First e = '-': `not self.free` is False, so it returns -1."
    assert ungrounded_in(trace, told) == ["not self.free is False (only after what it leads to)"]


ODD_PARTS = """\
def odd_part(n):
    k = 0
    while n % 2 == 0:
        n //= 2
        k += 1
    return n, k
"""


def test_a_number_halved_n_times_ends_where_that_many_halvings_end():
    trace = traced(ODD_PARTS, "odd_part(48)")
    assert ungrounded_in(trace, "48 is halved 4 times (48, 24, 12, 6, 3), so n = 3 and k = 4.") == []
    assert ungrounded_in(trace, "48 is halved four times, through 24, 12 and 6 down to 3.") == []
    # (five halvings of 48 end at 1, and the count is no loop's; a chain of `to`s ends at its last)
    assert "48 halved 5 times = 3" in ungrounded_in(trace, "48 is halved 5 times (48, 24, 12, 6, 3), so n = 3.")
    assert ungrounded_in(trace, "Then 48 is halved four times: 48 to 24, 24 to 12, 12 to 6 and 6 to 3.") == []


FIRST_OVER = """\
def first_over(prices, limit):
    for i, p in enumerate(prices):
        if p > limit:
            return i
    return -1
"""


def test_some_of_all_the_items_is_a_count_the_run_made():
    trace = traced(FIRST_OVER, "first_over([3, 9, 4, 12, 5], 10)")  # stops at the fourth price
    assert ungrounded_in(trace, "Only 4 of the 5 prices were visited.") == []
    assert ungrounded_in(trace, "Only three of the five prices were visited.") == ["3 of the 5"]


TITLE_LENGTHS = """\
def title_lengths(text):
    out = []
    for word in text.strip('_').split('_'):
        if word[:1].isupper():
            out.append(len(word))
    return out
"""


def test_splitting_with_no_string_quoted_splits_one_the_run_held_or_the_text_quotes_nearby():
    trace = traced(TITLE_LENGTHS, "title_lengths('_Ada_met_Bob_')")
    # (the argument the run held; before, only `Splitting 'a b' gives 2 words` was read)
    assert ungrounded_in(trace, "Take '_Ada_met_Bob_'. Splitting gives 5 pieces.", backward=True) == []
    assert "splits into 4 pieces (the split gives [1, 5])" in ungrounded_in(
        trace, "Take '_Ada_met_Bob_'. Splitting gives 4 pieces.", backward=True
    )
    # (a string the run never held, quoted in the sentence: what the strip left)
    told = "Stripping gives 'Ada_met_Bob', and splitting on '_' gives three pieces."
    assert ungrounded_in(trace, told, backward=True) == []


ROLES = """\
def roles(pairs):
    out = {}
    for name, role in pairs:
        out[name] = role
    return out
"""


def test_items_a_loop_walks_over_may_be_named_with_several_words():
    trace = traced(ROLES, "roles([('ada', 'cook'), ('bo', 'host')])")
    assert ungrounded_in(trace, "The loop walks over two name and role pairs.") == []
    # (before, only one word could come between the number and the noun)
    assert ungrounded_in(trace, "The loop walks over three name and role pairs.") == [
        "walks over 3 name and role pairs"
    ]


ODD_FIRST = """\
def odd_first(a, b):
    if a % 2 == 0 and b % 2 == 1:
        a, b = b, a
    return a, b
"""


def test_a_condition_of_the_code_named_as_the_test_is_restated_not_claimed():
    trace = traced(ODD_FIRST, "odd_first(8, 6)")
    # (w356-15 of round 62: `b % 2 == 1` was read as a claim that it held)
    assert ungrounded_in(trace, "We start with a = 8 and b = 6. The first test is a % 2 == 0 and b % 2 == 1.") == []
    # (told with its verdict, it is a claim)
    assert ungrounded_in(trace, "With a = 8 and b = 6, the test a % 2 == 0 and b % 2 == 1 holds.") != []


def test_letters_both_or_all_of_the_items_have_are_each_items_size():
    trace = traced(FIRSTS, "first_column(['bark', 'dart', 'base'])")
    # (w358-11 of round 62: `Both words have five letters` was read as len(words) = 5)
    assert ungrounded_in(trace, "All the rows have four letters.", backward=True) == []
    assert ungrounded_in(trace, "All the rows have five letters.", backward=True) == ["each of rows: 5"]


PELL_PAIRS = """\
def pell_pairs(n):
    a, b = 0, 1
    out = []
    for _ in range(n):
        a, b = b, 2 * b + a
        out.append(a)
    return out
"""


def test_two_variables_given_two_values_in_turn_are_two_claims():
    trace = traced(PELL_PAIRS, "pell_pairs(3)")
    # (w359-5 of round 62: `a, b becomes 1 and 2*1 + 0 = 2` was read as b = 1)
    assert ungrounded_in(trace, "First pass: a, b becomes 1 and 2*1 + 0 = 2.") == []
    assert ungrounded_in(trace, "First pass: a, b becomes 1 and 2*1 + 0 = 2. Second pass: a, b becomes 2 and 5.") == []
    assert ungrounded_in(trace, "First pass: a, b becomes 1 and 2. Second pass: a, b becomes 2 and 7.") != []


TILE_EDGES = """\
def tile_edges(rows, cols, cells):
    grid = [[0] * cols for _ in range(rows)]
    for r, c in cells:
        grid[r][c] = 1
    total = 0
    for r in range(rows):
        for c in range(cols):
            if grid[r][c] and c + 1 < cols and grid[r][c + 1]:
                total += 1
    return total
"""


def test_all_the_cells_of_a_grid_are_its_size_where_a_loop_also_walks_cells():
    trace = traced(TILE_EDGES, "tile_edges(2, 3, [(0, 0), (0, 1)])")
    # (w357-15 of round 62: `all 6 cells` was held to the loop over `cells`, which ran twice)
    assert ungrounded_in(trace, "After checking all 6 cells, total is 1.") == []
    assert ungrounded_in(trace, "After checking all 7 cells, total is 1.") != []


STARTS_HASH = """\
def tag_count(words):
    tags = 0
    for p in words:
        if p.startswith('#'):
            tags += 1
    return tags
"""


def test_a_sentence_opening_on_a_value_tells_of_the_test_made_with_it():
    trace = traced(STARTS_HASH, "tag_count(['#a', 'Fresh', '#b'])")
    # (w361-9 of round 62: the test passed for '#a', but not for 'Fresh')
    assert ungrounded_in(trace, "For 'Fresh' the test p.startswith('#') fails.", backward=True) == []
    assert ungrounded_in(trace, "For 'Fresh' the test p.startswith('#') passes.", backward=True) != []
    assert ungrounded_in(trace, "For '#b' the test p.startswith('#') passes.", backward=True) == []


ODD_MASK = """\
def odd_mask(nums):
    odd = 0
    for n in nums:
        if n & 1:
            odd += 1
    return odd
"""


def test_a_bit_test_of_the_code_told_to_pass_is_a_test_not_a_count():
    trace = traced(ODD_MASK, "odd_mask([5, 12])")
    # (w193-15: `the test n & 1 passes` was read as a count, 1 pass)
    assert ungrounded_in(trace, "First 5: the test n & 1 passes. For 12 the test n & 1 fails.") == []
    assert ungrounded_in(trace, "First 5: the test n & 1 passes. For 12 the test n & 1 passes.") != []


def test_more_than_and_lower_than_in_words_compare():
    trace = traced(ODD_MASK, "odd_mask([5, 12])")
    # (`is above` and `is below` are not read so: `the 4 at column 3 is above 2 and 1` of w203-24)
    assert ungrounded_in(trace, "The sum 3 + 6 = 9 is lower than 10.") == []
    assert ungrounded_in(trace, "The sum 3 + 6 = 9 is more than 10.") == ["9 > 10"]


ROUNDS_SERVED = """\
def rounds_served(tickets, windows):
    waiting = list(tickets)
    rounds = 0
    while waiting:
        batch, waiting = waiting[:windows], waiting[windows:]
        for need in batch:
            if need > 1:
                waiting.append(need - 1)
        rounds += 1
    return rounds
"""


def test_a_count_of_a_noun_the_program_counts_in_a_variable_is_that_variables_total():
    trace = traced(ROUNDS_SERVED, "rounds_served([2, 1, 3], 2)")
    # (w363-11 of round 63: `Over the four rounds` was held to the inner loop named after it)
    told = "Over the {} rounds the inner `for need in batch` handled 6 tickets."
    assert ungrounded_in(trace, told.format("four")) == []
    assert ungrounded_in(trace, told.format("five")) != []


def test_times_before_a_variable_is_a_product_and_a_value_passing_a_test_is_no_count():
    trace = traced(ODD_MASK, "odd_mask([5, 12, 7])")
    # (w362-7 of round 63: `five times odd` is a product, not a count of runs)
    assert ungrounded_in(trace, "So the sum is always five times odd.") == []
    # (w362-14 of round 63: `Day 3: 995 passes: ...`: a value that passes a test)
    assert ungrounded_in(trace, "Third number: 7 passes: n & 1 is 1, so odd becomes 2.") == []


def test_shifts_and_differences_in_words_are_arithmetic():
    trace = traced(ODD_MASK, "odd_mask([5])")
    # (w363-3 and w366-9 of round 63)
    assert ungrounded_in(trace, "Shifting 11 left by 4 gives 176, and 10 and 3 differ by 7.") == []
    assert ungrounded_in(trace, "Shifting 11 left by 4 gives 160.") == ["11 << 4 = 160"]
    assert ungrounded_in(trace, "The numbers 10 and 3, which differ by 6.") == ["abs(10 - 3) = 6"]
    # (the value and then the worked arithmetic: the arithmetic is the claim)
    assert ungrounded_in(trace, "Shifting 182 right by 4 gives 182 >> 4 = 11.") == []


FLIP_OR_SET = """\
def flip_or_set(ops):
    state = 0
    for kind, mask in ops:
        if kind == "f":
            state ^= mask
        else:
            state |= mask
    return state
"""


def test_a_sentence_of_values_alone_is_the_state_the_next_sentences_test_is_made_in():
    trace = traced(FLIP_OR_SET, "flip_or_set([('f', 5), ('o', 2), ('f', 1)])")
    first = "First pair: kind = 'f', mask = 5. `kind == 'f'` is True, so state = 5. "
    assert ungrounded_in(trace, first + "Second pair: kind = 'o', mask = 2. `kind == 'f'` is False.") == []
    # (w366-11 of round 63: before, only a sentence of one value was read so)
    assert ungrounded_in(trace, first + "Second pair: kind = 'o', mask = 2. This time `kind == 'f'` is True.") == [
        "kind == 'f' (not with kind = 'o', mask = 2)"
    ]


STREAKS = """\
def streaks(levels):
    streak = 0
    for a, b in zip(levels, levels[1:]):
        if b > a:
            streak += 1
        else:
            streak = 0
    return streak
"""


def test_a_run_told_of_a_variable_is_held_to_its_assignments_repeats_kept():
    trace = traced(STREAKS, "streaks([1, 2, 3, 3, 3, 4, 5, 6, 7, 6])")
    # (w365-9 of round 63: streak was set 1, 2, 0, 0, 1, 2, 3, 4, 0; told with a 3 for the first 0, the
    # values were in order in its history of changes, 1, 2, 0, 1, 2, 3, 4, 0)
    assert ungrounded_in(trace, "Over the nine steps streak goes 1, 2, 0, 0, 1, 2, 3, 4, 0.") == []
    assert ungrounded_in(trace, "Over the nine steps streak goes 1, 2, 3, 0, 1, 2, 3, 4, 0.") == [
        "streak: [1, 2, 3, 0, 1, 2, 3, 4, 0] (one off a stretch of its values)"
    ]


STAIRS = """\
def stairs(n, k):
    steps = 0
    while n > 0:
        if n % k == 0:
            n //= k
        else:
            n -= 1
        steps += 1
    return steps
"""


def test_how_often_a_condition_was_checked_counts_every_test_of_it():
    trace = traced(STAIRS, "stairs(29, 3)")
    # (w76-11: `checked 7 times` was read as 7 things checked, and as how often it came out false)
    assert ungrounded_in(trace, "The condition n > 0 was checked seven times.", backward=True) == []
    assert ungrounded_in(trace, "The condition n > 0 was checked six times.", backward=True) == ["6 times"]
    # (told to hold, it is how often it came out true)
    assert ungrounded_in(trace, "The condition n > 0 holds six times.", backward=True) == []


def test_counts_of_values_passing_tests_or_occurring_are_not_a_loops_passes():
    trace = traced(ODD_MASK, "odd_mask([5, 12, 7, 9])")
    # (w258-11, w226-21: a value passing a test; w83-19: how often a written value occurs; w66-22: more of them)
    assert ungrounded_in(trace, "Only 3 passes n & 1 == 0 and 5 passes n & 1 == 1.") == []
    assert ungrounded_in(trace, "The number 12 passes isdigit() in words.") == []
    assert ungrounded_in(trace, "Final counts: (0, 1) 3 times.") == []
    assert ungrounded_in(trace, "After the first number, odd changes two more times.") == []


LABEL_FOLD = """\
def label_fold(label):
    head, _, tail = label.partition("-")
    if not tail.isdigit():
        return head.upper()
    return head[:3].upper() + str(int(tail) % 7)


def fold_all(labels):
    return [label_fold(label) for label in labels]
"""


def test_a_test_and_its_negation_told_in_one_breath_have_opposite_outcomes():
    trace = traced(LABEL_FOLD, "fold_all(['box-x', 'garden-45'])")
    # (w307-12, w351-12: each outcome alone came out so for one of the labels)
    assert ungrounded_in(trace, "`tail.isdigit()` is True, so `if not tail.isdigit()` is False.") == []
    assert ungrounded_in(trace, "`tail.isdigit()` is True, so `if not tail.isdigit()` is True.") == [
        "not tail.isdigit() is True (though tail.isdigit() is True)"
    ]
    # (told apart, they may be of two labels)
    assert ungrounded_in(trace, "`tail.isdigit()` is True for 45, but `not tail.isdigit()` is True for 'x'.") == []
    # (w365-20: an outcome told by what made it so)
    assert ungrounded_in(trace, "The digits make `tail.isdigit()` True.") == []
    assert ungrounded_in(trace, "So `tail.isdigit()` was True, which makes `not tail.isdigit()` True.") == [
        "not tail.isdigit() is True (though tail.isdigit() is True)"
    ]


RUNNING_BEST = """\
def running_best(nums):
    best = lead = 0
    for n in nums:
        lead = lead + 1 if n % 2 else lead - 1
        best = max(best, lead)
    return best
"""


def test_a_variable_that_builds_up_or_follows_along_tells_its_values_in_order():
    trace = traced(RUNNING_BEST, "running_best([3, 5, 2, 7, 9])")  # lead goes 1, 2, 1, 2, 3; best 1, 2, 2, 2, 3
    # (w355-24, w277-22, w372-16: the values were read as numbers of the run, whoever held them)
    assert ungrounded_in(trace, "Over the five numbers best follows along as 1, 2, 2, 2, 3.") == []
    assert ungrounded_in(trace, "Over the five numbers best follows along as 1, 2, 1, 2, 3.") == [
        "best: [1, 2, 1, 2, 3] (one off a stretch of its values)"
    ]
    assert ungrounded_in(trace, "lead builds up 1, 2, 1, 2, 3.") == []
    assert ungrounded_in(trace, "lead builds up 1, 2, 2, 2, 3.") == ["lead: [1, 2, 2, 2, 3]"]


SLUG_KEY = """\
def slug_key(title):
    parts = title.lower().split()
    key = '-'.join(parts)
    return key, len(key)
"""


def test_the_length_told_of_a_quoted_string_is_its_length():
    trace = traced(SLUG_KEY, "slug_key('Old Mill Road')")
    # (w347-24: the length was a number of the run, 13, whatever held it)
    assert ungrounded_in(trace, "key = 'old-mill-road', which is 13 characters long.") == []
    assert ungrounded_in(trace, "key = 'old-mill-road', which is 12 characters long.") == ["len('old-mill-road') = 12"]
    # (w181-11: a total of several strings; w299-8: of a sum of strings)
    assert ungrounded_in(trace, "It is 'old' followed by 'mill-road', 13 characters in all.") == []
    assert ungrounded_in(trace, "`'old-mill' + '-road'` has 13 characters.") == []


BOUNDED_GAP = """\
def bounded_gap(lo, hi, x):
    if lo > hi:
        lo, hi = hi, lo
    return min(x - lo, hi - x)
"""


def test_an_expression_told_with_the_values_just_given_is_what_they_make_it():
    trace = traced(BOUNDED_GAP, "bounded_gap(9, 2, 4)")  # lo, hi = 2, 9 after the swap
    # (w356-7: lo = 9 and hi = 2 held before the swap, and 2 and 5 were results of the run)
    assert ungrounded_in(trace, "With lo = 2, hi = 9 and x = 4, we get x - lo = 2 and hi - x = 5.", backward=True) == []
    assert ungrounded_in(trace, "With lo = 9, hi = 2 and x = 4, we get x - lo = 2 and hi - x = 5.", backward=True) == [
        "x - lo = 2 (not with the values the sentence gives)",
        "hi - x = 5 (not with the values the sentence gives)",
    ]
    # (w2-18: after a `so`, the expression may be of the values before the step)
    assert ungrounded_in(trace, "The swap left lo = 2 and hi = 9, so before it hi - lo = -7.", backward=True) == []


CAPPED_COUNT = """\
def capped_count(xs, cap):
    n = spilled = 0
    for x in xs:
        if n < cap:
            n += 1
        else:
            spilled += x
    return n, spilled
"""


def test_a_test_named_as_the_check_then_its_outcome_after_a_comma_is_a_claim():
    trace = traced(CAPPED_COUNT, "capped_count([4, 9, 2, 9], 3)")
    # (w373-16: `the check is ...` names a test, and its outcome after a comma went unread)
    assert ungrounded_in(trace, "For the fourth, the check is `3 < 3`, False, so spilled becomes 9.") == []
    assert ungrounded_in(trace, "For the fourth, the check is `3 < 3`, True, so spilled becomes 9.") == ["3 < 3"]


def test_an_absolute_value_in_bars_is_arithmetic():
    trace = traced(CAPPED_COUNT, "capped_count([4, 9, 2, 9], 3)")
    # (w372-10, w299-7: `|105 - 117| = 11` was read as the literal 105 - 117)
    assert ungrounded_in(trace, "The gap between 4 and 9 is |4 - 9| = 5.") == []
    assert ungrounded_in(trace, "The gap between 4 and 9 is |4 - 9| = 6.") == ["abs(4 - 9) = 6"]
    # (a bitwise or is not a bar)
    assert ungrounded_in(trace, "Then 4 | 9 = 13.") == []


def test_two_values_told_after_or_before_a_swap_are_that_sides():
    trace = traced(BOUNDED_GAP, "bounded_gap(9, 2, 4)")  # lo, hi = 9, 2, then swapped to 2, 9
    # (w381-1, w384-14, w382-18: the other side's values held together too, a moment away)
    assert ungrounded_in(trace, "9 > 2 is True, so swap: lo = 2, hi = 9.") == []
    assert ungrounded_in(trace, "9 > 2 is True, so swap: lo = 9, hi = 2.") == [
        "lo = 9 (not what the branch of 9 > 2 leaves)",  # (the swap is the branch that test chose)
        "hi = 2 (not with lo = 9 on that side of the swap)",
    ]
    assert ungrounded_in(trace, "Before the swap, lo = 9 and hi = 2.", backward=True) == []
    assert ungrounded_in(trace, "Before the swap, lo = 2 and hi = 9.", backward=True) == [
        "hi = 9 (not with lo = 2 on that side of the swap)"
    ]
    # (w73-17: a label of what follows, not a swap told as done)
    assert ungrounded_in(trace, "The order that uses the swap: the call passes lo = 9 and hi = 2.", backward=True) == []


PELL_PAIR = """\
def pell_pair(steps):
    a, b = 0, 1
    for _ in range(steps):
        a, b = b, 2 * b + a
    return a
"""


def test_a_pair_that_starts_as_two_values_holds_them():
    trace = traced(PELL_PAIR, "pell_pair(3)")
    # (w382-9: `The pair a, b starts as 0 and 1` was read as b = 0)
    assert ungrounded_in(trace, "The pair a, b starts as 0 and 1.", backward=True) == []
    assert ungrounded_in(trace, "The pair a, b starts as 1 and 0.", backward=True) == ["b = 0"]
    # (w258-9: one variable's start after another's name)
    assert ungrounded_in(trace, "For each a, b starts at 12 and the loop adds to it.", backward=True) == []


TOKEN_TALLY = """\
def tally_words(tokens):
    words = digits = 0
    for tok in tokens:
        size = len(tok)
        if tok.isdigit():
            digits += 1
        else:
            words += size
    return words, digits
"""


def test_a_state_listed_after_a_passs_label_is_the_state_the_pass_left():
    trace = traced(TOKEN_TALLY, "tally_words(['ab', '7', 'cde'])")  # the 'cde' pass takes words from 2 to 5
    # (w360-9, w378-8: `j = 1: v = 5, left = 0, right = 5`, the value right came in with)
    assert ungrounded_in(trace, "tok = 'cde': size = 3, words = 5.") == []
    assert ungrounded_in(trace, "tok = 'cde': size = 3, words = 2.") == ["words = 2 (not in that pass of the loop)"]
    # (a state told before a step of the sentence is the one the step starts from)
    assert ungrounded_in(trace, "tok = 'cde': with size = 3 and words = 2, the else branch adds 3.") == []


ORDER_PAIRS = """\
def order_pairs(pairs):
    out = []
    for x, y in pairs:
        a, b = x // 10, y // 10
        if a > b:
            a, b = b, a
        out.append((a, b))
    return out
"""


def test_a_value_assigned_again_unchanged_is_what_the_pass_made_of_it():
    trace = traced(ORDER_PAIRS, "order_pairs([(8, 9), (40, 2)])")  # b is 0, set to 0 again, then swapped to 4
    # (w369-12: the trace shows no change where the line gives b the value it had)
    assert ungrounded_in(trace, "Trip `(40, 2)`: a = 4, b = 0.") == []


def test_more_verbs_set_a_variable_to_a_value():
    trace = traced(TOKEN_TALLY, "tally_words(['ab', '7', 'cde'])")
    # (w361-24, w363-17: `resets used to 3`, `lifts score to 17` went unread)
    assert ungrounded_in(trace, "The third token lifts words to 5.") == []
    assert ungrounded_in(trace, "The third token lifts words to 4.") == ["words = 4"]
    assert ungrounded_in(trace, "Then the digit bumps digits to 2.") == ["digits = 2"]


def test_a_pass_is_named_by_its_value_with_an_aside_or_by_what_it_gives():
    trace = traced(TOKEN_TALLY, "tally_words(['ab', '7', 'cde'])")
    # (w365-4: `For i = 2 ("arc"), ...`; w383-17: `'at'` gives `words = 4`)
    assert ungrounded_in(trace, "For tok = 'cde' (the last), words goes to 5.") == []
    assert ungrounded_in(trace, "For tok = 'cde' (the last), words goes to 2.") == [
        "words = 2 (not in that pass of the loop)"
    ]
    assert ungrounded_in(trace, "- 'cde' gives words = 5.") == []
    assert ungrounded_in(trace, "- 'cde' gives words = 2.") == ["words = 2 (not in that pass of the loop)"]
    # (a sentence of several passes names none)
    assert ungrounded_in(trace, "- 'cde' gives words = 5 and '7' gives digits = 1.") == []


def test_a_test_of_numbers_told_as_above_or_below_is_checked():
    trace = traced(TOKEN_TALLY, "tally_words(['ab', '7', 'cde'])")
    # (w356-3, w340-14: `3 + 6 = 9 is above 10` went unread)
    assert ungrounded_in(trace, "Then 3 + 6 = 9 is above 10.") == ["9 > 10"]
    assert ungrounded_in(trace, "Then 3 + 6 = 9 is below 10.") == []
    assert ungrounded_in(trace, "12 is not more than 10.") == ["12 <= 10"]
    # (w340-14: the number just told, then `which is ...`)
    assert ungrounded_in(trace, "Then 3 + 6 = 9, which is above 10.") == ["9 > 10"]
    assert ungrounded_in(trace, "Then 3 + 6 = 9, which is not more than 10.") == []
    # (of numbers only: `reading i is above limit` tells what the code does)
    assert ungrounded_in(trace, "The code counts a token whenever its size is above words.") == []
    assert ungrounded_in(trace, "The 3 at column 1 is above 1 and 2.") == []
    # (not a test: nothing to compare with)
    assert ungrounded_in(trace, "The loop is over.") == []


def test_a_run_of_pairs_is_held_to_the_variables_a_line_sets_together():
    trace = traced(PELL_PAIR, "pell_pair(4)")  # (a, b): (0, 1), (1, 2), (2, 5), (5, 12), (12, 29)
    # (w374-4, w370-18: a run of pairs went unread)
    assert ungrounded_in(trace, "The pair (a, b) goes (0, 1), (1, 2), (2, 5), (5, 12).") == []
    assert ungrounded_in(trace, "So (0, 1) → (1, 2) → (2, 5) → (5, 12) → (12, 29).") == []
    assert ungrounded_in(trace, "The pair (a, b) goes (0, 1), (1, 2), (2, 4), (5, 12).") == [
        "values: [(0, 1), (1, 2), (2, 4), (5, 12)]"
    ]


def test_what_ran_is_a_loop_not_a_counter_that_ends_at_the_count():
    trace = traced(TOKEN_TALLY, "tally_words(['ab', '7', 'cde'])")  # 3 passes; words ends at 5
    # (w354-17: `It ran 13 times.` where the while loop made 12 passes and i ends at 13)
    assert ungrounded_in(trace, "It ran 3 times.") == []
    assert ungrounded_in(trace, "It ran 5 times.") == ["5 times"]


def test_more_ways_to_tell_how_many_items_a_loop_handled():
    trace = traced(TOKEN_TALLY, "tally_words(['ab', '7', 'cde'])")
    # (w394-9, w390-20, w370-15: counts of a loop's items in words the reader did not know)
    assert ungrounded_in(trace, "So the loop has 3 tokens to visit.") == []
    assert ungrounded_in(trace, "So the loop has 4 tokens to visit.") == ["has 4 tokens"]
    assert ungrounded_in(trace, "The loop made 2 steps.") == ["loop made 2 steps"]
    assert ungrounded_in(trace, "The loop stops here after 2 tokens.") == ["stops here after 2 tokens"]


def test_a_name_in_backticks_with_its_value_after_an_equals_sign_is_a_claim():
    trace = traced(TOKEN_TALLY, "tally_words(['ab', '7', 'cde'])")
    # (w373-3: `moored` = 0 was taken for restated code, as the program names `moored`, and went unread)
    assert ungrounded_in(trace, "Now `words` = 5, `digits` = 1.") == []
    assert ungrounded_in(trace, "Now `words` = 5, `digits` = 2.") == ["digits = 2"]


CLAMPED_DIAL = """
class Dial:
    def __init__(self, level):
        self.level = level

    def twist(self, delta):
        self.level = max(0, min(10, self.level + delta))
        return self.level


def twist_twice(start, a, b):
    dial = Dial(start)
    dial.twist(a)
    return dial.twist(b) * 2
"""


def test_a_value_said_to_follow_from_a_worked_result_is_the_one_the_next_change_stores():
    trace = traced(CLAMPED_DIAL, "twist_twice(8, 5, -3)")
    opening = "Dial(8) sets dial.level = 8. twist(5): self.level + delta = 8 + 5 = 13. "
    assert ungrounded_in(trace, opening + "min(10, 13) = 10 and max(0, 10) = 10, so dial.level = 10.") == []
    # (w402-19: the level before the clamp, still held where the walk stands, was taken for the new one)
    assert ungrounded_in(trace, opening + "min(10, 13) = 10 and max(0, 10) = 10, so dial.level = 8.") == [
        "self.level = 8 (the next change stores 10)"
    ]
    # (w352-3: told as kept, and after a test of the result, which passes it on to the change)
    for kept in ("so dial.level stays 8.", "is not more than 10, so dial.level stays at 8."):
        assert ungrounded_in(trace, opening + "min(10, 13) = 10 and max(0, 10) = 10 " + kept) == [
            "self.level = 8 (the next change stores 10)"
        ]


ODD_AND_REST = """
def odd_and_rest(nums):
    total = 0
    odd = 0
    for x in nums:
        total += x
        if x & 1:
            odd += 1
    return total, odd
"""


def test_a_value_told_of_a_name_of_the_returned_tuple_is_the_item_in_its_place():
    trace = traced(ODD_AND_REST, "odd_and_rest([3, 4])")  # total goes 3, 7; odd 1; returns (7, 1)
    assert ungrounded_in(trace, "The output is (7, 1), so at the return total = 7 and odd = 1.", backward=True) == []
    # (w404-2: a value the name held before, told as the item it returned)
    assert ungrounded_in(trace, "The output is (7, 1), so at the return total = 3.", backward=True) == [
        "total = 3 (not the item of the returned tuple it makes)"
    ]
    # (working back to an earlier state)
    assert ungrounded_in(trace, "From (7, 1): the old total was 3 before 4 was added.", backward=True) == []


FIRST_EVEN_SQUARED = """
def first_even_squared(nums):
    for n in nums:
        if n % 2 == 0:
            return n * n
    return -1
"""


def test_a_condition_told_without_its_test_is_the_test_the_program_makes_next():
    trace = traced(FIRST_EVEN_SQUARED, "first_even_squared([3, 7, 4])")
    opening = "The loop starts with n = 3, and 3 % 2 == 0 is False. Next, n = 7. "
    assert ungrounded_in(trace, opening + "7 % 2 is 1, so the condition is False.") == []
    # (w374-12: the outcome of the test of 7 was told without the test, and went unread)
    assert ungrounded_in(trace, opening + "7 % 2 is 1, so the condition is True.") == [
        "the condition is True (not with n = 7)"
    ]
    assert ungrounded_in(trace, opening + "7 % 2 is 1, so the check fails and the else branch runs.") == []
    assert ungrounded_in(trace, opening + "7 % 2 is 1, so the if branch runs.") == [
        "the condition is True (not with n = 7)"
    ]
    # (w370-12: `half of the condition` is not the condition)
    assert ungrounded_in(trace, opening + "Neither half of the condition holds for 7.") == []
    # (w302-9: a sentence opening on a value of its own is not of the state the one before told)
    assert ungrounded_in(trace, opening + "For 4, the condition is true.") == []
    # (a rule over several values is not one test's outcome)
    assert ungrounded_in(trace, opening + "The condition is true for 4 only.") == []
    # (a backward narration may tell of any test made around where its walk stands: one never so is wrong)
    none_even = traced(FIRST_EVEN_SQUARED, "first_even_squared([3, 7])")
    assert ungrounded_in(none_even, "The output is -1, so the check failed for both numbers.", backward=True) == []
    assert ungrounded_in(none_even, "The output is -1, so the check passed.", backward=True) == [
        "the condition is True"
    ]


ODD_EVEN_JARS = """
class Jars:
    def __init__(self):
        self.jars = {"even": 0, "odd": 0}

    def deposit(self, v):
        key = "even" if v % 2 == 0 else "odd"
        self.jars[key] += v


def fill_jars(values):
    j = Jars()
    for v in values:
        j.deposit(v)
    return j.jars
"""


def test_a_collection_given_as_the_outcome_of_a_change_is_the_state_that_change_makes():
    trace = traced(ODD_EVEN_JARS, "fill_jars([12, 3, 7])")
    opening = "12 goes to the even jar and 3 to the odd one, so self.jars = {'even': 12, 'odd': 3}. "
    assert ungrounded_in(trace, opening + "Then 7 is odd: 3 + 7 = 10, giving {'even': 12, 'odd': 10}.") == []
    # (w380-15: the jars before the 7 went in, which the run held a moment earlier, were taken for after)
    assert ungrounded_in(trace, opening + "Then 7 is odd: 3 + 7 = 10, giving {'even': 12, 'odd': 3}.") == [
        "{'even': 12, 'odd': 3} (what self.jars held before the change the sentence tells)"
    ]


FLAG_BITS = """
def flag_bits(flags):
    word = 0
    for pos, on in enumerate(flags):
        if on:
            word |= 1 << pos
    return word
"""


def test_a_restated_update_makes_the_value_of_its_next_run():
    trace = traced(FLAG_BITS, "flag_bits([1, 0, 1, 1])")
    opening = "pos = 0: word |= 1 gives 1. pos = 2: `word |= 4` makes `word = 5`. "
    assert ungrounded_in(trace, opening + "pos = 3: `1 << 3` is 8, and `word |= 8` makes `word = 13`.") == []
    # (w302-11: the word before the update, which the run held a moment earlier, was taken for after)
    assert ungrounded_in(trace, opening + "pos = 3: `1 << 3` is 8, and `word |= 8` makes `word = 5`.") == [
        "word = 5 (`word |= 8` makes 13 next)"
    ]


def test_one_time_counts_a_loops_passes_like_times():
    once = traced(FIRST_EVEN_SQUARED, "first_even_squared([4, 3])")
    assert ungrounded_in(once, "The loop ran 1 time.") == []
    # (w405-24: `only ran one time` was read as a bare number, which the run holds somewhere)
    twice = traced(FIRST_EVEN_SQUARED, "first_even_squared([3, 4])")
    assert ungrounded_in(twice, "The loop only ran one time.") == ["1 time"]
    assert ungrounded_in(twice, "The loop ran 2 times.") == []


SIDES_LABEL = """
def sides_label(a, b, c):
    a, b, c = sorted([a, b, c])
    if a + b <= c:
        return "none"
    return "right" if a * a + b * b == c * c else "plain"
"""


def test_a_conditional_expressions_test_is_a_test_the_program_makes():
    trace = traced(SIDES_LABEL, "sides_label(13, 5, 12)")
    # (w357-14: `return "right" if ... else "plain"` tests too; its test was not among those a told outcome could be)
    assert ungrounded_in(trace, "The output is 'right', so the test is True.", backward=True) == []
    plain = traced(SIDES_LABEL, "sides_label(2, 3, 4)")
    assert ungrounded_in(plain, "The output is 'plain', so the test is True.", backward=True) == [
        "the condition is True"
    ]


GAUGE = """
class Gauge:
    def __init__(self):
        self.last = None
        self.jumps = 0

    def read(self, v):
        if self.last is not None and v - self.last > 2:
            self.jumps += 1
        self.last = v
        return self.jumps


def jumps(values):
    g = Gauge()
    out = 0
    for v in values:
        out = g.read(v)
    return out
"""


def test_a_callers_old_value_told_beside_what_the_call_it_waits_on_set_is_no_state_between_steps():
    trace = traced(GAUGE, "jumps([1, 5, 6])")  # last 1, 5, 6; out 0, 1, 1 (set when read returns)
    # while `out = g.read(v)` waits on read, out still shows 0: not a state a step left
    assert ungrounded_in(trace, "The second reading: last is now 5 and out is 0.") == [
        "out = 0 (never together with self.last = 5)"
    ]
    assert ungrounded_in(trace, "The second reading: last is now 5 and out is 1.") == []
    # (`last` is the variable here, not a word for another moment that splits the values apart)
    assert ungrounded_in(trace, "After the first reading, last is 1 and out is 0.") == []


HALVING_STEPS = """
def halvings(n):
    steps = 0
    while n:
        n //= 2
        steps += 1
    return steps
"""


def test_a_loop_test_restated_with_its_outcome_is_judged_with_the_value_the_sentence_took_its_variable_to():
    trace = traced(HALVING_STEPS, "halvings(4)")  # n: 4, 2, 1, 0
    # `took n from 1 to 0`: with n = 0 the test `while n:` cannot hold, whatever it did on other passes
    assert ungrounded_in(
        trace, "Last, `n //= 2` took `n` from 1 to 0; then `while n:` still held for one more check.", backward=True
    ) == ["n is True"]
    assert (
        ungrounded_in(
            trace, "Last, `n //= 2` took `n` from 1 to 0; then `while n:` failed for the first time.", backward=True
        )
        == []
    )


CLAMPED_TOTAL = """
def clamp_total(xs, cap):
    seen = set()
    level = 0
    for x in xs:
        seen.add(x)
        level = min(level + x, cap)
    return level, len(seen)
"""


def test_changes_told_with_takes_to_clamped_to_and_an_empty_set_are_values_of_the_variable():
    facts = trace_facts(traced(CLAMPED_TOTAL, "clamp_total([4, 9], 10)"))  # level 0, 4, 10; seen set(), {4}, {9, 4}
    assert verdicts(facts, "seen starts as an empty set.") == [("value", True)]
    assert verdicts(facts, "seen starts as an empty tuple.") == [("value", False)]
    assert verdicts(facts, "Adding 4 takes the level to 4.") == [("value", True), ("literal", True)]
    assert ("value", False) in verdicts(facts, "Adding 4 takes the level to 5.")
    assert ("value", True) in verdicts(facts, "Then 4 + 9 = 13, so level is clamped to 10.")
    assert ("value", False) in verdicts(facts, "Then 4 + 9 = 13, so level is clamped to 9.")


PADDED = """
def pad(word, n):
    out = word
    while len(out) < n:
        out += "_"
    return out
"""

SHIFTS = """
def shifts(d):
    flips = 0
    while d:
        d >>= 1
        flips += 1
    return flips
"""


def test_forms_of_round_72_that_are_no_claims_of_the_kind_they_were_read_as():
    padded = traced(PADDED, "pad('ab', 4)")  # out: 'ab', 'ab_', 'ab__'; the loop runs twice
    # (underscores inside a quoted string are its text, not markdown)
    assert ungrounded_in(padded, "The output 'ab__' has length 4.") == []
    # `7 passes, 0 fails`: values each told with its outcome, not 7 passes of a loop
    assert ungrounded_in(padded, "Filter: `2 >= 1` is true, `7` passes, `0` fails.") == []
    # what a return is joined with is part of what it returns
    assert ungrounded_in(padded, "Finally it returns 'ab' joined with '__', which gives 'ab__'.") == []
    shifted = traced(SHIFTS, "shifts(2)")  # d: 2, 1, 0; flips: 0, 1, 2
    # a count of steps between two values moves time on, as `then` does
    assert ungrounded_in(shifted, "Start: d = 2, 2 shifts, flips = 2.") == []
    assert ungrounded_in(shifted, "Start: d = 2, flips = 2.") == ["flips = 2 (never together with d = 2)"]
    # `try` puts forward an input: not a state together with the output worked back from
    assert ungrounded_in(shifted, "Working back from flips = 2, try d = 2.", backward=True) == []


def test_a_test_of_literals_joined_by_or_is_judged_whole_with_the_outcome_told_after_it():
    shifted = traced(SHIFTS, "shifts(2)")
    assert ungrounded_in(shifted, "The guard is then 2 <= 0 or 2 > 6, which is False.") == []
    assert ungrounded_in(shifted, "The guard is then 2 <= 0 or 2 > 6, which is True.") == ["2 <= 0 or 2 > 6 is True"]
    assert ungrounded_in(shifted, "Both hold: 1 < 2 and 3 == 3 is True.") == []


FIRST_ECHO = """
def first_echo(items):
    met = []
    for x in items:
        if x in met:
            return x
        met.append(x)
    return None
"""


def test_the_codes_test_written_with_the_value_just_told_is_judged_at_the_next_test_with_that_value():
    trace = traced(FIRST_ECHO, "first_echo([3, 8, 1, 8])")  # `x in met` is False for 3, 8, 1, True for the 2nd 8
    told = "First x = 3, so met = [3]. Now x = 8, and `8 in met` is {}."
    # (8 is in met later, after it was added: not when the program tested the first 8)
    assert ungrounded_in(trace, told.format("true")) == ["8 in met"]
    assert ungrounded_in(trace, told.format("false")) == []


INVERTED = """
def invert(d):
    inv = {}
    for k, v in d.items():
        if v not in inv:
            inv[v] = k
    return inv
"""


def test_the_codes_test_written_with_told_values_holds_them_all_in_a_backward_narration():
    trace = traced(INVERTED, "invert({'a': 1, 'b': 2, 'c': 1})")  # `v not in inv`: True for 'a' and 'b', False for 'c'
    told = "A third pair k = 'c', v = 1 fits too: `1 not in inv` is {} there, so it is skipped."
    # (with v = 1 alone, the first pair's test would do; k = 'c' names the third)
    assert ungrounded_in(trace, told.format("True"), backward=True) == ["1 not in inv"]
    assert ungrounded_in(trace, told.format("False"), backward=True) == []


LENGTH_TALLY = """
def length_tally(words):
    tally = {}
    for w in words:
        size = len(w)
        tally[size] = tally.get(size, 0) + 1
    return tally
"""


SPACED_MARKS = """
def spaced_marks(n, gap):
    marks = []
    pos = 0
    while pos < n:
        marks.append(pos)
        pos += gap
    return marks
"""


def test_one_keys_count_in_a_mapping_is_a_run_of_its_own_not_a_slip_in_a_computed_run():
    # tally[3] goes 1..5 and tally[1] 1..4; `tally.get(size, 0) + 1` computes 1, 1, 1, 2, 3, 2, 3, 4, 5, 4
    trace = traced(LENGTH_TALLY, "length_tally(['ab', 'cde', 'f', 'ghi', 'jkl', 'm', 'n', 'opq', 'rst', 'u'])")
    assert ungrounded_in(trace, "The count for length 3 goes 1, 2, 3, 4, 5.") == []  # (w425-13 of round 73)
    assert ungrounded_in(trace, "The count for length 3 goes 1, 2, 3, 4, 6.") == ["values: [1, 2, 3, 4, 6]"]
    # `has grown to` tells the size it reached, as `grew to` does (w423-10)
    marks = traced(SPACED_MARKS, "spaced_marks(10, 3)")  # marks ends as [0, 3, 6, 9]
    assert ungrounded_in(marks, "By the end `marks` has grown to 4 entries.") == []
    assert ungrounded_in(marks, "By the end `marks` has grown to 5 entries.") == ["len(marks) = 5"]


DIGIT_CLIMB = """
def digit_climb(code):
    level = 0
    pos = 0
    while pos < len(code):
        level += int(code[pos])
        pos += 2
    return level
"""

CREST = """
class Crest:
    def __init__(self):
        self.top = 0

    def see(self, x):
        if x > self.top:
            self.top = x


def crest_of(xs):
    c = Crest()
    i = 0
    while i < len(xs):
        c.see(xs[i])
        i += 1
    return c.top
"""


def test_values_a_variable_moves_to_in_turn_may_not_skip_one_and_a_repeat_is_read_against_its_changes():
    trace = traced(DIGIT_CLIMB, "digit_climb('5x3y1z3w3v1u1')")  # level goes 5, 8, 9, 12, 15, 16, 17
    assert ungrounded_in(trace, "`level` moves to 12, 15, 16.") == []
    assert ungrounded_in(trace, "`level` becomes 8, 9, 12.") == []
    # (17 comes later: the values it moved to in turn skip the 16)
    assert ungrounded_in(trace, "`level` moves to 12, 15, 17.") == [
        "level: [12, 15, 17] (one off a stretch of its values)"
    ]
    # an attribute is shown again, unchanged, each time a method reads it: its changes decide a repeat
    crest = traced(CREST, "crest_of([3, 5, 4, 8, 9, 2, 10, 11])")  # self.top goes 0, 3, 5, 8, 9, 10, 11
    assert ungrounded_in(crest, "Later `self.top` takes the values 8, 9, 10, 11.") == []
    assert ungrounded_in(crest, "Later `self.top` takes the values 8, 9, 9, 11.") == [
        "values: [8, 9, 9, 11] (a value repeated where the run changed it)"
    ]  # (w413-16)


def test_a_moment_named_before_a_variable_and_a_supposition_after_even_though_leave_the_claims_to_be_checked():
    trace = traced(DIGIT_CLIMB, "digit_climb('5x3y1z3w3v1u1')")  # the while loop runs 7 times, pos ends at 14
    # `before the loop low was 16` (w414-14): the moment, then the name (not a noun phrase `the loop low`)
    assert ungrounded_in(trace, "Before the loop level was 0.") == []
    assert ungrounded_in(trace, "Before the loop level was 3.") == ["level = 3"]
    # only what follows `even though` is supposed (w425-11): the count before it is of this run
    told = "The loop body ran {} times, and pos ends at 14 even though a shorter code would have stopped it sooner."
    assert ungrounded_in(trace, told.format(7)) == []
    assert ungrounded_in(trace, told.format(6)) == ["6 times"]


FIRST_LETTERS = """
def first_letters(words):
    keys = []
    for w in words:
        if w[0].isalpha():
            keys.append(w[0])
    return keys
"""

RESIDUE_WALK = """
def residue_walk(n):
    total = 0
    for i in range(1, n + 1):
        total += i % 3
    return total
"""

ORDERED_SPAN = """
def ordered_span(a, b):
    if a > b:
        a, b = b, a
    return b - a
"""

FIRST_SEEN = """
def first_seen(word):
    pos = {}
    for i, ch in enumerate(word):
        if ch not in pos:
            pos[ch] = i
    return pos
"""


def test_readings_from_round_74s_rejected_faithful_narrations():
    climb = traced(DIGIT_CLIMB, "digit_climb('5x3y1z3w3v1u1')")  # level goes 5, 8, 9, 12, ...
    # several steps told (`two of them ... back to back`) may take a value over more than one step (w429-14)
    assert ungrounded_in(climb, "Two of them came back to back, taking `level` from 5 to 9.") == []
    assert ungrounded_in(climb, "One digit then took `level` from 5 to 9.") == ["level: [5, 9] (not one step of it)"]
    # `count after each value of i goes ...`: the values are count's, not i's (w432-4)
    walk = traced(RESIDUE_WALK, "residue_walk(6)")  # total goes 1, 3, 3, 4, 6, 6 pass by pass
    assert ungrounded_in(walk, "`total` after each value of `i` goes 1, 3, 3, 4, 6, 6.") == []
    assert ungrounded_in(walk, "`total` after each value of `i` goes 1, 3, 3, 4, 6, 7.") == [
        "total: [1, 3, 3, 4, 6, 7]"
    ]
    # `that append ran 2 times`: how often the append line ran, not the loop (w429-24)
    letters = traced(FIRST_LETTERS, "first_letters(['ox', '9a', 'elk'])")  # 3 passes, 2 appends
    assert ungrounded_in(letters, "Two initials came out, so that append ran 2 times.") == []
    assert ungrounded_in(letters, "Two initials came out, so that append ran 5 times.") == ["5 times"]
    # a swap's label, then the side its values are of (w431-7)
    span = traced(ORDERED_SPAN, "ordered_span(17, 4)")
    told = "Swap: before it, `a = {}` and `b = {}`; `17 > 4` is true, so `a, b = b, a` exchanged them."
    assert ungrounded_in(span, told.format(17, 4)) == []
    assert ungrounded_in(span, told.format(4, 17)) == ["b = 17 (not with a = 4 on that side of the swap)"]
    # `'a' (97)`: a character and its code, not an entry of a dict keyed by characters (w431-12)
    seen = traced(FIRST_SEEN, "first_seen('abca')")  # pos ends {'a': 0, 'b': 1, 'c': 2}
    assert ungrounded_in(seen, "'#' has code 35, which is smaller than 'a' (97).") == []
    assert ungrounded_in(seen, "Then 'b' (2) is stored.") == ["pos['b'] = 2"]
    # how many times something happened, kept in a dict's entry (w433-21)
    tally = traced(LENGTH_TALLY, "length_tally(['ab', 'cde', 'f', 'ghi', 'jkl', 'm', 'n', 'opq', 'rst', 'u'])")
    assert ungrounded_in(tally, "So length 3 was seen 5 times.") == []
    assert ungrounded_in(tally, "So length 3 was seen 6 times.") == ["6 times"]


REMAINDER_TOGGLES = """
def remainder_toggles(nums):
    mask = 0
    for n in nums:
        r = n % 4
        mask ^= 1 << r
    return mask
"""
LENGTH_BUCKETS = """
def length_buckets(words):
    buckets = {}
    for w in words:
        key = len(w) % 3
        buckets[key] = buckets.get(key, 0) + 1
    return buckets
"""
SHARE_OF = """
def share_of(part, whole):
    if whole == 0:
        return 0
    return part * 100 // whole
"""
CLIP_COUNT = """
def clip_count(vals, lo, hi):
    if lo > hi:
        return None
    return sum(1 for v in vals if v < lo or v > hi)
"""
SPLIT_TAG = """
def split_tag(tag):
    head, sep, tail = tag.partition(":")
    return (head + sep + tail).upper()
"""


# (program, call, a sentence of a faithful narration, the same with a slip, what the slip leaves ungrounded)
ROUND_75_READINGS = [
    # how often one value occurs in the list the sentence gives (w434-12)
    (REMAINDER_TOGGLES, "remainder_toggles([5, 6, 9, 2, 3, 13])",  # r goes 1, 2, 1, 2, 3, 1
     "The remainders r are 1, 2, 1, 2, 3, 1, so bit 1 is toggled three times.",
     "The remainders r are 1, 2, 1, 2, 3, 1, so bit 1 is toggled four times.", ["4 times (1 is listed 3 times)"]),
    # one value for each time, listed after the count (w439-11)
    (ODD_PARTS, "odd_part(1552)",  # n goes 776, 388, 194, 97
     "Halving three times gives 776, 388, 194, and once more gives 97.",
     "Halving two times gives 776, 388, 194, and once more gives 97.", ["2 times (listed after: 3)"]),
    # `there is no key 2`: a thing the run never makes, not a value of the variable `key` (w437-5)
    (LENGTH_BUCKETS, "length_buckets(['fig', 'plum', 'kiwi'])",
     "There is no key 2, so no word has a length leaving remainder 2.", "For 'plum' key is 2.", ["key = 2"]),
    # a plan's step names the test to be made, not its outcome (w437-13)
    (CLIP_COUNT, "clip_count([2, 11, 7], 3, 9)",
     "Check the guard `lo > hi`.", "The guard `lo > hi` holds.", ["lo > hi"]),
    # what the code returns in a case the run did not take (w439-13)
    (SHARE_OF, "share_of(3, 12)",
     "It returns `0` straight away when `whole` is `0`.", "It returns `0`.", ["returns 0"]),
    # a method applied to the value just told (w439-19)
    (SPLIT_TAG, "split_tag('ax:45')",
     "Joining them gives `'AX:45'`, and `partition(\":\")` on it returns `('AX', ':', '45')`.",
     "Joining them gives `'AX:45'`, and `partition(\":\")` on it returns `('45', ':', 'AX')`.",
     ["'AX:45'.partition(':') returns ('45', ':', 'AX')"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("code", "call", "faithful", "slipped", "ungrounded"),
    ROUND_75_READINGS,
    ids=["one-value-tallied", "values-listed-after", "no-key", "plan-names-a-test", "case-return", "method-on-it"],
)
def test_readings_from_round_75s_rejected_faithful_narrations(code, call, faithful, slipped, ungrounded):
    trace = traced(code, call)
    assert ungrounded_in(trace, faithful) == []
    assert ungrounded_in(trace, slipped) == ungrounded


def test_values_a_variable_may_have_had_are_no_run_of_its_values():
    clock = traced("def hour_of(minutes):\n    hours = minutes // 60\n    return hours % 24\n", "hour_of(150)")
    told = "So hours must have been 2, 26, 50{} that leaves 2 when divided by 24."  # (w439-23, backward)
    assert ungrounded_in(clock, told.format(" or some other number"), backward=True) == []
    assert ungrounded_in(clock, told.format(", a number"), backward=True) == ["hours: [2, 26, 50]"]


DIGIT_SHIFT = """
def digit_shift(s):
    out = ''
    for ch in s:
        if ch.isdigit():
            out += str((int(ch) + 3) % 10)
        else:
            out += ch
    return out
"""


def test_a_steps_result_told_with_so_is_not_the_value_told_before_the_step():
    shift = traced(DIGIT_SHIFT, "digit_shift('A1')")  # out goes '', 'A', 'A4'
    opening = "out starts as ''. 'A' is no digit, so out = 'A'. Then ch = '1'. "
    assert ungrounded_in(shift, opening + "(1 + 3) % 10 = 4, so out = 'A4'.") == []
    # (w438-15: the value the last step left, still held where the walk stands, taken for the new one)
    assert ungrounded_in(shift, opening + "(1 + 3) % 10 = 4, so out = 'A'.") == [
        "out = 'A' (the value before the step, not its result)"
    ]
    # a value worked out from the code restated before is the step's result, though the walk stands there
    mask = traced("def low_mask(width):\n    mask = (1 << width) - 1\n    mask *= 2\n    return mask\n", "low_mask(3)")
    assert ungrounded_in(mask, "mask = (1 << 3) - 1. 8 - 1 = 7, so mask is 7.") == []


def test_a_chain_of_a_variables_values_at_a_loops_header_pass_after_pass():
    # (w441-22: the inner loop moves n through 3, 0, 1, 0 between the outer loop's passes)
    root = traced(
        "def digital_root(n):\n    while n >= 10:\n        s = 0\n        while n:\n            s += n % 10\n"
        "            n //= 10\n        n = s\n    return n\n",
        "digital_root(38)",
    )
    assert ungrounded_in(root, "The reductions go 38 -> 11 -> 2.") == []
    assert ungrounded_in(root, "The reductions go 38 -> 3 -> 2.") == [
        "values: [38, 3, 2] (not one after another anywhere)"
    ]


PACK_LOADS = """
def pack_loads(weights, cap):
    loads, load = [], 0
    for w in weights:
        if load + w > cap:
            loads.append(load)
            load = 0
        load += w
    return loads, load
"""


BRANCH_LEAVES = [
    # (w440-12: the value before the branch ran)
    ("def spend(level, cost):\n    level = min(5, level + 2)\n    if cost <= level:\n        level -= cost\n"
     "    return level\n", "spend(2, 1)",
     "min(5, 2 + 2) = 4, and `1 <= 4` is True, so the level becomes {}.", "3", "4",
     ["level = 4 (not what the branch of 1 <= 4 leaves)"]),
    # what the rest of the pass makes of it counts too (w47-15), not a value before the test
    (PACK_LOADS, "pack_loads([7, 3], 8)",
     "The weight 3 would make 10, which is over 8, so loads grows to [7] and load = {}.", "3", "7",
     ["load = 7 (not what the branch of 10 > 8 leaves)"]),
    # a test that chose an empty branch (no `else`): what the rest of the pass does (w398-3)
    ("def fill_all(adds, cap):\n    level = 0\n    for a in adds:\n        if level + a > cap:\n"
     "            continue\n        level += a\n    return level\n", "fill_all([2, 3, 9, 1], 8)",
     "level = 2. Then `2 + 3 > 8` is False, so level = {}.", "5", "6",
     ["level = 6 (not what the branch of 2 + 3 > 8 leaves)"]),
    # a method's test, with the value its object held (w438-3)
    ("def caps_of(words):\n    caps = []\n    for word in words:\n        if word[0].isupper():\n"
     "            caps.append(word[:2])\n    return caps\n", "caps_of(['Oak', 'Tall'])",
     "caps = ['Oa']. Next `'T'.isupper()` is True, so caps = {}.", "['Oa', 'Ta']", "['Oa']",
     ["caps = ['Oa'] (not what the branch of 'T'.isupper() is True leaves)"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("code", "call", "told", "right", "wrong", "ungrounded"),
    BRANCH_LEAVES,
    ids=["value-before", "rest-of-pass", "empty-branch", "method-test"],
)
def test_a_value_a_test_led_to_is_one_the_branch_it_chose_leaves(code, call, told, right, wrong, ungrounded):
    trace = traced(code, call)
    assert ungrounded_in(trace, told.format(right)) == []
    assert ungrounded_in(trace, told.format(wrong)) == ungrounded


def test_a_run_a_variable_went_through_with_one_value_left_out():
    count = traced(
        "def count_up(n):\n    best = 0\n    for _ in range(n):\n        best += 1\n    return best\n", "count_up(5)"
    )
    assert ungrounded_in(count, "So best goes 1, 2, 3, 4, 5.") == []
    # (w443-20, w442-22: `goes` and `climbs` with no `to` tell each next value too)
    assert ungrounded_in(count, "So best goes 1, 2, 4, 5.") == [
        "best: [1, 2, 4, 5] (one value left out of a stretch of its values)"
    ]
    assert ungrounded_in(count, "So best climbs 0, 1, 3, 4.") == [
        "best: [0, 1, 3, 4] (one value left out of a stretch of its values)"
    ]


def test_a_test_asked_then_answered_by_the_next_sentence_is_claimed():
    flips = traced(
        "def parity_flips(nums):\n    flips, prev = 0, nums[0] % 2\n    for n in nums[1:]:\n        cur = n % 2\n"
        "        if cur != prev:\n            flips += 1\n        prev = cur\n    return flips\n",
        "parity_flips([3, 8, 6])",
    )
    opening = "prev = 1. For n = 8, cur = 0. Is `0 != 1`? Yes, so flips = 1. For n = 6, cur = 0. Is `0 != 0`? "
    assert ungrounded_in(flips, opening + "No, so flips stays 1 and prev = 0.") == []
    # (w407-1: the question's answer is the claim, and a wrong one a branch not taken)
    assert ungrounded_in(flips, opening + "Yes, and prev = 0.") == ["0 != 0"]


def test_how_often_a_statement_named_by_its_method_ran():
    keep = traced(
        "def keep_parts(text):\n    out = []\n    for part in text.split(','):\n        if part:\n"
        "            out.append(part)\n    return out\n",
        "keep_parts('a,,b,c')",
    )
    told = "The loop runs its body 4 times, and the append happens {} times."
    assert ungrounded_in(keep, told.format(3)) == []
    # (w444-6: the loop's count stood for the statement's)
    assert ungrounded_in(keep, told.format(4)) == ["the append happens 4 times"]


def test_a_loop_said_to_go_over_a_number_of_things_made_as_many_passes():
    gaps = traced(
        "def gaps(xs):\n    out = []\n    for a, b in zip(xs, xs[1:]):\n        out.append(b - a)\n    return out\n",
        "gaps([1, 4, 6, 9])",
    )
    assert ungrounded_in(gaps, "The loop walks the 3 adjacent pairs.") == []
    # (w440-22, w444-10: no noun names the loop, and no loop made 4 passes)
    assert ungrounded_in(gaps, "The loop walks the 4 adjacent pairs.") == [
        "The loop walks the 4 adjacent pairs (no loop made as many passes)"
    ]
    assert ungrounded_in(gaps, "The loop ran 3 times and adds 3 values.") == []


def test_things_a_loop_took_whatever_the_noun():
    tally = traced(
        "def tally(text):\n    counts = {}\n    for raw in text.split(','):\n        word = raw.strip()\n"
        "        counts[word] = counts.get(word, 0) + 1\n    return counts\n",
        "tally('oak, elm,oak, ash')",
    )
    assert ungrounded_in(tally, "After the four pieces the loop ends.") == []
    # (w450-3: `pieces` names no loop, and no loop made 5 passes)
    assert ungrounded_in(tally, "After the five pieces the loop ends.") == [
        "After the 5 pieces the loop ends (no loop made as many passes)"
    ]
    dial = traced(
        "class Dial:\n    def __init__(self, level):\n        self.level = level\n\n    def nudge(self, d):\n"
        "        self.level = max(0, min(10, self.level + d))\n        return self.level\n\n\n"
        "def moves(start, steps):\n    dial = Dial(start)\n    return [dial.nudge(d) for d in steps]\n",
        "moves(7, [2, 3, -4, -9, 1])",
    )
    assert ungrounded_in(dial, "The comprehension calls nudge once for each of the five steps.") == []
    # (w451-15: a comprehension is no loop of the code, but nudge ran 5 times)
    assert ungrounded_in(dial, "The comprehension calls nudge once for each of the four steps.") == [
        "once for each of the 4 steps (no loop made as many passes)"
    ]
    inner = traced(
        "def inner_best(grid):\n    best = 0\n    for r in range(1, 3):\n        for c in range(1, 3):\n"
        "            best = max(best, grid[r][c])\n    return best\n",
        "inner_best([[1, 2, 3], [4, 5, 6], [7, 8, 9]])",
    )
    assert ungrounded_in(inner, "Rows 1 and 2 with columns 1 and 2, so 4 cells are compared.") == []
    # (w447-6: eight cells for nine)
    assert ungrounded_in(inner, "Rows 1 and 2 with columns 1 and 2, so 5 cells are compared.") == [
        "so 5 cells are compared (no loop made as many passes)"
    ]


def test_a_loop_stopped_on_its_nth_item():
    first = traced(
        "def first_long(words):\n    for i, w in enumerate(words):\n        if len(w) > 3:\n            return i\n"
        "    return -1\n",
        "first_long(['a', 'bb', 'cccc', 'dd'])",
    )
    assert ungrounded_in(first, "The loop stopped on its 3rd item.") == []
    # (w449-18: `item` names whatever the loop walks)
    assert ungrounded_in(first, "The loop stopped on its 4th item.") == ["on its 4th item"]


def test_a_test_of_literals_said_to_pass_or_fail():
    positives = traced(
        "def positives(xs):\n    out = []\n    for x in xs:\n        if x > 0:\n            out.append(x)\n"
        "    return out\n",
        "positives([4, -2, 9])",
    )
    assert ungrounded_in(positives, "The -2 fails the test -2 > 0, so it never reaches the list.") == []
    assert ungrounded_in(positives, "The -2 does not pass the test -2 > 0.") == []
    assert ungrounded_in(positives, "For x = -2, x > 0 failed (-2 > 0), and out stays [4].") == []
    # (w446-21: after `test`, with no truth word, the comparison was taken for a question)
    assert ungrounded_in(positives, "The -2 passes the test -2 > 0, but it never reaches the list.") == [
        "-2 > 0 is True"
    ]
    # (w449-14: the outcome before the comparison in brackets)
    assert "4 > 0 is False" in ungrounded_in(positives, "For x = 4, x > 0 failed (4 > 0), and out stays [4].")


def test_a_sign_told_after_a_comma_and_but():
    shifts = traced(
        "def flashes(n):\n    count = 0\n    while n:\n        if n & 8:\n            count += 1\n"
        "        n >>= 1\n    return count\n",
        "flashes(12)",
    )
    assert ungrounded_in(shifts, "`6` has bit 3 clear, but `12 & 8` is nonzero.") == []
    # (w450-7: `but` after a comma joins two clauses; it is not `every value but 3`)
    assert ungrounded_in(shifts, "`6` has bit 3 clear, but `3 & 8` is nonzero.") == ["3 & 8 is nonzero"]


def test_a_test_of_the_code_told_true_for_one_value():
    sprouts = traced('def sprouts(row):\n    return sum(1 for c in row if c == "s")\n', 'sprouts("s.s")')
    assert ungrounded_in(sprouts, 'A row `"s.s"` gives 2: `c == "s"` is False for the `"."`.') == []
    # (w450-12)
    assert ungrounded_in(sprouts, 'A row `"s.s"` gives 2: `c == "s"` is True only for the `"."`.') == [
        "'.' == 's' is True"
    ]
    keep = traced("def keep(stock):\n    return {k: v for k, v in stock.items() if v}\n", "keep({'oil': 0, 'rice': 2})")
    # (the key whose count `v` is, not a value of `v`)
    assert ungrounded_in(keep, "The filter `if v` is False for `'oil'` because its count is 0.") == []


def test_a_value_told_as_already_held_or_reached():
    split = traced(
        "def split(s):\n    letters = ''\n    for ch in s:\n        if ch.isalpha():\n            letters += ch.upper()\n"
        "    return letters\n",
        "split('ab3c')",
    )
    assert ungrounded_in(split, "Before the 3 arrives, letters is already 'AB'.") == []
    # (w448-5: `is already` told no value)
    assert ungrounded_in(split, "Before the 3 arrives, letters is already 'BA'.") == ["letters = 'BA'"]
    mix = traced(
        "def mix(a, b):\n    out = 0\n    bit = 1\n    while a or b:\n        if (a & 1) ^ (b & 1):\n"
        "            out |= bit\n        a >>= 1\n        b >>= 1\n        bit <<= 1\n    return out\n",
        "mix(2, 1)",
    )
    # (the start and the end of the run: two moments, not one state)
    assert (
        ungrounded_in(mix, "The starting values are `a = 2` and `b = 1`, and at the end `bit` has reached four.") == []
    )
    # (w449-4)
    assert ungrounded_in(
        mix, "The starting values are `a = 2` and `b = 1`, and at the end `bit` has reached eight."
    ) == ["bit = 8"]


def test_the_letters_or_digits_of_a_value_the_run_held():
    label = traced(
        "def label(code):\n    letters = sum(c.isalpha() for c in code)\n    digits = sum(c.isdigit() for c in code)\n"
        "    return letters * 2 + digits\n",
        "label('ab-3c')",
    )
    # (w128-1: `'ab-3c'` has five characters, three of them letters)
    assert ungrounded_in(label, "The three letters give `3 * 2 = 6` and the digit adds 1.") == []
    assert ungrounded_in(label, "The four letters give `4 * 2 = 8` and the digit adds 1.") == ["The 4 letters"]
    pair = traced("def pair(a, b):\n    return a * 10 + b\n", "pair(4, 7)")
    # (w447-12: the two digits of 47)
    assert ungrounded_in(pair, "`a * 10 + b` is just the two digits.") == []


def test_a_test_of_literals_told_by_what_it_did():
    halve = traced(
        "def halve(n):\n    steps = 0\n    while n > 0:\n        n //= 10\n        steps += 1\n    return steps\n",
        "halve(47)",
    )
    # (w228-16: a `while` test that ends the loop is false)
    assert ungrounded_in(halve, "`n //= 10` made `n = 0`, and `0 > 0` ended the loop.") == []
    assert ungrounded_in(halve, "`n //= 10` made `n = 0`, and `0 > 0` is True.") == ["0 > 0"]


def test_a_branch_told_skipped():
    code = "def tail(word):\n    out = word[:-1]\n    if len(word) % 2:\n        out += word[-1]\n    return out\n"
    even, odd = traced(code, "tail('abcd')"), traced(code, "tail('abcde')")
    assert ungrounded_in(even, "Since 4 % 2 is 0, the if branch is skipped.") == []
    # (w451-16, w408-23: the branch ran)
    assert ungrounded_in(odd, "Since 5 % 2 is 1, the if branch is skipped.") == ["the condition is False"]


def test_a_count_of_the_pairs_or_chunks_it_then_writes_out():
    steps = traced("def steps(notes):\n    return [b - a for a, b in zip(notes, notes[1:])]\n", "steps([0, 4, 7, 12])")
    # (w452-22: a count of the tuples written out after it)
    assert ungrounded_in(steps, "`zip(notes, notes[1:])` gives 3 pairs: (0, 4), (4, 7), (7, 12).") == []
    assert ungrounded_in(steps, "`zip(notes, notes[1:])` gives 4 pairs: (0, 4), (4, 7), (7, 12).") == [
        "4 pairs (listed: 3)"
    ]
    # (numbers after `pairs` may be the values paired up: left alone)
    assert ungrounded_in(steps, "The notes make 3 pairs: 0, 4, 7, 12.") == []


def test_a_slot_given_an_amount_is_changed_by_it():
    drum = traced(
        "def drum(ks):\n    slots = [0, 0, 0, 0]\n    for k in ks:\n        slots[(k * 3) % 4] += k\n    return slots\n",
        "drum([1, 9])",
    )
    # (w453-6: slot 3 held 1, then 10)
    assert ungrounded_in(drum, "For 9, `(9 * 3) % 4` is 27 % 4 = 3, so slot 3 gets 9 added.") == []
    assert ungrounded_in(drum, "For 9, `(9 * 3) % 4` is 27 % 4 = 3, so slot 3 gets 9.") == ["[3] = 9"]


def test_the_remaining_two_then_which():
    best = traced(
        "def best(xs):\n    top = xs[0]\n    for x in xs[1:]:\n        if x > top:\n            top = x\n    return top\n",
        "best([12, 9, 7])",
    )
    # (w453-10: `two` counts the values listed after it; it is not one of them)
    assert ungrounded_in(best, "The remaining two, 9 and 7, do not beat 12.") == []


def test_names_listed_before_a_tuple_are_its_targets():
    till = traced(
        "class Till:\n    def __init__(self):\n        self.cash = 0\n        self.sales = 0\n\n"
        "    def sell(self, p):\n        self.cash += p\n        self.sales += 1\n\n\n"
        "def run(prices):\n    till = Till()\n    refused = 0\n    for p in prices:\n        if p < 0:\n"
        "            refused += 1\n        else:\n            till.sell(p)\n    return till.cash, till.sales, refused\n",
        "run([20, -1, 25])",
    )
    # (w453-14, w453-18: each name takes one value of the tuple)
    assert ungrounded_in(till, "The return is till.cash, till.sales, refused = (45, 2, 1).") == []
    assert ungrounded_in(till, "The return is till.cash, till.sales, refused = (45, 3, 1).") == ["self.sales = 3"]
    # (w401-11: `is None, refused` is a test's value, not a target)
    assert ungrounded_in(till, "Since till is not None, refused = (1, 2).") == ["refused = (1, 2)"]


def test_a_starting_value_beside_a_final_one_and_a_rate():
    levels = traced(
        "def levels(base, deltas):\n    level = base\n    out = []\n    for d in deltas:\n        level += d\n"
        "        out.append(level)\n    return out\n",
        "levels(8, [3, -2])",
    )
    # (w452-11: the starting level is of the start, not of the moment out is [11, 9])
    assert ungrounded_in(levels, "The list out is [11, 9], and the starting level is eight.") == []
    fee = traced("def fee(axles, night):\n    fee = 2 * axles\n    return fee // 2 if night else fee\n", "fee(3, True)")
    # (w454-19: 2 per axle is a rate)
    assert ungrounded_in(fee, "The fee is 2 per axle, halved at night.") == []


def test_a_count_whose_noun_the_clause_before_told():
    split = traced(
        "def split(xs):\n    evens, odds = [], []\n    for x in xs:\n        (odds if x % 2 else evens).append(x)\n"
        "    return len(evens), len(odds)\n",
        "split([1, 2, 3, 4, 5])",
    )
    # (w457-15: `odds holds 3` is its count, as `evens holds 2 numbers` tells)
    assert ungrounded_in(split, "At the end evens holds 2 numbers and odds holds 3.") == []
    assert ungrounded_in(split, "At the end evens holds 2 numbers and odds holds 4.") == ["len(odds) = 4"]


def test_a_list_told_item_by_item_repeats_no_item_it_lacks():
    sums = traced(
        "def sums(vals):\n    out = []\n    for i in range(len(vals) - 1):\n        out.append(vals[i] + vals[i + 1])\n"
        "    return out\n",
        "sums([1, 3, 2, 3, 5])",
    )
    # (w452-4: out came to hold 4, 5, 5, 8; a second 8 is no item of it)
    assert ungrounded_in(sums, "The sums in out go 4, 5, 5, 8.") == []
    assert ungrounded_in(sums, "The sums in out go 4, 5, 8, 8.") != []


def test_a_strip_leaves_no_space_at_its_ends():
    clean = traced(
        "def clean(words):\n    out = []\n    for w in words:\n        w = w.strip()\n        if w:\n"
        "            out.append(w)\n    return out\n",
        "clean(['rice ', ' gull '])",
    )
    assert ungrounded_in(clean, "For 'rice ' the stripped word is 'rice'.") == []
    # (w453-11, w354-23: what a strip leaves has no space at its ends)
    assert ungrounded_in(clean, "For 'rice ' the stripped word is 'rice '.") == [
        "'rice ' (a strip leaves no space at its ends)"
    ]
    # (w454-6: `turned A into B` is the strip of A)
    assert ungrounded_in(clean, "`w = w.strip()` turned ' gull ' into 'gull'.") == []
    assert ungrounded_in(clean, "`w = w.strip()` turned ' gull ' into 'rice'.") == [
        "' gull ' stripped is 'gull', not 'rice'"
    ]
    # (w92-2, w142-4: the string before the strip, as a backward narration infers it)
    assert ungrounded_in(clean, "strip() removed the outer spaces, so the word is ' gull '.", backward=True) == []
    tags = traced("def tags(s):\n    return s.strip('#')\n", "tags('# a#')")
    # (a strip of other characters may leave spaces)
    assert ungrounded_in(tags, "`s.strip('#')` gives ' a'.") == []


def test_a_collection_told_with_its_size():
    common = traced(
        "def common(a, words):\n    sizes = []\n    for w in words:\n        both = set(a) & set(w)\n"
        "        sizes.append(len(both))\n    return sizes\n",
        "common('river', ['dome', 'tiger'])",
    )
    # (w457-12: a set of one told as of size 2)
    assert ungrounded_in(common, "For 'dome', both = {'e'}, size 1.") == []
    assert ungrounded_in(common, "For 'dome', both = {'e'}, size 2.") == ["len({'e'}) = 2"]
    hops = traced("def hops(xs, size):\n    return sum(xs) % size\n", "hops([5, 4], 12)")
    # (w228-22: `size` is the program's variable)
    assert ungrounded_in(hops, "So xs = [5, 4], size = 12.", backward=True) == []


def test_the_if_fired_as_often_as_its_test_came_out_true():
    pairs = traced(
        "def pairs(nums, k):\n    count = 0\n    for i in range(len(nums)):\n        for j in range(i + 1, len(nums)):\n"
        "            if (nums[i] + nums[j]) % k == 0:\n                count += 1\n    return count\n",
        "pairs([4, 7, 2, 5], 3)",
    )
    # (w414-8: the one `if` of the program was true for (4, 2), (4, 5), (7, 2), (7, 5))
    assert ungrounded_in(pairs, "The function returned count = 4, so the `if` fired four times.") == []
    assert ungrounded_in(pairs, "The function returned count = 4, so the `if` fired six times.") == ["6 times"]


def test_a_nested_loops_runs_told_pass_by_pass():
    pairs = traced(
        "def pairs(n):\n    count = 0\n    for i in range(n):\n        for j in range(i + 1, n):\n"
        "            count += 1\n    return count\n",
        "pairs(5)",
    )
    assert ungrounded_in(pairs, "The inner loop runs 4, 3, 2, 1, 0 times for the successive values of i.") == []
    # (w459-16: a run told twice where the inner loop ran one fewer)
    assert ungrounded_in(pairs, "The inner loop runs 4, 3, 3, 1, 0 times for the successive values of i.") == [
        "runs 4, 3, 3, 1, 0 times (not a nested loop's runs pass by pass)"
    ]
    single = traced("def total(xs):\n    t = 0\n    for x in xs:\n        t += x\n    return t\n", "total([4, 3])")
    # (no loop inside another: nothing to check runs pass by pass against; the counts are read as counts)
    assert not [u for u in ungrounded_in(single, "The loop runs 1, 1 and 9 times.") if "pass by pass" in u]


def test_what_a_loop_walks_restated_with_its_count():
    gaps = traced(
        "def gaps(times):\n    out = []\n    for a, b in zip(times, times[1:]):\n        out.append(b - a)\n"
        "    return out\n",
        "gaps([5, 12, 18, 30])",
    )
    assert ungrounded_in(gaps, "`zip(times, times[1:])` walks the 3 neighbouring pairs.") == []
    # (w458-23: four times make three neighbouring pairs)
    assert ungrounded_in(gaps, "`zip(times, times[1:])` walks the 4 neighbouring pairs.") == [
        "walks the 4 neighbouring pairs (no loop made as many passes)"
    ]


def test_the_loop_looked_at_as_many_things_as_it_made_passes():
    routes = traced(
        "def routes(text):\n    out = {}\n    for part in text.split(';'):\n        part = part.strip()\n"
        "        if not part:\n            continue\n        name, _, hops = part.partition('=')\n"
        "        out[name] = len(hops.split(','))\n    return out\n",
        "routes('a=1,2; ;c=5,6,7,8,9')",
    )
    assert ungrounded_in(routes, "In total the loop looked at 3 segments and 2 of them made entries.") == []
    # (w459-4: 5 is a value the run held, not a count of the loop's passes)
    assert ungrounded_in(routes, "In total the loop looked at 5 segments and 2 of them made entries.") == [
        "looked at 5 segments"
    ]


def test_a_test_of_literals_in_words_after_a_comma_and_is_its_own_clause():
    word = traced(
        "def swap_mid(word):\n    if len(word) < 4:\n        return word\n    mid = len(word) // 2\n"
        "    return word[:mid - 1] + word[mid] + word[mid - 1] + word[mid + 1:]\n",
        'swap_mid("planet")',
    )
    assert ungrounded_in(word, "The guard would hand the word back, but six is not less than four.") == []
    # (w469-22: `, and six is less than four` claims a test of literals that does not hold)
    assert ungrounded_in(word, "The guard would hand the word back, and six is less than four.") == ["6 < 4"]


def test_a_test_of_literals_alone_in_brackets_after_a_step_is_told_as_holding():
    bins = traced(
        "def first_fit(weights, cap):\n    bins = []\n    for w in weights:\n        for i in range(len(bins)):\n"
        "            if bins[i] + w <= cap:\n                bins[i] += w\n                break\n"
        "        else:\n            bins.append(w)\n    return bins\n",
        "first_fit([5, 4, 7], 10)",
    )
    assert ungrounded_in(bins, "5 opens bin 0, 4 fits into bin 0 (5 + 4 <= 10), and 7 opens bin 1.") == []
    # (w465-22: the reason in brackets is a test that fails)
    assert ungrounded_in(
        bins, "5 opens bin 0, 4 fits into bin 0 (5 + 4 <= 10), and 7 fits there too (9 + 7 <= 10)."
    ) == ["9 + 7 <= 10"]
    # (a verdict told before the brackets is the test's: `is False (6 < 6)`)
    assert ungrounded_in(bins, "Then 9 + 7 <= 10 is False (16 <= 10), so 7 opens bin 1.") == []


def test_a_count_of_passes_of_the_loop_named_after_it():
    pairs = traced(
        "def pair_hits(vals, limit):\n    hits = 0\n    for i in range(len(vals)):\n"
        "        for j in range(i + 1, len(vals)):\n            if vals[i] + vals[j] <= limit:\n                hits += 1\n"
        "    return hits\n",
        "pair_hits([3, 8, 1, 6], 10)",
    )
    text = "Altogether the inner loop body ran 6 times across the 4 passes of the outer loop."
    assert ungrounded_in(pairs, text) == []
    # (w468-4: the passes are the outer loop's, though the words before the count name the inner one)
    assert ungrounded_in(pairs, text.replace("the 4 passes", "the 5 passes")) == ["5 passes"]


def test_the_values_a_step_builds_a_variable_up_through():
    wrap = traced(
        "def wrap(words, width):\n    lines = []\n    cur = 0\n    for w in words:\n"
        "        need = len(w) if cur == 0 else cur + 1 + len(w)\n        if need <= width:\n            cur = need\n"
        "        else:\n            lines.append(cur)\n            cur = len(w)\n    lines.append(cur)\n    return lines\n",
        "wrap('the quick brown fox jumps over the lazy dog'.split(), 16)",
    )
    assert ungrounded_in(wrap, '"the quick brown" builds cur 3, 9, 15; "fox" would need 19.') == []
    # (w466-22: cur went 3, 9, 15, and 8 is a value it takes later, in another line)
    assert ungrounded_in(wrap, '"the quick brown" builds cur 3, 8, 15; "fox" would need 19.') == [
        "cur: [3, 8, 15] (one off a stretch of its values)"
    ]


def test_one_entrys_values_told_one_after_the_other_leave_none_out():
    rota = traced(
        "def rota(names, shifts):\n    load = {n: 0 for n in names}\n    turn = 0\n    for h in shifts:\n"
        "        load[names[turn % len(names)]] += h\n        turn += 1\n    return load\n",
        "rota(['ana', 'bo'], [3, 5, 4, 6, 2, 7, 1, 1])",
    )
    assert ungrounded_in(rota, "bo gets 5, 6, 7, 1, so his load goes 5, 11, 18, 19.") == []
    # (w469-17: load['bo'] went 5, 11, 18, 19; only in order, not one after the other, a slip matches)
    assert ungrounded_in(rota, "bo gets 5, 6, 7, 1, so his load goes 5, 11, 19.") == [
        "load: [5, 11, 19] (one off a stretch of one entry's values)"
    ]
    assert ungrounded_in(rota, "bo gets 5, 6, 7, 1, so his load goes 5, 11, 12, 19.") == [
        "load: [5, 11, 12, 19] (one off a stretch of one entry's values)"
    ]


def test_a_step_worked_on_a_value_told_moves_time_on():
    halve = traced(
        "def halve(n):\n    steps = 0\n    while n % 2 == 0:\n        n //= 2\n        steps += 1\n    return (n, steps)\n",
        "halve(12)",
    )
    # (w466-6: steps = 1 holds after 12 // 2 = 6, no longer with n = 12)
    assert ungrounded_in(halve, "Before the first halving n was 12, and 12 // 2 = 6 with steps = 1.") == []
    assert ungrounded_in(halve, "Before the first halving n was 12, which made steps equal to 1.") == []
    # (working in brackets is of the value told next, so the two are told together)
    assert ungrounded_in(halve, "So n becomes 12 (12 // 2 = 6) and steps goes to 1.") == [
        "steps = 1 (never together with n = 12)"
    ]


def test_a_change_told_per_thing_is_several_steps():
    hot = traced(
        "def hot(temps, limit):\n    n = 0\n    for t in temps:\n        if t >= limit:\n            n += 1\n    return n\n",
        "hot([610, 598, 640], 600)",
    )
    # (w464-8: `one step per reading` tells several steps, not one)
    assert ungrounded_in(hot, "n went from 0 to 2, one step per reading with t >= limit.") == []
    assert ungrounded_in(hot, "Here n went from 0 to 2.") == ["n: [0, 2] (not one step of it)"]


def test_storing_things_in_a_variable_is_no_membership_test():
    runs = traced(
        "def digit_runs(s):\n    runs = []\n    cur = ''\n    for ch in s:\n        if ch.isdigit():\n"
        "            cur += ch\n        elif cur:\n            runs.append(cur)\n            cur = ''\n"
        "    if cur:\n        runs.append(cur)\n    return runs\n",
        "digit_runs('ab12c7')",
    )
    # (w468-19: `storing finished runs in runs` is where they are put)
    assert ungrounded_in(runs, "It builds the current run in cur, storing finished runs in runs.") == []


def test_values_told_as_the_final_state_are_what_the_run_ends_holding():
    pairs = traced(
        "def pair_sum(nums):\n    total = 0\n    hits = 0\n    for x in nums:\n        if x % 2 == 0:\n"
        "            total += x\n            hits += 1\n    return (total, hits)\n",
        "pair_sum([2, 4, 5, 6])",
    )
    text = "The function returns `(total, hits)`, so the last state is `total = 12` and `hits = 3`."
    assert ungrounded_in(pairs, text, backward=True) == []
    # (w464-11: hits held 2 on the way, but the run ends holding 3)
    assert ungrounded_in(pairs, text.replace("hits = 3", "hits = 2"), backward=True) == [
        "hits = 2 (not what the run ends holding)"
    ]


def test_a_number_before_is_counts_no_steps():
    latch = traced(
        "def latch(nums):\n    acc = 0\n    for n in nums:\n        if n % 2 == 1:\n            acc ^= n\n"
        "        else:\n            acc |= n << 1\n    return acc\n",
        "latch([3, 4, 5])",
    )
    assert ungrounded_in(latch, "n = 4 is even, so acc |= 4 << 1; acc went from 3 to 11.", backward=True) == []
    # (w466-2: `4 is` told no several steps; acc went 3, 11, 14, so 3 to 14 is no one step)
    assert ungrounded_in(latch, "n = 4 is even, so acc |= 4 << 1; acc went from 3 to 14.", backward=True) == [
        "acc: [3, 14] (not one step of it)"
    ]


def test_a_value_a_variable_ends_the_row_at_is_where_the_row_leaves_it():
    leaders = traced(
        "def leaders(grid):\n    out = []\n    for row in grid:\n        idx = 0\n        for c in range(1, len(row)):\n"
        "            if row[c] > row[idx]:\n                idx = c\n        out.append(idx)\n    return out\n",
        "leaders([[3, 9, 2], [7, 1, 8, 5]])",
    )
    assert ungrounded_in(leaders, "In the second row idx moves to 2, and idx ends the row at 2.") == []
    # (w464-18: no row leaves idx at 3, though 3 is a column the loop reaches)
    assert ungrounded_in(leaders, "In the second row idx moves to 2, and idx ends the row at 3.") == ["idx = 3"]
    # (idx held 0 as the row began, not as it ended)
    assert ungrounded_in(leaders, "The second row starts idx at 0, and idx ends the row at 0.") == [
        "idx = 0 (not its final value)"
    ]


def test_neither_of_two_calls_holds():
    kinds = traced(
        "def kinds(tokens):\n    other = 0\n    for tok in tokens:\n        if tok.isdigit():\n            pass\n"
        "        elif tok.isalpha():\n            pass\n        else:\n            other += 1\n    return other\n",
        "kinds(['+'])",
    )
    # (w470-24: `neither ... nor isalpha() holds` tells isalpha() False)
    assert ungrounded_in(kinds, "`'+'`: neither `tok.isdigit()` nor `tok.isalpha()` holds, so other = 1.") == []


def test_the_test_that_failed_was_a_comparison_told_false():
    limit = traced(
        "def fits(items, limit):\n    n = 0\n    for x in items:\n        if x <= limit:\n            n += 1\n"
        "    return n\n",
        "fits([29, 70], 50)",
    )
    text = "The last test that passed was `29 <= limit`, and the one that failed was `70 <= limit`."
    assert ungrounded_in(limit, text, backward=True) == []
    # (w472-8: the test named as what failed did not hold)
    assert ungrounded_in(limit, text.replace("that failed", "that held"), backward=True) != []


def test_a_value_passing_a_test_as_well_counts_no_passes():
    days = traced(
        "def days(vals):\n    ok = 0\n    for v in vals:\n        if v % 9 == 0:\n            ok += 1\n    return ok\n",
        "days([81, 8100])",
    )
    # (w472-11: `8100 passes as well` is the value passing the test, not 8100 passes of a loop)
    assert ungrounded_in(days, "Day two: 8100 passes as well.") == []


def test_a_value_passed_over_ends_a_run_of_values():
    evens = traced(
        "def evens(xs):\n    out = []\n    for x in xs:\n        if x % 2 == 0:\n            out.append(x // 2)\n"
        "    return len(out)\n",
        "evens([2, 4, 9, 6])",
    )
    # (w475-11: 9 is skipped, so the run told is 1, 2 and then 3)
    assert ungrounded_in(evens, "The halves go 1, 2, then 9 is skipped, then 3.") == []


def test_a_step_in_words_is_arithmetic():
    totals = traced("def add(a, b):\n    return a + b\n", "add(40, 5)")
    assert ungrounded_in(totals, "Adding 5 to 40 gives 45.") == []
    # (w472-9: the sum told in words is checked as the sum)
    assert ungrounded_in(totals, "Adding 5 to 40 gives 46.") == ["40 + 5 = 46"]
    assert ungrounded_in(totals, "Subtracting 5 from 40 leaves 36.") == ["40 - 5 = 36"]


def test_either_or_is_a_supposition_only_up_to_its_conclusion():
    reeds = traced(
        "def reeds(words):\n    seen = set()\n    repeats = 0\n    fresh = []\n    for w in words:\n"
        "        if w in seen:\n            repeats += 1\n        else:\n            seen.add(w)\n"
        "            fresh.append(len(w))\n    return repeats, fresh\n",
        "reeds(['a', 'bb', 'a'])",
    )
    text = "Each word either adds its length to fresh or bumps repeats, so the input has 2 + 1 = 3 words and the loop runs 3 times."
    assert ungrounded_in(reeds, text, backward=True) == []
    # (w474-22: the count after `so` is the sentence's own conclusion, not one branch of the either-or)
    assert ungrounded_in(reeds, text.replace("runs 3 times", "runs 2 times"), backward=True) == ["2 times"]


def test_what_a_strip_left_is_a_string_of_the_run():
    pieces = traced(
        "def heads(text):\n    out = []\n    for piece in text.split(','):\n        p = piece.strip()\n"
        "        if p.isalpha():\n            out.append(p[:2].upper())\n    return out\n",
        "heads(' oak, 4x, elm ')",
    )
    assert ungrounded_in(pieces, "The second piece strips to '4x'.") == []
    # (w474-3: no string of the run reads 'x4')
    assert ungrounded_in(pieces, "The second piece strips to 'x4'.") == ["'x4' (no string of the run)"]
    # (more than the strip: `strips and lowercases to 'oak'` may give a string the run never held)
    assert ungrounded_in(pieces, "A piece that strips and lowercases to 'pine' would work too.") == []


def test_how_often_a_key_was_hit_is_a_count_the_run_holds():
    store = traced(
        "def hits(keys):\n    store = {}\n    for k in keys:\n        store[k] = store.get(k, 0) + 1\n    return store\n",
        "hits(['a', 'b', 'a', 'a'])",
    )
    # (w474-7: how often 'a' was hit is its count, not how often the loop ran)
    assert ungrounded_in(store, "The final store is {'a': 3, 'b': 1}: 'a' was hit three times in total.") == []


def test_a_strip_result_told_as_a_names_value_has_no_space_at_its_ends():
    words = traced(
        "def clean(ws):\n    out = []\n    for w in ws:\n        w = w.strip()\n        out.append(w)\n    return out\n",
        "clean([' leaf ', 'oak'])",
    )
    assert ungrounded_in(words, "After strip, w = 'leaf'.") == []
    # (w470-1: the string before the strip told as its result)
    assert ungrounded_in(words, "After strip, w = ' leaf '.") == ["' leaf ' (a strip leaves no space at its ends)"]


def test_the_values_a_key_goes_through():
    tally = traced(
        "def tally(names):\n    counts = {}\n    for n in names:\n        counts[n] = counts.get(n, 0) + 1\n    return counts\n",
        "tally(['A', 'B', 'C', 'B', 'B', 'C'])",
    )
    assert ungrounded_in(tally, "`'C'` goes 1, 2, and `'B'` goes 1, 2, 3.") == []
    assert ungrounded_in(tally, "`'B'` goes 1 then 3.") == []  # (two values: where it stood at two moments)
    # (w475-15: three values told one after the other leave none out)
    assert ungrounded_in(tally, "`'B'` goes 1, 3, 3.") == ["['B']: [1, 3, 3]"]
    assert ungrounded_in(tally, "The key '\\' goes 1, 2 here.") == []  # (no string Python reads: no key, no crash)


def test_counts_only_of_plural_nouns_and_the_steps_between_listed_values():
    runs = traced(
        "def runs(signs):\n    out = []\n    count = 1\n    for i in range(1, len(signs)):\n"
        "        if signs[i] == signs[i - 1]:\n            count += 1\n        else:\n"
        "            out.append(count)\n            count = 1\n    out.append(count)\n    return out\n",
        "runs([1, 1, -1, -1])",
    )
    # (w476-24: `2 is appended` is no count of a range `from 1 to -1`)
    assert ungrounded_in(runs, "At i = 2 the sign changes from 1 to -1, so 2 is appended and count resets to 1.") == []
    # (w478-24: a list, then the steps between its values; `once for every index` is a rate)
    assert ungrounded_in(runs, "With [1, 1, -1, -1], that is 3 steps, and the loop runs once for every index.") == []
    assert ungrounded_in(runs, "With [1, 1, -1, -1], that is 5 steps.") == ["5 steps (listed: 4)"]
    shelf = traced(
        "def supply(ops):\n    have = {}\n    for name, qty in ops:\n        have[name] = have.get(name, 0) + qty\n"
        "    return have\n",
        "supply([('fern', 5), ('moss', 3)])",
    )
    # (w477-6: `moss` is no plural counting the items listed)
    assert ungrounded_in(shelf, "The puts supply 5 fern and 3 moss: `('fern', 5)` and `('moss', 3)`.") == []


def test_a_worked_step_in_brackets_and_a_pass_named_after_a_value():
    rows = traced(
        "def rows(n):\n    out = []\n    for r in range(1, n + 1):\n        row = []\n        for c in range(r):\n"
        "            row.append((r * c + r) % 10)\n        out.append(sum(row))\n    return out\n",
        "rows(4)",
    )
    # (w476-9: the working of one step of the row, in brackets, is of its own moment)
    assert ungrounded_in(rows, "At r = 4, row = [4, 8, 2, 6] (at r = 4, c = 2: (4 * 2 + 4) % 10 = 2).") == []
    walk = traced(
        "class Ridge:\n    def __init__(self):\n        self.pos = 0\n\n    def stride(self, moves):\n"
        "        for m in moves:\n            self.pos += m\n        return self.pos\n\n"
        "def go(moves):\n    return Ridge().stride(moves)\n",
        "go([2, -1, 3])",
    )
    # (w478-6: `after m = -1` names the pass the value after it belongs to)
    text = "`self.pos += m` gives `self.pos = 2` after `m = 2`, then `self.pos = 1` after `m = -1`."
    assert ungrounded_in(walk, text) == []
    assert ungrounded_in(walk, "It gives `self.pos = 4` after `m = -1`.") == [
        "self.pos = 4 (not in the pass where m = -1)"
    ]


def test_a_split_of_the_input_prose_not_and_a_test_made_each_pass():
    initials = traced(
        "def initials(full):\n    parts = [p for p in full.split(' ') if p]\n"
        "    letters = [p[0].upper() for p in parts[:-1]]\n    return '.'.join(letters) + '. ' + parts[-1].title()\n",
        "initials('ada  mae lovelace')",
    )
    # (w477-15: what the code's own split makes of the input, and a piece appended, not a second value)
    text = "Splitting 'ada  mae lovelace' on a space gives ['ada', '', 'mae', 'lovelace'] because of the double space."
    assert ungrounded_in(initials, text) == []
    assert ungrounded_in(initials, "Splitting it gives ['ada', '', 'mea', 'lovelace'].") != []
    assert ungrounded_in(initials, "'.'.join(letters) gives 'A.M', then '. ' is appended.") == []
    fee = traced(
        "def fee(weight, fragile):\n    base = 3\n    if weight > 10:\n        base += (weight - 10) // 5 * 2\n"
        "    if fragile:\n        base *= 2\n    return base\n",
        "fee(27, True)",
    )
    # (w478-13: prose `not` before a worked step; the step is still checked)
    assert ungrounded_in(fee, "That is why the fee is `18` and not `3 * 2 + 6 = 12`.") == []
    assert ungrounded_in(fee, "That is why the fee is `18` and not `3 * 2 + 6 = 13`.") == ["3 * 2 + 6 = 13"]
    steps = traced(
        "def steps(a, m):\n    x = a % m\n    k = 1\n    while x != 1:\n        x = (x * a) % m\n        k += 1\n"
        "        if k > m:\n            return -1\n    return k\n",
        "steps(3, 7)",
    )
    # (w476-23: a test said to be made on each pass, with no outcome)
    text = "`k > m` is checked on each pass, and the largest `k` is `6`; `6 > 7` is False."
    assert ungrounded_in(steps, text, backward=True) == []


def test_a_pair_passing_a_bound_broken_and_a_step_named_empty():
    close = traced(
        "def close(levels, limit):\n    out = {}\n    for i in range(len(levels)):\n"
        "        for j in range(i + 1, len(levels)):\n            if abs(levels[i] - levels[j]) <= limit:\n"
        "                out[i] = out.get(i, 0) + 1\n    return out\n",
        "close([12, 8, 10], 3)",
    )
    # (w480-5: `12 vs 10 passes` is a pair passing a test; `fails (4 > 3)` the bound it broke)
    assert ungrounded_in(close, "For i = 0, 12 vs 8 fails (4 > 3) and 12 vs 10 passes, so `out[0] = 1`.") == []
    initials = traced(
        "def first(full):\n    words = [w for w in full.split() if w.isalpha()]\n    if not words:\n"
        "        return '?'\n    return words[0][0].upper()\n",
        "first('ada 2nd')",
    )
    # (w480-8: `Empty check` names a step; no value is said to be empty)
    assert ungrounded_in(initials, "**Empty check:** `not words` is `False`, so we do not return `'?'`.") == []
    strip = traced(
        "class Strip:\n    def __init__(self):\n        self.state = 0\n\n    def top(self):\n        n = self.state\n"
        "        pos = -1\n        while n:\n            n >>= 1\n            pos += 1\n        return pos\n\n"
        "def game(moves):\n    s = Strip()\n    for pos in moves:\n        s.state ^= 1 << pos\n    return s.top()\n",
        "game([0, 2, 3])",
    )
    # (w480-16: `pos = 2` of `top`'s own count, not the pass of the caller's `for pos in moves`)
    assert (
        ungrounded_in(strip, "For 13 that goes n = 6, pos = 0; n = 3, pos = 1; n = 1, pos = 2; n = 0, pos = 3.") == []
    )


def test_counters_states_each_call_left_and_a_returned_tuple():
    drum = traced(
        "class Drum:\n    def __init__(self, size):\n        self.size = size\n        self.wound = 0\n\n"
        "    def pull(self, length):\n        taken = 0\n        while taken < length and self.wound < self.size:\n"
        "            self.wound += 1\n            taken += 1\n        return taken\n\n"
        "def session(size, pulls):\n    d = Drum(size)\n    return [d.pull(p) for p in pulls]\n",
        "session(20, [6, 5, 7])",
    )
    # (w480-19: a while loop's counter told across the pull that stepped it)
    assert ungrounded_in(drum, "For the third pull, taken counts up to 7 and self.wound goes from 11 to 18.") == []
    dial = traced(
        "class Dial:\n    def __init__(self, size):\n        self.size = size\n        self.pos = 0\n\n"
        "    def turn(self, n):\n        self.pos += n\n        while self.pos >= self.size:\n"
        "            self.pos -= self.size\n\n"
        "def ticks(size, moves):\n    d = Dial(size)\n    for m in moves:\n        d.turn(m)\n    return d.pos\n",
        "ticks(5, [3, 4, 12])",
    )
    # (w135-18: a variable the while loop moves by steps of other sizes: `from 7 to 14` is no step it took)
    assert ungrounded_in(dial, "The move `m = 12` took `self.pos` from 2 to 14.") == []
    assert ungrounded_in(dial, "The move `m = 12` took `self.pos` from 7 to 14.") == [
        "self.pos: [7, 14] (not one step of it)"
    ]
    chute = traced(
        "class Chute:\n    def __init__(self, cap):\n        self.cap = cap\n        self.load = 0\n        self.dumps = 0\n\n"
        "    def pour(self, amount):\n        self.load += amount\n        while self.load >= self.cap:\n"
        "            self.load -= self.cap\n            self.dumps += 1\n        return self.load\n\n"
        "def shift(cap, pours):\n    c = Chute(cap)\n    return [c.pour(p) for p in pours], c.dumps\n",
        "shift(10, [4, 7, 12, 3, 9, 25])",
    )
    # (w480-7: the state each call of `pour` left, which no loop holds pass by pass)
    assert ungrounded_in(chute, "- dumps after each pour is 0, 1, 2, 2, 3, 6", backward=True) == []
    band = traced(
        "def band(n):\n    rows = []\n    for r in range(n):\n        rows.append([1 if abs(r - c) <= 1 else 0 for c in range(n)])\n"
        "    return sum(sum(row) for row in rows), rows[0]\n",
        "band(3)",
    )
    # (w481-24: the returned tuple, not its last part)
    assert ungrounded_in(band, "So `return sum(...), rows[0]` gives (7, [1, 1, 0]).") == []


def test_values_told_in_a_pass_and_one_pass_per_listed_value():
    hits = traced(
        "def pairs(nums, gap):\n    hits = 0\n    for i in range(len(nums)):\n        for j in range(i + 1, len(nums)):\n"
        "            if abs(nums[i] - nums[j]) == gap:\n                hits += 1\n    return hits\n",
        "pairs([4, 7, 1, 10], 3)",
    )
    assert (
        ungrounded_in(
            hits, "- For `i = 0` (value 4), the pairs with 7 and with 1 both differ by 3, so `hits` goes 1, 2."
        )
        == []
    )
    # (w477-4: a variable's values told in a pass are values it held in that pass)
    assert ungrounded_in(hits, "- For `i = 0` (value 4), both pairs differ by 3, so `hits` goes 1, 3.") == [
        "hits: [1, 3] (not in that pass of the loop)"
    ]
    # (w480-10: one pass for each value the loop's variable took)
    assert ungrounded_in(hits, "Then the loop runs for i = 0, 1, 2, 3, four iterations.") == []
    assert ungrounded_in(hits, "Then the loop runs for i = 0, 1, 2, five iterations.") == ["5 iterations (listed: 3)"]
    slide = traced(
        "def slide(xs, k):\n    i = k\n    total = 0\n    while i < len(xs):\n        total += xs[i]\n        i += 1\n"
        "    return total\n",
        "slide([1, 2, 3, 4, 5, 6], 2)",
    )
    # (w479-11: a range's own steps, though told `in total`)
    assert ungrounded_in(slide, "The loop slides `i` from 2 to 5, 4 steps in total.") == []
    assert "from 2 to 5, 6 steps" in ungrounded_in(slide, "The loop slides `i` from 2 to 5, 6 steps in total.")
    word = traced(
        "def dots(words):\n    out = ''\n    for w in words:\n        out += w[0].upper() + '.'\n    return out\n",
        "dots(['ada', 'mae'])",
    )
    # (w476-6: `After the first pass`, no comma: its first clause is that pass's state)
    assert (
        ungrounded_in(word, "After the first pass out was 'A.', which needs a word beginning with a.", backward=True)
        == []
    )
    assert ungrounded_in(word, "After the first pass out was 'A.M.', from 'ada'.", backward=True) == [
        "out = 'A.M.' (not in that pass of the loop)"
    ]


def test_counts_in_quoted_text_and_counts_that_end_a_run_of_values():
    ledger = traced(
        "def ledger(start, moves):\n    total = start\n    for m in moves:\n        total += m\n    return total\n",
        "ledger(10, [-4, -8, 5, -9, 3])",
    )
    # (w483-12: `five moves in all` counts the run, it is no sixth value)
    assert ungrounded_in(ledger, "The ledger starts at 10 and the moves are -4, -8, 5, -9, 3, five moves in all.") == []
    # (w486-4: `42 times` inside a quoted string is text of a value, not a count)
    assert ungrounded_in(ledger, "A text such as 'A cat ran 42 times!' is no input here.", backward=True) == []
    assert ungrounded_in(ledger, "The loop ran 42 times.") == ["42 times"]
    burn = traced(
        "def burn(n, step):\n    hours = 0\n    while n > 0:\n        n -= step\n        hours += 1\n    return hours\n",
        "burn(4, 3)",
    )
    # (w482-9: `two more hours` is a count of something else after the values)
    assert ungrounded_in(burn, "- `n` goes 4, 1, -2, two more hours, `hours = 2`.") == []


def test_a_label_of_two_passes_and_a_step_after_the_loop():
    rises = traced(
        "def rises(nums):\n    ups = 0\n    for i in range(1, len(nums)):\n        if nums[i] > nums[i - 1]:\n"
        "            ups += 1\n    return ups\n",
        "rises([3, 5, 6, 2])",
    )
    # (w487-23: `i = 1, 2:` tells what two passes left, not the first pass alone)
    assert ungrounded_in(rises, "1. `i = 1, 2`: `5 > 3` and `6 > 5` are true, so `ups = 2`.") == []
    assert ungrounded_in(rises, "1. `i = 1`: `5 > 3` is true, so `ups = 2`.") != []
    batches = traced(
        "def split(weights, cap):\n    batches = []\n    load = 0\n    for w in weights:\n        if load + w > cap:\n"
        "            batches.append(load)\n            load = w\n        else:\n            load += w\n"
        "    batches.append(load)\n    return batches\n",
        "split([4, 3, 5, 2], 8)",
    )
    # (w485-1: the append after the loop is a step; what it leaves is the state told)
    assert ungrounded_in(batches, "After the loop, the leftover `load` is appended: `batches = [7, 7]`.") == []
    assert ungrounded_in(batches, "After the loop `batches = [7, 7]`.") != []
    clamp = traced(
        "def clamp_pair(a, b, lo, hi):\n    a = max(lo, min(a, hi))\n    b = max(lo, min(b, hi))\n"
        "    if a > b:\n        a, b = b, a\n    return (a, b)\n",
        "clamp_pair(14, -3, 0, 10)",
    )
    # (w483-19: `max(0, 10)` writes a call's arguments, not the returned tuple (0, 10))
    assert ungrounded_in(clamp, "`min(14, 10) = 10`, `max(0, 10) = 10`, so `a = 10`.") == []


def test_a_value_passing_and_a_test_that_holds_before_what_it_lists():
    products = traced(
        "def small(nums, cap):\n    out = []\n    for v in nums:\n        if v * 2 <= cap:\n            out.append(v)\n"
        "    return out\n",
        "small([8, 20, 24, 4], 16)",
    )
    # (w486-9: `just 8 passes` is a value passing the test)
    assert ungrounded_in(products, "The doubles are 16, 40, 48, 8; just 8 passes.") == []
    tags = traced(
        "def tags(text):\n    out = []\n    for tok in text.split():\n        if tok.startswith('#') and len(tok) > 1:\n"
        "            out.append(tok)\n    return out\n",
        "tags('#beach day #surfing #')",
    )
    # (w487-14: `1 holds:` is a test holding, not a count of the items listed)
    text = "Each tag comes from a token where tok.startswith('#') and len(tok) > 1 holds: '#beach' and '#surfing'."
    assert ungrounded_in(tags, text, backward=True) == []


def test_a_pass_told_by_its_number_or_its_ordinal_inside_a_sentence():
    recur = traced(
        "def recur(a, b, n, m):\n    out = []\n    for _ in range(n):\n        out.append(a)\n"
        "        a, b = b, (a + 2 * b) % m\n    return out\n",
        "recur(1, 2, 6, 10)",
    )
    # (w489-12: `Pass 4:` is the fourth pass, where b came in as 9; b was 2 only in other passes)
    assert ungrounded_in(recur, "Pass 4: a = 2, b = 9, new b = (2 + 18) % 10 = 0.", backward=True) == []
    assert ungrounded_in(recur, "Pass 4: a = 2, b = 2, new b = (2 + 18) % 10 = 0.", backward=True) != []
    grades = traced(
        "def tally(scores):\n    counts = {}\n    for s in scores:\n        g = 'A' if s >= 80 else 'B'\n"
        "        counts[g] = counts.get(g, 0) + 1\n    return counts\n",
        "tally([82, 45, 91, 67])",
    )
    # (w489-5: `after the third score` names the state the third pass left)
    assert ungrounded_in(grades, "The keys come in order, so after the third score `counts = {'A': 2, 'B': 1}`.") == []
    assert ungrounded_in(grades, "The keys come in order, so after the third score `counts = {'A': 2, 'B': 2}`.") != []
    split = traced(
        "def split(n, k):\n    loads = []\n    while n > 0:\n        q, r = divmod(n, k)\n        if r == 0:\n"
        "            loads.append(k)\n            n -= k\n        else:\n            loads.append(r)\n            n -= r\n"
        "    return loads\n",
        "split(7, 4)",
    )
    # (w492-2: `at the start of the second pass` is the value that pass came in with)
    text = "In that pass `n -= k` took n down to 0, so n = {} at the start of the second pass."
    assert ungrounded_in(split, text.format(4), backward=True) == []
    assert ungrounded_in(split, text.format(7), backward=True) != []


def test_an_adjective_on_the_inner_loop_and_a_sets_size():
    sums = traced(
        "def peaks(vals, k):\n    sums = []\n    for i in range(len(vals) - k + 1):\n        s = 0\n"
        "        for v in vals[i:i + k]:\n            s += v\n        sums.append(s)\n    hits = 0\n"
        "    for j in range(1, len(sums) - 1):\n        if sums[j] > sums[j - 1]:\n            hits += 1\n"
        "    return hits\n",
        "peaks([2, 5, 1, 4, 6, 0], 3)",
    )
    # (w492-11: `the inner summing loop` is the inner loop, not the loop whose header says `sums`)
    assert ungrounded_in(sums, "The inner summing loop runs three times per window.", backward=True) == []
    assert ungrounded_in(sums, "The inner summing loop runs two times per window.", backward=True) != []
    rail = traced(
        "def clip(codes):\n    seen = set()\n    for code in codes:\n        seen.add(code)\n    return len(seen)\n",
        "clip([41, 7, 41, 19, 7, 41])",
    )
    # (w491-21: `the set still has 3 codes` is the size of the set, not the six codes the loop walked)
    assert ungrounded_in(rail, "After the loop the set still has 3 codes, so the function returns 3.") == []
    assert ungrounded_in(rail, "After the loop the set still has 4 codes, so the function returns 3.") != []


def test_a_pass_labelled_by_the_method_it_calls_and_its_argument():
    ticker = traced(
        "class Ticker:\n    def __init__(self):\n        self.last = None\n        self.rises = 0\n\n"
        "    def push(self, price):\n        if self.last is not None and price > self.last:\n"
        "            self.rises += 1\n        self.last = price\n\n\ndef run(prices):\n    t = Ticker()\n"
        "    for p in prices:\n        t.push(p)\n    return t.rises\n",
        "run([10, 12, 11, 15, 20])",
    )
    # (w490-8: `Push 20:` is the pass that pushed 20, where rises went from 2 to 3)
    assert ungrounded_in(ticker, "Push 20: 20 > 15, so rises = 3.") == []
    assert ungrounded_in(ticker, "Push 20: 20 > 15, so rises = 1.") != []
    # (`After \`...\`:` with a colon: the state the restated line left, w489-13)
    clamp = traced(
        "def clamp(v, lo, hi):\n    if lo > hi:\n        lo, hi = hi, lo\n    return max(lo, min(v, hi))\n",
        "clamp(14, 20, 5)",
    )
    assert ungrounded_in(clamp, "After `lo, hi = hi, lo`: lo = 5, hi = 20.") == []
    assert ungrounded_in(clamp, "After `lo, hi = hi, lo`: lo = 20, hi = 5.") != []


def test_a_change_told_between_two_values_and_a_test_never_true_again():
    refill = traced(
        "def refill(levels, threshold, batch):\n    orders = {}\n    for item, level in levels.items():\n"
        "        count = 0\n        while level < threshold:\n            level += batch\n            count += 1\n"
        "        if count:\n            orders[item] = count\n    return orders\n",
        "refill({'nails': 3, 'bolts': 12}, 11, 4)",
    )
    # (w490-19: `level becomes 11` follows the change to 7 the sentence told, not the one from 3)
    text = "nails (level 3): 3 < 11, so level becomes 3 + 4 = 7 and count = 1; 7 < 11, so level becomes {}."
    assert ungrounded_in(refill, text.format(11)) == []
    assert ungrounded_in(refill, "nails (level 3): 3 < 11, so level becomes 11.") != []
    leader = traced(
        "def leader(nums):\n    best = -1\n    for n in nums:\n        if n > best:\n            best = n\n"
        "    return best\n",
        "leader([2, 3, 1, 4, 0, 1])",
    )
    # (w493-20: `never true again` is from the latest value told on, not over the whole run)
    assert ungrounded_in(leader, "Then n = 4 makes best = 4. So `n > best` is never true again.") == []
    assert ungrounded_in(leader, "Then n = 3 makes best = 3. So `n > best` is never true again.") != []


def test_the_same_change_told_twice_in_a_sentence():
    codes = traced(
        "def codes(prefix, names):\n    out = []\n    next_no = 1\n    for name in names:\n"
        "        out.append(prefix + str(next_no))\n        next_no += 1\n    return out\n",
        "codes('K', ['Ana', 'Bo', 'Cyd'])",
    )
    # (w493-22: `next_no becomes 2` told of two names: it became 2 only once)
    text = "The first gets K1 and next_no becomes 2, the second gets K2 and next_no becomes {}."
    assert ungrounded_in(codes, text.format(3), backward=True) == []
    assert ungrounded_in(codes, text.format(2), backward=True) != []


def test_the_value_just_before_the_one_told_last_in_a_backward_walk():
    digits = traced(
        "def digits(n):\n    total = 0\n    for d in str(n):\n        total = total * 2 + int(d)\n    return total\n",
        "digits(4082)",
    )
    # (w488-5, w493-12: `just before` steps back from the value told last: 50 came from 24, not 8)
    text = "The last pass made total = 50 from 24 * 2 + 2, and total was {} just before."
    assert ungrounded_in(digits, text.format(24), backward=True) == []
    assert ungrounded_in(digits, text.format(8), backward=True) != []
    assert ungrounded_in(digits, "So total = 50 at the end. Just before it, total = 24.", backward=True) == []
    assert ungrounded_in(digits, "So total = 50 at the end. Just before it, total = 8.", backward=True) != []
    # (a bare `Before that,` may look further back: to the start)
    assert ungrounded_in(digits, "So total = 50 at the end. Before that, total = 0.", backward=True) == []


def test_a_pass_of_two_nested_loops_labelled_by_both_values():
    grid = traced(
        "def peak(grid):\n    best = 0\n    for r in range(2):\n        for c in range(2):\n"
        "            v = grid[r][c]\n            if v > best:\n                best = v\n    return best\n",
        "peak([[3, 1], [5, 9]])",
    )
    # (w493-18: `(1, 0):` is the pass where r = 1 and c = 0, which took best from 3 to 5, not to 9)
    assert ungrounded_in(grid, "- `(1, 0)`: 5 > 3, so best = 5.", backward=True) == []
    assert ungrounded_in(grid, "- `(1, 0)`: 5 > 3, so best = 9.", backward=True) != []


def test_a_variable_named_by_a_number_word_tests_false_in_brackets_and_none_of_some_passing():
    hops = traced(
        "def hop(h):\n    one = abs(h[1] - h[0])\n    two = one + 1\n    return two\n",
        "hop([2, 8])",
    )
    # (w497-22: `one` and `two` are variables here, not the numbers 1 and 2)
    assert ungrounded_in(hops, "So `two = one + 1 = 7`.") == []
    assert ungrounded_in(hops, "So `two = one + 1 = 8`.") != []
    bag = traced(
        "def put(items, size):\n    kept = []\n    for x in items:\n        kept.append(x)\n"
        "        if len(kept) > size:\n            kept.pop(0)\n    return kept\n",
        "put(['a', 'b', 'c', 'd'], 3)",
    )
    # (w495-24: the tests in brackets after `was False each time` are told false)
    text = "The first three puts only appended, and `len(kept) > size` was False each time (`1 > 3`, `2 > 3`, `3 > 3`)."
    assert ungrounded_in(bag, text) == []
    pairs = traced(
        "def pairs(n):\n    out = []\n    for a in range(1, n):\n        for b in range(a + 1, n):\n"
        "            if a * b > 4:\n                out.append((a, b))\n    return out\n",
        "pairs(4)",
    )
    # (w494-21: `no pair with a = 1 qualifies` says none of those pairs passes, not that a is never 1)
    assert ungrounded_in(pairs, "So no pair with `a = 1` qualifies.") == []
    assert ungrounded_in(pairs, "So no pair has `a = 1`.") != []


def test_the_loop_over_a_named_variable():
    rises = traced(
        "def rises(levels):\n    out = []\n    for lv in levels:\n        out.append(lv)\n    count = 0\n"
        "    for k in range(1, len(out)):\n        if out[k] > out[k - 1]:\n            count += 1\n    return count\n",
        "rises([12, 15, 14, 19, 19, 23])",
    )
    # (w498-7: `the loop over k` is the loop whose header sets k, which ran 5 times; the other ran 6)
    assert ungrounded_in(rises, "The loop over k ran 5 times and ends.") == []
    assert ungrounded_in(rises, "The loop over k ran 6 times and ends.") != []


def test_a_while_loops_checks_and_a_paragraph_that_opens_a_pass():
    drip = traced(
        "def drip(rate, target):\n    level = 0\n    ticks = 0\n    while level < target:\n"
        "        level += rate\n        ticks += 1\n    return ticks\n",
        "drip(3, 10)",
    )
    # (w502-17: `Third check:` is the while loop's third test, so its line tells the third pass)
    text = "Third check: 6 < 10 is true. Level becomes 9 and ticks becomes {}."
    assert ungrounded_in(drip, text.format(3)) == []
    assert ungrounded_in(drip, text.format(2)) != []
    tags = traced(
        "def strip_tags(tags, prefix):\n    rest = []\n    for tag in tags:\n        if tag.startswith(prefix):\n"
        "            rest.append(tag[len(prefix):])\n    return rest\n",
        "strip_tags(['db-main', 'web', 'db-cache'], 'db-')",
    )
    # (w505-15: `The first tag is ...` opens the first pass; the paragraph's later sentences tell it)
    text = 'The first tag is "db-main". It starts with "db-", so "main" is appended. rest is now {}.'
    assert ungrounded_in(tags, text.format("['main']")) == []
    assert ungrounded_in(tags, text.format("['main', 'cache']")) != []
    # (a sentence that goes on to the next item ends that pass: w261-3, w378-3)
    text = "The first tag is 'db-main', so rest = ['main']. The next tag 'web' is skipped. Then 'db-cache' gives rest = ['main', 'cache']."
    assert ungrounded_in(tags, text) == []


def test_the_kth_call_of_a_method_returns_what_that_call_returned():
    lamp = traced(
        "class Lamp:\n    def __init__(self):\n        self.lit = []\n\n    def light(self, n):\n"
        "        self.lit.append(n)\n        return sum(self.lit)\n\n"
        "def night(orders):\n    lamp = Lamp()\n    best = 0\n    for n in orders:\n        total = lamp.light(n)\n"
        "        if total > best:\n            best = total\n    return best\n",
        "night([4, 1, 6])",
    )
    # (w500-2: the second call of light returned 5; 4 is the first call's)
    text = "**Second call:** `light(1)` appended to `[4]` and returned `{}`."
    assert ungrounded_in(lamp, text.format(5), backward=True) == []
    assert ungrounded_in(lamp, text.format(4), backward=True) != []


def test_values_after_each_pass_told_with_a_repeat_and_bitwise_steps():
    close = traced(
        "def close_pairs(nums):\n    close = 0\n    for i in range(len(nums)):\n"
        "        for j in range(i + 1, len(nums)):\n            if abs(nums[i] - nums[j]) <= 2:\n"
        "                close += 1\n    return close\n",
        "close_pairs([1, 4, 2, 9, 3])",
    )
    # (w505-16: after each i close holds 2, 4, 5, 5, 5; a repeat told in another place is a slip)
    assert ungrounded_in(close, "Going over i, close after each i is 2, 4, 5, 5, 5.", backward=True) == []
    assert ungrounded_in(close, "Going over i, close after each i is 2, 4, 4, 5, 5.", backward=True) != []
    mask = traced(
        "def bits(shared):\n    mask = 0\n    for b in shared:\n        mask |= 1 << b\n    return mask\n",
        "bits([3, 6])",
    )
    # (w501-17: `mask |= 1 << 6` = 72 tells what the line left in mask, 1 << 6 being 64)
    assert ungrounded_in(mask, "The loop gives `mask |= 1 << 3` = 8, then `mask |= 1 << 6` = 72.") == []
    assert ungrounded_in(mask, "The loop gives `mask |= 1 << 3` = 8, then `mask |= 1 << 6` = 70.") != []


def test_runs_and_phrases_that_are_not_claims_of_their_own():
    evens = traced(
        "def split(nums):\n    evens = 0\n    for n in nums:\n        if n % 2 == 0:\n            evens += n\n"
        "    return evens\n",
        "split([4, 7, 10, 3, 6])",
    )
    # (w505-19: `part 4 + 10` is arithmetic, not the label `part 4`)
    assert ungrounded_in(evens, "With even part `4 + 10 + 6 = 20`.", backward=True) == []
    assert ungrounded_in(evens, "With even part `4 + 10 + 6 = 22`.", backward=True) != []
    # (w504-9: a run's sum starts at its first value, the one after `=`)
    assert ungrounded_in(evens, "The body adds n = 4, 10, 6, which sums to 20.", backward=True) == []
    # (w504-6: `1, 0, 1, 1, which is 0b1011` is the run, not its last digit)
    assert ungrounded_in(evens, "Reading the bits gives 1, 0, 1, 0, which is `0b1010 = 10`.", backward=True) == []
    peaks = traced(
        "def peaks(vals):\n    out = []\n    for i in range(1, len(vals) - 1):\n        left, right = vals[i - 1], vals[i + 1]\n"
        "        if vals[i] > left and vals[i] >= right:\n            out.append(i)\n    return out\n",
        "peaks([1, 3, 2, 5, 4])",
    )
    # (w500-24: `its right one` is a neighbour, not right = 1)
    assert ungrounded_in(peaks, "Each index in out is bigger than its left neighbour and at least its right one.") == []


def test_a_restated_subscript_step_then_the_whole_list_and_three_bit_numerals():
    basin = traced(
        "def drops(n, pairs):\n    slots = [0] * n\n    for pos, count in pairs:\n        i = pos % n\n"
        "        slots[i] += count\n    return slots\n",
        "drops(4, [(1, 5), (6, 3)])",
    )
    # (w510-17: the restated `slots[i] += count` and then the list it left, not the element's value)
    assert ungrounded_in(basin, "`slots[i] += count` gives `[0, 5, 0, 0]`.") == []
    assert ungrounded_in(basin, "`slots[i] += count` gives `[0, 5, 1, 0]`.") != []
    # (w508-13: in a sentence of bits, `101` = 5 is a numeral in base 2)
    assert ungrounded_in(basin, "Each slot is a 3-bit number: `101` = 5.") == []
    assert ungrounded_in(basin, "Each slot is a 3-bit number: `101` = 6.") != []


def test_a_value_that_a_step_not_taken_is_drawn_from_is_the_state_it_was_taken_in():
    flips = traced(
        "def flips(s):\n    n = 0\n    prev = None\n    for ch in s:\n        up = ch.isupper()\n"
        "        if prev is not None and up != prev:\n            n += 1\n        prev = up\n    return n\n",
        "flips('HeL')",
    )
    # (w500-19: `prev is None, so no flip` tells the value the test read, before the pass set prev)
    assert ungrounded_in(flips, "- `'H'`: `up = True`; `prev` is `None`, so no flip.") == []
    assert ungrounded_in(flips, "- `'H'`: `up = True`; `prev` is `False`, so no flip.") != []
