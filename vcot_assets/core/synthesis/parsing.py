"""Parsers for every teacher output.

Each parser either returns plain values or raises `ParseError(reason, detail)`, where `reason`
is a short stable token the assets count as a `Rejection` reason. Nothing else escapes: a
teacher can send any text at all, and a malformed answer must cost one rejection, not a run.

The formats are the ones the templates in `prompts/` ask for; parsers accept the harmless
variations real models add (a `<think>` block, surrounding prose, Markdown emphasis, a fence
around a one-line answer) and reject everything that changes the meaning.
"""

from __future__ import annotations

import ast
import builtins
import json
import re
import textwrap
from collections import Counter

from vcot_assets.core.records import DIFFICULTIES, Rejection
from vcot_assets.core.reply_schemas import SchemaMismatch, canonical_text, completed_items_text
from vcot_assets.core.synthesis import reply_text
from vcot_assets.core.synthesis.records import MethodSignature, Param, Signature, TestCase
from vcot_assets.core.synthesis.reply_text import FencedBlock, fenced_blocks  # noqa: F401 (re-exported)

KINDS = ("function", "class")


class ParseError(ValueError):
    """A teacher output that does not have the format its template asks for."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


# --- shared helpers ------------------------------------------------------------------------

_THINK_BLOCK = re.compile(r"<think>.*?</think>", re.DOTALL | re.IGNORECASE)
_THINK_OPEN = re.compile(r"<think>", re.IGNORECASE)
_THINK_CLOSE = re.compile(r"</think>", re.IGNORECASE)


def strip_reasoning_blocks(text: str) -> str:
    """Remove `<think>...</think>` blocks.

    Some chat templates put the opening tag in the prompt, so the answer starts inside the
    block and only `</think>` appears: everything up to the last closing tag is reasoning.
    An unclosed `<think>` (the model ran out of tokens while thinking) leaves no answer.
    """
    text = _THINK_BLOCK.sub("", text)
    closes = list(_THINK_CLOSE.finditer(text))
    if closes:
        text = text[closes[-1].end() :]
    opened = _THINK_OPEN.search(text)
    if opened:
        text = text[: opened.start()]
    return text.strip()


def _prepare(text: object) -> str:
    if not isinstance(text, str):
        raise ParseError("not_text", f"expected the teacher's text, got {type(text).__name__}")
    text = strip_reasoning_blocks(text)
    if not text:
        raise ParseError("empty_output", "the teacher returned no text outside reasoning blocks")
    return text


def _clip(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


_LIST_ITEM = re.compile(r"^\s*(?:\d+\s*[.)]|[-*+])\s+(.*)$")


def _list_items(text: str) -> list[str]:
    """Items of a numbered or bulleted list; indented or plain lines continue an item."""
    items: list[str] = []
    current: list[str] | None = None
    for line in text.splitlines():
        match = _LIST_ITEM.match(line)
        if match:
            if current is not None:
                items.append(" ".join(current).strip())
            current = [match.group(1).strip()]
        elif current is not None and line.strip() and not line.lstrip().startswith("#"):
            current.append(line.strip())
        elif current is not None and not line.strip():
            items.append(" ".join(current).strip())
            current = None
    if current is not None:
        items.append(" ".join(current).strip())
    return [item for item in items if item]


def _normalized(text: str) -> str:
    return " ".join(text.lower().split())


# --- concepts ------------------------------------------------------------------------------


def listed_phrase(keyphrase: str, listed: list[str]) -> str | None:
    """The listed keyphrase a concept's keyphrase names (case, punctuation and plurals aside; else
    one it is a part of, or one it holds with words around it), or None.
    The prompt asks for "the keyphrase it came from"; a concept tied to none of them is the model
    answering another question (a small model's `"keyphrase": "SequenceMatcher"`)."""
    wanted = _singular(_phrase_key(keyphrase))
    if not wanted:
        return None
    keys = [(phrase, _singular(_phrase_key(phrase))) for phrase in listed]
    same = next((phrase for phrase, key in keys if key == wanted), None)
    return same or next(
        (phrase for phrase, key in keys if key and (f" {key} " in f" {wanted} " or f" {wanted} " in f" {key} ")),
        None,
    )


def _phrase_key(phrase: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", phrase.lower()).strip()


def _singular(key: str) -> str:
    return " ".join(word[:-1] if len(word) > 3 and word.endswith("s") else word for word in key.split())


# `test test test test`: one word over and over, a small model's degenerate repetition
_STUCK_WORD = re.compile(r"\b([A-Za-z]+)(?:\s+\1\b){3,}", re.I)
# `the the word word is is`: a word said twice running; once is a slip, in two items a stutter
_DOUBLED_WORD = re.compile(r"\b([A-Za-z]+)\s+\1\b", re.I)


def _refuse_a_loop(items: list[str]) -> None:
    """The same item three times or more, or one word four times running in an item (`test test
    test test 1. 2. 3.`, outside quotes), or words said twice running three times over two items
    or more (`the the word word is is`), is a model stuck in a loop (a small model's degenerate
    repetition), not a list to deduplicate."""
    repeats = Counter(items)
    if repeats and max(repeats.values()) >= 3:
        raise ParseError("repeated_items", "the same item three times or more: a model stuck in a loop")
    unquoted = [re.sub(r"'[^'\n]*'|\"[^\"\n]*\"|`[^`\n]*`", "''", item) for item in items]
    for item in unquoted:
        stuck = _STUCK_WORD.search(item)
        if stuck:
            raise ParseError("repeated_items", f"{stuck.group(0)!r} in one item: a model stuck in a loop")
    doubled = [match.group(0) for item in unquoted for match in _DOUBLED_WORD.finditer(item)]
    if len(doubled) >= 3 and sum(bool(_DOUBLED_WORD.search(item)) for item in unquoted) >= 2:
        raise ParseError("repeated_items", f"words said twice running ({', '.join(map(repr, doubled[:3]))}): a stutter")


def _cut_short(items: list, text: str, said) -> list:
    """The items a truncated reply completed. Where the cut item had fallen into a loop (`sorts a
    list list list list`) and the items before it repeat one another, the loop began before the
    cut: the reply is refused as `repeated_items`, not read as its first copy."""
    kept = reply_text.cut_off_last(items, text)
    if len(kept) < len(items) and _STUCK_WORD.search(said(items[-1])):
        statements = [_normalized(said(item)) for item in kept]
        if len(set(statements)) < len(statements):
            raise ParseError("repeated_items", "repeated items, then a loop where the reply was cut off")
    return kept


def parse_concepts(text: str, truncated: bool = False) -> list[dict]:
    """The JSON array of concepts: name, keyphrase, description, examples, difficulty.

    An empty array is a valid answer (no keyphrase named a concept). A concept whose difficulty
    is null keeps difficulty None (nothing downstream needs it). Also read: a wrapper
    object (`{"concepts": [...]}`), one bare concept object, almost-JSON. Concepts whose name
    repeats an earlier one are dropped: the teacher was told to merge them. In a reply cut by
    the token limit, the concept being written when it was cut is left out.
    """
    text = _prepare(text)
    data = _concepts_in_blocks(text) or reply_text.load_json(text)
    markdown = _concepts_from_markdown(text)
    if markdown and not _concept_like(data):  # (a JSON-looking example inside a Markdown list is not the answer)
        data = markdown
    if data is None:
        raise ParseError("no_json", "expected a JSON array of concepts")
    if isinstance(data, dict) and "name" in data and "description" in data:
        data = [data]
    items = reply_text.json_list(data, ("concepts",))
    if items is None:
        raise ParseError("not_a_list", f"expected a JSON array, got {type(data).__name__}")
    _refuse_a_loop([json.dumps(item, sort_keys=True, default=str) for item in items if isinstance(item, dict)])
    concepts: list[dict] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        try:
            concept = _concept(index, item)
        except ParseError:
            if truncated and index == len(items) - 1:
                break
            raise
        key = _normalized(concept["name"])
        if key not in seen:
            seen.add(key)
            concepts.append(concept)
    if truncated and items and concepts and _cut_inside_last_object(text):
        concepts = concepts[:-1] if len(concepts) == len(items) else concepts
    return concepts


# `**1. Top-k by frequency**` or `1. **Fraction arithmetic** (keyphrase: Fraction)`
_CONCEPT_HEAD = re.compile(
    r"(?m)^\s*(?:#{1,6}\s*)?(?:\*\*)?\s*\d{1,2}[.)]\s*(?:\*\*)?\s*(?P<name>[^\n*]+?)\s*(?:\*\*)?\s*"
    r"(?:\(\s*keyphrase\s*:\s*(?P<keyphrase>[^)\n]+)\))?\s*:?\s*$",
    re.IGNORECASE,
)
_CONCEPT_FIELD = re.compile(
    r"(?im)^\s*(?:[-*+]\s+)?(?:\*\*)?(?P<field>keyphrase|description|examples?|difficulty)(?:\*\*)?\s*:\s*(?:\*\*)?\s*(?P<value>.+)$"
)


def _concepts_in_blocks(text: str) -> list | None:
    """The concepts of a reply that gives them in several fenced blocks (one `[{...}]` per
    concept), in order; None where fewer than two blocks hold concepts."""
    found = []
    for block in reply_text.fenced_blocks(text):
        value = reply_text.load_json(block.body) if block.body.strip()[:1] in "[{" else None
        if _concept_like(value):
            found += _concept_items(value)
        elif value is not None:
            return None  # (a block of something else: not a reply of concept blocks alone)
    return found if len(found) >= 2 else None


def _concept_items(data: object) -> list | None:
    """The items of a concepts value: one bare concept object, or the list (also under `concepts`)."""
    return [data] if isinstance(data, dict) and "name" in data else reply_text.json_list(data, ("concepts",))


def _concept_like(data: object) -> bool:
    items = _concept_items(data)
    return bool(items) and all(isinstance(item, dict) and "name" in item for item in items)


def _concepts_from_markdown(text: str) -> list[dict] | None:
    """Concepts written as a Markdown list instead of JSON: a numbered heading per concept with
    `Keyphrase:`, `Description:`, `Examples:` and `Difficulty:` lines under it (the keyphrase may
    stand in brackets after the heading's name); None if not that."""
    heads = list(_CONCEPT_HEAD.finditer(text))
    concepts = []
    for head, following in zip(heads, heads[1:] + [None]):
        body = text[head.end() : following.start() if following else len(text)]
        fields = {m.group("field").lower().rstrip("s"): m.group("value").strip() for m in _CONCEPT_FIELD.finditer(body)}
        if "description" not in fields:
            continue
        concepts.append(
            {
                "name": head.group("name").strip(),
                "keyphrase": fields.get("keyphrase") or (head.group("keyphrase") or "").strip(" \"'`"),
                "description": fields["description"],
                "examples": [e.strip() for e in re.split(r";|\s\|\s", fields.get("example", "")) if e.strip()],
                "difficulty": fields.get("difficulty", "medium").strip(" .*").lower(),
            }
        )
    return concepts or None


def _cut_inside_last_object(text: str) -> bool:
    """A cut JSON array whose last object never closed: the repairer completed it with guesses."""
    body = text.rstrip().rstrip("`").rstrip()
    return not body.endswith(("}", "},", "]"))


_TRAILING_COMMA = re.compile(r",(\s*[\]}])")


def _load_json(text: str) -> object:
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as err:
        # Small models often leave a trailing comma; nothing else is repaired.
        repaired = _TRAILING_COMMA.sub(r"\1", text)
        if repaired != text:
            try:
                return json.loads(repaired)
            except (ValueError, RecursionError):
                pass
        raise ParseError("malformed_json", _clip(str(err))) from err


def _concept(index: int, item: object) -> dict:
    if not isinstance(item, dict):
        raise ParseError("malformed_concept", f"item {index} is not an object")
    fields = {}
    for name in ("name", "description"):
        value = item.get(name)
        if not isinstance(value, str) or not value.strip():
            raise ParseError("malformed_concept", f"item {index} has no {name}")
        fields[name] = value.strip()
    keyphrase = item.get("keyphrase", "")
    examples = item.get("examples", [])
    if isinstance(examples, str):
        examples = [examples]
    if not isinstance(keyphrase, str) or not isinstance(examples, list):
        raise ParseError("malformed_concept", f"item {index} has a keyphrase or examples of the wrong type")
    # (`"difficulty": null`: the concept stands, its difficulty unknown; a missing key is what the
    # repair of JSON that never closed leaves, and is rejected)
    difficulty = item.get("difficulty", "")
    difficulty = difficulty.strip().lower() if isinstance(difficulty, str) else difficulty
    if difficulty is not None and difficulty not in DIFFICULTIES:
        raise ParseError("bad_difficulty", f"item {index}: {item.get('difficulty')!r} is not easy, medium or hard")
    return {
        "name": fields["name"],
        "keyphrase": keyphrase.strip(),
        "description": fields["description"],
        "examples": [str(e).strip() for e in examples if str(e).strip()],
        "difficulty": difficulty,
    }


# --- instructions --------------------------------------------------------------------------


def repetitive(text: str, times: int = 4) -> bool:
    """Whether the text falls into a loop: a run of one to four words said `times` times in a row
    (`the harmonic mean harmonic mean harmonic mean harmonic mean`), the way a small model
    degenerates; careful prose does not repeat itself so."""
    words = re.findall(r"\w+", text.lower())
    for n in range(1, 5):
        for start in range(len(words) - n * times + 1):
            phrase = words[start : start + n]
            if all(words[start + k * n : start + (k + 1) * n] == phrase for k in range(1, times)):
                return True
    return False


# Fewer words than this state no exercise (`1. [function] multiset`, a small model's stub); the
# shortest statement any corpus writer expected has twelve.
FEWEST_STATEMENT_WORDS = 3


def statement_problem(kind: str, statement: str) -> str | None:
    """Why one listed instruction is not a problem statement to keep, as a reason code, or None."""
    if not kind:
        return "missing_kind"
    if repetitive(statement):  # a small model's loop (`harmonic mean harmonic mean ...`)
        return "repetitive_text"
    if len(re.findall(r"\w+", statement)) < FEWEST_STATEMENT_WORDS:
        return "too_short"
    if _DESCRIBES.match(statement) and not _ASKS.search(statement):
        return "asks_nothing"  # `A heap is a heap. The heap is a list ...`: prose that asks for nothing
    return None


# A statement that opens by saying what something is (`A heap is ...`), not with an imperative
# (`Sort a list ...`) nor with what to write (`A counter class.`, `A stack that is ...`)
_DESCRIBES = re.compile(
    r"[*_`\s]*(?:a|an|the|this|that|these|those|it|its|there|here)\b[^.;:]*?(?<!\bthat)(?<!\bwhich)(?<!\bwho)"
    r"\s+(?:is|are|was|were|means)\b",
    re.IGNORECASE,
)
# What a problem statement asks for (each of the 798 statements corpus writers expected has one of these)
_ASKS = re.compile(
    r"\b(?:write|implement|create|design|build|define|returns?|compute|given|make|should|takes?|accepts?|produce|"
    r"count|find|determine|check)\b",
    re.IGNORECASE,
)


# (after the tag, a backtick is the tag's own closing one, `` `[function]` ``, not the opening of a
# statement that starts with code: `[function] `f(x)` returns ...`)
_AFTER_TAG = r"(?:[*_\s]|`(?=[\s*_:.-]|$))*"
_KIND_TAG = re.compile(
    rf"^[*_`\s]*[\[(]\s*(function|class)\s*[\])]{_AFTER_TAG}[:.-]?\s*(.*)$", re.IGNORECASE | re.DOTALL
)
_KIND_AFTER = re.compile(r"^(.*?\S)[*_`\s]*[\[(]\s*(function|class)\s*[\])][*_`\s]*\.?\s*$", re.IGNORECASE | re.DOTALL)
_KIND_WORD = re.compile(
    rf"^[*_`\s]*(function|class)\s*(?:exercise)?[*_`\s]*:{_AFTER_TAG}(.*)$", re.IGNORECASE | re.DOTALL
)
# `**1. [function] Median of a list**` over its statement: the bold title closes before the statement
# begins, and is a name for the item, not part of what it asks
_BOLD_TITLE = re.compile(r"^[^*.!?:\n]{1,60}:?\*\*\s+(?=\S.{20,})", re.DOTALL)
_STATEMENT_KEYS = ("statement", "text", "instruction", "description", "problem", "prompt", "task", "exercise")
_KIND_KEYS = ("kind", "type", "category")


_NUMBERED = re.compile(r"^\s*\d{1,3}\s*[.)]\s+")
_ASKS_FOR = re.compile(
    r"^(?:write|implement|create|design|build|define|code)\s+(?:a|an|one)\s+(?:[\w-]+\s+){0,2}?(function|class)\b",
    re.IGNORECASE,
)


def _kind_and_statement(item: str, context: str) -> tuple[str, str] | None:
    item = _NUMBERED.sub("", item)
    for pattern in (_KIND_TAG, _KIND_WORD):
        match = pattern.match(item)
        if match:
            return match.group(1).lower(), _BOLD_TITLE.sub("", match.group(2)).strip()
    after = _KIND_AFTER.match(item)
    if after:  # `1. Write a function ... ties. (function)`: the tag at the end
        return after.group(2).lower(), after.group(1).strip()
    # No tag, but the statement itself says what to write ("Implement a class `Q` ...").
    asked = _ASKS_FOR.match(item.strip("*_ "))
    if asked:
        return asked.group(1).lower(), item.strip()
    # Items grouped under a header such as "### Class exercises" carry their kind there.
    heading = context.lower()
    kinds = [k for k in KINDS if k in heading]
    if len(kinds) == 1:
        return kinds[0], item.strip()
    return None


def _instruction_items(text: str) -> list[tuple[str, str]]:
    data = reply_text.load_json(text) if text.lstrip()[:1] in "[{" or "```json" in text else None
    entries = reply_text.json_list(data, ("instructions", "statements", "problems", "exercises"))
    if entries is not None:
        found = []
        for entry in entries:
            if isinstance(entry, str):
                found.append(_kind_and_statement(entry, "") or ("", entry))
            elif isinstance(entry, dict):
                kind = reply_text.first_text(entry, _KIND_KEYS).lower()
                statement = reply_text.first_text(entry, _STATEMENT_KEYS)
                tagged = _kind_and_statement(statement, "")
                found.append(tagged if tagged and not kind else (kind, statement))
        return found
    items = [_kind_and_statement(i.text, i.context) or ("", i.text) for i in reply_text.list_items(text)]
    return items or [_kind_and_statement(body, header) or ("", body) for header, body in _numbered_sections(text)]


_NUMBERED_HEADER = re.compile(r"^#{1,6}\s*(?:\*\*)?\s*(?:[A-Za-z]+\s+)?\d+\b(.*)$")


def _numbered_sections(text: str) -> list[tuple[str, str]]:
    """`### Exercise 1 — [function]` headers, each over its statement: (header, the text under it)."""
    sections: list[tuple[str, list[str]]] = []
    for line in reply_text.outside_fences(text):
        header = _NUMBERED_HEADER.match(line.strip())
        if header:
            sections.append((header.group(1), []))
        elif line.lstrip().startswith("#") and sections:
            sections.append(("", []))  # another header ends the section
        elif sections and line.strip():
            sections[-1][1].append(line.strip())
    return [(header, " ".join(lines)) for header, lines in sections if header and lines]


# `... an empty list gives ''. Example:` (a fenced example call under the item), `... module. **Hint:** start
# from ...`, `... characters. Example: "aaab" -> [("a", 3)]` (a line under the item), `... so far. *Concept
# practised: heaps.*`: an example's label, or a hint, a labelled example or the concept it drills after the
# statement, is no part of it; nor is a labelled comment on it (`*Why this works:* ...`, `Explanation: ...`)
_EXAMPLE_LABEL = re.compile(
    r"(?<=[.!?:])\s+[*_]*(?:examples?|for example|usage|sample)[*_]*\s*:?[*_]*\s*$"
    r"|(?<=[.!?])\s+[*_]*(?:hints?|tips?|examples?|e\.g\.|(?:concepts?|skills?)(?:\s+practi[sc]ed)?"
    r"|why\b[^:\n]{0,30}|explanation|rationale|reasoning)[*_]*\s*:.*$",
    re.I | re.S,
)


# `... of both strings. Note: this builds on exercise 1.`, `... in ascending order. This one is a good warm-up
# before the class exercise.`: a sentence that points at another item of the list; the statement has to stand
# alone (a model reads it without the others), so the pointer is cut with what follows it
_CROSS_REFERENCE = re.compile(
    r"(?<=[.!?])\s+[^.!?]*?\b(?:(?:exercises?|problems?|tasks?)\s*#?\s*\d+"
    r"|(?:previous|next|above|below|other|earlier|later|class|function|first|second|third|last)\s+(?:exercises?|problems?))"
    r"\b.*$",
    re.I | re.S,
)


def parse_instructions(text: str, truncated: bool = False) -> list[tuple[str, str]]:
    """Problem statements with their kind -> [(kind, statement)], duplicates dropped (one
    statement three times or more is a model stuck in a loop: `repeated_items`).

    The template asks for `N. [function] text`; bold or parenthesised tags, `Instruction N:`
    labels, bullets, kinds given by a group header and JSON lists are read the same way.
    Sub-bullets under an item (examples, notes) are not statements. An item that names no kind
    comes back with kind "" (for its reader to record as rejected) when others name theirs; when
    none does, the reply is rejected as `missing_kind`.
    """
    text = _prepare(text)
    items = _instruction_items(text)
    if truncated:
        items = _cut_short(items, text, lambda item: item[1])
    if not items:
        raise ParseError("no_list", "expected a numbered list of problem statements")
    parsed: list[tuple[str, str]] = []
    seen: set[str] = set()
    if not any(kind in KINDS for kind, _ in items):
        raise ParseError("missing_kind", f"no item says [function] or [class]: {_clip(items[0][1])}")
    _refuse_a_loop([_normalized(statement) for _, statement in items if statement.strip()])
    for index, (kind, statement) in enumerate(items, start=1):
        statement = _EXAMPLE_LABEL.sub("", statement)  # (the example's code block under it is not read as text)
        statement = _CROSS_REFERENCE.sub("", statement)
        if kind not in KINDS:
            parsed.append(("", statement))  # (a stub such as `2. The similarity ratio`, or an untagged item)
            continue
        if not statement:
            raise ParseError("empty_instruction", f"item {index} has a kind but no statement")
        key = _normalized(statement)
        if key not in seen and not _restated(key, seen):
            seen.add(key)
            parsed.append((kind, statement))
    return parsed


def _restated(statement: str, earlier: set[str]) -> bool:
    """`Write a function that checks if a list is a heap. A heap is a heap.` after the same first
    sentence on its own: an earlier statement, whole, with more said after it, is the same exercise."""
    return any(statement.startswith(e + " ") for e in earlier if e[-1:] in ".!?")


# --- signatures ----------------------------------------------------------------------------

_SIGNATURE_LINE = re.compile(r"^(function|class)\s*:\s*(.+)$", re.IGNORECASE)
_METHOD_LINE = re.compile(r"^[A-Za-z_]\w*\s*\(.*\)")


def _signature_lines(text: str) -> list[str]:
    """Lines with Markdown decoration removed (bullets, emphasis, inline code, fences)."""
    lines = []
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith(("```", "~~~")):
            continue
        line = re.sub(r"^(?:[-*+>]\s+)", "", line)
        line = line.replace("**", "").replace("`", "").strip()
        lines.append(line)
    return lines


_SIGNATURE_ANYWHERE = re.compile(r"(?:^|[\s:])(function|class)\s*:\s*(.+)$", re.IGNORECASE)


def parse_signature(text: str, instruction_id: str) -> Signature:
    """`Function: name(p: T, ...) -> R` or `Class: Name; __init__(self, p: T) -> None; m(self) -> R`.

    For a class, `params` are the constructor's (without `self`), `methods` every other method
    in order, `primary_method` the first of them and `returns` its return type. Also read: the
    line behind a label (`**Signature:** Function: ...`) or in a fence, a class spread over
    several lines or under a `Methods:` header, a Python `def`/`class` stub, and JSON
    (`{"signature": "..."}` or `{"kind", "name", "constructor", "methods"}`).
    """
    text = _prepare(text)
    from_json = _signature_from_json(text)
    if from_json is not None:
        return parse_signature(from_json, instruction_id)
    lines = _signature_lines(text)
    found = [(i, m) for i, line in enumerate(lines) if (m := _SIGNATURE_ANYWHERE.search(line))]
    found = [(i, m) for i, m in found if "(" in m.group(2) or m.group(1).lower() == "class"]
    if not found:
        stub = _signature_from_stub(text)
        if stub is not None:
            return parse_signature(stub, instruction_id)
        raise ParseError("no_signature", "expected a line starting with 'Function:' or 'Class:'")
    if len({m.group(0).strip() for _, m in found}) > 1:
        raise ParseError("multiple_signatures", f"{len(found)} signature lines; the format asks for exactly one")
    index, match = found[0]
    kind, body = match.group(1).lower(), match.group(2).strip().rstrip(":").strip()
    if body.endswith(".") and not body.endswith(".."):
        body = body[:-1].rstrip()  # the sentence's full stop, not part of a type
    if kind == "function":
        return _function_signature(instruction_id, body)
    # A class spread over several lines (one method a line) means the same as the one-line form.
    parts = [p for p in body.split(";")]
    for line in lines[index + 1 :]:
        if not line or re.fullmatch(r"(?:methods|constructor)\s*:?", line, re.IGNORECASE):
            continue
        line = re.sub(r"^(?:methods|constructor)\s*:\s*", "", line, flags=re.IGNORECASE)
        if not _METHOD_LINE.match(line):
            break
        line = re.sub(r"\s+#.*$", "", line)  # `split(self) -> list[int]  # primary method`: a comment
        line = re.split(r"\s+(?:—|–|--|-)\s+", line, maxsplit=1)[0]  # `top(...) -> T — returns ...`
        line = _before_explanation(line)  # `add(self, x: float) -> float: records x ...`
        line = re.sub(r"(?<=\S)\s+\((?:[A-Za-z][\w ,'-]*)\)\s*$", "", line)  # `pop(self) -> int (primary method)`
        said = {re.sub(r"\s+", "", p) for p in parts}
        # (a method the one-line form already gave, listed again under `Methods:`, is that method)
        parts.extend(p for p in line.split(";") if re.sub(r"\s+", "", p) not in said)
    if len([p for p in parts if p.strip()]) == 1:  # `Class: Name` and the class written out as a stub below
        stub = _signature_from_stub(text)
        if stub is not None and stub.lower().startswith("class"):
            return parse_signature(stub, instruction_id)
    return _class_signature(instruction_id, [p.strip() for p in parts if p.strip()])


def _before_explanation(line: str) -> str:
    """A method line up to the first `: ` outside its brackets: what follows explains the method
    (`add(self, x: float) -> float: records x`); a colon inside (`x: float`) annotates a parameter."""
    depth = 0
    for i, ch in enumerate(line):
        depth += ch in "([{"
        depth -= ch in ")]}"
        if ch == ":" and depth == 0 and line[i + 1 : i + 2] in (" ", ""):
            return line[:i].rstrip()
    return line


def _signature_from_json(text: str) -> str | None:
    """A signature line assembled from a JSON reply, or None when the reply is not JSON."""
    if text.lstrip()[:1] != "{" and "```json" not in text:
        return None
    data = reply_text.load_json(text)
    if not isinstance(data, dict):
        return None
    line = reply_text.first_text(data, ("signature", "line"))
    if line and not _SIGNATURE_ANYWHERE.search(line):
        # `{"signature": "f(a: int) -> int", "kind": "function"}`: the label is the reply's kind
        kind = reply_text.first_text(data, ("kind", "type")).lower()
        if kind not in ("function", "class"):
            kind = "class" if "__init__" in line else "function" if _METHOD_LINE.match(line) else ""
        return f"{kind.capitalize()}: {line}" if kind else line
    if line:
        return line
    for key in ("Function", "function", "Class", "class"):  # `{"Function": "choose(n: int) -> int"}`
        value = data.get(key)
        if isinstance(value, str) and ("(" in value or key.lower() == "class"):
            return f"{key.capitalize()}: {value}"
    kind, name = reply_text.first_text(data, ("kind", "type")).lower(), reply_text.first_text(data, ("name",))
    if not kind and isinstance(data.get("function"), str):  # `{"function": "f", "parameters": [...], "returns": T}`
        kind, name = "function", data["function"]
    for key in ("params", "parameters"):
        if isinstance(data.get(key), (list, dict)):
            data = dict(data, **{key: _params_from_json(data[key])})
    methods = (
        [
            m if isinstance(m, str) else _method_from_json(m)
            for m in data.get("methods", [])
            if isinstance(m, (str, dict))
        ]
        if isinstance(data.get("methods"), list)
        else []
    )
    if kind == "class" and name:
        constructor = reply_text.first_text(data, ("constructor", "init", "__init__"))
        for key in ("constructor", "init", "__init__"):  # `"init": {"params": [...]}`
            if isinstance(data.get(key), dict):
                constructor = _method_from_json(dict(data[key], name="__init__", returns="None"))
        return "Class: " + "; ".join([name] + ([constructor] if constructor else []) + methods)
    params = reply_text.first_text(data, ("params", "parameters"))
    returns = reply_text.first_text(data, ("returns", "return_type"))
    if kind == "function" and name and returns:
        return f"Function: {name}({params}) -> {returns}"
    return None


def _method_from_json(method: dict) -> str:
    """`{"name": "add", "params": [{"name": "x", "type": "int"}], "returns": "int"}` -> `add(self, x: int) -> int`
    (a malformed entry comes out malformed, for `parse_signature` to reject with its reason)."""
    params = method.get("params") or method.get("parameters") or []
    if isinstance(params, (list, dict)):
        params = _params_from_json(params)
    head = f"{method.get('name', '')}(self{', ' + params if params else ''})"
    returns = method.get("returns") or method.get("return_type")
    return head + (f" -> {returns}" if returns else "")


def _params_from_json(params: list | dict) -> str:
    """`[{"name": "tabsize", "type": "int", "default": 8}, "x: int"]` -> `tabsize: int = 8, x: int`,
    and `{"old": "list[str]", "tabsize": {"type": "int", "default": 8}}` likewise, name by name.
    An entry without a name comes out as `?`, so `parse_signature` rejects the signature with its
    reason instead of dropping the parameter and reading a signature with one fewer."""
    if isinstance(params, dict):
        params = [{"name": k, **(v if isinstance(v, dict) else {"type": v})} for k, v in params.items()]
    texts = []
    for p in params:
        if not isinstance(p, dict):
            texts.append(str(p))
            continue
        text = str(p.get("name") or "?") + (f": {p['type']}" if p.get("type") else "")
        if "default" in p:  # `"default": "8"` for an int is source text; for a str it is the value
            default = p["default"]
            text += f" = {default if isinstance(default, str) and p.get('type') != 'str' else repr(default)}"
        texts.append(text)
    return ", ".join(texts)


def _signature_from_stub(text: str) -> str | None:
    """`def f(x: int) -> int: ...` or `class C:` with `def` stubs, as the one-line form."""
    sources = [b.body for b in fenced_blocks(text) if b.lang in _PYTHON_LANGS or not b.lang] or [text]
    for source in sources:
        try:
            module = ast.parse(textwrap.dedent(source))
        except (SyntaxError, ValueError, RecursionError):
            try:  # `def f(x: int) -> int:` alone, as a head without a body
                module = ast.parse(_with_empty_bodies(textwrap.dedent(source)))
            except (SyntaxError, ValueError, RecursionError):
                continue
        defs = [n for n in module.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
        if len(defs) != 1:
            continue
        node = defs[0]
        if isinstance(node, ast.FunctionDef):
            return "Function: " + _def_head(node)
        methods = [n for n in node.body if isinstance(n, ast.FunctionDef)]
        if methods:
            return "Class: " + "; ".join([node.name] + [_def_head(m) for m in methods])
    return None


def _with_empty_bodies(source: str) -> str:
    """Source whose `def`/`class` heads that have no body (the next line is not indented under
    them) get `...` as one, so a reply of bare heads reads as the stub it means."""
    lines = source.rstrip().splitlines()
    out = []
    for i, line in enumerate(lines):
        out.append(line)
        head = re.match(r"(\s*)(?:async\s+)?(?:def|class)\s.*:\s*(?:#.*)?$", line)
        if head is None:
            continue
        following = next((later for later in lines[i + 1 :] if later.strip()), None)
        indent = len(head.group(1))
        if following is None or len(following) - len(following.lstrip()) <= indent:
            out.append(" " * (indent + 4) + "...")
    return "\n".join(out) + "\n"


def _def_head(node: ast.FunctionDef) -> str:
    head = f"{node.name}({ast.unparse(node.args)})"
    return head + (f" -> {ast.unparse(node.returns)}" if node.returns is not None else "")


def _parse_def(text: str, where: str) -> ast.FunctionDef:
    text = re.sub(r"^def\s+", "", text.strip()).rstrip(":").strip()
    try:
        module = ast.parse(f"def {text}:\n    pass\n")
    except SyntaxError as err:
        raise ParseError("malformed_signature", f"{where}: cannot parse {_clip(text)!r} ({err.msg})") from err
    except (ValueError, RecursionError, MemoryError) as err:
        raise ParseError("malformed_signature", f"{where}: cannot parse {_clip(text)!r}") from err
    if len(module.body) != 1 or not isinstance(module.body[0], ast.FunctionDef):
        raise ParseError("malformed_signature", f"{where}: {_clip(text)!r} is not one signature")
    return module.body[0]


def _params(node: ast.FunctionDef, where: str, drop_self: bool) -> list[Param]:
    args = node.args
    if args.vararg or args.kwarg or args.kwonlyargs or args.posonlyargs:
        raise ParseError("unsupported_params", f"{where}: only plain positional parameters are allowed")
    names = [a for a in args.args]
    if drop_self and names and names[0].arg == "self":
        names = names[1:]
    defaults = dict(zip([a.arg for a in args.args][len(args.args) - len(args.defaults) :], args.defaults))
    params = []
    for arg in names:
        if any(p.name == arg.arg for p in params):
            raise ParseError("duplicate_param", f"{where}: parameter {arg.arg!r} appears twice")
        if arg.annotation is None:
            raise ParseError("missing_type", f"{where}: parameter {arg.arg!r} has no type")
        default = defaults.get(arg.arg)
        params.append(Param(arg.arg, ast.unparse(arg.annotation), ast.unparse(default) if default is not None else ""))
    return params


def _returns(node: ast.FunctionDef, where: str, required: bool) -> str:
    if node.returns is None:
        if required:
            raise ParseError("missing_return_type", f"{where}: no '-> ReturnType'")
        return ""
    return ast.unparse(node.returns)


def _function_signature(instruction_id: str, body: str) -> Signature:
    node = _parse_def(body, "function")
    params = _params(node, node.name, drop_self=False)
    returns = _returns(node, node.name, required=True)
    raw = f"Function: {node.name}({', '.join(map(str, params))}) -> {returns}"
    return Signature(instruction_id, raw, "function", node.name, params, returns)


def _class_signature(instruction_id: str, parts: list[str]) -> Signature:
    name = parts[0] if parts else ""
    if not name.isidentifier():
        raise ParseError("malformed_signature", f"class name {name!r} is not an identifier")
    init_params: list[Param] = []
    methods: list[MethodSignature] = []
    seen: set[str] = set()
    for part in parts[1:]:
        node = _parse_def(part, name)
        if node.name in seen:
            raise ParseError("duplicate_method", f"{name}.{node.name} appears twice")
        seen.add(node.name)
        where = f"{name}.{node.name}"
        if node.name == "__init__":
            init_params = _params(node, where, drop_self=True)
            continue
        methods.append(MethodSignature(node.name, _params(node, where, drop_self=True), _returns(node, where, True)))
    if not methods:
        raise ParseError("no_methods", f"class {name} has no method besides __init__")
    pieces = [name, f"__init__(self{''.join(f', {p}' for p in init_params)}) -> None"]
    pieces += [f"{m.name}(self{''.join(f', {p}' for p in m.params)}) -> {m.returns}" for m in methods]
    raw = "Class: " + "; ".join(pieces)
    return Signature(instruction_id, raw, "class", name, init_params, methods[0].returns, methods, methods[0].name)


# --- code ----------------------------------------------------------------------------------

_PYTHON_LANGS = ("python", "py", "python3")


def _python_block(text: str) -> str:
    blocks = fenced_blocks(text)
    chosen = [b for b in blocks if b.lang in _PYTHON_LANGS] or [b for b in blocks if not b.lang]
    if not chosen:
        raise ParseError("no_code_block", "expected a ```python fenced block")
    block = chosen[0]
    if not block.closed:
        raise ParseError("unterminated_code_block", "the ```python block is not closed (output cut short?)")
    if not block.body.strip():
        raise ParseError("empty_code", "the ```python block is empty")
    return block.body.strip("\n")


def _solution_block(text: str) -> str:
    """The block that holds the solution: of the blocks with a top-level `def`/`class`, the one
    with the most of them (a formula or an example call before it is not the solution)."""
    blocks = [b for b in fenced_blocks(text) if b.lang in _PYTHON_LANGS or not b.lang]
    scored = []
    for order, block in enumerate(blocks):
        try:
            module = ast.parse(block.body)
        except (SyntaxError, ValueError, RecursionError):
            continue
        defs = [n for n in module.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
        solution = sum(not n.name.startswith("test") for n in defs)  # (a block of `test_*` functions is the tests)
        if defs and block.closed:
            scored.append((solution, len(defs), len(block.body), -order, block))
    if not scored:
        return _python_block(text)
    return max(scored, key=lambda s: s[:4])[4].body.strip("\n")


def _without_demo(code: str) -> str:
    """The solution without what the template asked to leave out: a main block, demo prints."""
    try:
        module = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError):
        return code
    lines = code.splitlines()
    drop = []
    demo = _trailing_demo(module)
    for node in module.body[demo:]:
        drop.append((node.lineno, node.end_lineno or node.lineno))
    for node in module.body[:demo]:
        is_main = isinstance(node, ast.If) and "__name__" in ast.unparse(node.test)
        is_demo = (
            isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and ast.unparse(node.value.func) == "print"
        ) or isinstance(node, ast.Assert)  # tests appended to the solution, which the template leaves out
        if is_main or is_demo or _appended_test(node, module):
            drop.append((node.lineno, node.end_lineno or node.lineno))
    for start, end in reversed(drop):
        del lines[start - 1 : end]
    if not drop:
        return code
    while lines and (not lines[-1].strip() or lines[-1].lstrip().startswith("#")):
        lines.pop()  # (`# Tests` over a demo that is gone)
    return "\n".join(lines).rstrip()


def _appended_test(node: ast.stmt, module: ast.Module) -> bool:
    """`def test_stdev(): ... assert ...` after the solution: a pytest test the template leaves out
    (tests come from their own stage). Only a `test*` function without parameters that asserts,
    beside a definition that is not one, so a solution named `test_prime(n)` stays."""
    if not (isinstance(node, ast.FunctionDef) and node.name.startswith("test") and not node.args.args):
        return False
    asserts = any(isinstance(n, ast.Assert) for n in ast.walk(node))
    return asserts and any(
        isinstance(other, (ast.FunctionDef, ast.ClassDef)) and not other.name.startswith("test")
        for other in module.body
    )


def _trailing_demo(module: ast.Module) -> int:
    """Where the demo after the last definition starts (`bag = SortedBag()`, `bag.add(3)`): calls,
    and assignments of calls to what the code defines or the demo made, and asserts on them;
    len(body) if none."""
    kept = len(module.body)
    defs = [i for i, n in enumerate(module.body) if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
    if not defs:
        return kept  # (no definitions: nothing to demonstrate)
    made = {module.body[i].name for i in defs}
    if all(_demo_statement(node, made) for node in module.body[defs[-1] + 1 :]):
        return defs[-1] + 1
    return kept


def _demo_statement(node: ast.stmt, made: set[str]) -> bool:
    """A statement of a demo: a call (or an assignment of one) on what the code defines or the demo
    made, an assert on them, or a `for` loop of such statements (`for w in words: t.add(w)`).
    `made` grows by the names the demo assigns."""
    if isinstance(node, ast.Assert):
        return any(isinstance(n, ast.Name) and n.id in made for n in ast.walk(node))  # (`assert q.pop() == 3`)
    if isinstance(node, ast.For) and not node.orelse and isinstance(node.target, ast.Name):
        return all(_demo_statement(inner, made) for inner in node.body)
    call = node.value if isinstance(node, (ast.Expr, ast.Assign)) else None
    if not isinstance(call, ast.Call):
        return False  # (a constant after the definitions is part of the solution)
    root = call.func
    while isinstance(root, (ast.Attribute, ast.Call)):  # (`t.add("a").add("b")`: a chain of calls on t)
        root = root.value if isinstance(root, ast.Attribute) else root.func
    if not (isinstance(root, ast.Name) and (root.id in made or root.id == "print")):
        return False
    if isinstance(node, ast.Assign):
        made |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return True


def _solution_from_json(text: str) -> str | None:
    """A JSON-mode reply (`{"solution": "def ..."}`): the string value that defines the most
    top-level functions and classes, under whatever key the model chose."""
    if text.lstrip()[:1] not in "[{":
        return None
    scored = []
    for order, value in enumerate(reply_text.json_strings(reply_text.load_json(text))):
        if "```" in value:  # `{"solution": "```python\ndef ...```"}`
            blocks = [b.body for b in fenced_blocks(value) if b.closed and (b.lang in _PYTHON_LANGS or not b.lang)]
            value = blocks[0] if blocks else value
        try:
            module = ast.parse(value)
        except (SyntaxError, ValueError, RecursionError):
            continue
        defs = sum(isinstance(n, (ast.FunctionDef, ast.ClassDef)) for n in module.body)
        if defs:
            scored.append((defs, len(value), -order, value))
    return max(scored)[3].strip("\n") if scored else None


def extract_code_block(text: str) -> str:
    """The solution's ```python block, chosen by content, syntax-checked, demo code removed."""
    prepared = _prepare(text)
    code = _without_demo(_solution_from_json(prepared) or _solution_block(prepared))
    try:
        ast.parse(code)
    except SyntaxError as err:
        raise ParseError("syntax_error", f"line {err.lineno}: {err.msg}") from err
    except (ValueError, RecursionError) as err:
        raise ParseError("syntax_error", str(err)) from err
    return code + "\n"


# --- scenarios -----------------------------------------------------------------------------


_BOLD_LABELLED = re.compile(r"^\*\*([^*\n]{1,60}?):?\*\*:?\s+(\S.*)$")


def _bold_labelled_lines(text: str) -> list[str]:
    """`**Empty input:** An empty list is a valid heap.`, one scenario per line with no list marker:
    the text after each label, where two lines or more read so (one such line is a heading)."""
    found = [m.group(2).strip() for m in map(_BOLD_LABELLED.match, reply_text.outside_fences(text)) if m]
    return found if len(found) >= 2 else []


_HEADING_ITEM = re.compile(
    r"^\s{0,3}(?:\*\*|__)?\s*(?:\d{1,3}[.)]|[-*+])\s+(?:\*\*|__)?([^*_\n.!?]{1,40}?)(?:\*\*|__)?:?\s*$"
)
_SUB_POINT = re.compile(r"^\s+(?:[-*+•]|\d+[.)])\s+(\S.*)$")
_EXAMPLE = re.compile(r"(?:for\s+example|for\s+instance|e\.g\.|example:|such\s+as)\b", re.I)


def _points_under_headings(text: str) -> list[str]:
    """`**1. Empty input**` with the scenario in an indented bullet under it (`- An empty list
    returns [].`), item after item: the points under the headings, examples among them left out.
    Empty unless every item of the list is such a short heading with points under it."""
    headings, points, under = 0, [], False
    for line in reply_text.outside_fences(text):
        if not line.strip():
            continue
        if _HEADING_ITEM.match(line):
            if headings and not under:
                return []  # (a heading with nothing under it: a plain list, read as one)
            headings, under = headings + 1, False
            continue
        sub = _SUB_POINT.match(line)
        if sub and headings:
            under = True
            if not _EXAMPLE.match(sub.group(1)):
                points.append(sub.group(1).strip())
        elif headings and not under:
            return []
    return points if headings >= 2 and under else []


# `1. The first add returns the added value itself.` with `e.g. add(5) -> 5` on the line under it: the
# example after the scenario's sentence is no part of it (as a sub-bullet under it is not)
_AN_EXAMPLE_AFTER = re.compile(r"(?<=[.!?])\s+[*_]*e\.g\.\s.*$", re.I | re.S)


_NUMBERED_LABEL = re.compile(
    r"^(?:scenario|case|test(?:\s+case)?)\s*#?\d{1,3}\s*(?:\*\*|__)?\s*[:.)–—-]\s*(?:\*\*|__)?\s*(?=\S)", re.I
)


def parse_scenarios(text: str, truncated: bool = False) -> list[str]:
    """Scenario hints, one per list item (or JSON string), duplicates dropped; sub-bullets
    (examples under a scenario) and echoed placeholders such as `<scenario>` are not scenarios."""
    text = _prepare(text)
    data = reply_text.load_json(text) if text.lstrip()[:1] in "[{" or "```json" in text else None
    entries = reply_text.json_list(data, ("scenarios", "test_scenarios", "cases"))
    if entries is not None:
        items = [
            e if isinstance(e, str) else reply_text.first_text(e, ("scenario", "description", "text", "name"))
            for e in entries
            if isinstance(e, (str, dict))
        ]
    else:
        items = (
            _points_under_headings(text) or [i.text for i in reply_text.list_items(text)] or _bold_labelled_lines(text)
        )
    if truncated:
        items = _cut_short(items, text, lambda item: item)
    _refuse_a_loop([_normalized(item) for item in items if item.strip()])
    scenarios: list[str] = []
    seen: set[str] = set()
    for item in items:
        item = _AN_EXAMPLE_AFTER.sub("", item.strip()).strip("*_").strip()
        item = _NUMBERED_LABEL.sub("", item)  # (`Scenario 5: Two runs of equal length: ...`: the number tells nothing)
        if item.startswith("```"):
            continue  # (`4. ```python assert f(1) == 2````: a code block in the list, not a scenario hint)
        if item and not re.fullmatch(r"<[^<>]{1,40}>", item) and _normalized(item) not in seen:
            seen.add(_normalized(item))
            scenarios.append(item)
    if not scenarios:
        raise ParseError("no_list", "expected a numbered list of scenarios")
    return scenarios


# --- tests ---------------------------------------------------------------------------------

TESTS_STAGE = "candidate_tests"


def _top_level_chunks(code: str) -> list[str]:
    """Split source at unindented lines, keeping decorators with the `def` they decorate."""
    chunks: list[list[str]] = []
    for line in code.splitlines():
        starts_chunk = bool(line) and not line[0].isspace() and not line.startswith(("#", ")", "]", "}"))
        continues_decorator = bool(chunks) and all(prior.startswith("@") or not prior.strip() for prior in chunks[-1])
        if starts_chunk and not continues_decorator or not chunks:
            chunks.append([line])
        else:
            chunks[-1].append(line)
    texts = []
    for chunk in chunks:
        # Comments between functions belong to neither: drop them from the chunk's end.
        while chunk and (not chunk[-1].strip() or chunk[-1].startswith("#")):
            chunk.pop()
        if chunk and not all(not part.strip() or part.lstrip().startswith("#") for part in chunk):
            texts.append("\n".join(chunk).strip("\n"))
    return texts


def _line_breaks_in_literals(source: str) -> str:
    """A JSON test string written with `\\n` inside a quoted literal (`"assert f('a\\nb') == 1"`): the
    model meant Python's escape, which JSON decodes to a line break that leaves the literal
    unterminated, so no reading of it is valid Python; the escape is put back."""
    lines = source.split("\n")
    joined = lines[:1]
    for line in lines[1:]:
        if _ends_inside_quotes(joined[-1]):
            joined[-1] += "\\n" + line
        else:
            joined.append(line)
    return "\n".join(joined)


def _ends_inside_quotes(line: str) -> bool:
    """Whether a line of Python ends inside a one-line string literal (a triple-quoted one, or a
    comment, ends the question: no)."""
    quote, i = "", 0
    while i < len(line):
        ch = line[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = ""
        elif line.startswith(('"""', "'''"), i) or ch == "#":
            return False
        elif ch in "'\"":
            quote = ch
        i += 1
    return bool(quote)


def _tests_source(text: str, truncated: bool) -> str:
    """All test code of a reply: every python block (one block per test is common), or the
    test strings of a JSON reply; a block cut by the token limit is read up to the cut."""
    data = reply_text.load_json(text) if text.lstrip()[:1] in "[{" else None
    entries = reply_text.json_list(data, ("tests", "test_cases", "unit_tests"))
    if entries is not None:
        sources = [
            e
            if isinstance(e, str)
            else reply_text.first_text(e, ("code", "test_code", "test", "source", "assert", "assertion", "body"))
            or next((t for t in reply_text.json_strings(e) if "assert " in t), "")
            for e in entries
            if isinstance(e, (str, dict))
        ]
        return "\n\n".join(_line_breaks_in_literals(s.strip()) for s in sources if s.strip())
    blocks = [b for b in fenced_blocks(text) if b.lang in _PYTHON_LANGS or not b.lang]
    usable = [b for b in blocks if b.closed or truncated]
    if not blocks:
        raise ParseError("no_code_block", "expected a ```python fenced block")
    if not usable:
        raise ParseError("unterminated_code_block", "the ```python block is not closed (output cut short?)")
    return "\n\n".join(b.body.strip("\n") for b in usable if "assert" in b.body)


def parse_tests(text: str, instruction_id: str, truncated: bool = False) -> tuple[list[TestCase], list[Rejection]]:
    """Split the fenced block into top-level test functions and check each one.

    One malformed test costs one `Rejection`, not the others: each chunk is parsed on its
    own by `testcases.parse_test`. Ids are `<instruction_id>-tNN` in order of appearance.
    An output with no usable code block at all is one rejection under the instruction's id.
    Never raises.
    """
    from vcot_assets.core.consensus.testcases import InvalidTest, parse_test

    try:
        code = _tests_source(_prepare(text) if isinstance(text, str) else text, truncated)
    except ParseError as err:
        return [], [Rejection(TESTS_STAGE, instruction_id, err.reason, err.detail)]
    tests: list[TestCase] = []
    rejections: list[Rejection] = []
    seen: dict[tuple[str, str, str], str] = {}
    chunks = _top_level_chunks(code)
    if truncated and chunks:
        chunks = chunks[:-1]  # the test being written at the cut
    for index, chunk in enumerate(chunks):
        test_id = f"{instruction_id}-t{index:02d}"
        if chunk.startswith("assert "):
            chunk = f"def test_{index:02d}():\n    " + chunk.replace("\n", "\n    ")
        if not re.match(r"^(?:@.*\n)*def\s+test", chunk):
            rejections.append(Rejection(TESTS_STAGE, test_id, "not_a_test", _clip(chunk)))
            continue
        try:
            test = parse_test(chunk + "\n", test_id, instruction_id)
        except InvalidTest as err:
            rejections.append(Rejection(TESTS_STAGE, test_id, err.reason, err.detail))
            continue
        # (`== None` and `is None` test one thing: the second is a repeat)
        key = (test.call, "==" if test.expected == "None" else test.operator, test.expected)
        if key in seen:
            rejections.append(Rejection(TESTS_STAGE, test_id, "duplicate_test", f"same as {seen[key]}"))
            continue
        seen[key] = test_id
        tests.append(test)
    if not tests and not rejections:
        rejections.append(Rejection(TESTS_STAGE, instruction_id, "no_tests", "the code block holds no test functions"))
    return tests, rejections


# --- narration -----------------------------------------------------------------------------

_ANSWER_MARKER = re.compile(
    r"^[\s*_#>-]*(?:\*\*)?(final\s+answer|answer|predicted\s+(?:output|input)|the\s+answer\s+is)"
    r"[*_\s]*[:=]?[*_\s]*(.*?)\s*$",
    re.IGNORECASE,
)
# `Answer:` after a full stop on the reply's last line, where a small model runs it into its paragraph
_INLINE_ANSWER = re.compile(r"(?<=[.!?])\s+(?:\*\*)?(?:final\s+)?answer\s*(?:\*\*)?\s*:(?:\*\*)?\s*\S.*$", re.I)
_LEAD_IN = re.compile(
    r"^(?:so\s+|thus\s+|therefore\s+)?(?:the\s+)?(?:function|call|program|method|result|output|return\s+value|answer)?"
    r"\s*(?:returns|would\s+return|will\s+return|is|evaluates\s+to|gives|=)\s+"
    # a backward answer named as such: `The call clamp_all(...) returns ...`, `the input is f(...)`
    r"|^(?:so\s+|thus\s+)?(?:the\s+)?(?:call|input|inputs|predicted\s+input|original\s+call)\s*(?:is\s+|was\s+|:\s*)?(?=[A-Za-z_][\w.]*\()",
    re.IGNORECASE,
)


def _boxed(text: str) -> str | None:
    """The content of the last `\\boxed{...}`, braces balanced."""
    start = text.rfind("\\boxed{")
    if start < 0:
        return None
    depth, i = 0, start + len("\\boxed")
    for j in range(i, len(text)):
        depth += {"{": 1, "}": -1}.get(text[j], 0)
        if depth == 0:
            return text[i + 1 : j]
    return None


_SENTENCE_BREAK = re.compile(r"[\w)\]}'\"]\.\s+[A-Za-z]")
_PROSE_AFTER_COMMA = re.compile(r",\s*(?:which|that|since|because|where|meaning)\s+(?:[a-z]|-?\d)")


def _expression_prefix(text: str) -> str | None:
    """The longest prefix of `text` that is one Python expression (an explanation may follow it)."""
    text = text.strip().strip("`").strip().replace("\\_", "_").replace("\\{", "{").replace("\\}", "}")
    if text.startswith("$") and text.endswith("$"):
        text = text.strip("$").strip()
    cuts = sorted({len(text)} | {i for i, ch in enumerate(text) if ch in " ,;(" and i > 0}, reverse=True)
    for cut in cuts:
        candidate = text[:cut].strip().rstrip(",;").strip().strip("`").strip()
        if candidate.endswith(".") and not candidate.endswith(".."):
            # a sentence's full stop, not a float's point (`` `f("aBc")`. ``: after the code span too)
            candidate = candidate[:-1].rstrip().strip("`").strip()
        if not candidate:
            continue
        if re.search(r",\s*[A-Za-z_]\w*$", candidate) and re.match(r"\s+-?\w", text[cut:]):
            continue  # `f(x), which returns ...`, `f(8), since 8 halves`: prose after the expression, not a tuple
        if _PROSE_AFTER_COMMA.search(re.sub(r"'[^']*'|\"[^\"]*\"", "''", candidate)):
            continue  # `[2, 1], which is 7 written in base 3`, `[0, 5, 6], since -2 is raised`: prose, not a tuple's part
        if _SENTENCE_BREAK.search(re.sub(r"'[^']*'|\"[^\"]*\"", "''", candidate)):
            continue  # `4.5. The result is a float`: a full stop and the next sentence, not `4.5 .The`
        if re.search(r"\s(?:is|in|and|or)\s+(?:not\s+)?(?:the|a|an|this|that|its|our)$", candidate):
            continue  # `[0, 3, 10] is the answer`: prose after the value, not a comparison with `the`
        try:
            ast.parse(candidate, mode="eval")
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        return candidate
    return None


_CONSTANTS = ("True", "False", "None")
_ANSWER_KEY = re.compile(r"answer|output|call|result|return|predict|input", re.I)


def _narration_from_json(text: str) -> tuple[str, str] | None:
    """A JSON-mode reply: the reasoning under a steps/reasoning key, the answer under an answer key."""
    if text.lstrip()[:1] != "{":
        return None
    data = reply_text.load_json(text)
    if not isinstance(data, dict):
        return None
    # The answer under the key that names it (`answer`, `final_answer`, `function_call`,
    # `predicted_output`, ...), the reasoning under any other key. JSON null is Python's None.
    answer_keys = [k for k in data if isinstance(k, str) and _ANSWER_KEY.search(k)]
    if not answer_keys:
        return None
    answer_key = min(answer_keys, key=lambda k: (not re.search(r"answer", k, re.I), len(k)))
    answer = data[answer_key]
    steps = [data[k] for k in data if k != answer_key and isinstance(data[k], (str, list))]
    if not steps:
        return None
    reasoning = "\n".join("\n".join(map(str, part)) if isinstance(part, list) else str(part) for part in steps)
    answer_text = answer if isinstance(answer, str) else repr(answer)  # null -> None, true -> True
    if isinstance(answer, str) and re.fullmatch(r"[A-Za-z_]\w*", answer.strip()) and answer.strip() not in _CONSTANTS:
        answer_text = repr(answer.strip())  # `"answer": "cdb"`: the JSON string is the value, 'cdb', not a name
    expression = _expression_prefix(_LEAD_IN.sub("", answer_text.strip()))
    if expression is None or not reasoning.strip():
        raise ParseError("answer_syntax", f"{_clip(answer_text)!r} is not a Python expression")
    return reasoning.strip(), expression


def parse_narration(text: str) -> tuple[str, str]:
    """(reasoning, answer): the text before the last answer line, and that line's value.

    Read as models write it: `Answer: X`, `**Answer:** `X``, `Predicted Output: X`,
    `Predicted Input: args`, `Answer: The function returns X.`, an answer on the line (or in the
    fenced block) after `Answer:`, `**Final Answer**` with `\\boxed{X}`. The answer must be a
    Python expression (a literal forward, a call or bare arguments backward); which one is the
    verifier's business. A sentence's full stop is not part of it (`Answer: 2.` is 2).
    """
    text = _prepare(text)
    from_json = _narration_from_json(text)
    if from_json is not None:
        return from_json
    lines = text.splitlines()
    answer_at = next((i for i in range(len(lines) - 1, -1, -1) if _ANSWER_MARKER.match(lines[i])), None)
    inline = _INLINE_ANSWER.search(lines[-1]) if answer_at is None and lines else None
    # (`... The seen list is the list of the seen. Answer: f(7, 3)`: the paragraph's last sentence)
    if inline is not None:
        lines = lines[:-1] + [lines[-1][: inline.start()], inline.group(0).strip()]
        answer_at = len(lines) - 1
    if answer_at is None:
        boxed = _boxed(text)
        if boxed is None:
            raise ParseError("no_answer", "expected a last line 'Answer: ...'")
        answer_at = next(i for i in range(len(lines) - 1, -1, -1) if "\\boxed{" in lines[i])
        raw = boxed
    else:
        raw = _ANSWER_MARKER.match(lines[answer_at]).group(2)  # type: ignore[union-attr]
        after = "\n".join(lines[answer_at + 1 :]).strip()
        boxed = _boxed(raw + "\n" + after)
        if boxed is not None:
            raw = boxed
        elif not raw.strip("*_` ") and after:
            blocks = fenced_blocks(after)
            raw = blocks[0].body.strip() if blocks else after.splitlines()[0]
    raw = _LEAD_IN.sub("", raw.strip().strip("*_").strip())
    if not raw.strip():
        raise ParseError("empty_answer", "the answer line has no value")
    answer = _expression_prefix(raw)
    if answer is None:
        raise ParseError("answer_syntax", f"{_clip(raw)!r} is not a Python expression")
    reasoning = "\n".join(lines[:answer_at]).strip()
    if not reasoning:
        raise ParseError("empty_reasoning", "there is no reasoning before the answer")
    return reasoning, answer


_INPUT_LABEL = re.compile(r"(?im)^\W*(?:predicted\s+)?inputs?\W*:")


def parse_backward_narration(text: str) -> tuple[str, str]:
    """`parse_narration` for a backward narration, whose answer is a call `f(...)`, or the
    arguments under an input label (the paper's `Predicted Input: [-2, 3, -1, 0], 2`). A bare
    value as the answer (`Answer: 'dctn'`, the output restated) answers a different question."""
    try:
        reasoning, answer = parse_narration(text)
    except ParseError:
        earlier = _answer_repeated_in_part(text)
        if earlier is None:
            raise
        reasoning, answer = earlier
    node = _call_node(answer)
    if not isinstance(node, ast.Call) and not (node is not None and _INPUT_LABEL.search(text)):
        # `Answer: f([5, 1, 8], 4)` then the same line again, cut (`The answer is f`): the whole one
        earlier = _answer_repeated_in_part(text)
        if earlier is None:
            raise ParseError("answer_not_a_call", f"a backward answer is a call f(...), got {_clip(answer)!r}")
        reasoning, answer = earlier
    if isinstance(node, ast.Call) and _names_no_value(node):
        raise ParseError("answer_not_concrete", f"{_clip(answer)!r} names its arguments and gives no values")
    return reasoning, answer


def _names_no_value(call: ast.Call) -> bool:
    """Whether every argument of the call is a bare lower-case name Python does not define
    (`f(s, c)`, `merge_counts(a, b)`: the parameters restated, a small model's answer): no call
    to run. A builtin (`key=len`) or a program's constant in capitals (`RED`) is a value."""
    arguments = call.args + [keyword.value for keyword in call.keywords]
    return bool(arguments) and all(
        isinstance(argument, ast.Name) and argument.id not in dir(builtins) and not argument.id.isupper()
        for argument in arguments
    )


def _call_node(answer: str) -> ast.expr | None:
    try:
        return ast.parse(answer.strip(), mode="eval").body
    except (SyntaxError, ValueError, RecursionError):
        return None


def _answer_repeated_in_part(text: str) -> tuple[str, str] | None:
    """The reading up to an answer line that is a call, where every answer line after it is that
    call again or the start of it (a small model repeating its answer and trailing off): never
    an earlier answer the reply went on to change."""
    lines = _prepare(text).splitlines()
    marked = [i for i, line in enumerate(lines) if _ANSWER_MARKER.match(line)]
    for k, i in enumerate(marked):
        try:
            reasoning, answer = parse_narration("\n".join(lines[: i + 1]))
        except ParseError:
            continue
        if not isinstance(_call_node(answer), ast.Call):
            continue
        later = [_ANSWER_MARKER.match(lines[j]).group(2).strip().strip("*_` .") for j in marked[k + 1 :]]  # type: ignore[union-attr]
        if later and all(told and answer.startswith(_LEAD_IN.sub("", told)) for told in later):
            return reasoning, answer
    return None


def structured_text(schema: str, text: object, truncated: bool) -> str:
    """A reply the provider held to `schema` (a template name), validated and written back as
    that template's canonical text. A reply cut by the token limit is written back with the list
    items it completed before the cut, so its text needs no cut handling of its own; one that
    completed none, or whose answer is one value, is `truncated`."""
    text = text if isinstance(text, str) else ""
    try:
        if not truncated:
            return canonical_text(schema, text)
        completed = completed_items_text(schema, text)
    except SchemaMismatch as err:
        raise ParseError("schema_mismatch", str(err)) from err
    if completed is None:
        raise ParseError("truncated", "a structured reply was cut by the token limit before it completed an item")
    return completed
