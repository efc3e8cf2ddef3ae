"""The paper's way of finding claims: a teacher model names them (`prompts/extract_entities.txt`)."""

from __future__ import annotations

import json
import re

from vcot_assets.core.grounding.records import Entity

_JSON_BLOCK = re.compile(r"```(?:json)?\s*(.*?)```", re.DOTALL)
KINDS = ("value", "index", "comparison", "branch", "loop", "return")


def entities_from_reply(reply: str) -> list[Entity]:
    """Entities from a teacher's `extract_entities` reply (a JSON array, fenced or bare).

    The paper's way: a model names the claims. Items that are not objects with a known kind
    are dropped; a reply that is not JSON at all gives no entities (and so, for a sentence
    the rules would have found claims in, nothing grounded)."""
    match = _JSON_BLOCK.search(reply)
    text = match.group(1) if match else reply
    try:
        items = json.loads(text)
    except ValueError:
        return []
    if not isinstance(items, list):
        return []
    entities = []
    for item in items:
        if not isinstance(item, dict) or str(item.get("kind", "")).strip().lower() not in KINDS:
            continue
        kind = str(item["kind"]).strip().lower()
        name, value = str(item.get("name", "") or "").strip(), str(item.get("value", "") or "").strip()
        entities.append(Entity(kind=kind, text=f"{name} {value}".strip(), name=name, value=value))
    return entities


def extractor_from_replies(replies: dict[str, str]):
    """An `extract` callable for the verifier from teacher replies keyed by sentence text
    (the sentences of `split_sentences`); a sentence with no reply has no entities."""

    def extract(sentence: str) -> list[Entity]:
        return entities_from_reply(replies.get(sentence, ""))

    return extract
