"""The teacher as a Dagster resource: configuration in the UI and run config, client per step."""

from __future__ import annotations

import os
from typing import Optional

import dagster as dg

from vcot_assets.llm.client import TeacherClient, TeacherConfig
from vcot_assets.settings import DEFAULT_TEACHER, TEACHER_ENV


def _env_default(field: str, default: float | int | str) -> float | int | str:
    """`$VCOT_TEACHER_<FIELD>` when set, else `default`: how a script sets the teacher's call
    parameters for every step of a `vcot run` (read when the definitions load)."""
    name = f"VCOT_TEACHER_{field.upper()}"
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return type(default)(raw)
    except ValueError as err:
        raise ValueError(f"{name}={raw!r} is not a valid {type(default).__name__}") from err


class TeacherResource(dg.ConfigurableResource):
    """Which model writes the synthetic data, and how it is called.

    `model` is any litellm model string; `$VCOT_TEACHER`, when set, overrides it (that is how
    `vcot run --teacher` reaches every step). Leave `api_base` empty to let litellm's own
    provider variables (`OPENAI_API_BASE`, `OLLAMA_API_BASE`, `HOSTED_VLLM_API_BASE`, ...)
    decide. `temperature`, `max_tokens`, `timeout_s` and `concurrency` default to
    `$VCOT_TEACHER_TEMPERATURE`, `$VCOT_TEACHER_MAX_TOKENS`, `$VCOT_TEACHER_TIMEOUT_S` and
    `$VCOT_TEACHER_CONCURRENCY` when set. Spend caps count the whole run when `client()` gets the run id (every step of
    the run shares a ledger file under the cache folder), else one step; empty means no cap.
    """

    model: str = DEFAULT_TEACHER
    api_base: Optional[str] = None
    temperature: float = _env_default("temperature", 0.7)
    max_tokens: int = _env_default("max_tokens", 2048)
    timeout_s: float = _env_default("timeout_s", 120.0)
    concurrency: int = _env_default("concurrency", 16)
    retries: int = 4
    max_calls: Optional[int] = None
    max_total_tokens: Optional[int] = None
    max_cost: Optional[float] = None
    transport: str = (
        "auto"  # "auto": self-hosted OpenAI-compatible servers via the openai SDK; "litellm": always litellm
    )
    # Structured outputs for templates that return data: "auto" (where litellm knows the model
    # takes a JSON schema), "off", "json_schema" (vLLM, SGLang, ollama via litellm) or
    # "json_object_schema" (llama-cpp-python's server); `$VCOT_TEACHER_STRUCTURED` sets it.
    structured: str = _env_default("structured", "auto")
    reasks: int = _env_default("reasks", 1)  # an unreadable or cut reply is asked again this many times

    @property
    def model_name(self) -> str:
        return os.environ.get(TEACHER_ENV) or self.model

    def config(self, cache_dir: str | os.PathLike[str] | None, run_id: str | None = None) -> TeacherConfig:
        capped = any(cap is not None for cap in (self.max_calls, self.max_total_tokens, self.max_cost))
        ledger = None
        if capped and run_id and cache_dir is not None:
            ledger = os.path.join(os.fspath(cache_dir), "spend", f"{run_id}.json")
        return TeacherConfig(
            model=self.model_name,
            api_base=self.api_base or None,
            temperature=self.temperature,
            max_tokens=self.max_tokens,
            timeout_s=self.timeout_s,
            concurrency=self.concurrency,
            retries=self.retries,
            max_calls=self.max_calls,
            max_total_tokens=self.max_total_tokens,
            max_cost=self.max_cost,
            cache_dir=os.fspath(cache_dir) if cache_dir is not None else None,
            spend_ledger=ledger,
            transport=self.transport,
            structured=self.structured,
            reasks=self.reasks,
        )

    def client(self, cache_dir: str | os.PathLike[str] | None, run_id: str | None = None) -> TeacherClient:
        """A client for one step; pass `context.run_id` so the caps count the whole run."""
        return TeacherClient(self.config(cache_dir, run_id))
