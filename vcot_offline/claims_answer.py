"""The offline teacher's answer to `extract_entities`: the claims of one narration sentence.

It reads claims with the verifier's own rule-based extractor (`vcot_assets.core.verifier.claims`), so a pipeline
that asks a model for entities gets, from the offline teacher, exactly what the rules find;
the prompt holds no program, so no variable names are known.
"""

from __future__ import annotations

import json

from vcot_assets.core.verifier.claims import extract_entities as rule_based_entities

from .prompt import ParsedPrompt
from .rates import FailureRates, happens


def claims(sentence: str) -> list[dict[str, str]]:
    return [{"kind": e.kind, "name": e.name, "value": e.value} for e in rule_based_entities(sentence.strip())]


def extract_entities(p: ParsedPrompt, seed: int, rates: FailureRates) -> str:
    body = json.dumps(claims(p.section("sentence")))
    if happens(rates.malformed, "malformed", p.task, p.section("sentence"), seed):
        return "```json\n" + body[:-1] + "\n```"  # the closing bracket lost
    return "```json\n" + body + "\n```"
