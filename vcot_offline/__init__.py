"""The offline teacher: a deterministic stand-in for a model, served as `offline/default`.

`answer(prompt, seed)` is the whole teacher as a pure function; `provider.py` wraps it as a
litellm custom provider so it goes through the same client as any real model.
"""

from .answer import TASKS, answer
from .rates import FailureRates

TEACHER_LABEL = "offline"

__all__ = ["TASKS", "TEACHER_LABEL", "FailureRates", "answer"]
