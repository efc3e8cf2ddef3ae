"""Prompts and answer extraction for models under test; the client choice."""

import pytest

from vcot_assets.evals.generate import (
    LiteLLMClient,
    extract_answer,
    extract_completion,
    extract_input_answer,
    open_client,
    output_question,
)


@pytest.mark.parametrize(
    "reply,answer",
    [
        ("The loop runs twice.\nAnswer: [1, 2]", "[1, 2]"),
        ("Answer: 1\nwait, no.\nAnswer: `'ab'`", "'ab'"),
        ("**Answer:** {'a': 1}", "{'a': 1}"),
        ("[ANSWER]\nassert f([1]) == [2]\n[/ANSWER]", "[2]"),
        ("So the test is\nassert f(3) == 6", "6"),
        ("just\n42\n", "42"),
        ("", ""),
    ],
)
def test_extract_answer(reply, answer):
    assert extract_answer(reply) == answer


@pytest.mark.parametrize(
    "reply,call",
    [
        ("Working back...\nAnswer: f([4, -1, 3])", "f([4, -1, 3])"),
        ("Answer: [4, -1, 3]", "f([4, -1, 3])"),  # bare arguments become a call
        ("[ANSWER]assert f('ab') == 'ba'[/ANSWER]", "f('ab')"),
        ("Answer: assert f(2) == 4", "f(2)"),
    ],
)
def test_extract_input_answer(reply, call):
    assert extract_input_answer(reply, "f") == call


def test_extract_completion_prefers_a_code_block_and_cuts_raw_text():
    assert (
        extract_completion("Here:\n```python\ndef g(x):\n    return x\n```\nDone", "def g(x):\n")
        == "\ndef g(x):\n    return x\n"
    )
    assert extract_completion("    return x\n\ndef other():\n    pass", "def g(x):\n") == "    return x\n"


def test_questions_use_the_training_wording():
    question = output_question("def f(x):\n    return x", "f(1)")
    assert "```python\ndef f(x):\n    return x\n```" in question
    assert "What does `f(1)` return?" in question and "Answer: <value>" in question


def test_client_choice(tmp_path):
    assert isinstance(open_client("openai/gpt-test"), LiteLLMClient)
    (tmp_path / "notes").mkdir()
    with pytest.raises(ValueError, match="not a transformers checkpoint"):
        open_client(str(tmp_path / "notes"))
    with pytest.raises(ValueError, match="no model under test"):
        open_client("")
