"""The offline teacher as a litellm custom provider (`offline/<anything>`, e.g. `offline/default`).

Going through litellm like any real model means the teacher layer's cache, concurrency, spend
accounting and retries are exercised in every offline run. The reply is `answer(prompt, seed)`
with the prompt and seed `conversation.task_and_seed` takes from the request (a re-ask is
answered afresh).
Token counts are a cheap word-and-symbol count: there is no tokenizer to match, and the
numbers only feed accounting.
"""

from __future__ import annotations

import re
import time
from typing import Any

import litellm
from litellm import CustomLLM
from litellm.types.utils import Choices, Message, ModelResponse, Usage

from .answer import answer
from .conversation import task_and_seed
from .rates import FailureRates

_TOKEN = re.compile(r"\w+|[^\w\s]")


def count_tokens(text: str) -> int:
    return len(_TOKEN.findall(text))


def _seed(optional_params: dict | None, litellm_params: dict | None) -> int:
    for source in (optional_params or {}, litellm_params or {}):
        value = source.get("seed")
        if value is not None:
            try:
                return int(value)
            except (TypeError, ValueError):
                continue
    return 0


class OfflineTeacherLLM(CustomLLM):
    """litellm handler for the `offline` provider."""

    def __init__(self, rates: FailureRates | None = None) -> None:
        super().__init__()
        self.rates = rates

    def _respond(
        self,
        model: str,
        messages: list,
        model_response: ModelResponse | None,
        optional_params: dict | None,
        litellm_params: dict | None,
    ) -> ModelResponse:
        try:
            prompt, seed = task_and_seed(messages, _seed(optional_params, litellm_params))
        except StopIteration:
            prompt, seed = "", _seed(optional_params, litellm_params)  # no task: answered as an empty prompt
        text = answer(prompt, seed, self.rates)
        response = model_response if model_response is not None else ModelResponse()
        response.choices = [Choices(index=0, finish_reason="stop", message=Message(role="assistant", content=text))]
        response.model = model if model.startswith("offline/") else f"offline/{model}"
        response.created = int(time.time())
        prompt_tokens, completion_tokens = count_tokens(prompt), count_tokens(text)
        response.usage = Usage(
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            total_tokens=prompt_tokens + completion_tokens,
        )
        return response

    def completion(
        self,
        model: str,
        messages: list,
        api_base: str = "",
        custom_prompt_dict: dict | None = None,
        model_response: ModelResponse | None = None,
        print_verbose: Any = None,
        encoding: Any = None,
        api_key: Any = None,
        logging_obj: Any = None,
        optional_params: dict | None = None,
        acompletion: Any = None,
        litellm_params: dict | None = None,
        logger_fn: Any = None,
        headers: dict | None = None,
        timeout: Any = None,
        client: Any = None,
    ) -> ModelResponse:
        return self._respond(model, messages, model_response, optional_params, litellm_params)

    async def acompletion(
        self,
        model: str,
        messages: list,
        api_base: str = "",
        custom_prompt_dict: dict | None = None,
        model_response: ModelResponse | None = None,
        print_verbose: Any = None,
        encoding: Any = None,
        api_key: Any = None,
        logging_obj: Any = None,
        optional_params: dict | None = None,
        acompletion: Any = None,
        litellm_params: dict | None = None,
        logger_fn: Any = None,
        headers: dict | None = None,
        timeout: Any = None,
        client: Any = None,
    ) -> ModelResponse:
        return self._respond(model, messages, model_response, optional_params, litellm_params)


def register(rates: FailureRates | None = None) -> None:
    """Make `offline/...` model strings resolve to this provider (idempotent)."""
    if any(item.get("provider") == "offline" for item in litellm.custom_provider_map):
        return
    litellm.custom_provider_map = [
        *litellm.custom_provider_map,
        {"provider": "offline", "custom_handler": OfflineTeacherLLM(rates)},
    ]
