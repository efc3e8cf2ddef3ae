"""How often the offline teacher makes each kind of mistake, and the dice it rolls.

A real teacher model gets things wrong; the offline one does too, at set rates, so that every
filter downstream (parsers, dual agreement, the verifier) has work to do. The dice are hashes
of the prompt, the seed and the decision's name: the same request always rolls the same way.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from dataclasses import dataclass

_ENV_SCALE = "VCOT_OFFLINE_FAILURES"
_ENV_PREFIX = "VCOT_OFFLINE_RATE_"


@dataclass(frozen=True)
class FailureRates:
    """Probabilities in [0, 1] of each mistake, per decision.

    Environment overrides: `VCOT_OFFLINE_FAILURES=0` turns every mistake off, any other number
    scales all rates (`0.5` halves them); `VCOT_OFFLINE_RATE_<FIELD>=<p>` sets one rate, e.g.
    `VCOT_OFFLINE_RATE_WRONG_CANDIDATE=0.3`.
    """

    keep_non_concept: float = 0.15  # a phrase that names no programming concept is kept anyway
    malformed: float = 0.03  # a whole answer breaks its output format
    wrong_candidate: float = 0.2  # a candidate solution carries a bug
    wrong_expected: float = 0.06  # a test asserts a wrong expected value
    malformed_test: float = 0.04  # a test leaves the single-assert direct-call form
    # A narration makes one mistake in its reasoning: wrong arithmetic, a loop count one off, a
    # wrong value in a loop summary, a test said to go the way it did not, or a wrong value
    # (the answer stays right). The kind is picked among those the narration gives room for.
    reasoning_slip: float = 0.2
    wrong_answer: float = 0.08  # a narration ends in a wrong final answer, or a backward one in a wrong input
    missing_answer: float = 0.02  # a narration has no `Answer:` line

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> FailureRates:
        env = os.environ if environ is None else environ
        rates = cls()
        scale_text = env.get(_ENV_SCALE, "").strip()
        if scale_text:
            rates = rates.scaled(_parse_rate(_ENV_SCALE, scale_text, upper=None))
        overrides = {}
        for f in dataclasses.fields(cls):
            text = env.get(_ENV_PREFIX + f.name.upper(), "").strip()
            if text:
                overrides[f.name] = _parse_rate(_ENV_PREFIX + f.name.upper(), text, upper=1.0)
        return dataclasses.replace(rates, **overrides)

    @classmethod
    def none(cls) -> FailureRates:
        return cls().scaled(0.0)

    def scaled(self, factor: float) -> FailureRates:
        return FailureRates(**{f.name: min(1.0, getattr(self, f.name) * factor) for f in dataclasses.fields(self)})


def _parse_rate(name: str, text: str, upper: float | None) -> float:
    try:
        value = float(text)
    except ValueError as err:
        raise ValueError(f"{name}={text!r} is not a number; use e.g. {name}=0.1") from err
    if value < 0 or (upper is not None and value > upper):
        raise ValueError(f"{name}={text!r} is out of range; use a number in [0, {upper or 'inf'}]")
    return value


def roll(*parts: object) -> float:
    """A uniform number in [0, 1) that depends only on `parts`."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def happens(rate: float, *parts: object) -> bool:
    return rate > 0 and roll(*parts) < rate


def pick(options: list | tuple, *parts: object):
    return options[int(roll(*parts) * len(options))]


def stable_int(*parts: object) -> int:
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big")
