"""How a conversation becomes one task for the offline teacher (and for the test server that
serves its answers): the task is the first user message, and a re-ask, which continues the
conversation with the earlier reply and a note on what was wrong with it, is answered afresh
with dice moved on by `REASK_SEED_STEP` per earlier reply."""

from __future__ import annotations

from typing import Any

REASK_SEED_STEP = 7919


def _role(message: Any) -> str | None:
    return message.get("role") if isinstance(message, dict) else getattr(message, "role", None)


def _content(message: Any) -> str:
    content = message.get("content") if isinstance(message, dict) else getattr(message, "content", None)
    if isinstance(content, list):  # OpenAI content parts
        content = "".join(p.get("text", "") for p in content if isinstance(p, dict))
    return str(content) if content else ""


def task_and_seed(messages: list, seed: int) -> tuple[str, int]:
    """(the task prompt, the seed to answer it with). Raises StopIteration with no user message."""
    prompt = _content(next(m for m in messages if _role(m) == "user"))
    earlier_replies = sum(1 for m in messages if _role(m) == "assistant")
    return prompt, seed + REASK_SEED_STEP * earlier_replies
