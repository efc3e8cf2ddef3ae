import pytest

from vcot_assets.core.synthesis import parsing
from vcot_assets.core.synthesis.parsing import (
    ParseError,
    extract_code_block,
    fenced_blocks,
    parse_concepts,
    parse_instructions,
    parse_narration,
    parse_scenarios,
    parse_signature,
    parse_tests,
    repetitive,
    strip_reasoning_blocks,
)
from vcot_assets.core.synthesis.reading import read_teacher_text


def reason_of(call, *args):
    with pytest.raises(ParseError) as info:
        call(*args)
    return info.value.reason


# --- reasoning blocks and fences ------------------------------------------------------------


def test_strip_reasoning_blocks_variants():
    assert strip_reasoning_blocks("<think>a\nb</think>\nAnswer") == "Answer"
    assert strip_reasoning_blocks("<THINK>x</THINK>one<think>y</think>two") == "onetwo"
    # opening tag sent in the prompt: only the closing one comes back
    assert strip_reasoning_blocks("half a thought</think>\nreal") == "real"
    # cut off while thinking: nothing usable
    assert strip_reasoning_blocks("<think>never ends") == ""
    assert strip_reasoning_blocks("plain") == "plain"


def test_fenced_blocks_languages_and_unclosed():
    text = "intro\n```python\na = 1\n```\n~~~\nraw\n~~~\n```json\n[1"
    blocks = fenced_blocks(text)
    assert [(b.lang, b.body, b.closed) for b in blocks] == [
        ("python", "a = 1", True),
        ("", "raw", True),
        ("json", "[1", False),
    ]


def test_non_text_and_empty_outputs_are_parse_errors():
    for parser in (parse_concepts, parse_instructions, parse_scenarios, extract_code_block, parse_narration):
        assert reason_of(parser, None) == "not_text"
        assert reason_of(parser, "<think>only thinking</think>  ") == "empty_output"
    assert reason_of(parse_signature, 42, "i") == "not_text"


# --- concepts --------------------------------------------------------------------------------

CONCEPTS = """<think>let me pick</think>
Here you go:
```json
[{"name": "Binary search", "keyphrase": "bisect", "description": "Halve a sorted range.",
  "examples": ["bisect_left", "lower bound"], "difficulty": "Medium"},
 {"name": "binary  search", "keyphrase": "bisect", "description": "dup", "difficulty": "easy"},
 {"name": "Stacks", "description": "LIFO.", "examples": "push/pop", "difficulty": "easy"}]
```"""


def test_parse_concepts_normalizes_and_drops_repeated_names():
    concepts = parse_concepts(CONCEPTS)
    assert [c["name"] for c in concepts] == ["Binary search", "Stacks"]
    assert concepts[0] == {
        "name": "Binary search",
        "keyphrase": "bisect",
        "description": "Halve a sorted range.",
        "examples": ["bisect_left", "lower bound"],
        "difficulty": "medium",
    }
    assert concepts[1]["examples"] == ["push/pop"] and concepts[1]["keyphrase"] == ""
    # the same whole concept three times or more is a model stuck in a loop, not a name to merge
    item = '{"name": "iterator", "keyphrase": "it", "description": "An iterator is a iterator", "examples": [], "difficulty": "easy"}'
    assert reason_of(parse_concepts, "[" + ", ".join([item] * 3) + "]") == "repeated_items"
    assert reason_of(parse_concepts, "[" + ", ".join([item] * 4) + ", {", True) == "repeated_items"  # (cut)
    assert len(parse_concepts("[" + ", ".join([item] * 2) + "]")) == 1


def test_parse_concepts_repairs_almost_json_and_rejects_what_it_lacks():
    text = '```json\n[{"name": "a", "description": "b, c", "examples": ["x",], "difficulty": "easy"},]\n```'
    assert parse_concepts(text)[0]["examples"] == ["x"]
    single_quoted = "```json\n[{'name': 'a', 'description': 'b', 'examples': [], 'difficulty': 'hard'}]\n```"
    assert parse_concepts(single_quoted)[0]["difficulty"] == "hard"
    assert reason_of(parse_concepts, '```json\n[{"name": "a",, "description": "b"}]\n```') == "bad_difficulty"
    # a null difficulty is given as unknown: the concept stands
    assert parse_concepts('[{"name": "a", "description": "b", "difficulty": null}]')[0]["difficulty"] is None


def test_parse_concepts_accepts_bare_array_and_empty_list():
    assert (
        parse_concepts('Sure: [{"name": "a", "description": "b", "difficulty": "hard"}] done')[0]["difficulty"]
        == "hard"
    )
    assert parse_concepts("```json\n[]\n```") == []
    assert parse_concepts('```json\n{"concepts": [{"name": "a", "description": "b", "difficulty": "easy"}]}\n```')


def test_an_item_that_restates_an_earlier_one_and_adds_to_it_is_the_same_exercise():
    heap = "Write a function that checks if a list is a heap."
    text = f"1. [function] {heap}\n1. [function] {heap}\n1. [function] {heap} A heap is a heap."
    assert parse_instructions(text) == [("function", heap)]
    # an earlier item that is only the start of a sentence is not a whole statement restated
    text = "1. [function] Write `f(x)`\n2. [function] Write `f(x)` that doubles x."
    assert [s for _, s in parse_instructions(text)] == ["Write `f(x)`", "Write `f(x)` that doubles x."]


@pytest.mark.parametrize(
    "text, reason",
    [
        ("no json here", "no_json"),
        ('```json\n[{"name": "a",]\n```', "malformed_concept"),
        ('```json\n{"name": "a"}\n```', "not_a_list"),
        ('```json\n["a"]\n```', "malformed_concept"),
        ('```json\n[{"name": "", "description": "b", "difficulty": "easy"}]\n```', "malformed_concept"),
        ('```json\n[{"name": "a", "description": "b", "difficulty": "trivial"}]\n```', "bad_difficulty"),
        ('```json\n[{"name": "a", "description": "b", "difficulty": "easy", "examples": 3}]\n```', "malformed_concept"),
    ],
)
def test_parse_concepts_rejections(text, reason):
    assert reason_of(parse_concepts, text) == reason


# --- instructions ----------------------------------------------------------------------------


def test_parse_instructions_kinds_continuations_and_duplicates():
    text = """Here are the exercises.

1. [function] Write `solution(nums)` returning the running total
   of a list of integers.
2) **[Class]** Implement a `Counter` with `add(x)`.
3. [function]: Return the running total of a list of integers.
4. [function] write `solution(nums)` returning the running total of a list of integers.
"""
    assert parse_instructions(text) == [
        ("function", "Write `solution(nums)` returning the running total of a list of integers."),
        ("class", "Implement a `Counter` with `add(x)`."),
        ("function", "Return the running total of a list of integers."),
    ]


@pytest.mark.parametrize(
    "text, reason",
    [
        ("Just prose, no list.", "no_list"),
        ("1. Write something without a kind", "missing_kind"),
        ("1. [method] wrong kind", "missing_kind"),
        ("1. [class]   ", "empty_instruction"),
        # one statement three times: a small model stuck in a loop, not three exercises merged into one
        (
            "\n".join(f"{n}. [function] Odd/even case split is when the list is odd or even." for n in (1, 2, 3)),
            "repeated_items",
        ),
    ],
)
def test_parse_instructions_rejections(text, reason):
    assert reason_of(parse_instructions, text) == reason


def test_an_untagged_item_among_tagged_ones_is_rejected_on_its_own():
    text = "1. [function] Write a function that returns the similarity ratio.\n\n2. The similarity ratio"
    assert parse_instructions(text) == [
        ("function", "Write a function that returns the similarity ratio."),
        ("", "The similarity ratio"),
    ]
    reading = read_teacher_text("instructions", text)
    assert reading.value == [("function", "Write a function that returns the similarity ratio.")]
    assert reading.item_rejections == ["The similarity ratio"]


def test_a_default_value_is_kept_in_the_signature():
    sig = parse_signature("**Function:** `expand_tabs(line: str, tabsize: int = 8) -> str`\n\nThe usual width.", "i")
    assert sig.raw == "Function: expand_tabs(line: str, tabsize: int = 8) -> str"
    assert [(p.name, p.default) for p in sig.params] == [("line", ""), ("tabsize", "8")]
    cls = parse_signature("Class: Tabs; __init__(self, width: int = 4) -> None; expand(self, s: str) -> str", "i")
    assert cls.raw.startswith("Class: Tabs; __init__(self, width: int = 4) -> None")


def test_a_class_signature_with_commented_methods_or_as_json_objects():
    text = "Class: RunSplitter\n__init__(self, nums: list[int]) -> None\n\nMethods:\n- split(self) -> list[int]  # primary method"
    assert (
        parse_signature(text, "i").raw
        == "Class: RunSplitter; __init__(self, nums: list[int]) -> None; split(self) -> list[int]"
    )
    # (an explanation after a colon, in lowercase too; the colons inside annotate parameters)
    spread = "Class: RunningMean\n\n__init__(self) -> None\n\nMethods:\n- add(self, x: float) -> float: records x and returns the mean"
    assert (
        parse_signature(spread, "i").raw == "Class: RunningMean; __init__(self) -> None; add(self, x: float) -> float"
    )
    again = "Class: Med; __init__(self) -> None; add(self, x: float) -> float\n\nMethods:\n- add(self, x: float) -> float: records x"
    assert parse_signature(again, "i").raw == "Class: Med; __init__(self) -> None; add(self, x: float) -> float"
    with pytest.raises(ParseError):  # listed again differently: which one is meant is not known
        parse_signature(again.replace("- add(self, x: float)", "- add(self, x: int)"), "i")
    as_json = (
        '{"kind": "class", "name": "SortedBag", "init": {"params": []},'
        ' "methods": [{"name": "add", "params": [{"name": "x", "type": "int"}], "returns": "int"}]}'
    )
    assert parse_signature(as_json, "i").raw == "Class: SortedBag; __init__(self) -> None; add(self, x: int) -> int"
    with pytest.raises(ParseError):  # a method object without a return type is rejected, not guessed
        parse_signature('{"kind": "class", "name": "B", "methods": [{"name": "add", "params": []}]}', "i")


def test_a_json_signature_with_parameters_as_an_object_of_names():
    diff = '{"function": "line_diff", "parameters": {"old": "list[str]", "new": "list[str]"}, "returns": "list[str]"}'
    assert parse_signature(diff, "i").raw == "Function: line_diff(old: list[str], new: list[str]) -> list[str]"
    tabs = '{"kind": "function", "name": "f", "params": {"n": {"type": "int", "default": 8}}, "returns": "int"}'
    assert parse_signature(tabs, "i").raw == "Function: f(n: int = 8) -> int"


def test_a_json_signature_without_its_label_takes_the_kind_the_reply_gives():
    fractions = '{"signature": "add(a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int]", "kind": "function"}'
    assert (
        parse_signature(fractions, "i").raw
        == "Function: add(a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int]"
    )
    bag = '{"signature": "Bag; __init__(self) -> None; add(self, x: int) -> int"}'
    assert parse_signature(bag, "i").raw == "Class: Bag; __init__(self) -> None; add(self, x: int) -> int"
    with pytest.raises(ParseError) as raised:  # a sentence is not a signature, whatever key holds it
        parse_signature('{"signature": "it adds two fractions"}', "i")
    assert raised.value.reason == "no_signature"


def test_instructions_labelled_with_their_kind_in_brackets():
    text = "Instruction 1 (function): Write `f(x)` that doubles x.\n\nInstruction 2 (class): Write a class `C` with `get()`."
    assert parse_instructions(text) == [
        ("function", "Write `f(x)` that doubles x."),
        ("class", "Write a class `C` with `get()`."),
    ]


def test_a_json_signature_keeps_defaults_and_rejects_a_parameter_without_a_name():
    tabs = (
        '{"kind": "function", "name": "expand_tabs", "parameters": [{"name": "line", "type": "str"},'
        ' {"name": "tabsize", "type": "int", "default": 8}, {"name": "fill", "type": "str", "default": " "}],'
        ' "returns": "str"}'
    )
    sig = parse_signature(tabs, "i")
    assert sig.raw == "Function: expand_tabs(line: str, tabsize: int = 8, fill: str = ' ') -> str"
    method = '{"kind": "class", "name": "Tabs", "methods": [{"name": "width", "params": [{"name": "n", "type": "int", "default": "4"}], "returns": "int"}]}'
    assert parse_signature(method, "i").raw == "Class: Tabs; __init__(self) -> None; width(self, n: int = 4) -> int"
    for nameless in (  # dropping the entry would read a signature with one parameter fewer
        '{"kind": "function", "name": "f", "parameters": [{"name": "a", "type": "int"}, {"type": "int"}], "returns": "int"}',
        '{"kind": "class", "name": "B", "methods": [{"name": "add", "params": [{"type": "int"}], "returns": "int"}]}',
    ):
        with pytest.raises(ParseError) as raised:
            parse_signature(nameless, "i")
        assert raised.value.reason == "malformed_signature"


# --- signatures ------------------------------------------------------------------------------


def test_parse_function_signature():
    sig = parse_signature(
        "Function: merge_intervals(items: list[tuple[int, int]], gap: int) -> list[tuple[int, int]]", "i1"
    )
    assert (sig.instruction_id, sig.kind, sig.name, sig.returns) == (
        "i1",
        "function",
        "merge_intervals",
        "list[tuple[int, int]]",
    )
    assert [(p.name, p.type) for p in sig.params] == [("items", "list[tuple[int, int]]"), ("gap", "int")]
    assert sig.methods == [] and sig.primary_method == ""
    assert sig.raw == "Function: merge_intervals(items: list[tuple[int, int]], gap: int) -> list[tuple[int, int]]"


def test_parse_signature_tolerates_decoration():
    for text in (
        "```\nFunction: f(x: int) -> int\n```",
        "**Function:** `f(x: int) -> int`",
        "<think>hmm</think>Sure.\n- function: def f(x: int) -> int:",
        "```python\ndef f(x: int) -> int:\n```",  # a bare head in a fence, no body
    ):
        sig = parse_signature(text, "i")
        assert (sig.name, sig.returns, [p.name for p in sig.params]) == ("f", "int", ["x"])


def test_parse_class_signature_one_line_and_multi_line():
    one = parse_signature(
        "Class: Bank; __init__(self, balance: int) -> None; deposit(self, amount: int) -> int; "
        "history(self) -> list[int]",
        "i2",
    )
    many = parse_signature(
        "Class: Bank\n__init__(self, balance: int) -> None\ndeposit(self, amount: int) -> int\n"
        "history(self) -> list[int]\n\nThat is all.",
        "i2",
    )
    for sig in (one, many):
        assert (sig.kind, sig.name, sig.primary_method, sig.returns) == ("class", "Bank", "deposit", "int")
        assert [(p.name, p.type) for p in sig.params] == [("balance", "int")]
        assert [(m.name, [p.name for p in m.params], m.returns) for m in sig.methods] == [
            ("deposit", ["amount"], "int"),
            ("history", [], "list[int]"),
        ]
    assert one.raw == many.raw


def test_class_without_constructor_has_no_params():
    sig = parse_signature("Class: Clock; tick(self) -> int", "i")
    assert sig.params == [] and sig.primary_method == "tick"


@pytest.mark.parametrize(
    "text, reason",
    [
        ("solution(x: int) -> int", "no_signature"),
        ("Function: f(x: int) -> int\nFunction: g(y: int) -> int", "multiple_signatures"),
        ("Function: f(x: int", "malformed_signature"),
        ("Function: f(x) -> int", "missing_type"),
        ("Function: f(x: int)", "missing_return_type"),
        ("Function: f(*xs: int) -> int", "unsupported_params"),
        ("Function: f(x: int, x: int) -> int", "duplicate_param"),
        ("Class: Bad Name; run(self) -> int", "malformed_signature"),
        ("Class: Box; __init__(self, v: int) -> None", "no_methods"),
        ("Class: Box; get(self) -> int; get(self) -> int", "duplicate_method"),
        ("Class: Box; get(self)", "missing_return_type"),
    ],
)
def test_parse_signature_rejections(text, reason):
    assert reason_of(parse_signature, text, "i") == reason


# --- code --------------------------------------------------------------------------------------


def test_extract_code_block_prefers_python_block():
    text = (
        "Explanation\n```text\nnot code\n```\n```python\ndef f(x):\n    return x + 1\n```\n```python\nprint(f(1))\n```"
    )
    assert extract_code_block(text) == "def f(x):\n    return x + 1\n"
    assert extract_code_block("```\nclass A:\n    pass\n```") == "class A:\n    pass\n"


def test_the_solution_is_not_a_block_of_test_functions_nor_the_demo_after_it():
    tests_first = (
        "Tests:\n```python\ndef test_pop():\n    assert Queue().pop() is None\n\n"
        "def test_push():\n    q = Queue()\n    q.push(1)\n    assert q.pop() == 1\n```\n"
        "Solution:\n```python\nclass Queue:\n    def __init__(self):\n        self.items = []\n```"
    )
    assert extract_code_block(tests_first) == "class Queue:\n    def __init__(self):\n        self.items = []\n"
    demo = "```python\nclass Bag:\n    def add(self, x):\n        return x\n\nbag = Bag()\nbag.add(3)\n```"
    assert extract_code_block(demo) == "class Bag:\n    def add(self, x):\n        return x\n"
    chained = demo.replace("bag.add(3)", "bag.add(3).add(4)\nprint(bag)")  # a chain of calls on what the demo made
    assert extract_code_block(chained) == "class Bag:\n    def add(self, x):\n        return x\n"
    checked = demo.replace("bag.add(3)", "# Tests\nassert bag.add(3) == 3")  # the demo's asserts
    assert extract_code_block(checked) == "class Bag:\n    def add(self, x):\n        return x\n"
    looped = demo.replace("bag.add(3)", "for w in [1, 2]:\n    bag.add(w)\nassert bag.add(3) == 3")  # a loop of calls
    assert extract_code_block(looped) == "class Bag:\n    def add(self, x):\n        return x\n"
    # a loop that does more than call what the code made is the solution's own
    built = "```python\ndef f(x):\n    return TABLE[x]\n\nTABLE = {}\nfor k in range(3):\n    TABLE[k] = f\n```"
    assert extract_code_block(built) == built[10:-3]
    # a constant after the definitions is the solution's own
    constant = "```python\ndef f(x):\n    return x * LIMIT\n\nLIMIT = 3\n```"
    assert extract_code_block(constant) == "def f(x):\n    return x * LIMIT\n\nLIMIT = 3\n"
    # a pytest test appended in the solution's block is left out; a solution named test_* stays
    appended = demo.replace("bag = Bag()\nbag.add(3)", "def test_add():\n    assert Bag().add(3) == 3")
    assert extract_code_block(appended) == "class Bag:\n    def add(self, x):\n        return x\n"
    named = "```python\ndef test_prime(n):\n    assert n > 1\n    return all(n % d for d in range(2, n))\n```"
    assert extract_code_block(named) == named[10:-3]


@pytest.mark.parametrize(
    "text, reason",
    [
        ("def f(): return 1", "no_code_block"),
        ("```python\ndef f(:\n    pass\n```", "syntax_error"),
        ("```python\n\n\n```", "empty_code"),
        ("```python\ndef f():\n    return [1, 2,", "unterminated_code_block"),
    ],
)
def test_extract_code_block_rejections(text, reason):
    assert reason_of(extract_code_block, text) == reason


def test_instructions_as_numbered_headers_over_their_statements():
    text = (
        "## Exercises: Substrings\n\n### Exercise 1 \u2014 [function]\nWrite `f(a, b)` that returns the overlap.\n"
        'Return "" when there is none.\n\n### Exercise 2 \u2014 [class]\nImplement a class `M` with `overlap(o)`.\n'
    )
    assert parse_instructions(text) == [
        ("function", 'Write `f(a, b)` that returns the overlap. Return "" when there is none.'),
        ("class", "Implement a class `M` with `overlap(o)`."),
    ]


# --- scenarios --------------------------------------------------------------------------------


def test_parse_scenarios():
    text = "Scenarios:\n1. An empty list.\n2. **A single element.**\n3. An empty list.\n4. Negative numbers\n  mixed with zeros."
    assert parse_scenarios(text) == ["An empty list.", "A single element.", "Negative numbers mixed with zeros."]
    # Beside numbered items, bullets are sub-points (examples under a scenario), not scenarios.
    with_examples = "1. Ties.\n   - Example: `f([1, 1])`\n- also an example\n2. Empty input."
    assert parse_scenarios(with_examples) == ["Ties.", "Empty input."]
    # lettered points under a scenario are wrapped text of it, their letters not part of it
    lettered = (
        "1. Equal values go after the others, for example:\n   a. one equal value;\n   b. two equal values.\n2. Empty."
    )
    assert parse_scenarios(lettered) == [
        "Equal values go after the others, for example: one equal value; two equal values.",
        "Empty.",
    ]
    assert parse_scenarios("- Ties.\n- Empty input.\n- <scenario>") == ["Ties.", "Empty input."]
    # a paragraph after the list is a closing remark, not more of a short last item
    remark = "1. Two equal fractions.\n2. Negative fractions.\n\nThese scenarios test the function compare fractions."
    assert parse_scenarios(remark) == ["Two equal fractions.", "Negative fractions."]
    glued = "1. Two equal fractions.\n2. Negative fractions.\nThe list is sorted so each goes in its place."
    assert parse_scenarios(glued) == ["Two equal fractions.", "Negative fractions."]  # (no blank line before it)
    wrapped = "1. Two equal fractions, written\nas 1/2 and 2/4.\n2. Negative fractions.\nAnd zero."
    assert parse_scenarios(wrapped)[0] == "Two equal fractions, written as 1/2 and 2/4."
    assert parse_scenarios('{"scenarios": ["Ties.", {"description": "Empty input."}]}') == ["Ties.", "Empty input."]
    # JSON mode keyed by item numbers, under the wrapper key
    assert parse_scenarios('{"test_scenarios": {"1": "Ties.", "2": "Empty input."}}') == ["Ties.", "Empty input."]
    assert reason_of(parse_scenarios, "none at all") == "no_list"
    # a model stuck in a loop (the same item again and again) gave no scenarios
    looping = "1. <scenario>\n" + "".join(f"{n}. The tracker tracks the run.\n" for n in range(2, 6))
    assert reason_of(parse_scenarios, looping) == "repeated_items"


# --- tests ----------------------------------------------------------------------------------------


def test_top_level_chunks_keep_decorators_and_drop_comments():
    code = (
        "import math\n\n# a note\n@skip\ndef test_a():\n    assert f(1) == 2\n\ndef test_b():\n    assert f(2) == 3\n"
    )
    assert parsing._top_level_chunks(code) == [
        "import math",
        "@skip\ndef test_a():\n    assert f(1) == 2",
        "def test_b():\n    assert f(2) == 3",
    ]


def test_parse_tests_splits_and_rejects_one_by_one():
    text = """```python
import math

def test_basic():
    assert solution([1, 2, 3], 2) == [1]

def test_two_asserts():
    assert solution([], 1) == []
    assert solution([1], 1) == []

def helper():
    return 1

def test_basic_again():
    assert solution([1, 2, 3], 2) == [1]

def test_class():
    assert Counter(3).add(2) == 5
```"""
    tests, rejections = parse_tests(text, "inst")
    assert [(t.test_id, t.call, t.expected) for t in tests] == [
        ("inst-t01", "solution([1, 2, 3], 2)", "[1]"),
        ("inst-t05", "Counter(3).add(2)", "5"),
    ]
    assert all(t.instruction_id == "inst" and t.source.startswith("def test_") for t in tests)
    by_id = {r.item_id: r.reason for r in rejections}
    assert by_id["inst-t00"] == "not_a_test" and by_id["inst-t03"] == "not_a_test"
    assert by_id["inst-t04"] == "duplicate_test"
    assert "inst-t02" in by_id and by_id["inst-t02"] not in ("not_a_test", "duplicate_test")
    assert all(r.stage == "candidate_tests" for r in rejections)
    # `== None` and `is None` test one thing: the second is a repeat
    tests, rejections = parse_tests(
        "```python\ndef test_a():\n    assert f(1) == None\n\ndef test_b():\n    assert f(1) is None\n```", "inst"
    )
    assert [t.test_id for t in tests] == ["inst-t00"] and [r.reason for r in rejections] == ["duplicate_test"]


def test_parse_tests_without_block_is_one_rejection():
    tests, rejections = parse_tests("assert solution(1) == 2", "inst")
    assert tests == [] and [(r.item_id, r.reason) for r in rejections] == [("inst", "no_code_block")]
    tests, rejections = parse_tests("```python\n# nothing\n```", "inst")
    assert [r.reason for r in rejections] == ["no_tests"]


# --- narration ----------------------------------------------------------------------------------


def test_parse_narration_takes_last_answer_line():
    text = (
        "<think>draft</think>We start with total = 0.\nThe answer is not yet known.\nAnswer: 3 (draft)\n"
        "Then total = 6.\n**Answer:** `[4, 3, 6]`\n"
    )
    reasoning, answer = parse_narration(text)
    assert answer == "[4, 3, 6]"
    assert reasoning.startswith("We start with total = 0.") and reasoning.endswith("Then total = 6.")
    assert parse_narration("x becomes 2.\nanswer: f([1, 2])") == ("x becomes 2.", "f([1, 2])")


@pytest.mark.parametrize(
    "text, reason",
    [
        ("We loop and return 6.", "no_answer"),
        ("total = 6\nAnswer:   ", "empty_answer"),
        ("total = 6\nAnswer: [1, 2", "answer_syntax"),
        ("Answer: 6", "empty_reasoning"),
    ],
)
def test_parse_narration_rejections(text, reason):
    assert reason_of(parse_narration, text) == reason


def test_parsers_never_raise_anything_but_parse_error():
    nasty = [
        "",
        "```",
        "```python\n" + "(" * 500 + "\n```",
        "Function: " + "f(" * 300,
        "\x00\x01",
        "1. [" * 1000,
        "Answer: " + "[" * 400 + "\nx",
        "```json\n" + "[" * 5000 + "\n```",
        "Class: ;;;",
        "</think>",
    ]
    for text in nasty:
        for call in (
            parse_concepts,
            parse_instructions,
            parse_scenarios,
            extract_code_block,
            parse_narration,
            lambda t: parse_signature(t, "i"),
        ):
            try:
                call(text)
            except ParseError:
                pass


def test_a_backward_answer_is_a_call_or_labelled_arguments():
    assert parsing.parse_backward_narration("f takes it back.\nAnswer: f([1, 2], 3)")[1] == "f([1, 2], 3)"
    # the paper's form: the arguments under an input label
    assert parsing.parse_backward_narration("Reasoning.\nPredicted Input: [-2, 3, -1, 0], 2")[1] == "[-2, 3, -1, 0], 2"
    with pytest.raises(parsing.ParseError) as err:
        parsing.parse_backward_narration("The consonants are kept.\n\nAnswer: 'dctn'")  # the output restated
    assert err.value.reason == "answer_not_a_call"


def test_a_backward_answer_that_names_its_arguments_is_no_call_to_run():
    # (r159, r113: a small model restates the parameters; `f(s, c) with s a string`)
    for answer in ("f(s, c) with s a string", "merge_counts(a, b)", "f(items=xs)"):
        with pytest.raises(parsing.ParseError) as err:
            parsing.parse_backward_narration(f"The parts are kept.\n\nAnswer: {answer}")
        assert err.value.reason == "answer_not_concrete"
    # a builtin, a program's constant or any value among the arguments is read (running it judges it)
    for answer in ("f(words, key=len)", "f(RED)", "f(xs, 3)", "f(sorted)", "f()"):
        assert parsing.parse_backward_narration(f"Reasoning.\nAnswer: {answer}")[1] == answer


def test_a_backward_answer_repeated_and_trailing_off_is_the_whole_call():
    # (r157: a small model repeats its answer line and trails off in the start of it)
    text = "So the list is [5, 1, 8].\nAnswer: count_above([5, 1, 8], 4)\nAnswer: count_above([5, 1, 8], 4)\nThe answer is count_above"
    assert parsing.parse_backward_narration(text) == ("So the list is [5, 1, 8].", "count_above([5, 1, 8], 4)")
    # (an answer the reply goes on to change is not taken back: the last one is read, and rejected)
    for changed in (
        "Reasoning.\nAnswer: f(3)\nNo, that is wrong.\nThe answer is 7",
        "Reasoning.\nAnswer: f(3)\nAnswer: g",
    ):
        with pytest.raises(parsing.ParseError) as err:
            parsing.parse_backward_narration(changed)
        assert err.value.reason == "answer_not_a_call"


def test_json_mode_replies_are_read_by_content():
    code = parsing.extract_code_block(
        '{"thoughts": "peel bytes", "solution": "```python\\ndef f(x):\\n    return x\\n```"}'
    )
    assert code == "def f(x):\n    return x\n"
    assert parsing.extract_code_block('{"function_name": "g", "code": "def g():\\n    return 1"}').startswith("def g")
    tests, rejections = parsing.parse_tests(
        '{"test_cases": [{"name": "t1", "assertion": "assert f(1) == 1"}, {"name": "t2", "assertion": "assert f(2) == 2"}]}',
        "i0",
    )
    assert [t.call for t in tests] == ["f(1)", "f(2)"] and not rejections
    reasoning, answer = parsing.parse_narration('{"trace_summary": ["x is 3", "loop ends"], "answer": null}')
    assert answer == "None" and "loop ends" in reasoning
    assert parsing.parse_narration('{"analysis": ["count = 3"], "function_call": "f(3)"}')[1] == "f(3)"
    # a JSON string holding a word is that string, not a name (`"answer": "cdb"` is 'cdb')
    assert parsing.parse_narration('{"steps": ["out = \'cdb\'"], "answer": "cdb"}')[1] == "'cdb'"
    assert parsing.parse_narration('{"steps": ["x"], "answer": "[1, 2]"}')[1] == "[1, 2]"
    assert parsing.parse_narration('{"steps": ["x"], "answer": "True"}')[1] == "True"
    assert parsing.parse_instructions('{"1": "[class] A counter.", "2": "[function] Sum a list."}') == [
        ("class", "A counter."),
        ("function", "Sum a list."),
    ]
    assert parsing.parse_signature('{"Function": "choose(n: int, k: int) -> int"}', "i").name == "choose"
    signature = parsing.parse_signature(
        '{"function": "span", "parameters": [{"name": "a", "type": "str"}], "returns": "int"}', "i"
    )
    assert signature.name == "span" and [p.name for p in signature.params] == ["a"]


def test_concepts_written_as_a_markdown_list_are_read():
    text = """Here are the concepts:

**1. Frequency counting**
* Keyphrase: counting hashable items
* Description: Counting how often each value occurs.
* Examples: letters in a word; votes per candidate
* Difficulty: Easy

**2. Multiset operations**
* Keyphrase: multiset
* Description: Adding and subtracting counts of bags.
* Examples: merging inventories
* Difficulty: Medium
"""
    concepts = parsing.parse_concepts(text)
    assert [(c["name"], c["difficulty"]) for c in concepts] == [
        ("Frequency counting", "easy"),
        ("Multiset operations", "medium"),
    ]
    assert concepts[0]["examples"] == ["letters in a word", "votes per candidate"]


def test_markdown_concepts_may_give_their_keyphrase_in_brackets_after_the_name():
    text = """### Concepts

1. **Fraction arithmetic** (keyphrase: Fraction)
   - Description: Adding fractions exactly.
   - Examples: `Fraction(1, 3) + Fraction(1, 6)`; exact money sums
   - Difficulty: medium

**2. Top-k by frequency** (keyphrase: "most common")
- Description: The n most frequent elements.
- Difficulty: hard
"""
    concepts = parsing.parse_concepts(text)
    assert [(c["name"], c["keyphrase"], c["difficulty"]) for c in concepts] == [
        ("Fraction arithmetic", "Fraction", "medium"),
        ("Top-k by frequency", "most common", "hard"),
    ]


def test_answer_lines_with_prose_around_the_call():
    reply = "Working back.\n\nAnswer: merge_sorted([[1, 4], [2, 3]]), which returns [1, 2, 3, 4] as required."
    assert parsing.parse_backward_narration(reply)[1] == "merge_sorted([[1, 4], [2, 3]])"
    reply = "Working back.\n\nAnswer: The call clamp_all([-2, 5, 12], 0, 10) returns [0, 5, 10]."
    assert parsing.parse_backward_narration(reply)[1] == "clamp_all([-2, 5, 12], 0, 10)"
    assert parsing.parse_narration("Steps.\nAnswer: (1, 2)")[1] == "(1, 2)"
    # a full stop and the next sentence, not the attribute `4.5 .The`
    assert parsing.parse_narration("Steps.\nAnswer: 4.5. The result is a float.")[1] == "4.5"
    assert parsing.parse_narration("Steps.\nAnswer: 'a. B'")[1] == "'a. B'"
    # `is the answer` after the value is prose, not a comparison `[0, 3, 10] is the`
    assert parsing.parse_narration("Steps.\nAnswer: [0, 3, 10] is the answer of the list")[1] == "[0, 3, 10]"
    assert parsing.parse_narration("Steps.\nAnswer: x is None")[1] == "x is None"


def test_an_item_that_repeats_one_word_over_and_over_is_a_model_stuck_in_a_loop():
    reply = "1. An exact match comes first.\n2. An empty list gives [].\n3. test test test test 1. 2. 3. the word"
    assert reason_of(parsing.parse_scenarios, reply) == "repeated_items"
    # quoted input may repeat a word
    assert parsing.parse_scenarios("1. The text 'a a a a' counts four words.\n2. An empty text gives 0.") == [
        "The text 'a a a a' counts four words.",
        "An empty text gives 0.",
    ]


def test_words_said_twice_running_across_items_are_a_stutter():
    # (r159: SmolLM2's scenarios)
    reply = "1. test test test the Suggester suggest suggest\n2. the the word word is is\n3. 1. 1. 1."
    assert reason_of(parsing.parse_scenarios, reply) == "repeated_items"
    # one slip (`that that`) in a list, or a doubled word in quotes, is no stutter
    slip = (
        "1. A word that that list holds twice is kept once.\n2. An empty list gives [].\n3. 'go go' is one word pair."
    )
    assert len(parsing.parse_scenarios(slip)) == 3


def test_class_signatures_with_explained_methods_or_a_stub_below():
    reply = """**Class:** TallyBoard

**Constructor:**
`__init__(self, values: list[int]) -> None`

**Methods:**
- `top(self, n: int) -> list[int]` — returns the n most common integers.
"""
    signature = parsing.parse_signature(reply, "i")
    assert signature.name == "TallyBoard" and [m.name for m in signature.methods] == ["top"]
    reply = "Class: LineFiller\n\n```python\nclass LineFiller:\n    def __init__(self, width: int) -> None:\n        ...\n\n    def feed(self, word: str) -> list[str]:\n        ...\n```"
    signature = parsing.parse_signature(reply, "i")
    assert signature.name == "LineFiller" and [m.name for m in signature.methods] == ["feed"]
    reply = "Class: Heap\n\nMethods:\n- `__init__(self) -> None`\n- `pop(self) -> int | None` (primary method)\n"
    signature = parsing.parse_signature(reply, "i")  # a note after a method is not part of its type
    assert [m.name for m in signature.methods] == ["pop"] and signature.returns == "int | None"


def test_markdown_concepts_whose_examples_look_like_json():
    text = """**1. Searching within bounds**
* Keyphrase: slice
* Description: Restrict a search to a[lo:hi] by passing bounds.
* Examples: `bisect_left(a, x, 0, mid)`; searching [1, 2] only
* Difficulty: medium
"""
    assert [c["name"] for c in parsing.parse_concepts(text)] == ["Searching within bounds"]


def test_answers_after_a_code_span_with_a_full_stop_or_before_prose_and_bold_labelled_scenarios():
    # `` `f("aBc")`. `` is the call, not the name f; `f(8), since 8 halves ...` is f(8) and prose
    assert parsing.parse_narration('So s = "aBc".\n\nAnswer: `f("aBc")`.')[1] == 'f("aBc")'
    assert parsing.parse_narration("So n was 8.\nAnswer: f(8), since 8 halves to 1 in three steps.")[1] == "f(8)"
    # `which is 7` parses as a comparison, so the whole line would be a tuple: it is prose
    reply = "n = 0, so the loop ends.\n\nAnswer: The function returns [2, 1], which is 7 written in base 3 (21)."
    assert parsing.parse_narration(reply)[1] == "[2, 1]"
    assert parsing.parse_narration("Done.\nAnswer: ('which is', 7)")[1] == "('which is', 7)"
    # nor is `since -2 is raised` (a number right after the word)
    reply = "The loop ends.\n\nAnswer: The function returns [0, 5, 6], since -2 is raised to the lower bound 0."
    assert parsing.parse_narration(reply)[1] == "[0, 5, 6]"
    # one scenario per line under a bold label, no list marker
    text = "**Typical input:** A sorted list is a heap.\n**Empty input:** An empty list is a heap."
    assert parsing.parse_scenarios(text) == ["A sorted list is a heap.", "An empty list is a heap."]
    with pytest.raises(parsing.ParseError):  # one bold line is a heading, not a list
        parsing.parse_scenarios("**Scenarios:** none come to mind.")


def test_scenarios_in_points_under_short_headings():
    # each item a bold heading, the scenario in a point under it; an example point is not one
    text = (
        "Here are the scenarios:\n\n**1. Empty input**\n   - An empty list returns [].\n"
        "**2. Typical input**\n   - Positive numbers make the sums rise.\n   - For example, [1, 2] gives [1, 3].\n"
    )
    assert parsing.parse_scenarios(text) == ["An empty list returns [].", "Positive numbers make the sums rise."]
    # items with text of their own keep their sub-bullets as examples, as before
    plain = "1. An empty list returns [].\n   - e.g. f([]) == []\n2. One element is kept.\n"
    assert parsing.parse_scenarios(plain) == ["An empty list returns [].", "One element is kept."]


def test_a_list_item_that_is_a_code_block_is_not_a_scenario():
    # (r111-test_scenarios-06 of round 58: the fenced assert was read as a scenario)
    text = (
        "1. Empty list returns empty list.\n2. Ties keep first order.\n3. ```python\nassert top_n([1], 1) == [1]\n```\n"
    )
    assert parsing.parse_scenarios(text) == ["Empty list returns empty list.", "Ties keep first order."]


def test_an_example_label_over_a_fenced_example_is_not_part_of_the_statement():
    reply = (
        "1. **[function]** Write a function `common_indent(lines)` that returns the shared indent; "
        "an empty list gives ''.\n\n   Example:\n   ```python\n   common_indent(['  a', ' b'])  # -> ' '\n   ```\n\n"
        "2. **[class]** Write a class `Queue` with `push` and `pop`.\n\n   **Example:**\n"
    )
    assert parse_instructions(reply) == [
        ("function", "Write a function `common_indent(lines)` that returns the shared indent; an empty list gives ''."),
        ("class", "Write a class `Queue` with `push` and `pop`."),
    ]


def test_a_labelled_example_on_a_line_under_an_item_is_not_part_of_it():
    reply = (
        "Here are 2 problem statements:\n\n"
        "1. [function] Given a string, return its runs as (character, count) pairs.\n"
        '   Example: "aaab" -> [("a", 3), ("b", 1)]\n'
        "2. [function] Given (character, count) pairs, rebuild the string. E.g.: it is the reverse.\n"
    )
    assert parse_instructions(reply) == [
        ("function", "Given a string, return its runs as (character, count) pairs."),
        ("function", "Given (character, count) pairs, rebuild the string."),
    ]


def test_a_hint_after_a_statement_is_not_part_of_it():
    reply = (
        "## Exercise 1 [function]\nWrite a function `heapify_list(nums)` that returns nums in min-heap order.\n\n"
        "**Hint:** start from index `len(nums)//2 - 1`.\n\n"
        "## Exercise 2 [function]\nWrite a function `is_min_heap(nums)` that returns True for a min-heap.\n"
    )
    assert parse_instructions(reply) == [
        ("function", "Write a function `heapify_list(nums)` that returns nums in min-heap order."),
        ("function", "Write a function `is_min_heap(nums)` that returns True for a min-heap."),
    ]


def test_the_concept_an_item_drills_told_under_it_is_not_part_of_it():
    # (r133-instructions-06: an indented italic `*Concept practised: ...*` line was joined to the statement)
    reply = (
        "1. **[function]** Write a function `k_smallest(xs, k)` that returns the `k` smallest integers of `xs`.\n"
        "   *Concept practised: heap selection.*\n"
        "2. **[function]** Write a function `merge_sorted(lists)` that merges sorted lists into one.\n"
    )
    assert parse_instructions(reply) == [
        ("function", "Write a function `k_smallest(xs, k)` that returns the `k` smallest integers of `xs`."),
        ("function", "Write a function `merge_sorted(lists)` that merges sorted lists into one."),
    ]


def test_a_labelled_comment_on_an_item_under_it_is_not_part_of_it():
    # (r137-instructions-06: an indented `*Why this works:*` paragraph was joined to the statement)
    reply = (
        "1. **[function]** Write a function `band(score, cutoffs)` that counts the cutoffs at most `score`.\n\n"
        "   *Why this works:* the count equals the insertion point to the right of equal values.\n\n"
        "2. **[class]** Write a class `Timeline` whose method `count_before(t)` counts timestamps below `t`.\n"
    )
    assert parse_instructions(reply) == [
        ("function", "Write a function `band(score, cutoffs)` that counts the cutoffs at most `score`."),
        ("class", "Write a class `Timeline` whose method `count_before(t)` counts timestamps below `t`."),
    ]


def test_repetitive_finds_a_phrase_said_four_times_in_a_row_and_no_careful_prose():
    assert repetitive("return the harmonic mean harmonic mean harmonic mean harmonic mean")
    assert repetitive("a a a a")
    assert not repetitive("Write a function that returns the mean of the mean of a list of means.")
    assert not repetitive("Return 0, 0, 0 for an empty list.")  # (three times is not a loop)


def test_read_teacher_text_rejects_a_stub_instruction_and_a_concept_of_no_listed_keyphrase_on_their_own():
    stubs = read_teacher_text("instructions", "1. [function] multiset\n1. [function] multiset\n")
    assert (stubs.rejection, stubs.value, stubs.item_rejections) == (None, [], ["multiset"])
    reply = '[{"name": "Junk", "keyphrase": "junk elements", "description": "Ignored items.", "examples": [], "difficulty": "easy"}]'
    assert [c["name"] for c in read_teacher_text("concepts", reply, keyphrases=["Junk elements"]).value] == ["Junk"]
    assert [c["name"] for c in read_teacher_text("concepts", reply, keyphrases=["the junk element"]).value] == ["Junk"]
    unlisted = read_teacher_text("concepts", reply, keyphrases=["hashable"])
    assert (unlisted.value, unlisted.item_rejections) == ([], ["Junk"])


def test_a_json_test_string_whose_escape_json_decoded_keeps_its_literal_whole():
    reply = '{"tests": ["assert indent(\'    a\\n        b\') == 4", "assert indent(\'  x\\n\\n  y\') == 2",]}'
    tests, rejections = parse_tests(reply, "i")
    assert [t.call for t in tests] == ["indent('    a\\n        b')", "indent('  x\\n\\n  y')"]
    assert rejections == []


def test_a_kind_tag_at_the_end_of_an_item_is_read_and_left_out_of_the_statement():
    reply = "Sure:\n\n1. Write a function `last(xs)` that returns the last item. (function)\n2. Write a class `Bag` that counts items. [class]\n"
    assert parse_instructions(reply) == [
        ("function", "Write a function `last(xs)` that returns the last item."),
        ("class", "Write a class `Bag` that counts items."),
    ]


def test_concepts_given_one_fenced_block_each_are_all_read():
    block = '```json\n[{{"name": "{0}", "description": "d", "difficulty": "easy"}}]\n```'
    text = (
        "## Extracted concepts\n\n" + block.format("Ratio") + "\n\n" + block.format("Longest match") + "\n\nDropped: x."
    )
    assert [c["name"] for c in parse_concepts(text)] == ["Ratio", "Longest match"]
    # a block of something else beside them: the reply is read as before, from its first JSON value
    other = block.format("Ratio") + '\n\n```json\n{"note": 1}\n```\n\n' + block.format("Longest match")
    assert [c["name"] for c in parse_concepts(other)] == ["Ratio"]


def test_an_answer_run_into_the_last_paragraph_is_read():
    text = "The output is [0, 3, 6]. The step is 3. The n is 7. Answer: f(7, 3)"
    assert parse_narration(text) == ("The output is [0, 3, 6]. The step is 3. The n is 7.", "f(7, 3)")
    # only after a full stop, and only on the last line: `the answer: ...` inside prose is not it
    assert reason_of(parse_narration, "We know the answer: f(7, 3) is likely.\nIt returns 6.") == "no_answer"


def test_a_loop_that_began_before_the_cut_is_refused_not_read_as_its_first_copy():
    item = "1. [function] Write a function that sorts a list."
    looped = f"{item}\n{item}\n{item} The list is sorted. Sorting the sorted list list list list list"
    assert reason_of(parsing.parse_instructions, looped, True) == "repeated_items"
    # items that differ before a cut item that loops are what the reply completed
    fine = f"{item}\n2. [class] Write a class Stack with push and pop.\n{item} The list list list list list"
    assert parsing.parse_instructions(fine, True) == [
        ("function", "Write a function that sorts a list."),
        ("class", "Write a class Stack with push and pop."),
    ]
    scenarios = "- An empty list.\n- An empty list.\n- An empty list list list list list"
    assert reason_of(parsing.parse_scenarios, scenarios, True) == "repeated_items"


def test_a_bold_title_over_an_instruction_is_not_part_of_the_statement():
    reply = (
        "Sure! Here are two:\n\n**1. [function] Median of a list**\n"
        "Write a function that returns the median of a list of numbers.\n   - Hint: sort a copy first.\n\n"
        "**2. [class] Running median**\nCreate a class `RunningMedian` whose `add(x)` returns the median so far.\n"
    )
    assert parse_instructions(reply) == [
        ("function", "Write a function that returns the median of a list of numbers."),
        ("class", "Create a class `RunningMedian` whose `add(x)` returns the median so far."),
    ]
    # a statement that is itself in bold keeps its words
    [(kind, statement)] = parse_instructions("1. [function] **Write a function that sums a list of numbers.**")
    assert (kind, statement.strip("*")) == ("function", "Write a function that sums a list of numbers.")


def test_a_continuation_line_wrapped_in_emphasis_joins_its_item_as_plain_text():
    text = (
        "1. **[function]** Return True if every element of a list is at least the one before.\n"
        "   *Note: an empty list counts as sorted.*\n"
        "2. **[function]** Return the differences between neighbours in a list.\n"
    )
    assert parse_instructions(text) == [
        (
            "function",
            "Return True if every element of a list is at least the one before. Note: an empty list counts as sorted.",
        ),
        ("function", "Return the differences between neighbours in a list."),
    ]


@pytest.mark.parametrize(
    "item, statement",
    [
        ("1. **[function]** `f(x)` — Return x doubled.", "`f(x)` — Return x doubled."),  # its opening backtick kept
        ("1. **Function:** `f(x)` returns x doubled.", "`f(x)` returns x doubled."),
        ("1. `[function]` Return x doubled.", "Return x doubled."),  # (the tag's own backticks go)
    ],
)
def test_a_statement_that_starts_with_code_keeps_its_backticks(item, statement):
    assert parse_instructions(item + "\n") == [("function", statement)]


def test_a_sentence_that_points_at_another_exercise_is_cut_from_the_statement():
    # (r117-instructions-06 of round 61: `Note: this builds on exercise 1.` was kept as part of the statement)
    reply = (
        "1. [function] Write a function `longest_block(a, b)` that returns the longest common run.\n\n"
        "2. [function] Write a function `ratio(a, b)` that returns 2*M/T rounded to 3 decimals.\n"
        "   Note: this builds on exercise 1.\n\n"
        "3. [function] Write a function `k_smallest(xs, k)` that returns the k smallest integers. "
        "This one is a good warm-up before the class exercise.\n"
    )
    assert parse_instructions(reply) == [
        ("function", "Write a function `longest_block(a, b)` that returns the longest common run."),
        ("function", "Write a function `ratio(a, b)` that returns 2*M/T rounded to 3 decimals."),
        ("function", "Write a function `k_smallest(xs, k)` that returns the k smallest integers."),
    ]
    # a note about the exercise itself stays, and so does a mention of a number that is not an item's
    [(_, statement)] = parse_instructions("1. [function] Return the first 3 items. Note: the list has 5 items or more.")
    assert statement == "Return the first 3 items. Note: the list has 5 items or more."


def test_an_example_on_the_line_under_a_scenario_is_not_part_of_it():
    # (r117-test_scenarios-06 of round 61: `e.g. add(5) -> 5` under item 1 was kept as part of the scenario)
    text = "1. The first add returns the added value itself.\n   e.g. `add(5)` -> `5`\n2. Adding duplicate values.\n"
    assert parse_scenarios(text) == ["The first add returns the added value itself.", "Adding duplicate values."]
    # an example inside the scenario's own sentence stays
    assert parse_scenarios("1. A list with duplicates, e.g. [1, 1, 2].\n2. An empty list.") == [
        "A list with duplicates, e.g. [1, 1, 2].",
        "An empty list.",
    ]


def test_a_bold_title_over_an_indented_sentence_is_not_part_of_the_scenario():
    # (r140-test_scenarios-02 of round 73: `**1. Typical input**` was joined to the sentence under it)
    text = (
        "Here are the test scenarios:\n\n**1. Typical input**\n   Typical sentence that wraps.\n"
        "**2. Empty input**\n   Empty string returns an empty list.\n   - e.g. `wrap('', 5)`\n"
    )
    assert parse_scenarios(text) == ["Typical sentence that wraps.", "Empty string returns an empty list."]
    # a bold item with nothing under it is the scenario itself
    assert parse_scenarios("**1. Typical input**\n**2. Empty input**") == ["Typical input", "Empty input"]


def test_a_scenarios_number_label_is_dropped_and_a_title_in_its_text_kept():
    # (r168-test_scenarios-05, llama-3.1-8b: `Scenario 5:` numbers the item; the title after it is the writer's own)
    reply = (
        "## Test Scenarios\n\n- **Scenario 1:** Two strings sharing a run in the middle.\n"
        "- **Scenario 2:** Two runs of equal length: the first one found is returned.\n- Test 3 - One string is empty."
    )
    assert parse_scenarios(reply) == [
        "Two strings sharing a run in the middle.",
        "Two runs of equal length: the first one found is returned.",
        "One string is empty.",
    ]
