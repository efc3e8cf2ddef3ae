"""The benchmarks' own prompts and answer extraction, memory-sized batches, and endpoints asked
through the teacher's client."""

import pytest

from vcot_assets.evals import generate
from vcot_assets.evals.cruxeval import CruxProblem
from vcot_assets.evals.generate import (
    ANSWER_STOP,
    EndpointClient,
    SamplingParams,
    cruxeval_generations,
    cruxeval_prompt,
    extract_answer,
    extract_completion,
    extract_cruxeval_input,
    extract_cruxeval_output,
    extract_input_answer,
    extract_livecodebench_output,
    humaneval_generations,
    livecodebench_prompt,
    open_client,
    plan_batches,
)
from vcot_assets.evals.humaneval import HumanEvalProblem
from vcot_assets.evals.livecodebench import LiveCodeBenchProblem

PROBLEM = CruxProblem("sample_0", "def f(d):\n    return {k: v for k, v in d.items()}", "{'a': 1}", "{'a': 1}")


# --- prompts: the repositories' text ---------------------------------------------------------------


def test_cruxeval_prompts_are_the_repository_text():
    # The tail of CRUXEval's make_cot_output_prompt and make_direct_input_prompt (prompts.py).
    cot = cruxeval_prompt(PROBLEM, "output", "cot")
    assert cot.startswith("You are given a Python function and an assertion containing an input to the function.")
    assert cot.endswith(f"[PYTHON]\n{PROBLEM.code}\nassert f({PROBLEM.input}) == ??\n[/PYTHON]\n[THOUGHT]\n")
    assert 'assert f("hi") == "bhihia"\n[/ANSWER]\n\n[PYTHON]\n' in cot
    direct = cruxeval_prompt(PROBLEM, "input", "direct")
    assert direct.startswith("You will be given a function f and an output in the form f(??) == output.")
    assert direct.endswith(f"[PYTHON]\n{PROBLEM.code}\nassert f(??) == {PROBLEM.output}\n[/PYTHON]\n[ANSWER]\n")
    assert 'assert f("ba", "nana") == "banana"' in direct
    # Trailing spaces of the original survive (make_cot_input_prompt).
    assert "We know that f(??) == 17. \n" in cruxeval_prompt(PROBLEM, "input", "cot")


def test_fields_are_filled_once_so_braces_in_code_stay():
    tricky = CruxProblem("sample_1", "def f(s):\n    return '{input}{output}'.format(input=s, output=s)", "'x'", "'xx'")
    prompt = cruxeval_prompt(tricky, "output", "direct")
    assert tricky.code in prompt


def test_livecodebench_prompt_is_the_repository_text():
    problem = LiveCodeBenchProblem("0", "def maxSum(nums):\n    return max(nums)", "maxSum(nums = [1, 2])", "2")
    prompt = livecodebench_prompt(problem, "direct")
    assert "assert repeatNumber(number = 17) == 17" in prompt
    assert prompt.endswith(f"{problem.code}\nassert maxSum(nums = [1, 2]) == ??\n[/PYTHON]\n[ANSWER]\n")
    with pytest.raises(ValueError, match="prompt style"):
        livecodebench_prompt(problem, "chatty")


def test_prompt_sources_are_cited():
    readme = (generate.PROMPTS_DIR / "README.md").read_text()
    assert "facebookresearch/cruxeval" in readme and "MIT" in readme
    assert "LiveCodeBench/LiveCodeBench" in readme
    for path in generate.PROMPTS_DIR.glob("*.txt"):
        assert path.stem in readme


# --- answers: the repositories' extraction ---------------------------------------------------------


@pytest.mark.parametrize(
    "reply,style,answer",
    [
        ("The function returns...\n[/THOUGHT]\n[ANSWER]\nassert f(1) == [2, 3]\n[/ANSWER]", "cot", "[2, 3]"),
        ("assert f(1) == 'ab'\n[/ANSWER]\n[PYTHON]\nassert f(2) == 9", "direct", "'ab'"),  # the stop word
        ("[ANSWER]\nassert f(1) == 4\n[/ANSWER]", "direct", "4"),
        ("just words", "cot", "just words"),
    ],
)
def test_cruxeval_output_extraction(reply, style, answer):
    assert extract_cruxeval_output(reply, style) == answer


@pytest.mark.parametrize(
    "reply,answer",
    [
        ("Working back...\n[ANSWER]\nassert f([4, -1]) == 3\n[/ANSWER]", "f([4, -1])"),
        ("[ANSWER]assert f('ab') == 'ba'[/ANSWER] then more", "f('ab')"),
        ("no tags: assert f(2) == 4", "f(2)"),
    ],
)
def test_cruxeval_input_extraction(reply, answer):
    assert extract_cruxeval_input(reply, "cot") == answer


def test_livecodebench_extraction():
    assert extract_livecodebench_output("[THOUGHT]..[/THOUGHT]\n[ANSWER]\nassert g(x = 1) == 7\n[/ANSWER]") == "7"
    assert extract_livecodebench_output("assert g(x = 1) == 'a'\nmore text", "direct") == "'a'"


@pytest.mark.parametrize(
    "reply,answer",
    [
        ("The loop runs twice.\nAnswer: [1, 2]", "[1, 2]"),
        ("Answer: 1\nwait, no.\nAnswer: `'ab'`", "'ab'"),
        ("[ANSWER]\nassert f([1]) == [2]\n[/ANSWER]", "[2]"),
        ("", ""),
    ],
)
def test_training_wording_answers_still_read(reply, answer):  # answerability's questions
    assert extract_answer(reply) == answer
    assert extract_input_answer("Answer: [4]", "f") == "f([4])"


def test_humaneval_is_the_problem_prompt_continued():
    problem = HumanEvalProblem("HumanEval/0", 'def g(x):\n    """Identity."""\n', "g", "    return x\n", "")

    class Recorder:
        name, continues_text = "rec", True

        def complete(self, prompts, params, *, raw=False, stop=(), task=""):
            self.seen = (list(prompts), raw, tuple(stop))
            return [["    return x\n\ndef other():\n    pass"] * params.samples for _ in prompts]

        def stats(self):
            return {}

    client = Recorder()
    generations = humaneval_generations(client, [problem], SamplingParams(samples=2))
    assert client.seen == ([problem.prompt], True, generate.HUMANEVAL_STOPS)
    assert generations == {"HumanEval/0": ["    return x\n", "    return x\n"]}
    assert extract_completion("Here:\n```python\ndef g(x):\n    return x\n```", problem.prompt) == (
        "\ndef g(x):\n    return x\n"
    )


# --- batching by length and memory ---------------------------------------------------------------


def test_batches_grow_while_the_padded_token_count_fits():
    lengths = [10, 200, 30, 30, 5000, 50, 10, 10]
    batches = plan_batches(lengths, samples=2, max_new_tokens=100, token_budget=2000)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    assert batches[0] == [4]  # too long for the budget: alone, and first
    for batch in batches:
        longest = max(lengths[i] for i in batch)
        assert batch == sorted(batch, key=lambda i: -lengths[i])
        assert len(batch) == 1 or len(batch) * 2 * (longest + 100) <= 2000
    flat = [lengths[i] for b in batches for i in b]
    assert flat == sorted(flat, reverse=True)
    # Short prompts share big batches, not 8 at a time.
    assert len(plan_batches([20] * 100, samples=1, max_new_tokens=12, token_budget=32 * 100)) == 1


def test_memory_per_token_of_a_7b_shape():
    from types import SimpleNamespace

    from vcot_assets.evals.generate import kv_bytes_per_token, token_bytes

    qwen7b = SimpleNamespace(
        num_hidden_layers=28, num_attention_heads=28, num_key_value_heads=4, hidden_size=3584, intermediate_size=18944
    )
    assert kv_bytes_per_token(qwen7b, 2) == 2 * 28 * 4 * 128 * 2  # 56 KiB of K/V per token in bf16
    assert token_bytes(qwen7b, 2) == 57344 + (2 * 18944 + 4 * 3584) * 2
    # 60% of an H200's ~130 GB free after loading 15 GB of weights: about 0.55M tokens in flight.
    assert 400_000 < int(0.6 * 115e9 / token_bytes(qwen7b, 2)) < 700_000


# --- endpoints: through the teacher's client -------------------------------------------------------


def test_no_second_client():
    assert not hasattr(generate, "LiteLLMClient")
    assert isinstance(open_client("hosted_vllm/model-under-test"), EndpointClient)


def test_client_choice_errors(tmp_path):
    (tmp_path / "notes").mkdir()
    with pytest.raises(ValueError, match="not a transformers checkpoint"):
        open_client(str(tmp_path / "notes"))
    with pytest.raises(ValueError, match="no model under test"):
        open_client("")


def test_endpoint_generation_goes_through_the_teacher_client(tmp_path, monkeypatch):
    from vcot_assets.llm.client import TeacherClient
    from vcot_assets_tests.testing.wire_server import FaultPlan, WireServer

    monkeypatch.setenv("OPENAI_API_KEY", "sk-local-test")

    def answer(prompt: str, seed: int) -> str:
        return f"[THOUGHT]seed {seed}[/THOUGHT]\n[ANSWER]\nassert f({PROBLEM.input}) == {PROBLEM.output}\n[/ANSWER]"

    faults = FaultPlan(rates={"500": 0.5, "429": 0.3}, faulty_attempts=1)
    with WireServer(answer=answer, faults=faults) as server:
        client = open_client(
            "openai/under-test", api_base=server.base_url, concurrency=4, cache_dir=str(tmp_path / "cache")
        )
        client.teacher_options.update(backoff_s=0.01, backoff_max_s=0.02)
        params = SamplingParams(samples=3, temperature=0.2, max_new_tokens=64)
        generations = cruxeval_generations(client, [PROBLEM], "output", params)
        assert generations == {"sample_0": [PROBLEM.output] * 3}
        teacher = client.teacher(params)
        assert isinstance(teacher, TeacherClient) and teacher.config.concurrency == 4
        assert teacher.usage.retries > 0  # the teacher's retries answered the faults
        prompt = cruxeval_prompt(PROBLEM, "output")
        assert [server.requests_for(prompt, s) >= 1 for s in range(3)] == [True] * 3
        stats = client.stats()
        assert stats["failures"] == 0 and stats["generated_tokens"] > 0 and stats["tokens_per_s"] > 0
        # A second run is answered from the teacher's cache: no request reaches the server.
        server.reset_stats()
        again = open_client("openai/under-test", api_base=server.base_url, cache_dir=str(tmp_path / "cache"))
        assert cruxeval_generations(again, [PROBLEM], "output", params) == generations
        assert server.stats.requests == 0 and again.stats()["cache_hits"] == 3


# --- a local checkpoint -------------------------------------------------------------------------


def test_local_checkpoint_batches_by_memory_and_reports_tokens_per_s(tmp_path):
    pytest.importorskip("transformers")
    from vcot_assets.evals.generate import TransformersClient
    from vcot_assets.training.synthetic import generate_samples
    from vcot_assets.training.tiny_model import build_base_model

    path = build_base_model(tmp_path / "ckpt", generate_samples(30, seed=1), vocab_size=512)
    problems = [
        CruxProblem(f"sample_{i}", f"def f(x):\n    return x + {i}" + "  # pad" * (i * 3), str(i), str(2 * i))
        for i in range(6)
    ]
    params = SamplingParams(samples=2, temperature=0.0, max_new_tokens=8)
    probe = TransformersClient(str(path), device="cpu")
    _, tokenizer = probe._load()
    longest = max(
        len(tokenizer(probe._render(tokenizer, generate.cruxeval_prompt(p, "output", "direct"), False))["input_ids"])
        for p in problems
    )
    budget = 3 * (longest + params.max_new_tokens)  # room for three of the longest (greedy: one row each)
    client = TransformersClient(str(path), device="cpu", token_budget=budget)
    generations = cruxeval_generations(client, problems, "output", params, style="direct")
    assert set(generations) == {p.problem_id for p in problems}
    assert all(len(g) == 2 for g in generations.values())
    stats = client.stats()
    assert 1 < stats["batches"] < len(problems)  # several prompts per batch, within the budget
    # Greedy: one generated row per prompt, copied to both samples.
    assert stats["sequences"] == 6 and stats["generated_tokens"] > 0 and stats["tokens_per_s"] > 0
    assert stats["token_budget"] == budget
    assert ANSWER_STOP == "[/ANSWER]"


def test_chat_template_is_a_choice_and_never_for_humaneval():
    from vcot_assets.evals.generate import TransformersClient

    class Tokenizer:
        chat_template = "{{ messages }}"

        def apply_chat_template(self, conversation, tokenize, add_generation_prompt):
            return f"<user>{conversation[0]['content']}</user><assistant>"

    tokenizer = Tokenizer()
    chat = TransformersClient("unused")
    assert chat._render(tokenizer, "Q", raw=False) == "<user>Q</user><assistant>"
    assert chat._render(tokenizer, "def g():", raw=True) == "def g():"
    assert TransformersClient("unused", chat_template=False)._render(tokenizer, "Q", raw=False) == "Q"


def test_unknown_prompt_style_is_refused_before_generating():
    from vcot_assets.evals.suite import evaluate_model

    with pytest.raises(ValueError, match="prompt style"):
        evaluate_model(None, None, SamplingParams(), style="fancy")
