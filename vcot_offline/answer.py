"""`answer(prompt, seed)`: the offline teacher as one pure function."""

from __future__ import annotations

from . import narrator
from . import stage_a_answers as synthesis
from .claims_answer import extract_entities
from .prompt import parse_prompt
from .rates import FailureRates

_HANDLERS = {
    "concepts": synthesis.concepts,
    "instructions": synthesis.instructions,
    "signature": synthesis.signature,
    "candidate_code": synthesis.candidate_code,
    "test_scenarios": synthesis.test_scenarios,
    "candidate_tests": synthesis.candidate_tests,
    "narrate_forward": narrator.narrate_forward,
    "narrate_backward": narrator.narrate_backward,
    "extract_entities": extract_entities,
}

TASKS = tuple(_HANDLERS)


def answer(prompt: str, seed: int = 0, rates: FailureRates | None = None) -> str:
    """The offline teacher's reply to a rendered vcot prompt.

    A pure function of the prompt, the seed (the sample index of candidate requests) and the
    failure rates (default: `FailureRates.from_env()`). A prompt that is not one of vcot's
    templates gets a short refusal, which every parser rejects with a reason.
    """
    parsed = parse_prompt(prompt)
    handler = _HANDLERS.get(parsed.task)
    if handler is None:
        return "I can only answer vcot's own prompts (a `### Task` section naming one of: " + ", ".join(TASKS) + ")."
    return handler(parsed, seed, rates if rates is not None else FailureRates.from_env())
