"""Stage A request builders and reply readers, on the offline teacher's real answers."""

from vcot_assets.core.records import TeacherReply
from vcot_assets.core.synthesis import steps as synthesis
from vcot_assets.core.synthesis.records import Concept, Instruction, Keyphrase, Param, Signature
from vcot_offline import answer


def ask(requests):
    return {r.key: TeacherReply(r.key, answer(r.prompt, r.sample_index), model="offline/default") for r in requests}


def test_instructions_are_deduplicated_across_the_concepts_of_a_batch():
    concepts = [Concept(f"b-c0{i}", "b", "running total", "Prefix sums of a list.") for i in range(2)]
    instructions, rejections = synthesis.instructions_from_replies(
        concepts, ask(synthesis.instruction_requests(concepts, 2)), 2, "offline"
    )
    texts = [i.text for i in instructions]
    assert len(texts) == len(set(texts))
    assert any(r.reason == "duplicate_instruction" for r in rejections)


def test_failed_and_malformed_replies_become_rejections():
    concepts = [Concept("b-c00", "b", "stack", "LIFO container.")]
    replies = {
        "b-c00|easy": TeacherReply("b-c00|easy", None, error="rate_limited"),
        "b-c00|medium": TeacherReply("b-c00|medium", "no list here at all"),
        "b-c00|hard": TeacherReply("b-c00|hard", "1. [function] Write a function that reverses a list.\n2. The list"),
    }
    instructions, rejections = synthesis.instructions_from_replies(concepts, replies, 6, "offline")
    assert [i.difficulty for i in instructions] == ["hard"]
    assert sorted((r.item_id, r.reason) for r in rejections) == [
        ("b-c00|easy", "teacher_error"),
        ("b-c00|hard", "missing_kind"),  # the untagged stub, recorded; the tagged item is kept
        ("b-c00|medium", "no_list"),
    ]


def test_an_instruction_that_falls_into_a_loop_is_rejected_on_its_own():
    concepts = [Concept("b-c00", "b", "harmonic mean", "The reciprocal of the mean of reciprocals.")]
    looping = (
        "1. [function] Write a function `harmonic_mean(rates)` that returns the harmonic mean of positive numbers.\n"
        "2. [function] Write a function harmonic mean that is harmonic. The function should return the harmonic "
        "mean harmonic mean harmonic mean harmonic mean harmonic mean\n"
    )
    replies = {f"b-c00|{d}": TeacherReply(f"b-c00|{d}", looping) for d in ("easy", "medium", "hard")}
    instructions, rejections = synthesis.instructions_from_replies(concepts, replies, 6, "offline")
    assert [i.text[:33] for i in instructions] == [
        "Write a function `harmonic_mean(r"
    ]  # (the same item at each difficulty: kept once)
    assert ("b-c00|easy", "repetitive_text") in [(r.item_id, r.reason) for r in rejections]


def test_a_tagged_item_too_short_to_state_an_exercise_is_rejected_on_its_own():
    concepts = [Concept("b-c00", "b", "multiset arithmetic", "Counts that add and subtract.")]
    reply = "1. [function] multiset\n2. [function] Write a function `merge(a, b)` that adds two multisets of words.\n"
    replies = {f"b-c00|{d}": TeacherReply(f"b-c00|{d}", reply) for d in ("easy", "medium", "hard")}
    instructions, rejections = synthesis.instructions_from_replies(concepts, replies, 6, "offline")
    assert {i.text for i in instructions} == {"Write a function `merge(a, b)` that adds two multisets of words."}
    assert ("b-c00|easy", "too_short", "multiset") in [(r.item_id, r.reason, r.detail) for r in rejections]
    prose = "1. [function] A heap is a heap. The heap is a list where the heap is the smallest.\n"
    _, rejections = synthesis.instructions_from_replies(
        concepts, {"b-c00|easy": TeacherReply("b-c00|easy", prose)}, 6, "x"
    )
    assert [r.reason for r in rejections if r.item_id == "b-c00|easy"] == ["asks_nothing"]  # (no reply at the others)
    # an imperative, or what to write, asks for something
    terse = "1. [function] Reverse the words of a sentence.\n2. [class] A counter class.\n3. [class] A stack that is empty at first.\n"
    kept, _ = synthesis.instructions_from_replies(concepts, {"b-c00|easy": TeacherReply("b-c00|easy", terse)}, 6, "x")
    assert [i.text for i in kept] == [
        "Reverse the words of a sentence.",
        "A counter class.",
        "A stack that is empty at first.",
    ]


def test_a_concept_tied_to_no_listed_keyphrase_is_rejected_on_its_own():
    listed = [Keyphrase("junk elements", 0.1), Keyphrase("Gestalt pattern matching", 0.2)]
    reply = TeacherReply(
        "b",
        '[{"name": "SequenceMatcher", "keyphrase": "SequenceMatcher", "description": "A class.", "examples": [],'
        ' "difficulty": "easy"}, {"name": "Gestalt matching", "keyphrase": "gestalt pattern-matching",'
        ' "description": "Longest matching block, then recurse.", "examples": [], "difficulty": "hard"},'
        ' {"name": "Junk", "keyphrase": "junk element", "description": "Ignored items.", "examples": [],'
        ' "difficulty": "easy"}]',
    )
    concepts, rejections = synthesis.concepts_from_reply("b", reply, listed, 3, "offline")
    # (each scored as the listed phrase it names)
    assert [(c.name, c.keyphrase_score) for c in concepts] == [("Gestalt matching", 0.2), ("Junk", 0.1)]
    assert [(r.reason, r.detail) for r in rejections] == [("unlisted_keyphrase", "SequenceMatcher: 'SequenceMatcher'")]


def test_code_that_does_not_match_its_signature_is_rejected():
    signature = Signature(
        "i", "Function: add(a: int, b: int) -> int", "function", "add", [Param("a", "int"), Param("b", "int")], "int"
    )
    assert synthesis.signature_mismatch("def add(a, b):\n    return a + b\n", signature) is None
    assert "parameters" in synthesis.signature_mismatch("def add(a):\n    return a\n", signature)
    assert "no top-level function" in synthesis.signature_mismatch("x = 1\n", signature)
    assert "syntax error" in synthesis.signature_mismatch("def add(:\n", signature)


def test_tests_calling_another_function_are_rejected():
    instruction = Instruction("i", "c", "easy", "function", "Add two numbers.")
    signature = Signature(
        "i", "Function: add(a: int, b: int) -> int", "function", "add", [Param("a", "int"), Param("b", "int")], "int"
    )
    reply = TeacherReply(
        "i",
        "```python\ndef test_a():\n    assert add(1, 2) == 3\n\n"
        "def test_b():\n    assert sub(1, 2) == -1\n\ndef test_c():\n    assert add(1, 2) == 3\n```",
    )
    tests, rejections = synthesis.tests_from_replies([instruction], {"i": signature}, {"i": reply}, 25)
    assert [t.call for t in tests] == ["add(1, 2)"]
    assert sorted(r.reason for r in rejections) == ["duplicate_test", "wrong_target"]


def test_a_reply_cut_by_the_token_limit_is_never_read_as_whole():
    """`finish_reason == "length"`: a list keeps its complete items, one value is a `truncated` rejection."""
    from vcot_assets.core.synthesis import parsing

    cut = TeacherReply(key="k", text="1. [function] Sum a list.\n2. [class] A counter wi", finish_reason="length")
    items, failure = synthesis.read_reply("instructions", "i1", cut, parsing.parse_instructions)
    assert failure is None and items == [("function", "Sum a list.")]
    signature = TeacherReply(key="k", text="Function: f(xs: list[int]) -> int", finish_reason="length")
    value, failure = synthesis.read_reply(
        "signatures", "i1", signature, lambda text: parsing.parse_signature(text, "i1")
    )
    assert value is None and failure.reason == "truncated"
    whole = TeacherReply(key="k", text="Function: f(xs: list[int]) -> int", finish_reason="stop")
    assert synthesis.read_reply("signatures", "i1", whole, lambda text: parsing.parse_signature(text, "i1"))[1] is None


def test_a_cut_structured_concepts_reply_keeps_the_concept_completed_before_the_cut():
    listed = [Keyphrase("heapq", 0.3)]
    first = '{"name": "Heap push", "keyphrase": "heapq", "description": "Push.", "examples": [], "difficulty": "easy"}'
    text = '{"concepts": [' + first + ', {"name": "Heap pop", "keyphrase": "heapq", "descr'
    reply = TeacherReply("b", text, finish_reason="length", schema="concepts")
    concepts, rejections = synthesis.concepts_from_reply("b", reply, listed, 3, "offline")
    assert [c.name for c in concepts] == ["Heap push"] and rejections == []
    nothing_whole = TeacherReply(
        "b", '{"concepts": [{"name": "Heap push", "keyph', finish_reason="length", schema="concepts"
    )
    concepts, rejections = synthesis.concepts_from_reply("b", nothing_whole, listed, 3, "offline")
    assert concepts == [] and [r.reason for r in rejections] == ["truncated"]
