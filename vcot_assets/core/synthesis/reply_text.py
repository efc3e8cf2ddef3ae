"""Reading the shapes real models answer in: lists written a dozen ways, and JSON that is almost JSON.

Hand-written because no library reads "a numbered list of statements" out of chat replies:
models number items `1.`, `**1.**`, `Instruction 1:`, `### 1.`, bullet them, put them in a
Markdown table, add sub-bullets (examples, notes) that are not items, and wrap everything in a
lead-in and a closing remark. JSON is read with `json`, then repaired with `json_repair` (a
well-kept library for exactly this: trailing commas, single quotes, comments, a cut-off end).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Callable

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")

# An item starts at the left margin (up to 3 spaces): a number, a bullet, a labelled number
# (`Instruction 2:`), or a numbered Markdown header; emphasis may wrap the marker.
_ITEM_START = re.compile(
    r"""^(?P<indent>\ {0,3})
    (?:\#{1,6}\s*)?
    (?:[*_]{1,2})?\s*
    (?:
        (?P<number>\d{1,3})\s*[.):]
      | (?P<bullet>[-*+•])(?=\s)
      | (?P<label>(?:instruction|scenario|problem|exercise|statement|task|item|test|case)\s*\#?\s*\d{1,3})
        (?P<tag>\s*[\[(](?:function|class)[\])])?\s*[:.)-]
    )
    (?:[*_]{1,2})?\s*
    (?P<rest>.*)$""",
    re.IGNORECASE | re.VERBOSE,
)
_TABLE_ROW = re.compile(r"^\s*\|(.+)\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?[\s:|-]+\|?\s*$")
_HEADER = re.compile(r"^\s{0,3}#{1,6}\s")
_PLACEHOLDER = re.compile(r"^<[^<>]{1,40}>$")


@dataclass
class Item:
    text: str
    marker: str  # "number", "bullet" or "label": items of one list share a marker
    context: str  # the last header or bold line above the item (e.g. "Class exercises")


def outside_fences(text: str) -> list[str]:
    """The reply's lines that are not inside a fenced block."""
    lines, inside = [], False
    for line in text.splitlines():
        if _FENCE.match(line):
            inside = not inside
            continue
        if not inside:
            lines.append(line)
    return lines


def list_items(text: str) -> list[Item]:
    """Top-level list items, with their wrapped continuation lines joined.

    Indented bullets under an item are its sub-points (examples, notes), not items; a blank line
    followed by prose, a header or a table ends the item. When numbered items exist, bullets at
    the margin are sub-structure too; Markdown table rows count as items when there is no list.
    """
    lines = outside_fences(text)
    items: list[Item] = []
    current: list[str] | None = None
    marker = context = ""
    blank_before = wrapped = titled = False  # (wrapped: some item went on over a second line)
    for line in lines:
        match = _ITEM_START.match(line)
        stripped = line.strip()
        if match and match.group("rest").strip():
            if current is not None:
                items.append(Item(" ".join(current), marker, context))
            kind = "number" if match.group("number") else "label" if match.group("label") else "bullet"
            tag = (match.group("tag") or "").strip()  # `Instruction 1 (function): ...`: the kind, kept with the text
            current, marker = [f"{tag} {match.group('rest').strip()}".strip()], kind
            # (`**1. Typical input**` over an indented sentence: a bold title, the sentence the item)
            titled = line.lstrip(" #").startswith(("**", "__")) and match.group("rest").rstrip().endswith(("**", "__"))
            blank_before = False
            continue
        if not stripped:
            blank_before = True
            continue
        if _HEADER.match(line) or (stripped.startswith("**") and stripped.rstrip(":").endswith("**")):
            if current is not None:
                items.append(Item(" ".join(current), marker, context))
                current = None
            context = stripped.strip("#*_: ")
            continue
        if current is None:
            continue
        indent = len(line) - len(line.lstrip())
        sub_point = indent > 0 and re.match(r"^[-*+•]\s|^\d+[.)]\s", stripped)
        if sub_point or _TABLE_ROW.match(line):
            continue
        if indent > 0 and re.match(r"^[a-z][.)]\s", stripped):
            stripped = stripped[2:].strip()  # `a. one equal element`: a lettered sub-point, its text
        # A header-like item (`### 1. [function]`) holds its statement in the next paragraph.
        if (
            blank_before
            and indent == 0
            and (len(" ".join(current).split()) > 3 or re.search(r"[.!?]\**$", current[-1]))
        ):  # (`4. Negative fractions.` then a paragraph of prose: a whole item and a closing remark)
            items.append(Item(" ".join(current), marker, context))
            current = None
            continue
        if indent == 0 and items and not wrapped and re.search(r"[.!?]\**$", current[-1]) and stripped[:1].isupper():
            # (items of one line each, then a sentence at the margin right after the last: a remark)
            items.append(Item(" ".join(current), marker, context))
            current = None
            continue
        if titled and indent > 0 and len(current) == 1:
            current = []
        titled = False
        current.append(_WHOLE_LINE_EMPHASIS.sub(r"\2", stripped))  # (`*Note: ...*` under an item: its text)
        wrapped = True
        blank_before = False
    if current is not None:
        items.append(Item(" ".join(current), marker, context))
    numbered = [i for i in items if i.marker in ("number", "label")]
    if numbered:
        items = numbered
    items = [Item(_tidy(i.text), i.marker, i.context) for i in items]
    items = [i for i in items if i.text and not _PLACEHOLDER.match(i.text)]
    return items or _table_items(lines)


def _table_items(lines: list[str]) -> list[Item]:
    """Rows of a Markdown table: the widest cell of each row, the header row and rules left out."""
    rows = [line for line in lines if _TABLE_ROW.match(line)]
    items = []
    for index, row in enumerate(rows):
        if _TABLE_RULE.match(row):
            continue
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        following_rule = index + 1 < len(rows) and _TABLE_RULE.match(rows[index + 1])
        if following_rule:  # the header row
            continue
        text = max(cells, key=len)
        if text and not _PLACEHOLDER.match(text):
            items.append(Item(_tidy(text), "table", ""))
    return items


# a line wrapped whole in emphasis (`*Note: an empty list counts.*`, `__see above__`)
_WHOLE_LINE_EMPHASIS = re.compile(r"^(\*{1,2}|_{1,2})(?=\S)([^*_]+?)(?<=\S)\1$")


def _tidy(text: str) -> str:
    """Emphasis markers that wrap the whole item or dangle at its ends go; inner text stays."""
    text = " ".join(text.split())
    text = re.sub(r"^(\*\*|__)(.+?)\1\s*:\s*", r"\2: ", text)  # `**Label**: text` -> `Label: text`
    text = re.sub(r"^(\*\*|__)([^*_]+?):(\*\*|__)\s*", r"\2: ", text)  # `**Label:** text`
    if text.startswith("**") and text.endswith("**") and text.count("**") == 2:
        text = text[2:-2]
    return text.strip()


def cut_off_last(items: list, text: str) -> list:
    """Drop the last item of a reply cut by the token limit unless it visibly ended."""
    if items and not re.search(r"[.!?][)`\"'\]*]*\s*$", text.rstrip()):  # `(name, score)` may be cut mid-sentence
        return items[:-1]
    return items


@dataclass(frozen=True)
class FencedBlock:
    lang: str
    body: str
    closed: bool


_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*([A-Za-z0-9_+.-]*)[^`]*$")


def fenced_blocks(text: str) -> list[FencedBlock]:
    """Markdown fenced blocks in order; an unclosed last block runs to the end of the text."""
    blocks: list[FencedBlock] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        opening = _FENCE_OPEN.match(lines[i])
        if not opening:
            i += 1
            continue
        fence, lang = opening.group(1), opening.group(2).lower()
        body: list[str] = []
        i += 1
        closed = False
        while i < len(lines):
            stripped = lines[i].strip()
            if stripped.startswith(fence[0] * len(fence)) and set(stripped) == {fence[0]}:
                closed = True
                i += 1
                break
            body.append(lines[i])
            i += 1
        blocks.append(FencedBlock(lang, "\n".join(body), closed))
    return blocks


# --- JSON ------------------------------------------------------------------------------------


def json_candidates(text: str) -> list[str]:
    """Texts that may hold the reply's JSON: fenced blocks first, then the outermost bracket span."""
    found = [
        b.body for b in fenced_blocks(text) if b.lang in ("json", "", "python", "py") and b.body.strip()[:1] in "[{"
    ]
    starts = [i for i in (text.find("["), text.find("{")) if i >= 0]
    if starts:
        found.append(text[min(starts) :])
    return found


def load_json(text: str, wanted: Callable[[object], bool] | None = None) -> object | None:
    """The first JSON value in the reply, repaired if it is almost JSON; None if there is none.
    With `wanted`, the first such value it accepts: a block is chosen by what it holds, not where
    it stands (a format illustration such as `{"kind": ..., "name": ...}` may come first)."""
    for candidate in json_candidates(text):
        value = _json_value(candidate.strip())
        if value is not None and (wanted is None or wanted(value)):
            return value
    return None


def _json_value(candidate: str) -> object | None:
    try:
        return json.loads(candidate)
    except (ValueError, RecursionError):
        pass
    end = max(candidate.rfind("]"), candidate.rfind("}"))
    if end > 0:
        try:
            return json.loads(candidate[: end + 1])
        except (ValueError, RecursionError):
            pass
    return _repair(candidate)


def _repair(candidate: str) -> object | None:
    from json_repair import repair_json

    try:
        value = repair_json(candidate, return_objects=True, skip_json_loads=True)
    except Exception:  # the repairer is a best effort; anything it cannot do is "no JSON"
        return None
    return value if isinstance(value, (list, dict)) and value else None


def json_list(data: object, keys: tuple[str, ...] = ()) -> list | None:
    """The list a JSON reply holds: itself, or the list under a wrapper key (`{"tests": [...]}`)."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in keys:
            if isinstance(data.get(key), list):
                return data[key]
        lists = [value for value in data.values() if isinstance(value, list)]
        if len(lists) == 1:
            return lists[0]
        # `{"1": ..., "2": ...}`, also under the one wrapper key (`{"test_scenarios": {"1": ...}}`)
        wrapped = list(data.values()) if len(data) == 1 else [data[key] for key in keys if key in data]
        for numbered in (data, *wrapped):
            if isinstance(numbered, dict) and numbered and all(str(key).strip().isdigit() for key in numbered):
                return list(numbered.values())
    return None


def first_text(item: dict, keys: tuple[str, ...]) -> str:
    for key in keys:
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def json_strings(data: object, depth: int = 0) -> list[str]:
    """Every string inside a JSON value, in document order (keys excluded)."""
    if depth > 6:
        return []
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [text for value in data.values() for text in json_strings(value, depth + 1)]
    if isinstance(data, list):
        return [text for value in data for text in json_strings(value, depth + 1)]
    return []
