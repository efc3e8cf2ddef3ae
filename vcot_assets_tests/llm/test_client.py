"""The teacher client over a real socket: litellm -> HTTP -> a local OpenAI-compatible server."""

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from vcot_assets.core import prompts
from vcot_assets.core.records import TeacherRequest
from vcot_assets.core.synthesis.parsing import strip_reasoning_blocks
from vcot_assets.llm.cache import ResponseCache
from vcot_assets.llm.client import SpendCapExceeded, TeacherClient, TeacherConfig
from vcot_assets_tests.testing.wire_server import FaultPlan, echo_answer
from vcot_offline import answer

REPO = Path(__file__).resolve().parents[2]


def config(server, tmp_path=None, **overrides) -> TeacherConfig:
    values = dict(
        model="openai/wire-test",
        api_base=server.base_url,
        backoff_s=0.01,
        backoff_max_s=0.05,
        timeout_s=2.0,
        concurrency=8,
        retries=4,
        cache_dir=str(tmp_path / "cache") if tmp_path else None,
    )
    values.update(overrides)
    return TeacherConfig(**values)


def requests_for(n: int, samples: int = 3, template: str = "t") -> list[TeacherRequest]:
    return [
        TeacherRequest(f"item{i}-s{s}", template, f"prompt number {i}", s) for i in range(n) for s in range(samples)
    ]


def expected_text(request: TeacherRequest) -> str:
    return strip_reasoning_blocks(echo_answer(request.prompt, request.sample_index))


@pytest.mark.parametrize("transport", ["auto", "litellm"])
def test_replies_in_order_with_seeds_think_stripped_and_tokens(server, tmp_path, transport):
    client = TeacherClient(config(server, tmp_path, transport=transport))
    requests = requests_for(5)
    replies = client.complete_many(requests)
    assert [r.key for r in replies] == [q.key for q in requests]
    assert [r.text for r in replies] == [expected_text(q) for q in requests]
    assert all("<think>" not in r.text and not r.cached and r.error is None for r in replies)
    # the sample index travels as the seed: candidates differ, and the same index repeats
    assert len({r.text for r in replies}) == 15
    assert client.usage.calls == server.stats.requests == 15
    assert client.usage.prompt_tokens == sum(len(q.prompt) // 4 + 1 for q in requests)
    assert client.usage.completion_tokens == sum(r.completion_tokens for r in replies) > 0
    assert client.usage.cost is None  # a self-hosted model has no price


@pytest.mark.parametrize("transport", ["auto", "litellm"])
def test_faults_are_retried_and_no_sample_is_lost_or_duplicated(make_server, tmp_path, transport):
    rates = {"429": 0.12, "500": 0.12, "timeout": 0.06, "truncated": 0.1, "malformed": 0.1, "drop": 0.1, "slow": 0.1}
    # timeout_s leaves a loaded CI machine room: only the injected hangs may time out
    server = make_server(faults=dict(rates=rates, faulty_attempts=2, hang_s=5.0, slow_s=0.2))
    client = TeacherClient(config(server, tmp_path, timeout_s=1.5, concurrency=16, transport=transport))
    requests = requests_for(20, samples=3)
    requests += requests[:6]  # asked twice in one batch: sent once
    replies = client.complete_many(requests)

    assert [r.key for r in replies] == [q.key for q in requests]
    assert [r.text for r in replies] == [expected_text(q) for q in requests]
    stats = server.stats
    injected = {name: stats.faults[name] for name in rates}
    assert all(injected[name] > 0 for name in ("429", "500", "timeout", "truncated", "malformed", "drop", "slow"))
    # every distinct (prompt, seed) answered exactly once: nothing lost, nothing paid twice
    assert stats.answered == 60 and len(stats.by_key) == 60
    assert client.usage.calls == stats.requests
    assert client.usage.retries == stats.requests - 60 == sum(client.usage.errors.values())
    assert sum(injected.values()) - injected["slow"] == sum(client.usage.errors.values())
    assert client.usage.errors["rate_limited"] == injected["429"]
    assert client.usage.errors["timeout"] == injected["timeout"]
    assert client.usage.deduplicated == 6 and not client.usage.failures
    assert len(ResponseCache(tmp_path / "cache")) == 60


@pytest.mark.parametrize("transport", ["auto", "litellm"])
def test_exhausted_retries_and_final_errors_are_recorded_not_raised(make_server, transport):
    server = make_server(faults=dict(rates={"500": 1.0}, faulty_attempts=100))
    client = TeacherClient(config(server, retries=2, transport=transport))
    replies = client.complete_many(requests_for(2, samples=1))
    assert [(r.text, r.error) for r in replies] == [(None, "server_error")] * 2
    assert server.stats.requests == 6 and client.usage.failures == {"server_error": 2}

    rejecting = make_server(faults=dict(rates={"400": 1.0}, faulty_attempts=100))
    client = TeacherClient(config(rejecting, retries=4, transport=transport))
    replies = client.complete_many(requests_for(3, samples=1))
    assert {r.error for r in replies} == {"bad_request"}
    assert rejecting.stats.requests == 3  # a rejected prompt is not retried


def test_failed_calls_are_not_cached(make_server, tmp_path):
    server = make_server(faults=dict(rates={"500": 1.0}, faulty_attempts=1))
    client = TeacherClient(config(server, tmp_path, retries=0))
    assert client.complete_many(requests_for(1, samples=1))[0].error == "server_error"
    again = TeacherClient(config(server, tmp_path, retries=0)).complete_many(requests_for(1, samples=1))[0]
    assert again.text == expected_text(requests_for(1, samples=1)[0]) and not again.cached


def test_rerun_with_unchanged_prompts_makes_zero_calls(server, tmp_path):
    requests = requests_for(8)
    first = TeacherClient(config(server, tmp_path)).complete_many(requests)
    made = server.stats.requests
    client = TeacherClient(config(server, tmp_path))
    second = client.complete_many(requests)
    assert server.stats.requests == made == 24
    assert [r.text for r in second] == [r.text for r in first]
    assert all(r.cached for r in second) and client.usage.cache_hits == 24 and client.usage.calls == 0
    assert [r.prompt_tokens for r in second] == [r.prompt_tokens for r in first]
    # parameters that decide the answer are part of the key; the endpoint is not
    TeacherClient(config(server, tmp_path, temperature=0.2)).complete_many(requests[:2])
    assert server.stats.requests == made + 2


def _render_all(items: list[str]) -> list[TeacherRequest]:
    requests = []
    for index, text in enumerate(items):
        requests.append(TeacherRequest(f"sig-{index}", "signature", prompts.render("signature", instruction=text)))
        for sample in range(2):
            requests.append(
                TeacherRequest(
                    f"code-{index}-{sample}",
                    "candidate_code",
                    prompts.render("candidate_code", instruction=text, signature="Function: f(x: int) -> int"),
                    sample,
                )
            )
    return requests


def test_one_template_edit_makes_only_that_templates_calls(server, tmp_path, monkeypatch):
    templates = tmp_path / "prompts"
    shutil.copytree(prompts.prompts_dir(), templates)
    monkeypatch.setenv("VCOT_PROMPTS_DIR", str(templates))
    items = [f"Exercise {i}: add {i} to x." for i in range(6)]
    TeacherClient(config(server, tmp_path)).complete_many(_render_all(items))
    assert server.stats.requests == 18

    path = templates / "candidate_code.txt"
    path.write_text(path.read_text().replace("Implement the exercise exactly", "Implement the exercise precisely"))
    server.reset_stats()
    client = TeacherClient(config(server, tmp_path))
    replies = client.complete_many(_render_all(items))
    assert server.stats.requests == 12 and client.usage.cache_hits == 6
    assert all(prompt.count("precisely") == 1 for prompt, _ in server.stats.by_key)
    assert {r.key.split("-")[0] for r in replies if not r.cached} == {"code"}


def test_spend_cap_stops_cleanly_and_keeps_what_was_paid_for(server, tmp_path):
    requests = requests_for(10, samples=2)
    client = TeacherClient(config(server, tmp_path, concurrency=3, max_calls=7))
    with pytest.raises(SpendCapExceeded, match="max_calls=7") as info:
        client.complete_many(requests)
    assert server.stats.requests == 7
    answered = [r for r in info.value.replies if r is not None]
    assert len(answered) == 7 and all(r.text == expected_text(q) for r, q in zip(info.value.replies, requests) if r)
    # nothing paid for is lost: the rest costs exactly the rest
    rest = TeacherClient(config(server, tmp_path))
    assert [r.text for r in rest.complete_many(requests)] == [expected_text(q) for q in requests]
    assert server.stats.requests == 20 and rest.usage.cache_hits == 7

    tokens = TeacherClient(config(server, tmp_path, cache_dir=None, concurrency=1, max_total_tokens=30))
    with pytest.raises(SpendCapExceeded, match="max_total_tokens=30"):
        tokens.complete_many(requests)
    assert 30 <= tokens.usage.total_tokens < 60


def test_provider_variables_work_unchanged(server, monkeypatch):
    monkeypatch.setenv("OPENAI_API_BASE", server.base_url)
    reply = TeacherClient(config(server, api_base=None)).complete(TeacherRequest("a", "t", "hello", 4))
    assert reply.text == strip_reasoning_blocks(echo_answer("hello", 4))
    monkeypatch.setenv("HOSTED_VLLM_API_BASE", server.base_url)
    reply = TeacherClient(config(server, api_base=None, model="hosted_vllm/some-model")).complete(
        TeacherRequest("b", "t", "hello", 5)
    )
    assert reply.text == strip_reasoning_blocks(echo_answer("hello", 5))
    assert server.stats.requests == 2


def test_offline_teacher_is_registered_as_a_litellm_provider(tmp_path):
    prompt = prompts.render("signature", instruction="[function] Return the sum of a list of integers.")
    client = TeacherClient(TeacherConfig(model="offline/default", cache_dir=str(tmp_path)))
    replies = client.complete_many([TeacherRequest(f"s{i}", "signature", prompt, i) for i in range(3)])
    assert [r.text for r in replies] == [strip_reasoning_blocks(answer(prompt, i)) for i in range(3)]
    assert client.usage.calls == 3 and all(r.error is None for r in replies)


def test_changed_offline_failure_rates_are_not_answered_from_the_cache(tmp_path, monkeypatch):
    prompt = prompts.render("signature", instruction="[function] Return the sum of a list of integers.")
    requests = [TeacherRequest(f"s{i}", "signature", prompt, i) for i in range(20)]

    def replies() -> tuple[list[str], TeacherClient]:
        client = TeacherClient(TeacherConfig(model="offline/default", cache_dir=str(tmp_path)))
        return [r.text for r in client.complete_many(requests)], client

    monkeypatch.setenv("VCOT_OFFLINE_FAILURES", "0")
    honest, _ = replies()
    monkeypatch.setenv("VCOT_OFFLINE_RATE_MALFORMED", "1")
    malformed, client = replies()
    assert client.usage.cache_hits == 0 and client.usage.calls == len(requests)
    assert malformed == [strip_reasoning_blocks(answer(prompt, i)) for i in range(len(requests))]
    assert malformed != honest
    monkeypatch.delenv("VCOT_OFFLINE_RATE_MALFORMED")
    again, client = replies()
    assert again == honest and client.usage.cache_hits == len(requests)


KILLED_RUN = """
import os, sys
sys.path.insert(0, {repo!r})
os.environ["OPENAI_API_KEY"] = "sk-local-test"
from vcot_assets.core.records import TeacherRequest
from vcot_assets.llm.client import TeacherClient, TeacherConfig
config = TeacherConfig(model="openai/wire-test", api_base={base!r}, cache_dir={cache!r}, concurrency=4)
requests = [TeacherRequest(f"k{{i}}", "t", f"prompt number {{i}}", 0) for i in range(60)]
TeacherClient(config).complete_many(requests)
print("finished")
"""


@pytest.mark.slow
def test_cache_survives_a_killed_run(make_server, tmp_path):
    server = make_server(latency_s=0.05)
    cache = tmp_path / "cache"
    script = KILLED_RUN.format(repo=str(REPO), base=server.base_url, cache=str(cache))
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 180  # importing litellm on a busy machine takes a while
    while len(ResponseCache(cache)) < 12 and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.02)
    child.send_signal(signal.SIGKILL)
    child.wait()
    kept = len(ResponseCache(cache))
    assert 12 <= kept < 60, "the child should have been killed part-way"
    for path in cache.glob("??/*.json"):
        assert isinstance(json.loads(path.read_text())["text"], str)

    server.reset_stats()
    requests = [TeacherRequest(f"k{i}", "t", f"prompt number {i}", 0) for i in range(60)]
    client = TeacherClient(TeacherConfig(model="openai/wire-test", api_base=server.base_url, cache_dir=str(cache)))
    replies = client.complete_many(requests)
    assert server.stats.requests == 60 - kept and client.usage.cache_hits == kept
    assert [r.text for r in replies] == [expected_text(q) for q in requests]


def test_litellm_is_not_imported_until_the_first_call():
    code = textwrap.dedent("""
        import sys
        import vcot_assets.llm, vcot_assets.llm.client, vcot_assets.resources.teacher
        from vcot_assets.llm import TeacherClient, TeacherConfig
        TeacherClient(TeacherConfig(cache_dir=None)).complete_many([])
        print("litellm" in sys.modules)
    """)
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert out.stdout.strip() == "False", out.stderr


def test_transport_choice(server, monkeypatch):
    monkeypatch.delenv("OPENAI_API_BASE", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    monkeypatch.setenv("HOSTED_VLLM_API_BASE", server.base_url)
    chosen = {
        (model, base, transport): TeacherClient(
            TeacherConfig(model=model, api_base=base, transport=transport)
        ).transport_name
        for model, base, transport in [
            ("openai/local", server.base_url, "auto"),
            ("hosted_vllm/Qwen/Qwen2.5-7B", None, "auto"),
            ("openai/local", server.base_url, "litellm"),
            ("openai/gpt-4o-mini", None, "auto"),
            ("gpt-4o-mini", "https://api.openai.com/v1", "auto"),
            ("ollama/llama3", None, "auto"),
        ]
    }
    assert list(chosen.values()) == [
        "openai-compatible",
        "openai-compatible",
        "litellm",
        "litellm",
        "litellm",
        "litellm",
    ]


def test_config_rejects_nonsense():
    with pytest.raises(ValueError, match="transport"):
        TeacherConfig(transport="carrier-pigeon")
    with pytest.raises(ValueError, match="concurrency"):
        TeacherConfig(concurrency=0)
    with pytest.raises(ValueError, match="retries"):
        TeacherConfig(retries=-1)


def test_server_faults_are_a_pure_function_of_the_request():
    plan = FaultPlan({"429": 0.3, "500": 0.3}, faulty_attempts=1)
    first = [plan.fault(f"p{i}", 0, 0) for i in range(200)]
    assert first == [plan.fault(f"p{i}", 0, 0) for i in range(200)]
    assert 40 < first.count("429") < 80 and 40 < first.count("500") < 80
    assert all(plan.fault(f"p{i}", 0, 1) is None for i in range(200))


@pytest.mark.parametrize("transport", ["auto", "litellm"])
def test_missing_key_is_an_auth_error_with_its_message(server, monkeypatch, transport):
    monkeypatch.delenv("OPENAI_API_KEY")
    client = TeacherClient(config(server, retries=3, transport=transport))
    reply = client.complete(TeacherRequest("a", "t", "hello"))
    assert reply.error == "auth_error" and server.stats.requests == 0
    assert "OPENAI_API_KEY" in client.usage.error_examples["auth_error"]
    assert dict(client.usage)["failed/auth_error"] == 1 and client.usage.calls == 1


@pytest.mark.slow
def test_spend_ledger_caps_the_whole_run_across_clients_and_processes(server, tmp_path):
    ledger = str(tmp_path / "spend" / "run-1.json")
    first = TeacherClient(config(server, tmp_path, concurrency=2, max_calls=10, spend_ledger=ledger))
    first.complete_many(requests_for(6, samples=1, template="a"))
    assert server.stats.requests == 6
    # another step of the same run, in another process, gets only what is left
    code = textwrap.dedent(f"""
        import os, sys
        os.environ["OPENAI_API_KEY"] = "sk-local-test"
        from vcot_assets.core.records import TeacherRequest
        from vcot_assets.llm.client import SpendCapExceeded, TeacherClient, TeacherConfig
        client = TeacherClient(TeacherConfig(model="openai/wire-test", api_base={server.base_url!r}, concurrency=2,
                                             max_calls=10, spend_ledger={ledger!r}))
        try:
            client.complete_many([TeacherRequest(f"b{{i}}", "b", f"other prompt {{i}}") for i in range(8)])
        except SpendCapExceeded as err:
            print(err)
    """)
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert "for this run: 10 calls made, max_calls=10" in out.stdout, out.stderr
    assert server.stats.requests == 10
    spent = json.loads(Path(ledger).read_text())
    assert spent["calls"] == 10 and spent["tokens"] > 0


def test_ollama_models_reach_the_server_named_by_ollama_api_base(make_server, tmp_path, monkeypatch):
    server = make_server(faults=dict(rates={"500": 0.5}, faulty_attempts=1))
    monkeypatch.setenv("OLLAMA_API_BASE", server.base_url.removesuffix("/v1"))
    for model in ("ollama_chat/qwen2.5-coder", "ollama/qwen2.5-coder"):
        server.reset_stats()
        client = TeacherClient(config(server, tmp_path / model.split("/")[0], model=model, api_base=None))
        assert client.transport_name == "litellm"
        requests = [TeacherRequest(f"k{i}", "t", f"ollama prompt {i}", i) for i in range(6)]
        replies = client.complete_many(requests)
        seen = dict(server.stats.by_key)  # (prompt as the server got it, seed) -> requests
        assert len(seen) == 6 and server.stats.answered == 6 and server.stats.faults["500"] > 0
        for request, reply in zip(requests, replies):
            ((prompt, seed),) = [k for k in seen if f"ollama prompt {request.sample_index}" in k[0]]
            assert seed == request.sample_index
            assert reply.text == strip_reasoning_blocks(echo_answer(prompt, seed)) and reply.error is None
        assert client.usage.completion_tokens > 0


@pytest.mark.parametrize("transport", ["auto", "litellm"])
def test_finish_reason_comes_back_and_is_cached(make_server, tmp_path, transport):
    """A reply cut at max_tokens says so (`finish_reason == "length"`), from the server and from the cache."""
    server = make_server(cut_at_max_tokens=True)
    requests = requests_for(2, samples=1)
    cut = TeacherClient(config(server, tmp_path, transport=transport, max_tokens=3)).complete_many(requests)
    assert [r.finish_reason for r in cut] == ["length", "length"] and all(len(r.text) <= 12 for r in cut)
    again = TeacherClient(config(server, tmp_path, transport=transport, max_tokens=3)).complete_many(requests)
    assert [(r.cached, r.finish_reason) for r in again] == [(True, "length"), (True, "length")]
    whole = TeacherClient(config(server, tmp_path, transport=transport)).complete_many(requests)
    assert [r.finish_reason for r in whole] == ["stop", "stop"]
