import os

import dagster as dg

from vcot_assets.llm.client import TeacherClient
from vcot_assets.resources.teacher import TEACHER_ENV, TeacherResource


def test_resource_builds_a_client_from_its_fields(tmp_path, monkeypatch):
    monkeypatch.delenv(TEACHER_ENV, raising=False)
    resource = TeacherResource(
        model="ollama/qwen2.5-coder",
        api_base="http://127.0.0.1:11434",
        temperature=0.2,
        max_tokens=512,
        timeout_s=30,
        concurrency=4,
        retries=1,
        max_calls=100,
        max_cost=2.5,
    )
    client = resource.client(tmp_path / "cache")
    assert isinstance(client, TeacherClient)
    c = client.config
    assert (c.model, c.api_base, c.temperature, c.max_tokens, c.timeout_s, c.concurrency, c.retries) == (
        "ollama/qwen2.5-coder",
        "http://127.0.0.1:11434",
        0.2,
        512,
        30,
        4,
        1,
    )
    assert (c.max_calls, c.max_total_tokens, c.max_cost, c.cache_dir) == (100, None, 2.5, os.fspath(tmp_path / "cache"))


def test_env_picks_the_model_and_empty_api_base_defers_to_provider_variables(monkeypatch):
    monkeypatch.setenv(TEACHER_ENV, "hosted_vllm/Qwen/Qwen2.5-7B-Instruct")
    resource = TeacherResource(api_base="")
    config = resource.config(None)
    assert config.model == resource.model_name == "hosted_vllm/Qwen/Qwen2.5-7B-Instruct"
    assert config.api_base is None and config.cache_dir is None


def test_resource_works_inside_an_asset(tmp_path, monkeypatch):
    monkeypatch.delenv(TEACHER_ENV, raising=False)

    @dg.asset
    def teacher_settings(teacher: TeacherResource) -> dict:
        client = teacher.client(tmp_path)
        return {"model": client.model, "calls": dict(client.usage)["calls"]}

    result = dg.materialize([teacher_settings], resources={"teacher": TeacherResource(concurrency=2)})
    assert result.success
    assert result.output_for_node("teacher_settings") == {"model": "offline/default", "calls": 0}


def test_caps_with_a_run_id_share_a_ledger_per_run(tmp_path, monkeypatch):
    monkeypatch.delenv(TEACHER_ENV, raising=False)
    capped = TeacherResource(max_calls=5)
    assert capped.config(tmp_path, "abc").spend_ledger == os.path.join(tmp_path, "spend", "abc.json")
    assert capped.config(tmp_path).spend_ledger is None
    assert TeacherResource().config(tmp_path, "abc").spend_ledger is None  # no cap, nothing to count


def test_call_parameters_default_to_vcot_teacher_variables(monkeypatch):
    from vcot_assets.resources.teacher import _env_default

    monkeypatch.setenv("VCOT_TEACHER_MAX_TOKENS", "256")
    monkeypatch.setenv("VCOT_TEACHER_TEMPERATURE", "0.2")
    monkeypatch.delenv("VCOT_TEACHER_CONCURRENCY", raising=False)
    assert _env_default("max_tokens", 2048) == 256
    assert _env_default("temperature", 0.7) == 0.2
    assert _env_default("concurrency", 16) == 16
    monkeypatch.setenv("VCOT_TEACHER_MAX_TOKENS", "lots")
    try:
        _env_default("max_tokens", 2048)
    except ValueError as err:
        assert "VCOT_TEACHER_MAX_TOKENS" in str(err)
    else:
        raise AssertionError("a malformed value must be an error")
