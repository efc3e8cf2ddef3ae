"""`read_teacher_text` never raises: any reply to any template, cut or not, as text or as the JSON a
provider's schema enforced, ends as a value or as a rejection with its reason (property tests)."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vcot_assets.core.synthesis.reading import TEMPLATES, read_teacher_text

PIECES = [
    "\n",
    " ",
    "1.",
    "2)",
    "-",
    "*",
    "**",
    "`",
    "```",
    "```python\n",
    "```json\n",
    "###",
    "[function]",
    "[class]",
    "Function:",
    "Class:",
    "Answer:",
    "def f(x):",
    "    return x",
    "assert f(1) == 2",
    "{",
    "}",
    "[",
    "]",
    '"',
    "'",
    ":",
    ",",
    "0",
    "-3",
    "1e9",
    "None",
    "false",
    "null",
    '"name"',
    '"keyphrase"',
    '"concepts"',
    '"claims"',
    '"signature"',
    "\\boxed{",
    "<think>",
    "</think>",
    "<Steps>",
    "__init__(self)",
    "->",
    "list[int]",
    ";",
    "Methods:",
    "f(3 * 19)",
    "x = 2",
    "(",
    ")",
    "é",
    "\u200b",
    "\t",
    "Instruction 1:",
    "**Final Answer**",
]
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=60).map("".join)
KEYS = [
    "concepts",
    "name",
    "keyphrase",
    "description",
    "examples",
    "difficulty",
    "instructions",
    "kind",
    "statement",
    "signature",
    "params",
    "returns",
    "methods",
    "constructor",
    "code",
    "scenarios",
    "tests",
    "claims",
    "type",
    "value",
    "variable",
    "answer",
    "reasoning",
]
LEAF = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10**20),
    st.floats(),
    st.text(max_size=12),
    st.sampled_from(["function", "class", "f(x: int) -> int", "def f(x):\n  return x", "assert f(1) == 1"]),
)
JSON = st.recursive(
    LEAF,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=5),
    max_leaves=20,
)
SETTINGS = settings(
    max_examples=400, deadline=None, suppress_health_check=list(HealthCheck), database=None, derandomize=True
)


def _read(template: str, reply: str, finish_reason: str | None, schema: bool, keyphrases: list[str] | None):
    reading = read_teacher_text(
        template, reply, finish_reason, schema=template if schema else None, keyphrases=keyphrases
    )
    assert (reading.value is None) == (reading.rejection is not None)  # a value, or a reason there is none


@SETTINGS
@given(st.sampled_from(sorted(TEMPLATES)), TEXT, st.sampled_from(["stop", "length", None]), st.booleans())
def test_any_text_reply_is_read_or_rejected_with_a_reason(template, reply, finish_reason, schema):
    _read(template, reply, finish_reason, schema, ["heap", "merge"] if template == "concepts" else None)


@SETTINGS
@given(st.sampled_from(sorted(TEMPLATES)), JSON, st.sampled_from(["stop", "length"]), st.booleans(), st.booleans())
def test_any_json_reply_is_read_or_rejected_with_a_reason(template, value, finish_reason, schema, fenced):
    reply = json.dumps(value)
    _read(template, f"Here it is:\n```json\n{reply}\n```" if fenced else reply, finish_reason, schema, None)


COMPLETE_ITEMS = {
    "concepts": [
        {"name": f"Heap {n}", "keyphrase": "heapq", "description": "d", "examples": ["a", "b"], "difficulty": "easy"}
        for n in range(3)
    ],
    "instructions": [{"kind": "function", "statement": f"Return the sum of {n} lists."} for n in range(3)],
    "test_scenarios": ["an empty list", "one item", "a long list"],
    "candidate_tests": [f"def test_{n}():\n    assert f({n}) == {n + 1}" for n in range(3)],
}


def test_a_structured_reply_cut_anywhere_keeps_exactly_the_items_it_completed():
    for template, items in COMPLETE_ITEMS.items():
        field = "tests" if template == "candidate_tests" else template.removeprefix("test_")
        reply, ends = '{"' + field + '": [', []
        for n, item in enumerate(items):
            reply += (", " if n else "") + json.dumps(item)
            ends.append(len(reply))
        reply += "]}"
        whole = read_teacher_text(template, reply, "stop", schema=template).value
        assert len(whole) == 3
        for cut in range(len(reply)):
            reading = read_teacher_text(template, reply[:cut], "length", schema=template)
            completed = sum(end <= cut for end in ends)
            assert reading.truncated, (template, cut)
            if completed == 0:
                assert reading.rejection == "truncated", (template, cut)
            else:  # the first items, read as in the whole reply; never the one being written at the cut
                assert reading.value == whole[:completed], (template, cut)


def test_a_cut_structured_reply_whose_answer_is_one_value_is_truncated():
    reading = read_teacher_text("signature", '{"signature": "f(x: int) -> int"', "length", schema="signature")
    assert reading.rejection == "truncated"
    cut_bad = '{"instructions": [{"kind": "module", "statement": "x"}, {"kind": "func'
    reading = read_teacher_text("instructions", cut_bad, "length", schema="instructions")
    assert reading.rejection == "schema_mismatch" and "instructions.0.kind" in reading.detail
