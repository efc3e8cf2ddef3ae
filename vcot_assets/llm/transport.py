"""How one chat completion reaches the model: through litellm, or straight to an
OpenAI-compatible server.

litellm is the general path: every provider, its parameter mapping, its price map. For a
self-hosted OpenAI-compatible server (`hosted_vllm/...`, or `openai/...` pointed at a local
base URL) litellm's per-call bookkeeping (logging objects, a cost lookup that walks the
price map for a model it cannot price) costs more CPU than the request itself, and at the
pipeline's concurrency the event loop saturates: plain litellm reaches about 70-77% of the
ideal rate where the `openai` SDK reaches about 92%. There the layer sends the same request
with the same SDK litellm would use underneath, after litellm has resolved the endpoint and
key from the usual provider variables. Hosted OpenAI models keep the litellm path: their
parameters need litellm's mapping (e.g. `max_completion_tokens`) and their latency dwarfs the
overhead. `transport="litellm"` forces the general path.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlparse

TRANSPORTS = ("auto", "litellm")
_DIRECT_PROVIDERS = ("openai", "hosted_vllm")
_OPENAI_DEFAULT_BASE = "https://api.openai.com/v1"


@dataclass
class Completion:
    text: str
    prompt_tokens: int
    completion_tokens: int
    cost: float | None
    served_model: str
    finish_reason: str | None = None  # "length": cut by max_tokens; the reply must not be read as whole


class Transport(Protocol):
    name: str

    async def send(
        self, messages: list[dict], seed: int, max_tokens: int | None = None, response_format: dict | None = None
    ) -> Completion: ...


def _text_of(response: Any) -> str:
    try:
        content = response.choices[0].message.content
    except (AttributeError, IndexError, TypeError) as err:
        raise ValueError(f"reply without a message: {err}") from err
    if not isinstance(content, str):
        raise ValueError("reply without text content")
    return content


def _finish_reason(response: Any) -> str | None:
    try:
        reason = response.choices[0].finish_reason
    except (AttributeError, IndexError, TypeError):
        return None
    return str(reason) if reason else None


def _tokens(response: Any) -> tuple[int, int]:
    usage = getattr(response, "usage", None)
    return int(getattr(usage, "prompt_tokens", 0) or 0), int(getattr(usage, "completion_tokens", 0) or 0)


class LitellmTransport:
    name = "litellm"

    def __init__(
        self, litellm: Any, model: str, api_base: str | None, temperature: float, max_tokens: int, timeout_s: float
    ) -> None:
        self.litellm = litellm
        self.model = model
        self.extra = {"api_base": api_base} if api_base else {}
        self.temperature, self.max_tokens, self.timeout_s = temperature, max_tokens, timeout_s
        self.priced = True  # until litellm says it has no price for this model

    async def send(
        self, messages: list[dict], seed: int, max_tokens: int | None = None, response_format: dict | None = None
    ) -> Completion:
        shaped = {"response_format": response_format} if response_format is not None else {}
        response = await self.litellm.acompletion(
            model=self.model,
            messages=messages,
            temperature=self.temperature,
            max_tokens=max_tokens or self.max_tokens,
            seed=seed,
            **shaped,
            timeout=self.timeout_s,
            num_retries=0,
            max_retries=0,  # retries are the client's: one policy, counted once
            **self.extra,
        )
        text = _text_of(response)
        prompt_tokens, completion_tokens = _tokens(response)
        return Completion(
            text,
            prompt_tokens,
            completion_tokens,
            self._cost(response),
            str(getattr(response, "model", None) or self.model),
            _finish_reason(response),
        )

    def _cost(self, response: Any) -> float | None:
        if not self.priced:
            return None
        hidden = getattr(response, "_hidden_params", None)
        cost = hidden.get("response_cost") if isinstance(hidden, dict) else None
        if cost is None:
            try:
                cost = self.litellm.completion_cost(completion_response=response, model=self.model)
            except Exception:  # litellm raises for a model missing from its price map
                cost = None
        if cost is None:
            self.priced = False
            return None
        return float(cost)


class OpenAICompatibleTransport:
    name = "openai-compatible"

    def __init__(self, client: Any, model_name: str, label: str, temperature: float, max_tokens: int) -> None:
        self.client = client
        self.model_name = model_name  # as the server knows it (provider prefix removed)
        self.label = label
        self.temperature, self.max_tokens = temperature, max_tokens

    async def send(
        self, messages: list[dict], seed: int, max_tokens: int | None = None, response_format: dict | None = None
    ) -> Completion:
        # Sent as body fields, not SDK arguments: llama-cpp-python's `{"type": "json_object",
        # "schema": ...}` is not a shape the SDK's types know.
        shaped = {"extra_body": {"response_format": response_format}} if response_format is not None else {}
        response = await self.client.chat.completions.create(
            model=self.model_name,
            messages=messages,
            temperature=self.temperature,
            max_tokens=max_tokens or self.max_tokens,
            seed=seed,
            **shaped,
        )
        prompt_tokens, completion_tokens = _tokens(response)
        # A self-hosted server has no price.
        return Completion(
            _text_of(response),
            prompt_tokens,
            completion_tokens,
            None,
            str(getattr(response, "model", None) or self.label),
            _finish_reason(response),
        )


_sdk_clients: dict[tuple[str, str, float], Any] = {}
_sdk_lock = threading.Lock()


def _sdk_client(base_url: str, api_key: str, timeout_s: float) -> Any:
    """One SDK client (one connection pool) per endpoint, shared by every client of the process."""
    import openai

    key = (base_url, api_key, timeout_s)
    with _sdk_lock:
        if key not in _sdk_clients:
            _sdk_clients[key] = openai.AsyncOpenAI(base_url=base_url, api_key=api_key, timeout=timeout_s, max_retries=0)
        return _sdk_clients[key]


def _direct_endpoint(litellm: Any, model: str, api_base: str | None) -> tuple[str, str, str] | None:
    """(model name, base URL, key) when `model` lives on a self-hosted OpenAI-compatible server."""
    try:
        model_name, provider, dynamic_key, resolved_base = litellm.get_llm_provider(model=model, api_base=api_base)
    except Exception:
        return None
    if provider not in _DIRECT_PROVIDERS:
        return None
    if provider == "openai":
        # The order litellm's openai route reads them in.
        resolved_base = (
            resolved_base
            or litellm.api_base
            or os.environ.get("OPENAI_BASE_URL")
            or os.environ.get("OPENAI_API_BASE")
            or _OPENAI_DEFAULT_BASE
        )
        key = dynamic_key or litellm.api_key or litellm.openai_key or os.environ.get("OPENAI_API_KEY")
    else:
        key = dynamic_key or "fake-api-key"
    if not resolved_base or not key:
        return None  # litellm's path reports what is missing
    host = urlparse(resolved_base).hostname or ""
    if host.endswith("openai.com") or host.endswith("azure.com"):
        return None
    return model_name, resolved_base, key


def choose_transport(
    litellm: Any,
    transport: str,
    model: str,
    api_base: str | None,
    temperature: float,
    max_tokens: int,
    timeout_s: float,
) -> Transport:
    if transport not in TRANSPORTS:
        raise ValueError(f"unknown teacher transport {transport!r}; use one of {', '.join(TRANSPORTS)}")
    endpoint = _direct_endpoint(litellm, model, api_base) if transport == "auto" else None
    if endpoint is None:
        return LitellmTransport(litellm, model, api_base, temperature, max_tokens, timeout_s)
    model_name, base_url, key = endpoint
    return OpenAICompatibleTransport(_sdk_client(base_url, key, timeout_s), model_name, model, temperature, max_tokens)
