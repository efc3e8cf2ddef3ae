"""The offline teacher through litellm, as the teacher layer calls it."""

from __future__ import annotations

import asyncio
import os

import pytest

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
litellm = pytest.importorskip("litellm")

from vcot_assets.core.prompts import render  # noqa: E402
from vcot_assets.core.synthesis import parsing  # noqa: E402
from vcot_offline import FailureRates, answer  # noqa: E402
from vcot_offline.families import tasks_by_name  # noqa: E402
from vcot_offline.provider import OfflineTeacherLLM, count_tokens, register  # noqa: E402

TASK = tasks_by_name()["binary_search"]
PROMPT = render("candidate_code", instruction=TASK.instruction, signature=TASK.signature)


@pytest.fixture(autouse=True)
def _registered():
    saved = list(litellm.custom_provider_map)
    litellm.custom_provider_map = [m for m in saved if m.get("provider") != "offline"]
    register(FailureRates.none())
    yield
    litellm.custom_provider_map = saved


def test_completion_is_answer_with_the_seed_and_usage():
    for seed in range(3):
        response = litellm.completion(
            model="offline/default", messages=[{"role": "user", "content": PROMPT}], seed=seed
        )
        text = response.choices[0].message.content
        assert text == answer(PROMPT, seed, FailureRates.none())
        assert response.usage.prompt_tokens == count_tokens(PROMPT)
        assert response.usage.completion_tokens == count_tokens(text) > 0
        assert response.model.startswith("offline/")
    parsing.extract_code_block(text)


def test_async_completion_and_no_seed_means_zero():
    async def ask():
        return await litellm.acompletion(model="offline/default", messages=[{"role": "user", "content": PROMPT}])

    response = asyncio.run(ask())
    assert response.choices[0].message.content == answer(PROMPT, 0, FailureRates.none())


def test_register_is_idempotent():
    register()
    assert sum(1 for m in litellm.custom_provider_map if m.get("provider") == "offline") == 1
    assert isinstance(litellm.custom_provider_map[-1]["custom_handler"], OfflineTeacherLLM)
