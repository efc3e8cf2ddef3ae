"""Structured outputs and bounded re-asks over a real socket: what goes on the wire, what comes back."""

import json

import pytest

from vcot_assets.core.records import TeacherRequest
from vcot_assets.core.reply_schemas import json_schema
from vcot_assets.core.synthesis.reading import read_teacher_text, reply_problem
from vcot_assets.core.synthesis.records import Batch, BatchText, Keyphrase
from vcot_assets.core.synthesis.steps import concept_request
from vcot_assets.llm.client import TeacherClient, TeacherConfig
from vcot_assets_tests.llm.test_client import config
from vcot_offline.conversation import REASK_SEED_STEP

INSTRUCTIONS_JSON = {
    "instructions": [
        {"kind": "function", "statement": "Return the sum of the even numbers in a list."},
        {"kind": "class", "statement": "A counter whose add method returns the running total."},
    ]
}
INSTRUCTIONS_TEXT = "1. [function] Return the sum of the even numbers in a list.\n2. [class] A counter class."


def structured_or_text(prompt: str, seed: int) -> str:
    """Like a model under a schema constraint: JSON when the request carried one, text otherwise."""
    return json.dumps(INSTRUCTIONS_JSON) if "### Structured output" in prompt else INSTRUCTIONS_TEXT


def instructions_request(key: str = "c0|easy") -> TeacherRequest:
    return TeacherRequest(key, "instructions", "Write 2 exercises.\n### Output format\n1. [function] <statement>")


@pytest.mark.parametrize("transport", ["auto", "litellm"])
def test_json_schema_mode_sends_openai_format_and_reads_back_as_the_template(make_server, tmp_path, transport):
    server = make_server(answer=structured_or_text)
    client = TeacherClient(config(server, tmp_path, structured="json_schema", transport=transport))
    (reply,) = client.complete_many([instructions_request()])

    (body,) = server.bodies
    assert body["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "instructions", "schema": json_schema("instructions"), "strict": True},
    }
    assert "### Structured output" in body["messages"][0]["content"]
    assert reply.schema == "instructions"
    reading = read_teacher_text("instructions", reply.text, reply.finish_reason, schema=reply.schema)
    assert reading.rejection is None
    assert reading.value == [(i["kind"], i["statement"]) for i in INSTRUCTIONS_JSON["instructions"]]


def test_json_object_schema_mode_is_llama_cpp_servers_shape(make_server, tmp_path):
    server = make_server(answer=structured_or_text)
    client = TeacherClient(config(server, tmp_path, structured="json_object_schema"))
    client.complete_many([instructions_request()])
    assert server.bodies[0]["response_format"] == {"type": "json_object", "schema": json_schema("instructions")}


def test_ollama_gets_the_schema_as_its_format_through_litellm(make_server, tmp_path, monkeypatch):
    server = make_server(answer=structured_or_text)
    monkeypatch.setenv("OLLAMA_API_BASE", server.base_url.removesuffix("/v1"))
    client = TeacherClient(
        config(server, tmp_path, model="ollama_chat/qwen2.5-coder", api_base=None, structured="json_schema")
    )
    (reply,) = client.complete_many([instructions_request()])
    assert server.bodies[0]["format"] == json_schema("instructions")
    assert reply.schema == "instructions" and json.loads(reply.text) == INSTRUCTIONS_JSON


def test_templates_without_a_schema_and_mode_off_stay_text(make_server, tmp_path):
    server = make_server(answer=structured_or_text)
    structured = TeacherClient(config(server, tmp_path / "a", structured="json_schema"))
    plain = TeacherClient(config(server, tmp_path / "b", structured="off"))
    code = TeacherRequest("k", "candidate_code", "Write the function.")
    (code_reply,) = structured.complete_many([code])
    (text_reply,) = plain.complete_many([instructions_request()])
    assert [("response_format" in b) for b in server.bodies] == [False, False]
    assert code_reply.schema is None and text_reply.schema is None and text_reply.text == INSTRUCTIONS_TEXT


def test_auto_mode_follows_what_litellm_knows():
    assert TeacherClient(TeacherConfig(model="gpt-4o-mini")).structured_mode == "json_schema"
    assert TeacherClient(TeacherConfig(model="hosted_vllm/qwen2.5-coder-7b")).structured_mode == "off"
    assert TeacherClient(TeacherConfig(model="offline/default")).structured_mode == "off"
    with pytest.raises(ValueError, match="structured"):
        TeacherConfig(structured="yes please")


def test_the_cache_key_includes_the_schema(make_server, tmp_path):
    server = make_server(answer=structured_or_text)
    request = instructions_request()
    cache = dict(cache_dir=str(tmp_path / "shared-cache"))
    TeacherClient(config(server, None, structured="off", **cache)).complete_many([request])
    structured = TeacherClient(config(server, None, structured="json_schema", **cache))
    (first,) = structured.complete_many([request])
    (again,) = TeacherClient(config(server, None, structured="json_schema", **cache)).complete_many([request])
    assert server.stats.requests == 2  # the text reply did not answer the structured request
    assert not first.cached and again.cached and again.schema == "instructions" and again.text == first.text


def test_a_concepts_request_constrains_the_keyphrase_to_those_the_prompt_listed(make_server, tmp_path):
    server = make_server(answer=structured_or_text)
    listed = [Keyphrase("heap invariant", 0.1), Keyphrase("merge", 0.2)]
    batch = BatchText(Batch("heapq-000", "heapq", "heapq.md", 0, 0, 30, "0" * 64), "A heap keeps its invariant ...")
    request = concept_request(batch, listed, max_concepts=2)
    assert request.choices == {"keyphrase": ["heap invariant", "merge"]}
    client = TeacherClient(config(server, tmp_path, structured="json_object_schema"))
    client.complete_many([request])
    schema = server.bodies[0]["response_format"]["schema"]
    (item,) = [d for d in schema["$defs"].values() if "keyphrase" in d["properties"]]
    assert item["properties"]["keyphrase"]["enum"] == ["heap invariant", "merge"]
    assert (
        "enum" not in json_schema("concepts")["$defs"]["ConceptItem"]["properties"]["keyphrase"]
    )  # (shared, unchanged)
    assert '"enum": ["heap invariant", "merge"]' in server.bodies[0]["messages"][0]["content"]
    # other keyphrases, another schema: the cache does not answer one request with the other's reply
    other = concept_request(batch, listed[:1], max_concepts=2)
    assert client.key(other) != client.key(request)
    # a text request carries no schema, and the listing changes nothing about its key but the prompt
    text_client = TeacherClient(config(server, tmp_path / "text", structured="off"))
    assert text_client.response_format(request) is None


def test_schema_mismatch_is_a_rejection_with_pydantics_reason():
    reading = read_teacher_text(
        "instructions", '{"instructions": [{"kind": "module", "statement": "x"}]}', schema="instructions"
    )
    assert reading.rejection == "schema_mismatch" and "instructions.0.kind" in reading.detail
    reading = read_teacher_text("instructions", "Sure! Here you go.", schema="instructions")
    assert reading.rejection == "schema_mismatch"


def unreadable_then_fixed(prompt: str, seed: int) -> str:
    """A model that ignores the format the first time and follows it when told."""
    return "Sure! I'd be happy to help with exercises." if seed < REASK_SEED_STEP else INSTRUCTIONS_TEXT


@pytest.mark.parametrize("transport", ["auto", "litellm"])
def test_an_unreadable_reply_is_asked_again_with_its_parse_error(make_server, tmp_path, transport):
    server = make_server(answer=unreadable_then_fixed)
    client = TeacherClient(config(server, tmp_path, structured="off", transport=transport))
    requests = [instructions_request("c0|easy"), TeacherRequest("c0|hard", "instructions", "Write 2 hard exercises.")]
    replies, counts = client.complete_with_reasks(requests, reply_problem)

    assert [r.key for r in replies] == ["c0|easy", "c0|hard"]
    assert all(read_teacher_text("instructions", r.text).rejection is None for r in replies)
    reason = read_teacher_text("instructions", "Sure! I'd be happy to help with exercises.").rejection
    assert reason is not None and counts.asked == {reason: 2} and counts.recovered == 2
    follow_up = server.bodies[2]["messages"]
    assert [m["role"] for m in follow_up] == ["user", "assistant", "user"]
    assert follow_up[1]["content"] == "Sure! I'd be happy to help with exercises."
    assert reason in follow_up[2]["content"]

    # Re-asks are cached like any call: a second run makes none.
    again = TeacherClient(config(server, tmp_path, structured="off", transport=transport))
    replies_again, counts_again = again.complete_with_reasks(requests, reply_problem)
    assert [r.text for r in replies_again] == [r.text for r in replies]
    assert server.stats.requests == 4 and again.usage.calls == 0 and again.usage.cache_hits == 4


def test_reasks_are_bounded_and_a_hopeless_reply_stays_rejected(make_server, tmp_path):
    server = make_server(answer=lambda prompt, seed: "I cannot help with that.")
    client = TeacherClient(config(server, tmp_path, structured="off", reasks=2))
    (reply,), counts = client.complete_with_reasks([instructions_request()], reply_problem)
    assert server.stats.requests == 3 and sum(counts.asked.values()) == 2 and counts.recovered == 0
    assert reply_problem("instructions", reply) is not None  # the stage records it as a rejection
    assert [len(b["messages"]) for b in server.bodies] == [1, 3, 5]


def test_a_cut_reply_is_asked_again_with_a_larger_budget_up_to_the_cap(make_server, tmp_path):
    long_list = "\n".join(f"{n}. [function] Exercise number {n} about sums of lists." for n in range(1, 9))
    server = make_server(answer=lambda prompt, seed: long_list, cut_at_max_tokens=True)
    client = TeacherClient(config(server, tmp_path, structured="off", max_tokens=40, max_tokens_cap=120, reasks=3))
    (reply,), counts = client.complete_with_reasks([instructions_request()], reply_problem)
    assert [b["max_tokens"] for b in server.bodies] == [40, 80, 120]
    assert counts.asked == {"truncated": 2} and counts.recovered == 1
    assert reply.finish_reason == "stop" and len(read_teacher_text("instructions", reply.text).value) == 8

    # Past the cap the reply stays a recorded truncation, its complete items kept.
    capped = TeacherClient(config(server, tmp_path / "capped", structured="off", max_tokens=40, max_tokens_cap=40))
    (cut,), counts = capped.complete_with_reasks([instructions_request()], reply_problem)
    assert cut.finish_reason == "length" and counts.asked == {}
    reading = read_teacher_text("instructions", cut.text, cut.finish_reason)
    assert reading.truncated and 0 < len(reading.value) < 8


def test_a_cut_structured_reply_keeps_the_items_completed_before_the_cut(make_server, tmp_path):
    eight = [{"kind": "function", "statement": f"Exercise number {n} about sums of lists."} for n in range(1, 9)]
    server = make_server(answer=lambda prompt, seed: json.dumps({"instructions": eight}), cut_at_max_tokens=True)
    client = TeacherClient(config(server, tmp_path, structured="json_schema", max_tokens=60, max_tokens_cap=60))
    (cut,), counts = client.complete_with_reasks([instructions_request()], reply_problem)
    assert cut.finish_reason == "length" and cut.schema == "instructions" and counts.asked == {}
    reading = read_teacher_text("instructions", cut.text, cut.finish_reason, schema=cut.schema)
    assert reading.truncated and reading.rejection is None
    assert (
        0 < len(reading.value) < 8
        and reading.value == [(i["kind"], i["statement"]) for i in eight][: len(reading.value)]
    )
