"""The paper's way of finding claims: a teacher model names them (`prompts/extract_entities.txt`)."""

from __future__ import annotations

import builtins
import keyword
import re

from vcot_assets.core.grounding.records import Entity
from vcot_assets.core.verifier.number_words import numbers_in_digits

KINDS = ("value", "index", "comparison", "branch", "loop", "return")


class TeacherExtractor:
    """An `extract` callable for the verifier from teacher replies keyed by sentence text (the
    sentences of `split_sentences`); a sentence with no readable reply raises `ParseError`. The
    claims a reply invented (`claims_of_sentence`) are left out and kept in `invented`, for the
    asset to count."""

    def __init__(self, replies: dict[str, str]):
        self.replies = replies
        self.invented: list[tuple[str, Entity]] = []

    def __call__(self, sentence: str) -> list[Entity]:
        kept, invented = claims_of_sentence(parse_claims_reply(self.replies.get(sentence, "")), sentence)
        self.invented += [(sentence, entity) for entity in invented]
        return kept


_WORD = re.compile(r"[A-Za-z_]\w*|\d+(?:\.\d+)?")
# words a value may add to what the sentence wrote: Python's own (`None`, `True`, `len`)
_NOT_NAMES = frozenset(keyword.kwlist) | frozenset(dir(builtins))


def claims_of_sentence(entities: list[Entity], sentence: str) -> tuple[list[Entity], list[Entity]]:
    """The claims the sentence makes, and those a model invented: a value (of a variable, an entry
    or a return) holding a word or number the sentence never writes (`s = 'queue'` from a sentence
    about `ch = 'q'`, a return of `[2, 5, 7]` no one mentioned). Names and tests are not held to
    the sentence's words: careful readers name `ch` for "the character ')'" and `if x < 0` for "x
    is negative"."""
    said = {word.casefold() for word in _WORD.findall(numbers_in_digits(sentence))}  # (`count is zero`: 0)
    kept, invented = [], []
    for entity in entities:
        words = {w.casefold() for w in _WORD.findall(entity.value) if w not in _NOT_NAMES}
        (invented if entity.kind in ("value", "index", "return") and not words <= said else kept).append(entity)
    return kept, invented


def _json_text(value: object) -> str:
    """A claim's value as the sentence would spell it: JSON null/false/0 keep their meaning."""
    if value is None:
        return "None"
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, (int, float)):
        return repr(value)
    return str(value).strip()


def _table_rows(text: str) -> list[dict] | None:
    """A Markdown table whose header names the columns kind, name and value (some models answer
    with one instead of JSON): its rows as claims; None when the reply has no such table."""
    rows = [line.strip().strip("|").split("|") for line in text.splitlines() if line.strip().startswith("|")]
    if not rows:
        return None
    header = [cell.strip().lower() for cell in rows[0]]
    if not {"kind", "name", "value"} <= set(header):
        return None
    body = [row for row in rows[1:] if not all(set(cell.strip()) <= set(":-") for cell in row)]
    # (a row of the wrong width has no kind: rejected as `bad_claim`, not skipped)
    return [dict(zip(header, (cell.strip() for cell in row))) if len(row) == len(header) else {} for row in body]


_BULLET_CLAIM = re.compile(
    r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+[*_`]*(?P<kind>[A-Za-z]+)[*_`]*\s*(?:—|–|-|:)\s*"
    # (a comparison's own `>=`, `==` belongs to its name: `len(s) >= width -> False`)
    r"`?(?P<name>(?:[^`=<>!]|[<>!=]=|[<>](?!=))+?)`?\s*(?:(?<![<>!=])=(?!=)|→|->)\s*`?(?P<value>[^`]+?)`?\s*\.?$"
)


def _bullet_rows(text: str) -> list[dict] | None:
    """`- **index** — `arr[0]` = `1``: one claim per bullet, kind first (some models answer so
    instead of JSON); None when no bullet reads so. A bullet that names no known kind is kept as a
    row without one, so the reply is rejected as `bad_claim`, not cut short."""
    rows = [_BULLET_CLAIM.match(line) for line in text.splitlines()]
    found = [m.groupdict() for m in rows if m is not None]
    if not found or not any(row["kind"].lower() in KINDS for row in found):
        return None
    return [row if row["kind"].lower() in KINDS else {} for row in found]


def parse_claims_reply(reply: str, truncated: bool = False) -> list[Entity]:
    """The claims of a teacher's `extract_entities` reply, strictly: a JSON array of objects
    with a known `kind` (in a fence, bare, or under a wrapper key; almost-JSON is repaired), a
    Markdown table with kind, name and value columns, or one bullet per claim, kind first.

    A reply that holds no such array raises `ParseError`: a sentence whose claims cannot be
    read must not pass as a sentence with no claims. In a reply cut by the token limit, the
    object being written at the cut is left out.
    """
    from vcot_assets.core.synthesis import reply_text
    from vcot_assets.core.synthesis.parsing import ParseError, strip_reasoning_blocks

    text = strip_reasoning_blocks(reply if isinstance(reply, str) else "")
    items = _table_rows(text)
    if items is None:
        items = _bullet_rows(text)
    if items is None:
        keys = ("claims", "entities", "items")
        items = reply_text.json_list(
            reply_text.load_json(text, lambda data: reply_text.json_list(data, keys) is not None), keys
        )
    if items is None:
        raise ParseError("unreadable_claims", "expected a JSON array of claims")
    complete = items
    if truncated and items and not text.rstrip().rstrip("`").rstrip().endswith(("]", "}")):
        complete = items[:-1]
    entities = []
    for index, item in enumerate(complete):
        kind = str(item.get("kind", "")).strip().lower() if isinstance(item, dict) else ""
        if kind not in KINDS:
            raise ParseError("bad_claim", f"claim {index} has no known kind (one of {', '.join(KINDS)})")
        if kind in ("branch", "loop") and item.get("value") in (None, ""):
            continue  # `{"kind": "loop", "value": null}`: no decision stated, nothing to check
        name, value = _json_text(item.get("name", "")), _json_text(item.get("value", ""))
        if name == "None":
            name = ""
        entity = Entity(kind=kind, text=f"{name} {value}".strip(), name=name, value=value)
        if entities and entities[-1] == entity:
            continue  # a model looping on its last claim (until the token limit) says nothing new
        entities.append(entity)
    return entities
